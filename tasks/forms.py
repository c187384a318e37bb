from typing import cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import clock, money
from accounts.forms import DECIMALS, DecimalCommaField, MoneyField
from accounts.money import format_money
from tasks import buyback, how_often
from tasks.choices import FOUNDER_OUTCOME_CHOICES, OUTCOME_CHOICES
from tasks.models import (
    AREA_CHOICES,
    DELEGATE_KIND_CHOICES,
    TIME_UNIT_CHOICES,
    Category,
    Delegate,
    Task,
    sensible_date,
)

# The empty choice comes first and is the default: an untouched field is "not rated", not 1.
SKILL_CHOICES = [
    ("", _("not rated")),
    (1, _("1 – not at all")),
    (2, _("2 – poorly")),
    (3, _("3 – okay")),
    (4, _("4 – well")),
    (5, _("5 – expert")),
]
# Dan Martell's time and energy audit: what an hour of the task is worth.
MONEY_CHOICES = [
    ("", _("not rated (suggested from the market rate)")),
    (1, _("$ – little")),
    (2, _("$$ – some")),
    (3, _("$$$ – a lot")),
    (4, _("$$$$ – the most")),
]
ENJOYMENT_CHOICES = [
    ("", _("not rated")),
    (1, _("1 – I hate it")),
    (2, _("2 – I dislike it")),
    (3, _("3 – neutral")),
    (4, _("4 – I like it")),
    (5, _("5 – I love it")),
]


def rating_field(label, choices):
    # Empty means "not rated" (None): no rule fires on it.
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, required=False, empty_value=None
    )


CORE_LABEL = _("Core to my business (product, growth, key relationships)")


class CoreFieldMixin(forms.ModelForm):
    """Core as a tick box that keeps "not rated": it shows the rated or suggested value, and
    an untouched box leaves a not-rated task not rated (the suggestion keeps counting)."""

    instance: Task

    def _init_core(self):
        if "core" in self.fields and self.instance.core is None:
            self.initial["core"] = self.instance.is_core

    def clean_core(self):
        if self.instance.core is None and "core" not in self.changed_data:
            return None
        return self.cleaned_data["core"]


class TaskForm(CoreFieldMixin, forms.ModelForm):
    skill = rating_field(_("How well do you do this yourself?"), SKILL_CHOICES)
    enjoyment = rating_field(_("How much do you like doing it?"), ENJOYMENT_CHOICES)
    money_rating = rating_field(_("What is an hour of it worth to your business?"), MONEY_CHOICES)
    core = forms.BooleanField(label=CORE_LABEL, required=False)

    class Meta:
        model = Task
        fields: tuple[str, ...] = (
            "title",
            "area",
            "time_amount",
            "time_unit",
            "skill",
            "enjoyment",
            "money_rating",
            "core",
            "outcome",
            "outcome_tool",
        )
        labels = {
            "time_amount": _("Hours"),
            "time_unit": _("How often"),
            "outcome": _("Drop it or automate it before anyone is paid to do it?"),
            "outcome_tool": _("Which tool would do it?"),
        }
        help_texts = {
            "time_amount": _(
                "The time it takes, e.g. 2 hours a month or 8 hours a year; for a one-off "
                "project: per week while it runs."
            ),
        }
        field_classes = DECIMALS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_core()
        if "outcome" in self.fields:
            outcome = cast(forms.ChoiceField, self.fields["outcome"])
            outcome.choices = [("", _("Not decided")), *FOUNDER_OUTCOME_CHOICES]
            if self.instance.outcome_is_suggested:
                outcome.help_text = _("Typical for this task: %(outcome)s.") % {
                    "outcome": dict(OUTCOME_CHOICES)[self.instance.suggested_outcome]
                }
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
    # Ticked after "you already have a task like this": add the second one all the same.
    add_anyway = forms.BooleanField(label=_("Add it anyway"), required=False)


class TaskDetailsForm(CoreFieldMixin, forms.ModelForm):
    """The rest of a quickly captured task, filled in right where it appeared (how often
    already says whether it recurs)."""

    skill = rating_field(_("How well do you do this yourself?"), SKILL_CHOICES)
    enjoyment = rating_field(_("How much do you like doing it?"), ENJOYMENT_CHOICES)
    core = forms.BooleanField(label=CORE_LABEL, required=False)

    class Meta:
        model = Task
        fields = ("area", "skill", "enjoyment", "core")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_core()


RATING_VALUES = [(value, str(value)) for value in range(1, 6)]


def _rating_buttons(label):
    # 1–5 as radio buttons; none chosen is "not rated" (None).
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_VALUES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )


class RateForm(forms.ModelForm):
    """One row of "rate your week": 1–5 as radio buttons, core as a toggle. The suggestion is
    preselected; saving makes the shown values the founder's own."""

    skill = _rating_buttons(_("Skill"))
    enjoyment = _rating_buttons(_("Enjoyment"))
    core = forms.BooleanField(label=_("Core work"), required=False)

    class Meta:
        model = Task
        fields = ("skill", "enjoyment", "core")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        task = self.instance
        suggestion = task.as_input()
        if task.skill is None and suggestion.effective_skill is not None:
            self.initial["skill"] = suggestion.effective_skill
        if task.core is None:
            self.initial["core"] = task.is_core


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
    hourly_rate = MoneyField(
        label=_("Hourly rate"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Leave empty to use the delegate's rate."),
    )

    # Offered when the task has a published work instruction: hand it over in the same step.
    send_instruction = forms.BooleanField(
        label=_("Email the work instruction to the delegate"), required=False, initial=True
    )
    note = forms.CharField(
        label=_("A note for them (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, owner, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        if task is None or not task.has_published_instruction():
            del self.fields["send_instruction"], self.fields["note"]
        self.delegates = {d.pk: d for d in Delegate.objects.filter(owner=owner)}
        cast(forms.ChoiceField, self.fields["delegate"]).choices = delegate_choices(
            self.delegates.values(), task
        )
        self.fields["start_date"].initial = clock.today()

    def clean_delegate(self):
        delegate = self.delegates.get(self.cleaned_data["delegate"])
        if delegate is None:
            raise forms.ValidationError(_("Choose one of your own delegates."))
        if "send_instruction" in self.fields:  # the confirmation names them
            self.fields["send_instruction"].label = _("Email the work instruction to %(name)s") % {
                "name": delegate.name
            }
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
        field_classes = DECIMALS
