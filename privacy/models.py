"""A founder's data export waiting to be downloaded, and the operator's privacy and imprint
texts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class DataExport(models.Model):
    """One "download my data" ZIP, built in the background and downloaded once through the
    signed link mailed to the founder (privacy.exports)."""

    founder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    created_at = models.DateTimeField(default=timezone.now)
    # Empty until the worker has built it.
    built_at = models.DateTimeField(null=True, blank=True)
    content = models.BinaryField(blank=True, editable=False)
    # The link works once: the download sets this in a compare-and-swap.
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self):
        return f"{self.founder} · {self.created_at:%Y-%m-%d %H:%M}"


class LegalPage(models.Model):
    """The privacy notice and the imprint, in English and German, as the operator writes them
    in the admin. Until they do, the page says the operator has not published it yet."""

    PRIVACY, IMPRINT = "privacy", "imprint"
    KIND_CHOICES = [(PRIVACY, _("Privacy notice")), (IMPRINT, _("Imprint"))]

    kind = models.CharField(_("page"), max_length=10, choices=KIND_CHOICES, unique=True)
    text_en = models.TextField(
        _("text in English"), help_text=_("Plain text; blank lines start a paragraph.")
    )
    text_de = models.TextField(
        _("text in German"), help_text=_("Plain text; blank lines start a paragraph.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return self.get_kind_display()

    def text(self, language: str) -> str:
        return self.text_de if language.startswith("de") else self.text_en
