"""Import with a preview: upload → preview (nothing written) → one confirmation.

The file is read and checked in tasks/imports.py; the rows wait in the session
(tasks/import_session.py); the
confirmation writes everything in one transaction (import_services.tasks_import_confirm).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import ratelimit
from accounts.selectors import founder_profile
from tasks import (
    classifier,
    how_often,
    import_background,
    import_matches,
    import_services,
    import_session,
    imports,
)
from tasks.csv_rows import CsvError
from tasks.import_forms import IMPORT, SKIP, ImportForm, import_rows_formset
from tasks.models import AREA_CHOICES, Category
from tasks.reasons import reasons_text
from tasks.templatetags.capture_tags import time_phrase


@login_required
def task_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    more = 0
    if request.method == "POST" and not imports.allow_import(request.user):
        problems = [
            _("You have uploaded %(max)s files in the last hour; please try again later.")
            % {"max": ratelimit.IMPORT.count}
        ]
        ctx = {"form": ImportForm(), "problems": problems, "more": 0}
        return render(request, "tasks/task_import.html", ctx, status=429)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
        if import_background.in_background(upload):
            job = import_background.start_background(
                owner=request.user, upload=upload, since=since, until=until
            )
            return redirect("task_import_progress", job=job)
        try:
            result = imports.read_upload(upload, since=since, until=until)
        except CsvError as err:
            problems, more = imports.shown_problems(err.problems, _)
        else:
            import_session.remember(request.session, result, name=upload.name)
            return redirect("task_import_preview")
    status = 400 if problems or form.errors else 200
    ctx = {"form": form, "problems": problems, "more": more}
    return render(request, "tasks/task_import.html", ctx, status=status)


@login_required
def task_import_progress(request, job):
    """A large file while the worker reads it: refreshes itself (htmx, or a plain refresh
    without JavaScript) until the preview or the refusal is ready."""
    state = import_background.background_job(job=job, owner=request.user)
    if state is None:
        messages.info(request, _("No import is waiting; upload a file first."))
        return redirect("task_import")
    if state["state"] == "done":
        import_background.finish_background(request.session, job=job, stored=state["stored"])
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("task_import_preview")
            return response
        return redirect("task_import_preview")
    if state["state"] == "refused":
        ctx = {"form": ImportForm(), "problems": state["problems"], "more": state["more"]}
        return render(request, "tasks/task_import.html", ctx, status=400)
    return render(request, "tasks/task_import_progress.html", {"job": job})


@login_required
def task_import_preview(request):
    stored = import_session.recall(request.session)
    if stored is None:
        messages.info(request, _("No import is waiting; upload a file first."))
        return redirect("task_import")
    rows = stored["rows"]
    matches, similar = import_matches.matching_tasks(owner=request.user, rows=rows)
    formset_class = import_rows_formset(len(rows))
    problems = []
    if request.method == "POST":
        if request.POST.get("token") != stored["token"]:
            messages.error(request, _("This preview is out of date; upload the file again."))
            return redirect("task_import")
        if "switch_reading" in request.POST:
            import_session.switch_reading(request.session)
            return redirect("task_import_preview")
        formset = formset_class(request.POST)
        if len(formset.forms) != len(rows):
            # A tampered form count: the formset says so, nothing is written.
            formset = formset_class(
                initial=[_initial(r, m) for r, m in zip(rows, matches, strict=True)]
            )
            problems = [_("The form does not match the preview; please choose again.")]
        elif formset.is_valid():
            try:
                created, updated = import_services.tasks_import_confirm(
                    owner=request.user,
                    rows=rows,
                    choices=formset.cleaned_data,
                    merge_into=[task.pk if task else None for task in similar],
                )
            except ValidationError as err:
                problems = err.messages
            else:
                import_session.forget(request.session)
                text = _("Imported: %(created)s new, %(updated)s updated.")
                messages.success(request, text % {"created": created, "updated": updated})
                return redirect("dashboard")
    else:
        formset = formset_class(
            initial=[_initial(r, m) for r, m in zip(rows, matches, strict=True)]
        )
    ctx = {
        "stored": stored,
        "lines": _lines(request, stored, matches, similar, formset),
        "formset": formset,
        "problems": problems,
        "about": _about(stored),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "tasks/task_import_preview.html", ctx, status=status)


@login_required
@require_POST
def task_import_cancel(request):
    import_session.forget(request.session)
    messages.info(request, _("Import cancelled; nothing was saved."))
    return redirect("task_import")


def _initial(row, match) -> dict:
    # A row that matches a task is skipped unless the founder chooses to update it; an
    # update keeps the founder's own values unless a field is ticked.
    return {
        "action": SKIP if match else IMPORT,
        "area": row.area,
        "recurring": row.recurring,
        "skill": row.skill,
        "enjoyment": row.enjoyment,
        "core": row.core,
        "take": [],
    }


def _why(items) -> list[str]:
    """The file's reasons as sentences: "billable client work: yours"."""
    areas = dict(AREA_CHOICES)
    sentences = []
    for template, params in items:
        values = dict(params)
        if "area" in values:
            values["area"] = str(areas.get(values["area"], values["area"]))
        sentences.append(_(template) % values)
    return sentences


def _changes(row, match) -> list[dict]:
    """Old → new per field for an update, the founder's unit kept for the time."""
    amount, unit = match.amount_as_given
    areas = dict(AREA_CHOICES)
    yes_no = {True: _("yes"), False: _("no"), None: _("not rated")}
    new_amount = how_often.amount_in_unit(row.hours_per_week, unit)
    fields = [
        ("hours", _("time"), time_phrase(amount, unit), time_phrase(new_amount, unit)),
        ("area", _("area"), areas.get(match.area), areas.get(row.area)),
        ("recurring", _("recurring"), yes_no[match.recurring], yes_no[row.recurring]),
        ("core", _("core"), yes_no[match.core], yes_no[row.core]),
    ]
    return [
        {"field": field, "label": label, "old": old, "new": new}
        for field, label, old, new in fields
        if old != new
    ]


def _about(stored) -> dict:
    """What the preview says about the file: its period, what counted, what did not."""
    period = stored.get("period")
    first, last = (date.fromisoformat(day) for day in period) if period else (None, None)
    alternative = stored.get("alternative")
    return {
        "first": first and formats.date_format(first),
        "last": last and formats.date_format(last),
        "counted": stored.get("counted", 0),
        "left_out": [_(t) % dict(p) for t, p in stored.get("left_out", [])],
        "left_out_count": sum(dict(p).get("count", 1) for _t, p in stored.get("left_out", [])),
        "label": stored.get("label"),
        "other_label": alternative and alternative["label"],
        "other_weeks": alternative and alternative["weeks"],
    }


def _lines(request, stored, matches, similar, formset) -> list[dict]:
    """Each row with its form, its match and the category the rules give it as it stands."""
    rows = stored["rows"]
    why = stored.get("why") or [[] for _row in rows]
    thresholds = founder_profile(user=request.user).thresholds()
    names = {category.code: category.name for category in Category.objects.all()}
    near_rows = import_matches.similar_rows(rows)
    lines = []
    for row, match, near, near_row, form, reasons in zip(
        rows, matches, similar, near_rows, formset.forms, why, strict=True
    ):
        result = classifier.classify(row, overloaded=False, thresholds=thresholds)
        lines.append(
            {
                "row": row,
                "match": match,
                "similar": near,
                "similar_row": near_row,
                "changes": _changes(row, match or near) if match or near else [],
                "why": _why(reasons),
                "form": form,
                "category": result.category,
                "category_name": names.get(result.category, result.category),
                "reasons": reasons_text(result.reasons),
                "unrated": classifier.unrated(row),
            }
        )
    return lines
