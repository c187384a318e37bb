"""Quick capture: a title and the time it takes add a task without leaving the page.

With htmx (static/vendor/htmx) the form posts in the background and the server answers with
an HTML fragment: the task as classified by the same rules, and a small form for the rest
(area, recurring, ratings, core). Without JavaScript the same URLs take a normal POST and
redirect back to the page the founder came from.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import add_service_errors
from accounts.inputs import safe_next
from tasks import import_matches, services
from tasks.forms import QuickTaskForm, TaskDetailsForm
from tasks.views.common import get_task_for_user


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(request):
    """Where the form was: only a path on this site, else the dashboard."""
    return safe_next(request, request.POST.get("next"), default="dashboard")


def _changed(response):
    """The founder's tasks changed: a page with figures fetches them again (the dashboard's
    region listens for this event), so they never show the old values until a reload."""
    response["HX-Trigger"] = TASKS_CHANGED
    return response


TASKS_CHANGED = "tasks-changed"


def details_form(task, data=None) -> TaskDetailsForm:
    # The prefix keeps the ids unique when several added tasks are on one page.
    return TaskDetailsForm(data, instance=task, prefix=f"task-{task.pk}")


@login_required
@require_POST
def task_quick_add(request):
    form = QuickTaskForm(request.POST)
    if form.is_valid() and not form.cleaned_data.pop("add_anyway"):
        like = import_matches.task_like(owner=request.user, title=form.cleaned_data["title"])
        if like is not None:
            text = _("You already have a task like this: “%(title)s”. Add it anyway?")
            form.add_error("title", text % {"title": like.title})
    if form.is_valid():
        try:
            task = services.task_create(owner=request.user, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            if _is_htmx(request):
                # The task in the list, and (out of band) a fresh form with the focus back.
                ctx = {"task": task, "details": details_form(task), "quick_form": QuickTaskForm()}
                return _changed(render(request, "partials/quick_capture_added.html", ctx))
            messages.success(request, _("Task added: %(title)s.") % {"title": task.title})
            return _back(request)
    if _is_htmx(request):
        response = render(request, "partials/quick_capture_form.html", {"quick_form": form})
        response["HX-Retarget"] = "#quick-capture-form"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "tasks/quick_capture_page.html", {"quick_form": form}, status=400)


@login_required
@require_POST
def task_details(request, pk):
    task = get_task_for_user(request, pk)
    form = details_form(task, request.POST)
    if form.is_valid():
        try:
            task = services.task_update(task=task, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            if _is_htmx(request):
                ctx = {"task": task, "details": details_form(task), "saved": True}
                return _changed(render(request, "partials/quick_capture_task.html", ctx))
            messages.success(request, _("Task saved."))
            return _back(request)
    if _is_htmx(request):
        ctx = {"task": task, "details": form, "open": True}
        return render(request, "partials/quick_capture_task.html", ctx)
    return render(
        request, "tasks/task_details_page.html", {"task": task, "details": form}, status=400
    )
