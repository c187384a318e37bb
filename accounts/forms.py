"""The founder's account forms: sign-up, the first run and the profile."""

import re
from decimal import Decimal
from typing import cast

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import money, zones
from accounts.choices import LANGUAGE_CHOICES
from accounts.models import Profile, User, invisible_characters, normalize_email
from accounts.passwords import SignupPasswordsMixin


class DecimalCommaField(forms.DecimalField):
    """A decimal typed as "2.5" or, as Germans write it, "2,5".

    A text box rather than a number input: browsers disagree about a comma in a number
    input (some drop it and send 25), and a founder's typing should not depend on that.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    # Decimal places shown in the box: None shows what the number needs ("40", "2,5").
    places: int | None = None

    def to_python(self, value):
        if isinstance(value, str):
            value = plain_decimal(value, german=_german())
        return super().to_python(value)

    def prepare_value(self, value):
        """The number as the founder writes it: "1.000,00" / "2,5" in German."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return typed_decimal(Decimal(value), places=self.places)
        return value


class MoneyField(DecimalCommaField):
    """An amount: always with its cents, grouped by thousands ("1.000,00")."""

    places = 2


def _german() -> bool:
    return (get_language() or "en").startswith("de")


def plain_decimal(text: str, *, german: bool) -> str:
    """ "1.000,50" or "1,000.50" → "1000.50"; a lone comma is a decimal comma ("2,5"), and a
    lone group of thousands ("1.000" in German, "1,000" in English) is a thousand."""
    text = text.strip()
    for group, point in ((".", ","), (",", ".")):
        if re.fullmatch(rf"-?\d{{1,3}}(\{group}\d{{3}})+\{point}\d+", text):
            return text.replace(group, "").replace(",", ".")
    group = "." if german else ","
    if re.fullmatch(rf"-?\d{{1,3}}(\{group}\d{{3}})+", text):
        return text.replace(group, "")
    if "," in text and "." not in text:
        return text.replace(",", ".")
    return text


def typed_decimal(value: Decimal, *, places: int | None) -> str:
    if places is None:
        shown = format(value.normalize(), "f")
        decimals = len(shown.partition(".")[2])
        return number_format(value, decimal_pos=decimals)
    return number_format(value, decimal_pos=places, force_grouping=True)


# Every decimal a founder types: hours, money.
DECIMALS = {
    **dict.fromkeys(
        ("hours_per_week", "time_amount", "weekly_capacity", "time_eater_min_hours"),
        DecimalCommaField,
    ),
    **dict.fromkeys(
        (
            "hourly_value",
            "monthly_budget",
            "default_va_rate",
            "default_specialist_rate",
            "hourly_rate",
            "yearly_income",
        ),
        MoneyField,
    ),
}


def visible_only(value: str) -> None:
    if invisible_characters(value):
        raise forms.ValidationError(
            _(
                "The email address contains an invisible or control character (often copied "
                "along with it). Type the address again."
            ),
            code="invisible",
        )


class EmailAddressField(forms.EmailField):
    """An address in its one spelling (NFKC, lower case), refusing invisible characters
    before anything else looks at it."""

    def to_python(self, value):
        value = super().to_python(value)
        if invisible_characters(value):
            # Keep it as typed: the validator below names the problem.
            return value
        return normalize_email(value)

    def run_validators(self, value):
        visible_only(value)
        super().run_validators(value)


def currency_choices():
    return money.currency_names(get_language())


def time_zone_choices():
    """The zones grouped by region: <optgroup>s in the <select>, filtered by static/js/tz.js."""
    return [(region, [(zone, zone) for zone in names]) for region, names in zones.grouped()]


class TimeZoneSelect(forms.Select):
    """The picker with a search box in front of it (static/js/tz.js; a plain select without
    JavaScript). The browser's zone fills it at sign-up when nothing is chosen."""

    def __init__(self, attrs=None):
        search = _("Search time zones, e.g. Vienna")
        super().__init__({"data-tz-picker": "", "data-tz-search": search, **(attrs or {})})


class SignupForm(SignupPasswordsMixin, BaseUserCreationForm):
    email = EmailAddressField()
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="en")
    # Filled by static/js/tz.js with the browser's zone; the founder can change it later.
    time_zone = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-browser-tz": ""})
    )

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        return zone if zone in zones.TIME_ZONES else ""

    class Meta:
        model = User
        fields = ("email",)

    def validate_unique(self):
        """Not here: saying "already exists" tells anyone who has an account. A registered
        address gets a mail instead (accounts/signup.py)."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = (
            "currency",
            "hourly_value",
            "yearly_income",
            "weekly_capacity",
            "monthly_budget",
            "default_va_rate",
            "default_specialist_rate",
            "time_zone",
            "language",
            "digest_enabled",
            "digest_weekday",
            "digest_hour",
            "notify_enabled",
            "hate_max",
            "skill_gap_max",
            "time_eater_min_hours",
        )
        field_classes = DECIMALS
        widgets = {"time_zone": TimeZoneSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["currency"]).choices = currency_choices()
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()
        self.fields["hourly_value"].help_text = _(
            "What an hour of your time is worth to your business. Computed from your yearly "
            "income when you give one."
        )


class FirstRunForm(forms.Form):
    """A new founder's hourly value: typed in, or computed from a yearly income."""

    currency = forms.ChoiceField(label=_("Currency"), initial=money.DEFAULT_CURRENCY)
    hourly_value = MoneyField(
        label=_("What is an hour of your time worth?"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    yearly_income = MoneyField(
        label=_("…or what do you earn in a year?"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_(
            "We divide it by 2,000 working hours (Dan Martell). Delegated work should cost at "
            "most a quarter of that: your buyback rate."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["currency"]).choices = currency_choices()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        neither = data.get("hourly_value") is None and data.get("yearly_income") is None
        if neither and not self.errors:
            raise forms.ValidationError(_("Enter your hourly value, or your yearly income."))
        return data


def add_service_errors(form, err: ValidationError) -> None:
    """Show a service's ValidationError on the form, at the field where it names one."""
    if hasattr(err, "error_dict"):
        for field, errors in err.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, err)
