"""Import with a preview: upload → preview (nothing written) → one confirmation.

The file is read and checked in tasks/imports.py; the rows wait in the session; the
confirmation writes everything in one transaction (services.tasks_import_confirm).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import founder_profile
from tasks import classifier, imports, services
from tasks.csv_rows import CsvError
from tasks.import_forms import IMPORT, SKIP, ImportForm, import_rows_formset
from tasks.models import Category
from tasks.reasons import reasons_text


@login_required
def task_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    more = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.read_upload(upload)
        except CsvError as err:
            problems, more = imports.shown_problems(err.problems, _)
        else:
            imports.remember(request.session, result, name=upload.name)
            return redirect("task_import_preview")
    status = 400 if problems or form.errors else 200
    ctx = {"form": form, "problems": problems, "more": more}
    return render(request, "tasks/task_import.html", ctx, status=status)


@login_required
def task_import_preview(request):
    stored = imports.recall(request.session)
    if stored is None:
        messages.info(request, _("No import is waiting; upload a file first."))
        return redirect("task_import")
    rows = stored["rows"]
    matches = imports.matching_tasks(owner=request.user, rows=rows)
    formset_class = import_rows_formset(len(rows))
    problems = []
    if request.method == "POST":
        if request.POST.get("token") != stored["token"]:
            messages.error(request, _("This preview is out of date; upload the file again."))
            return redirect("task_import")
        formset = formset_class(request.POST)
        if formset.is_valid():
            try:
                created, updated = services.tasks_import_confirm(
                    owner=request.user, rows=rows, choices=formset.cleaned_data
                )
            except ValidationError as err:
                problems = err.messages
            else:
                imports.forget(request.session)
                text = _("Imported: %(created)s new, %(updated)s updated.")
                messages.success(request, text % {"created": created, "updated": updated})
                return redirect("dashboard")
    else:
        formset = formset_class(
            initial=[_initial(r, m) for r, m in zip(rows, matches, strict=True)]
        )
    ctx = {
        "stored": stored,
        "lines": _lines(request, rows, matches, formset),
        "formset": formset,
        "problems": problems,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "tasks/task_import_preview.html", ctx, status=status)


@login_required
@require_POST
def task_import_cancel(request):
    imports.forget(request.session)
    messages.info(request, _("Import cancelled; nothing was saved."))
    return redirect("task_import")


def _initial(row, match) -> dict:
    # A row that matches a task is skipped unless the founder chooses to update it.
    return {
        "action": SKIP if match else IMPORT,
        "area": row.area,
        "recurring": row.recurring,
        "skill": row.skill,
        "enjoyment": row.enjoyment,
        "core": row.core,
    }


def _lines(request, rows, matches, formset) -> list[dict]:
    """Each row with its form, its match and the category the rules give it as it stands."""
    thresholds = founder_profile(user=request.user).thresholds()
    names = {category.code: category.name for category in Category.objects.all()}
    lines = []
    for row, match, form in zip(rows, matches, formset.forms, strict=True):
        result = classifier.classify(row, overloaded=False, thresholds=thresholds)
        lines.append(
            {
                "row": row,
                "match": match,
                "form": form,
                "category": result.category,
                "category_name": names.get(result.category, result.category),
                "reasons": reasons_text(result.reasons),
                "unrated": classifier.unrated(row),
            }
        )
    return lines
