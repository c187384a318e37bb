"""The task list's filters, search and sort: a form for the query string and the queryset it
selects. Every value is checked against its choices; the lists come from the profile's
thresholds, as classifier.ducker_lists decides them for one task."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.inputs import parse_id
from accounts.models import Profile
from tasks import classifier, twins
from tasks.forms import TaskForm
from tasks.models import AREA_CHOICES, ROUTE_CHOICES, Task

PER_PAGE = 50
MAX_BULK = 500
KIND_CHOICES = [
    (classifier.TIME, _("Time")),
    (classifier.SKILL, _("Skill")),
    (classifier.SMART, _("Smart")),
    (classifier.KEEP, _("Keep")),
]
LIST_CHOICES = [
    (classifier.HATE_LIST, _("I hate it")),
    (classifier.CANT_DO_LIST, _("I can't do it")),
    (classifier.SHOULDNT_DO_LIST, _("I shouldn't do it")),
]
OPEN = "open"
# buyback.next_moves' candidates: the "and M more" of the next moves links here.
MOVES = "moves"
LET_GO = "let_go"
STATUS_FILTERS = [
    (OPEN, _("Open (not done)")),
    (MOVES, _("Next moves (to hand off, drop or automate)")),
    (LET_GO, _("Dropped or automated")),
    *Task.STATUS_CHOICES,
]
SORTS = {
    "hours": ("-hours_per_week",),
    "value": (F("net_value").desc(nulls_last=True), "-hours_per_week"),
    "title": ("title",),
    "changed": ("-updated_at",),
}
SORT_CHOICES = [
    ("hours", _("Hours")),
    ("value", _("Net value")),
    ("title", _("Title")),
    ("changed", _("Last change")),
]
BULK_DONE, BULK_REOPEN, BULK_DELETE = "done", "reopen", "delete"


def _any(choices, label):
    return [("", label), *choices]


class TaskFilterForm(forms.Form):
    """The query string of the task list (and its CSV export)."""

    q = forms.CharField(label=_("Search by title"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Category"), choices=_any(KIND_CHOICES, _("Any")), required=False
    )
    route = forms.ChoiceField(
        label=_("Route"), choices=_any(ROUTE_CHOICES, _("Any")), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_any(STATUS_FILTERS, _("Any")), required=False
    )
    area = forms.ChoiceField(label=_("Area"), choices=_any(AREA_CHOICES, _("Any")), required=False)
    list = forms.ChoiceField(label=_("List"), choices=_any(LIST_CHOICES, _("Any")), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs["class"] = f"{css} form-{css.split('-')[1]}-sm"


@dataclass(frozen=True)
class AndMore:
    """The end of a shortened list of tasks: "and M more", linking to the task list
    filtered to all of them. Every such list (dashboard, three lists, next moves, rating
    page, digest) ends with one, made by `and_more`, shown by partials/and_more.html."""

    more: int
    url: str


def and_more(*, total: int, shown: int, **filters: str) -> AndMore:
    """`total` tasks, `shown` of them listed; `filters` select them all on the task list."""
    query = urlencode({name: value for name, value in filters.items() if value})
    url = reverse("task_list") + (f"?{query}" if query else "")
    return AndMore(max(0, total - shown), url)


def ducker_list_q(code: str, profile: Profile) -> Q:
    """The tasks on one of Chris Ducker's lists, in SQL (classifier.ducker_lists per task)."""
    return twins.on_ducker_list(code, profile.thresholds())


def filtered_tasks(*, profile: Profile, filters: dict):
    """The founder's tasks as the (cleaned) filters select them, in the chosen order."""
    tasks = Task.objects.filter(owner_id=profile.user_id).annotate(
        kind=twins.effective_category(),
        way=twins.effective_route(),
        # Net value a week of handing it off; nothing for a task you keep: it sorts last.
        net_value=twins.net_value(profile.rates()),
    )
    if filters.get("q"):
        tasks = tasks.filter(title__icontains=filters["q"].strip())
    if filters.get("kind"):
        tasks = tasks.filter(kind=filters["kind"])
    if filters.get("route"):
        tasks = tasks.filter(way=filters["route"])
    if filters.get("status") == OPEN:
        tasks = tasks.filter(status__in=Task.OPEN_STATUSES)
    elif filters.get("status") == MOVES:
        tasks = tasks.filter(twins.is_move())
    elif filters.get("status") == LET_GO:
        tasks = tasks.filter(status__in=Task.LET_GO_STATUSES)
    elif filters.get("status"):
        tasks = tasks.filter(status=filters["status"])
    if filters.get("area"):
        tasks = tasks.filter(area=filters["area"])
    if filters.get("list"):
        tasks = tasks.filter(ducker_list_q(filters["list"], profile))
    return tasks.order_by(*SORTS[filters.get("sort") or "hours"], "pk")


class QuickEditForm(TaskForm):
    """Editing in place on the list: the task form's own fields and checks, fewer of them."""

    class Meta(TaskForm.Meta):
        fields = ("hours_per_week", "skill", "enjoyment", "money_rating", "core")


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (BULK_DONE, _("Mark done")),
            (BULK_REOPEN, _("Reopen")),
            (BULK_DELETE, _("Delete")),
        ]
    )
    ids = forms.CharField(required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.id_list = data.getlist("ids") if data is not None else []

    def clean(self):
        ids = [pk for pk in map(parse_id, self.id_list) if pk is not None]
        if not ids:
            raise forms.ValidationError(_("Choose at least one task."))
        if len(ids) > MAX_BULK:
            raise forms.ValidationError(
                _("Choose at most %(max)d tasks at once.") % {"max": MAX_BULK}
            )
        self.cleaned_data["ids"] = ids
        return self.cleaned_data
