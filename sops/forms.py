from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import clock
from accounts.forms import PlainIntegerField
from sops import rules
from sops.models import MAX_STEPS, NOTE_MAX, Instruction
from sops.rendering import plain_text
from tasks.models import Delegate, sensible_date


class InstructionForm(forms.ModelForm):
    # The revision the form was opened at; a later save from an older revision is refused.
    revision = PlainIntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Instruction
        fields = (
            "title",
            "purpose",
            "done_definition",
            "tools",
            "estimated_minutes",
            "maintainer",
            "review_on",
        )
        field_classes = {"estimated_minutes": PlainIntegerField}
        help_texts = {
            "tools": _(
                "Names of tools and accounts only. Never put passwords here: share them "
                "through a password manager."
            ),
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "done_definition": forms.Textarea(attrs={"rows": 2}),
            "tools": forms.Textarea(attrs={"rows": 2}),
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date's default is computed, so Django would add a hidden copy of its initial
        # value and give it the field's aria-describedby, which a hidden input must not
        # have (invalid HTML). The copy only serves changed_data, which nothing here reads.
        self.fields["review_on"].show_hidden_initial = False


class StepForm(forms.Form):
    text = forms.CharField(
        label=_("What to do"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Markdown works: **bold**, lists, links."),
    )
    url = forms.URLField(
        label=_("Link or video"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a full web address, like https://example.com/video.")},
    )
    expected = forms.CharField(label=_("Expected result"), max_length=300, required=False)

    def has_changed(self):
        # The script numbers every step's ORDER; a step with nothing written is still empty.
        return any(name in self.changed_data for name in ("text", "url", "expected", "DELETE"))


# An instruction's steps, capped; a forged TOTAL_FORMS builds no more forms than that.
StepFormSet = forms.formset_factory(
    StepForm,
    extra=1,
    can_order=True,
    can_delete=True,
    max_num=MAX_STEPS,
    validate_max=True,
    absolute_max=MAX_STEPS,
)


def steps_from(formset) -> list[rules.StepData]:
    """The steps of a valid formset in the order given (ORDER), without deleted or blank ones."""
    return [
        rules.StepData(
            text=f.cleaned_data["text"].strip(),
            url=f.cleaned_data.get("url") or "",
            expected=(f.cleaned_data.get("expected") or "").strip(),
        )
        for f in formset.ordered_forms
        if f.cleaned_data.get("text")
    ]


def step_initial(steps: list[dict]) -> list[dict]:
    return [{**step, "ORDER": i + 1} for i, step in enumerate(steps)]


class HandoverLinkForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("For whom?"), queryset=Delegate.objects.none())
    days = PlainIntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=30)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        delegate = cast(forms.ModelChoiceField, self.fields["delegate"])
        delegate.queryset = Delegate.objects.filter(owner=owner)


class RunForm(forms.Form):
    # A date input only takes ISO dates; the localised "27.11.2026" would show an empty field.
    performed_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=sensible_date,
    )
    performed_by = forms.CharField(label=_("Who did it"), max_length=120)
    steps = forms.TypedMultipleChoiceField(
        label=_("Steps done"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = PlainIntegerField(label=_("Time taken (minutes)"), min_value=1, max_value=1440)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    urgent = forms.BooleanField(
        label=_("This note is urgent: email it at once"),
        required=False,
        help_text=_("Only for what can't wait until the founder's next look."),
    )

    def __init__(self, *args, version, for_delegate=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_delegate:
            del self.fields["urgent"]
        cast(forms.ChoiceField, self.fields["steps"]).choices = [
            (i, f"{i + 1}. {plain_text(step['text'])[:120]}")
            for i, step in enumerate(version.steps)
        ]
        self.fields["performed_on"].initial = clock.today()


class QuestionForm(forms.Form):
    """A message in a thread: the delegate's question, or the founder's answer."""

    text = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
    run = forms.IntegerField(required=False, widget=forms.HiddenInput)


class LinkSendForm(forms.Form):
    note = forms.CharField(
        label=_("A note for them (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
