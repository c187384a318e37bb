"""The task export's columns and rows: the founder's CSV download and the consultants' admin
action write the same file."""

from tasks.csv_rows import COLUMNS

EXPORT_COLUMNS = (*COLUMNS, "category", "route", "status", "founder")
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _export_value(task, column: str):
    # The domain columns are the task's own fields, booleans as the import reads them.
    if column in ("recurring", "core"):
        return "yes" if getattr(task, column) else "no"
    return {
        "category": task.effective_category_id,
        "route": task.effective_route,
        "founder": task.owner.email,
    }.get(column, getattr(task, column, ""))


def task_row(task) -> list[str]:
    """One export row in EXPORT_COLUMNS order; every cell is kept from running as a formula
    (a title, and even an email address, may start with "=")."""
    return [_cell(_export_value(task, column)) for column in EXPORT_COLUMNS]
