"""The import's forms: the upload, and the founder's choice for each previewed row."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tasks.forms import ENJOYMENT_CHOICES, SKILL_CHOICES, rating_field
from tasks.models import AREA_CHOICES


class ImportForm(forms.Form):
    # An empty file gets the import's own message ("the file is empty"), like other problems.
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,
        help_text=_(
            "A task list (CSV), a time tracker's detailed export (Toggl Track, Clockify, "
            "Harvest) or a calendar (.ics). Nothing is saved before you have seen the preview."
        ),
    )
    since = forms.DateField(
        label=_("Only count from (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a time tracker's export or a calendar: leave empty to count it all."),
    )
    until = forms.DateField(
        label=_("until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        for name in ("since", "until"):
            day = data.get(name)
            if day and not 1970 <= day.year <= 2100:
                self.add_error(name, _("Choose a date between 1970 and 2100."))
        if since and until and since > until:
            self.add_error("until", _("The end comes before the start."))
        return data


IMPORT = "import"
MERGE = "merge"
SKIP = "skip"
# The fields an update may take from the file; the founder ticks each one.
TAKE_CHOICES = [
    ("hours", _("time")),
    ("area", _("area")),
    ("recurring", _("recurring")),
    ("core", _("core")),
]


class ImportRowForm(forms.Form):
    """The founder's choice for one previewed row: import it or not, and the ratings.

    The title and the hours stay as the file gave them (kept on the server); only these
    choices travel with the form, and they are validated like any other input.
    """

    action = forms.ChoiceField(
        label=_("Import"),
        choices=[(IMPORT, _("Import")), (MERGE, _("Merge")), (SKIP, _("Skip"))],
    )
    take = forms.MultipleChoiceField(
        label=_("Take from the file"), choices=TAKE_CHOICES, required=False
    )
    area = forms.ChoiceField(label=_("Area"), choices=AREA_CHOICES)
    recurring = forms.BooleanField(label=_("Recurring"), required=False)
    skill = rating_field(pgettext_lazy("rating", "Skill"), SKILL_CHOICES)
    enjoyment = rating_field(_("Enjoyment"), ENJOYMENT_CHOICES)
    core = forms.BooleanField(label=_("Core"), required=False)


def import_rows_formset(rows: int):
    """A formset of exactly `rows` forms: a tampered form count is an error, not a crash."""
    return forms.formset_factory(
        ImportRowForm,
        extra=0,
        min_num=rows,
        max_num=rows,
        validate_min=True,
        validate_max=True,
        absolute_max=rows,
    )
