"""The upload between the preview and the confirmation: kept in the founder's session (stored
on the server, bounded by IMPORT_MAX_ROWS), never in a form field the browser could change;
the confirmation form only carries the founder's choices, validated again."""

import secrets
from decimal import Decimal

from django.conf import settings

from tasks import classifier
from tasks.imports import Upload

SESSION_KEY = "task_import"


def remember(session, upload: Upload, *, name: str) -> None:
    session[SESSION_KEY] = stored_upload(upload, name=name)


def stored_upload(upload: Upload, *, name: str) -> dict:
    """The upload as the session keeps it between the preview and the confirmation."""
    alternative = upload.alternative
    return {
        "token": secrets.token_urlsafe(12),
        "kind": upload.kind,
        "weeks": upload.weeks,
        "name": name[:200],
        "rows": [_row_to_json(row) for row in upload.rows],
        "why": upload.why,
        "period": list(upload.period) if upload.period else None,
        "counted": upload.counted,
        "left_out": [[template, list(params)] for template, params in upload.left_out],
        "label": upload.label,
        "alternative": None
        if alternative is None
        else {
            "rows": [_row_to_json(row) for row in alternative.rows],
            "why": alternative.why,
            "weeks": alternative.weeks,
            "label": alternative.label,
        },
    }


def switch_reading(session) -> bool:
    """Read the dates the other way (DD/MM ↔ MM/DD); False when there is no other way."""
    stored = session.get(SESSION_KEY)
    if not stored or not stored.get("alternative"):
        return False
    other = stored["alternative"]
    stored["alternative"] = {key: stored[key] for key in ("rows", "why", "weeks", "label")}
    stored.update(other)
    stored["token"] = secrets.token_urlsafe(12)
    session[SESSION_KEY] = stored
    return True


def recall(session) -> dict | None:
    """The upload waiting for confirmation, its rows as TaskInput again; None if none."""
    stored = session.get(SESSION_KEY)
    if not stored:
        return None
    try:
        rows = [_row_from_json(row) for row in stored["rows"][: settings.IMPORT_MAX_ROWS]]
    except (KeyError, TypeError, ValueError):
        forget(session)
        return None
    return stored | {"rows": rows}


def forget(session) -> None:
    session.pop(SESSION_KEY, None)


def _row_to_json(row: classifier.TaskInput) -> dict:
    return {**vars(row), "hours_per_week": str(row.hours_per_week)}


def _row_from_json(data: dict) -> classifier.TaskInput:
    return classifier.TaskInput(
        title=str(data["title"]),
        area=str(data["area"]),
        hours_per_week=Decimal(data["hours_per_week"]),
        recurring=bool(data["recurring"]),
        skill=data["skill"],
        enjoyment=data["enjoyment"],
        core=None if data["core"] is None else bool(data["core"]),
    )
