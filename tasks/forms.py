from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile, User
from accounts.passwords import SignupPasswordsMixin
from tasks import csv_rows
from tasks.models import AREA_CHOICES, LANGUAGE_CHOICES, Category, Delegate, Task

SKILL_CHOICES = [
    (1, _("1 – not at all")),
    (2, _("2 – poorly")),
    (3, _("3 – okay")),
    (4, _("4 – well")),
    (5, _("5 – expert")),
]
ENJOYMENT_CHOICES = [
    (1, _("1 – I hate it")),
    (2, _("2 – I dislike it")),
    (3, _("3 – neutral")),
    (4, _("4 – I like it")),
    (5, _("5 – I love it")),
]
MAX_IMPORT_BYTES = 1024 * 1024


class DecimalCommaField(forms.DecimalField):
    """A decimal typed as "2.5" or, as Germans write it, "2,5".

    A text box rather than a number input: browsers disagree about a comma in a number
    input (some drop it and send 25), and a founder's typing should not depend on that.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str) and "," in value and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)


# Every decimal a founder types: hours, money.
DECIMALS = {
    name: DecimalCommaField
    for name in (
        "hours_per_week",
        "hourly_value",
        "weekly_capacity",
        "monthly_budget",
        "default_va_rate",
        "default_specialist_rate",
        "time_eater_min_hours",
        "hourly_rate",
    )
}


class SignupForm(SignupPasswordsMixin, BaseUserCreationForm):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="en")

    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class TaskForm(forms.ModelForm):
    skill = forms.TypedChoiceField(
        label=_("How well do you do this yourself?"), choices=SKILL_CHOICES, coerce=int
    )
    enjoyment = forms.TypedChoiceField(
        label=_("How much do you like doing it?"), choices=ENJOYMENT_CHOICES, coerce=int
    )

    class Meta:
        model = Task
        fields = ("title", "area", "hours_per_week", "recurring", "skill", "enjoyment", "core")
        labels = {
            "hours_per_week": _("Hours per week"),
            "recurring": _("Recurring routine task (not a one-off project)"),
            "core": _("Core to my business (product, growth, key relationships)"),
        }
        help_texts = {
            "hours_per_week": _("For a one-off project: per week while it runs. 0–168."),
        }
        field_classes = DECIMALS


class OverrideForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), empty_label=None
    )
    reason = forms.CharField(
        label=_("Why?"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Who takes it?"), queryset=Delegate.objects.none())
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hourly_rate = DecimalCommaField(
        label=_("Hourly rate"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Leave empty to use the delegate's rate."),
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = Delegate.objects.filter(owner=owner)
        self.fields["start_date"].initial = timezone.localdate()


class DelegateForm(forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label=_("Areas"),
        choices=AREA_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Delegate
        fields = ("name", "kind", "email", "areas", "hourly_rate", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = DECIMALS


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = (
            "hourly_value",
            "weekly_capacity",
            "monthly_budget",
            "default_va_rate",
            "default_specialist_rate",
            "time_zone",
            "language",
            "digest_enabled",
            "digest_weekday",
            "digest_hour",
            "hate_max",
            "skill_gap_max",
            "time_eater_min_hours",
        )
        field_classes = DECIMALS


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: title, area, hours_per_week, recurring, skill, enjoyment, core "
            "(German headers work too). Area is one of admin, customer_support, sales, "
            "marketing, product, tech, design, finance, legal, networking, other; recurring "
            "and core take yes or no; skill and enjoyment 1 to 5."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return csv_rows.decode(upload.read())
        except ValueError as err:
            raise forms.ValidationError(_("The file is not a text (CSV) file.")) from err
