"""The task export's columns and rows: the founder's CSV download and the consultants' admin
action write the same file, in the language of whoever downloads it.

English keeps the codes the import reads (`time`, `project_freelancer`, `yes`); German is what a
German spreadsheet expects and the import reads back too: German headers, semicolons, decimal
commas, ja/nein and the German names (German editor's list #10)."""

import csv

from django.http import HttpResponse
from django.utils.translation import get_language

from accounts import clock
from tasks.choices import AREA_CHOICES, KIND_LABELS, ROUTE_CHOICES
from tasks.csv_rows import COLUMNS, GERMAN_COLUMNS

EXPORT_COLUMNS = (*COLUMNS, "category", "route", "status", "founder")
GERMAN_EXPORT_COLUMNS = (
    *(GERMAN_COLUMNS[c] for c in COLUMNS),
    "Kategorie",
    "Übernimmt",
    "Status",
    "Gründer",
)
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _export_value(task, column: str):
    # The domain columns are the task's own fields, booleans as the import reads them.
    if column in ("recurring", "core"):
        return "yes" if getattr(task, column) else "no"
    # Never getattr(task, "category") as a fallback: that loads the Category, one query a row.
    if column == "category":
        return task.effective_category_id
    if column == "route":
        return task.effective_route
    if column == "founder":
        return task.owner.email
    return getattr(task, column, "")


def _german_value(task, column: str):
    if column in ("recurring", "core"):
        return "ja" if getattr(task, column) else "nein"
    if column == "hours_per_week":
        return str(task.hours_per_week).replace(".", ",")
    labels = {
        "area": dict(AREA_CHOICES).get(task.area, task.area),
        "category": KIND_LABELS.get(task.effective_category_id, task.effective_category_id),
        "route": dict(ROUTE_CHOICES).get(task.effective_route, task.effective_route),
        "status": task.get_status_display(),
    }
    return labels.get(column, _export_value(task, column))


def task_row(task, *, german: bool = False) -> list[str]:
    """One export row in EXPORT_COLUMNS order; every cell is kept from running as a formula
    (a title, and even an email address, may start with "=")."""
    value = _german_value if german else _export_value
    return [_cell(value(task, column)) for column in EXPORT_COLUMNS]


def csv_response(tasks) -> HttpResponse:
    """The download: tasks in the reader's language (German: `;`, a BOM for Excel)."""
    german = (get_language() or "en").startswith("de")
    stamp = clock.today().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "aufgaben" if german else "tasks"
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    if german:
        response.write("\ufeff")  # German Excel reads UTF-8 only with it
    writer = csv.writer(response, delimiter=";" if german else ",")
    writer.writerow(GERMAN_EXPORT_COLUMNS if german else EXPORT_COLUMNS)
    for task in tasks:
        writer.writerow(task_row(task, german=german))
    return response
