"""A change of the founder's numbers, and the rules that read them, in one transaction.

The profile belongs to accounts (accounts.services.profile_write); the classification of the
founder's tasks reads its thresholds, capacity and hourly value, so every settings change
that can move a verdict goes through here: the settings page, the first run and a
consultant's edit in the admin.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Profile
from accounts.services import FIRST_RUN_FIELDS, profile_write
from tasks.services import tasks_reclassify


@transaction.atomic
def profile_update(*, profile: Profile, **fields) -> Profile:
    """The founder's settings, then every open task re-classified with them."""
    profile = profile_write(profile=profile, **fields)
    tasks_reclassify(owner=profile.user)
    return profile


@transaction.atomic
def profile_first_run(
    *,
    profile: Profile,
    currency: str,
    hourly_value: Decimal | None = None,
    yearly_income: Decimal | None = None,
    **numbers,
) -> Profile:
    """The first run: the founder's own hourly value, or their yearly income, and their
    currency; their week's capacity, monthly budget and the rates of a VA and a specialist
    (`numbers`, each optional here); only then are the figures theirs, not placeholders."""
    if hourly_value is None and yearly_income is None:
        raise ValidationError(
            {"hourly_value": _("Enter your hourly value, or your yearly income.")}
        )
    fields = {"currency": currency, "yearly_income": yearly_income}
    fields |= {
        key: value
        for key, value in numbers.items()
        if key in FIRST_RUN_FIELDS[2:] and value is not None
    }
    if hourly_value is not None and yearly_income is None:
        fields["hourly_value"] = hourly_value
    profile = profile_update(profile=profile, **fields)
    Profile.objects.filter(pk=profile.pk).update(hourly_value_confirmed=True)
    profile.hourly_value_confirmed = True
    return profile
