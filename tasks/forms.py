from typing import cast

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile, User, invisible_characters, normalize_email
from accounts.passwords import SignupPasswordsMixin
from outsourcing.inputs import PLAIN_DECIMAL, PLAIN_INTEGER
from tasks import buyback, how_often, money, zones
from tasks.models import (
    AREA_CHOICES,
    DELEGATE_KIND_CHOICES,
    LANGUAGE_CHOICES,
    TIME_UNIT_CHOICES,
    Category,
    Delegate,
    Task,
    sensible_date,
)
from tasks.money import format_money

# The empty choice comes first and is the default: an untouched field is "not rated", not 1.
SKILL_CHOICES = [
    ("", _("not rated")),
    (1, _("1 – not at all")),
    (2, _("2 – poorly")),
    (3, _("3 – okay")),
    (4, _("4 – well")),
    (5, _("5 – expert")),
]
ENJOYMENT_CHOICES = [
    ("", _("not rated")),
    (1, _("1 – I hate it")),
    (2, _("2 – I dislike it")),
    (3, _("3 – neutral")),
    (4, _("4 – I like it")),
    (5, _("5 – I love it")),
]


class DecimalCommaField(forms.DecimalField):
    """A decimal typed as "2.5" or, as Germans write it, "2,5".

    A text box rather than a number input: browsers disagree about a comma in a number
    input (some drop it and send 25), and a founder's typing should not depend on that.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if "," in value and "." not in value:
                value = value.replace(",", ".")
            # As strict as the CSV: no "1_0", Arabic-Indic digits, "1e1" or "NaN".
            if value and not PLAIN_DECIMAL.fullmatch(value):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PlainIntegerField(forms.IntegerField):
    """A whole number in ASCII digits: int() also takes Arabic-Indic digits and "1_0"."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not PLAIN_INTEGER.fullmatch(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


# Every number a founder types: hours, money, and the whole numbers of the settings.
NUMBER_FIELDS: dict[str, type[forms.Field]] = dict.fromkeys(
    (
        "hours_per_week",
        "time_amount",
        "hourly_value",
        "weekly_capacity",
        "monthly_budget",
        "default_va_rate",
        "default_specialist_rate",
        "time_eater_min_hours",
        "hourly_rate",
        "yearly_income",
    ),
    DecimalCommaField,
) | dict.fromkeys(("digest_hour", "digest_weekday", "hate_max", "skill_gap_max"), PlainIntegerField)


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

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


def rating_field(label, choices):
    # Empty means "not rated" (None): no rule fires on it.
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, required=False, empty_value=None
    )


class TaskForm(forms.ModelForm):
    skill = rating_field(_("How well do you do this yourself?"), SKILL_CHOICES)
    enjoyment = rating_field(_("How much do you like doing it?"), ENJOYMENT_CHOICES)

    class Meta:
        model = Task
        fields: tuple[str, ...] = (
            "title",
            "area",
            "time_amount",
            "time_unit",
            "recurring",
            "skill",
            "enjoyment",
            "core",
        )
        labels = {
            "time_amount": _("Hours"),
            "time_unit": _("How often"),
            "recurring": _("Recurring routine task (not a one-off project)"),
            "core": _("Core to my business (product, growth, key relationships)"),
        }
        help_texts = {
            "time_amount": _(
                "The time it takes, e.g. 2 hours a month or 8 hours a year; for a one-off "
                "project: per week while it runs."
            ),
        }
        field_classes = NUMBER_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_amount" not in self.fields:
            return  # a form with fewer fields (the list's edit in place gives hours a week)
        self.fields["time_amount"].required = True
        if self.instance.pk and self.instance.time_amount is None:
            # Tasks from before "how often" existed were given per week.
            self.initial["time_amount"] = self.instance.hours_per_week


class QuickTaskForm(forms.Form):
    """A title and the time it takes: enough to add a task (the rest comes later)."""

    title = forms.CharField(label=_("Task"), max_length=200)
    time_amount = DecimalCommaField(label=_("Hours"), min_value=0, max_digits=7, decimal_places=2)
    time_unit = forms.ChoiceField(
        label=_("How often"), choices=TIME_UNIT_CHOICES, initial=how_often.WEEK
    )


class TaskDetailsForm(forms.ModelForm):
    """The rest of a quickly captured task, filled in right where it appeared."""

    skill = rating_field(_("How well do you do this yourself?"), SKILL_CHOICES)
    enjoyment = rating_field(_("How much do you like doing it?"), ENJOYMENT_CHOICES)

    class Meta:
        model = Task
        fields = ("area", "recurring", "skill", "enjoyment", "core")
        labels = TaskForm.Meta.labels


class OverrideForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), empty_label=None
    )
    reason = forms.CharField(
        label=_("Why?"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class DelegationForm(forms.Form):
    """The picker offers the delegates who fit the task first (tasks/buyback.delegate_fit)."""

    delegate = forms.TypedChoiceField(label=_("Who takes it?"), coerce=int)
    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=sensible_date,
    )
    hourly_rate = DecimalCommaField(
        label=_("Hourly rate"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Leave empty to use the delegate's rate."),
    )

    def __init__(self, *args, owner, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegates = {d.pk: d for d in Delegate.objects.filter(owner=owner)}
        cast(forms.ChoiceField, self.fields["delegate"]).choices = delegate_choices(
            self.delegates.values(), task
        )
        self.fields["start_date"].initial = timezone.localdate()

    def clean_delegate(self):
        delegate = self.delegates.get(self.cleaned_data["delegate"])
        if delegate is None:
            raise forms.ValidationError(_("Choose one of your own delegates."))
        return delegate


def delegate_choices(delegates, task) -> list:
    """Fitting delegates first (kind and area, then kind), each group by name; grouped into
    "Fits this task" and "Other delegates" when there is a task to fit."""
    kinds = dict(DELEGATE_KIND_CHOICES)

    def label(delegate):
        rate = format_money(delegate.hourly_rate, money.active(), get_language())
        return _("%(name)s — %(kind)s, %(rate)s/h") % {
            "name": delegate.name,
            "kind": kinds.get(delegate.kind, delegate.kind),
            "rate": rate,
        }

    empty = [("", "---------")]
    if task is None:
        return empty + [(d.pk, label(d)) for d in sorted(delegates, key=lambda d: d.name)]
    ranked = sorted(
        delegates,
        key=lambda d: (-buyback.delegate_fit(**_fit_args(d, task)), d.name.lower(), d.pk),
    )
    fitting = [(d.pk, label(d)) for d in ranked if buyback.delegate_fit(**_fit_args(d, task))]
    others = [(d.pk, label(d)) for d in ranked if not buyback.delegate_fit(**_fit_args(d, task))]
    groups = [(_("Fits this task"), fitting), (_("Other delegates"), others)]
    return empty + [(name, choices) for name, choices in groups if choices]


def _fit_args(delegate, task) -> dict:
    return {
        "kind": delegate.kind,
        "areas": delegate.areas or [],
        "route": task.effective_route,
        "area": task.area,
    }


class DelegateForm(forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label=_("Areas"),
        choices=AREA_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Delegate
        fields = ("name", "kind", "email", "language", "areas", "hourly_rate", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = NUMBER_FIELDS


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


class FirstRunForm(forms.Form):
    """A new founder's hourly value: typed in, or computed from a yearly income."""

    currency = forms.ChoiceField(label=_("Currency"), initial=money.DEFAULT_CURRENCY)
    hourly_value = DecimalCommaField(
        label=_("What is an hour of your time worth?"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    yearly_income = DecimalCommaField(
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
