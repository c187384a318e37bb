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
            "A task list (CSV), a time tracker's detailed export (Toggl Track, Clockify) or "
            "a calendar (.ics). Nothing is saved before you have seen the preview."
        ),
    )


IMPORT = "import"
SKIP = "skip"


class ImportRowForm(forms.Form):
    """The founder's choice for one previewed row: import it or not, and the ratings.

    The title and the hours stay as the file gave them (kept on the server); only these
    choices travel with the form, and they are validated like any other input.
    """

    action = forms.ChoiceField(
        label=_("Import"), choices=[(IMPORT, _("Import")), (SKIP, _("Skip"))]
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
