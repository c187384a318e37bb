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

from accounts import money, numbers, zones
from accounts.choices import LANGUAGE_CHOICES
from accounts.inputs import PLAIN_DECIMAL, PLAIN_INTEGER
from accounts.models import Profile, User, invisible_characters, normalize_email
from accounts.money import format_money
from accounts.passwords import SignupPasswordsMixin
from accounts.services import FIRST_RUN_FIELDS


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
            # As strict as the CSV: no "1_0", Arabic-Indic digits, "1e1" or "NaN".
            if value and not PLAIN_DECIMAL.fullmatch(value):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
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


class PlainIntegerField(forms.IntegerField):
    """A whole number in ASCII digits: int() also takes Arabic-Indic digits and "1_0"."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not PLAIN_INTEGER.fullmatch(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


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
# And the whole numbers of the settings.
NUMBER_FIELDS: dict[str, type[forms.Field]] = {
    **DECIMALS,
    **dict.fromkeys(
        ("digest_hour", "digest_weekday", "hate_max", "skill_gap_max"), PlainIntegerField
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
            "display_name",
            "business_name",
            "currency",
            *FIRST_RUN_FIELDS,
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
        field_classes = NUMBER_FIELDS
        widgets = {"time_zone": TimeZoneSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["currency"]).choices = currency_choices()
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()
        self.fields["hourly_value"].help_text = _(
            "What an hour of your time is worth to your business. Computed from your yearly "
            "income when you give one."
        )


def _money_field(label, help_text=""):
    return DecimalCommaField(
        label=label, min_value=0, max_digits=8, decimal_places=2, help_text=help_text
    )


class FirstRunForm(forms.Form):
    """The first run in three short steps: your hour (typed in, or from a yearly income, and
    the currency), your week (capacity), your budget and what help costs where you hire. No
    field is filled in for the founder: nothing silently defaults."""

    # Step 1: your hour
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
    # Step 2: your week
    weekly_capacity = DecimalCommaField(
        label=_("How many hours a week can you work?"),
        min_value=0,
        max_value=168,
        max_digits=5,
        decimal_places=1,
        help_text=_("We warn you before your tasks add up to more."),
    )
    # Step 3: your budget, and what help costs where you hire
    monthly_budget = _money_field(_("What can you spend on help each month?"))
    default_va_rate = _money_field(_("What does a virtual assistant cost an hour?"))
    default_specialist_rate = _money_field(
        _("What does a specialist cost an hour (designer, developer, tax adviser)?")
    )
    va_rate_above_buyback = forms.BooleanField(
        label=_("I know: keep this rate anyway"), required=False
    )
    # The rate stopped before it is saved, and the "I know" box that keeps it: a VA buys back
    # time, so one above the buyback rate costs more than it buys back. A specialist above it
    # is usual for a skill the founder lacks: the dashboard flags it after the save instead.
    RATE_CHECKS = (("default_va_rate", "va_rate_above_buyback"),)
    STEPS = (
        (_("1. Your hour"), ("currency", "hourly_value", "yearly_income")),
        (_("2. Your week"), ("weekly_capacity",)),
        (
            _("3. Your budget and what help costs"),
            ("monthly_budget", "default_va_rate", "default_specialist_rate"),
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["currency"]).choices = currency_choices()
        # An "I know" box shows once its rate was flagged (or when it was ticked).
        self.flagged = {
            rate: bool(self.data.get(self.add_prefix(box))) for rate, box in self.RATE_CHECKS
        }

    def rate_box(self, name: str):
        """The "I know" box shown after a flagged rate field, else None."""
        box = dict(self.RATE_CHECKS).get(name)
        return self[box] if box and self.flagged[name] else None

    def steps(self):
        """The fields step by step, for the template: (field, its "I know" box or None)."""
        return [
            (title, [(self[name], self.rate_box(name)) for name in names])
            for title, names in self.STEPS
        ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        neither = data.get("hourly_value") is None and data.get("yearly_income") is None
        if neither and not self.errors:
            raise forms.ValidationError(_("Enter your hourly value, or your yearly income."))
        self._check_buyback_rate(data)
        return data

    def _check_buyback_rate(self, data) -> None:
        # Dan Martell's buyback rate: a quarter of your hour is the most help should cost.
        # The VA rate above it is flagged before anything is saved.
        hour = data.get("hourly_value")
        if data.get("yearly_income") is not None:
            hour = numbers.hourly_value_from_income(data["yearly_income"])
        if hour is None:
            return
        currency = data.get("currency") or money.DEFAULT_CURRENCY
        language = get_language()
        for name, box in self.RATE_CHECKS:
            rate = data.get(name)
            if rate is None or data.get(box) or not numbers.rate_above_buyback(rate, hour):
                continue
            self.add_error(
                name,
                _(
                    "%(rate)s an hour is above your buyback rate of %(buyback)s (a quarter of "
                    "your hour): this help would cost more than it buys back. Lower it, or "
                    "tick “I know” below to keep it."
                )
                % {
                    "rate": format_money(rate, currency, language),
                    "buyback": format_money(numbers.buyback_rate(hour), currency, language),
                },
            )
            self.flagged[name] = True


def add_service_errors(form, err: ValidationError) -> None:
    """Show a service's ValidationError on the form, at the field where it names one."""
    if hasattr(err, "error_dict"):
        for field, errors in err.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, err)
