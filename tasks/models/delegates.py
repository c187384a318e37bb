"""Who the founder hands work to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.versions import VersionedQuerySet
from tasks import classifier
from tasks.choices import (
    AREA_CHOICES,
    DELEGATE_KIND_CHOICES,
    LANGUAGE_CHOICES,
    not_negative,
)


class Delegate(models.Model):
    """Someone the founder hands work to: a VA, a project freelancer, an agency or specialist."""

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("founder")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=DELEGATE_KIND_CHOICES)
    email = models.EmailField(_("email"), blank=True)
    # The language of the mails this delegate gets (the handover link).
    language = models.CharField(
        _("language for emails"), max_length=2, choices=LANGUAGE_CHOICES, default="en"
    )
    areas = models.JSONField(_("areas"), default=list, blank=True)
    hourly_rate = models.DecimalField(
        _("hourly rate"), max_digits=8, decimal_places=2, validators=not_negative
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")

    def __str__(self):
        return self.name

    def area_labels(self) -> list[str]:
        labels = dict(AREA_CHOICES)
        return [str(labels.get(a, a)) for a in self.areas]

    def clean(self):
        # A JSON list of area names; the admin's JSON box also takes -1 or {"a": 1}.
        if not isinstance(self.areas, list) or not all(isinstance(a, str) for a in self.areas):
            raise ValidationError({"areas": _("Choose the areas from the list.")})
        unknown = [a for a in self.areas if a not in classifier.AREAS]
        if unknown:
            raise ValidationError({"areas": _("Unknown area: %s") % ", ".join(unknown)})
