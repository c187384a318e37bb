"""The template library: starter instructions in English and German."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from sops import rules
from sops.models import MAX_STEPS, minutes_validators
from tasks.models import AREA_CHOICES


class Template(models.Model):
    """A starter instruction in English and German; consultants add more in the admin."""

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    area = models.CharField(_("area"), max_length=20, choices=AREA_CHOICES)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), null=True, blank=True, validators=minutes_validators
    )
    title_en = models.CharField(max_length=200, verbose_name=_("title (EN)"))
    title_de = models.CharField(max_length=200, verbose_name=_("title (DE)"))
    purpose_en = models.TextField(blank=True, verbose_name=_("why it matters (EN)"))
    purpose_de = models.TextField(blank=True, verbose_name=_("why it matters (DE)"))
    done_en = models.TextField(blank=True, verbose_name=_("done when (EN)"))
    done_de = models.TextField(blank=True, verbose_name=_("done when (DE)"))
    tools_en = models.TextField(blank=True, verbose_name=_("tools (EN)"))
    tools_de = models.TextField(blank=True, verbose_name=_("tools (DE)"))
    steps_en = models.TextField(
        help_text=_("One step per line; an expected result may follow after “ | ”."),
        verbose_name=_("steps (EN)"),
    )
    steps_de = models.TextField(
        help_text=_("One step per line; an expected result may follow after “ | ”."),
        verbose_name=_("steps (DE)"),
    )
    # Who may change it: its author and superusers; a starter template (no author) only
    # superusers. Every founder copies from the library, so every change is signed.
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    changed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    changed_at = models.DateTimeField(_("last changed"), null=True, blank=True)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("instruction template")
        verbose_name_plural = _("instruction templates")

    def __str__(self):
        # In the reader's language: a German consultant copies "Belege buchen", not "Bookkeeping".
        return self.title_de if (get_language() or "en").startswith("de") else self.title_en

    def clean(self):
        for name in ("steps_en", "steps_de"):
            if len(rules.parse_template_steps(getattr(self, name))) > MAX_STEPS:
                raise ValidationError(
                    {name: _("A template has at most %(max)d steps.") % {"max": MAX_STEPS}}
                )

    def text(self, language: str | None = None) -> dict:
        """The template's text in a language ("de…" → German, anything else → English)."""
        de = (language or get_language() or "en").startswith("de")
        suffix = "de" if de else "en"
        return {
            "title": getattr(self, f"title_{suffix}"),
            "purpose": getattr(self, f"purpose_{suffix}"),
            "done_definition": getattr(self, f"done_{suffix}"),
            "tools": getattr(self, f"tools_{suffix}"),
            "steps": rules.parse_template_steps(getattr(self, f"steps_{suffix}")),
        }
