"""The task list (filters in the query string, 50 a page), its CSV export, bulk actions,
editing in place, and Chris Ducker's three lists side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from accounts import clock
from accounts.forms import add_service_errors
from accounts.selectors import founder_profile, request_profile
from dashboard import page_cache
from dashboard import reads as dashboard_reads
from sops.models import InstructionVersion
from tasks import buyback, classifier, services
from tasks.export import csv_response
from tasks.forms import ENJOYMENT_CHOICES, MONEY_CHOICES, SKILL_CHOICES
from tasks.models import Delegate, Task
from tasks.task_list import (
    BULK_DELETE,
    BULK_DONE,
    LIST_CHOICES,
    OPEN,
    PER_PAGE,
    BulkForm,
    QuickEditForm,
    TaskFilterForm,
    and_more,
    filtered_tasks,
)
from tasks.templatetags.buyback_tags import hours
from tasks.views.common import get_task_for_user

LIST_SHOWN = 20
published_versions = InstructionVersion.objects.filter(instruction__task=OuterRef("pk"))
FILTER_NAMES = tuple(TaskFilterForm.base_fields)


def _filters(request, params):
    """The cleaned filters, or none with a message (and a 400) when the query string is junk."""
    form = TaskFilterForm(params)
    if form.is_valid():
        return form, form.cleaned_data, 200
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
    return TaskFilterForm(), {}, 400


def _query(params, *, without=("page",)) -> str:
    """The list's own filters, re-encoded (never a foreign value passed through)."""
    kept = QueryDict(mutable=True)
    for name in (*FILTER_NAMES, "page"):
        if name not in without and params.get(name):
            kept[name] = params[name]
    return kept.urlencode()


def _back(query: str) -> str:
    kept = _query(QueryDict(query or ""), without=())
    url = reverse("task_list")
    return f"{url}?{kept}" if kept else url


def _options(choices) -> dict[str, str]:
    """Each choice's <option> list with that choice selected: built once a page, not a row."""
    html: dict[str, str] = {}
    for selected in ("", *(value for value, _label in choices)):
        html[str(selected)] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, " selected" if value == selected else "", label) for value, label in choices),
        )
    return html


def _prepare_rows(tasks, profile, edit_form, edit_pk):
    """What each row shows: its lists, and its in-place form's values and errors."""
    thresholds = profile.thresholds()
    skill, enjoyment = _options(SKILL_CHOICES), _options(ENJOYMENT_CHOICES)
    money = _options(MONEY_CHOICES)
    for task in tasks:
        task.lists = classifier.ducker_lists(
            task.as_input(), thresholds, route=task.effective_route
        )
        values = {
            "hours": hours(task.hours_per_week),
            "skill": str(task.skill),
            "enjoyment": str(task.enjoyment),
            "money": str(task.money_rating),
            "core": task.is_core,
            "errors": [],
        }
        if task.pk == edit_pk and edit_form is not None:
            data = edit_form.data
            values.update(
                hours=data.get("hours_per_week", ""),
                skill=data.get("skill", ""),
                enjoyment=data.get("enjoyment", ""),
                money=data.get("money_rating", ""),
                core=bool(data.get("core")),
                errors=[
                    f"{edit_form.fields[name].label}: {message}"
                    if name in edit_form.fields
                    else message
                    for name, messages in edit_form.errors.items()
                    for message in messages
                ],
            )
        values["skill_options"] = skill.get(values["skill"], skill[""])
        values["enjoyment_options"] = enjoyment.get(values["enjoyment"], enjoyment[""])
        values["money_options"] = money.get(values["money"], money[""])
        task.edit = values
    return tasks


@login_required
def task_list(request):
    """Computed once per version of the founder's data and address (filters, page), like the
    dashboard (page_cache); a page with a message (junk filters) is drawn, never stored."""
    profile = request_profile(user=request.user)
    return page_cache.cached_page(
        request,
        page="tasks",
        today=clock.founder_today(profile.time_zone),
        since=None,
        render=lambda extra: _render_list(request, request.GET, extra=extra),
    )


def _render_list(request, params, *, edit_form=None, edit_pk=None, status=200, extra=None):
    profile = request_profile(user=request.user)
    form, filters, filter_status = _filters(request, params)
    tasks = filtered_tasks(profile=profile, filters=filters).select_related(
        "category", "override_category", "delegate"
    )
    page = Paginator(tasks, PER_PAGE).get_page(params.get("page"))
    _prepare_rows(page.object_list, profile, edit_form, edit_pk)
    filtered = any(filters.get(name) for name in FILTER_NAMES if name != "sort")
    ctx = {
        "form": form,
        "page": page,
        "query": _query(params),
        "query_page": _query(params, without=()),
        "list_names": dict(LIST_CHOICES),
        # The in-place form's labels, translated once a page rather than once a row.
        "labels": {
            "hours": _("Hours per week"),
            "skill": pgettext("rating", "Skill"),
            "enjoyment": _("Enjoyment"),
            "money": _("Money value"),
            "core": _("Core"),
            "save": _("Save"),
        },
        "filtered": filtered,
        # The export says what it exports: the filtered rows, and everything beside it.
        "shown_count": page.paginator.count,
        "all_count": Task.objects.filter(owner=request.user).count() if filtered else None,
        **(extra or {}),
    }
    return render(request, "tasks/task_list.html", ctx, status=max(status, filter_status))


@login_required
def task_export(request):
    profile = founder_profile(user=request.user)
    form = TaskFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("These filters are not valid."), status=400)
    tasks = filtered_tasks(profile=profile, filters=form.cleaned_data).select_related("owner")
    return csv_response(tasks.iterator(chunk_size=500))


@login_required
@require_POST
def task_bulk(request):
    form = BulkForm(request.POST)
    back = _back(request.POST.get("query", ""))
    if not form.is_valid():
        for error in form.non_field_errors() or [_("Choose what to do with the tasks.")]:
            messages.error(request, str(error))
        return redirect(back)
    action, ids = form.cleaned_data["action"], form.cleaned_data["ids"]
    tasks = Task.objects.filter(owner=request.user, pk__in=ids).order_by("title", "pk")
    if "confirm" not in request.POST:
        ctx = {"tasks": tasks, "action": action, "form": form, "query": request.POST.get("query")}
        return render(request, "tasks/task_bulk_confirm.html", ctx)
    if action == BULK_DELETE:
        count = len(tasks)
        services.tasks_delete(queryset=tasks)
        text = ngettext("%(count)d task deleted.", "%(count)d tasks deleted.", count)
    elif action == BULK_DONE:
        count = services.tasks_finish(owner=request.user, ids=ids)
        text = ngettext("%(count)d task marked done.", "%(count)d tasks marked done.", count)
    else:
        count = services.tasks_reopen(owner=request.user, ids=ids)
        text = ngettext("%(count)d task reopened.", "%(count)d tasks reopened.", count)
    messages.success(request, text % {"count": count})
    return redirect(back)


@login_required
@require_POST
def task_quick_edit(request, pk):
    task = get_task_for_user(request, pk)
    form = QuickEditForm(request.POST, instance=task)
    if form.is_valid():
        try:
            task = services.task_update(task=task, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(
                request,
                _("Saved “%(title)s”: now %(kind)s, %(route)s.")
                % {
                    "title": task.title,
                    "kind": task.category.name,
                    "route": task.get_effective_route_display(),
                },
            )
            return redirect(f"{_back(request.POST.get('query', ''))}#task-{task.pk}")
    # Show the list as it was, with this row's errors: nothing was saved.
    params = QueryDict(request.POST.get("query", ""))
    return _render_list(request, params, edit_form=form, edit_pk=task.pk, status=400)


@login_required
def task_lists(request):
    """Chris Ducker's three lists side by side: the open tasks still on the founder's plate.
    Computed once per version of the founder's data, like the dashboard (page_cache)."""
    profile = request_profile(user=request.user)
    return page_cache.cached_page(
        request,
        page="lists",
        today=clock.founder_today(profile.time_zone),
        since=None,
        render=lambda extra: _task_lists(request, profile, extra),
    )


def _task_lists(request, profile, extra: dict):
    kinds = set(Delegate.objects.filter(owner=request.user).values_list("kind", flat=True))
    columns = []
    for code, name in LIST_CHOICES:
        tasks = (
            filtered_tasks(profile=profile, filters={"list": code})
            .filter(status__in=buyback.MOVE_STATUSES)
            .annotate(has_instruction=Exists(published_versions))
        )
        shown = list(tasks[:LIST_SHOWN])
        for task in shown:
            task.step = None
            if task.way != classifier.KEEP:
                task.step = buyback.next_step(
                    task.way,
                    has_instruction=task.has_instruction,
                    has_fitting_delegate=task.way in kinds,
                )
        count = tasks.count()
        rest = and_more(total=count, shown=len(shown), list=code, status=OPEN)
        columns.append({"code": code, "name": name, "count": count, "tasks": shown, "rest": rest})
    let_go = dashboard_reads.let_go(owner_id=request.user.pk, shown=LIST_SHOWN)
    context = {
        "columns": columns,
        "shown": LIST_SHOWN,
        "let_go": let_go.tasks,
        "let_go_hours": let_go.hours,
        "let_go_rest": let_go.rest,
        **extra,
    }
    return render(request, "tasks/task_lists.html", context)
