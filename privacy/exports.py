"""What "download my data" puts in the ZIP: one kind per file, as JSON and as CSV, and a
README in the founder's language saying what each file holds.

KINDS is the list; privacy/tests/test_export.py checks that every model deletion removes
with a founder is in it (or named in NOT_EXPORTED with the reason). An app above this one (the
API's tokens and calendar feed) adds its kinds with `register` when it is ready.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile, User
from consultants.models import ChangeRecord, ConsultantInvite
from digest.models import WeeklyDigest
from privacy import export_files
from sops.models import (
    HandoverEvent,
    HandoverLink,
    Instruction,
    InstructionVersion,
    Question,
    Run,
    Step,
)
from tasks.models import Delegate, OverrideRecord, Task, TaskNote

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

# Secrets and machinery, never part of an export: a leaked ZIP opens no handover link, and
# holds no token's or calendar key's hash or first characters.
NEVER = {
    "token",
    "key_hash",
    "prefix",
    "lease_token",
    "lease_until",
    "content",
    "password",
}


@dataclass(frozen=True)
class Kind:
    name: str  # the file name, without .json / .csv
    model: type[models.Model]
    rows: Callable[[User], models.QuerySet]
    about: "StrOrPromise"  # what the file holds, for the README (translated when written)
    exclude: tuple[str, ...] = ()
    # The columns, when not the model's own fields (less NEVER and `exclude`): lookups or
    # annotations of `rows`, named so nothing else leaves the database.
    values: tuple[str, ...] = ()
    # The rows as plain dicts, when they are not one per database row.
    table: Callable[[User], list[dict]] | None = None


def _fields(kind: Kind) -> list[models.Field]:
    skip = NEVER | set(kind.exclude)
    return [f for f in kind.model._meta.concrete_fields if f.name not in skip]


def columns(kind: Kind) -> list[str]:
    if kind.values:
        return list(kind.values)
    return [f.attname for f in _fields(kind)]


def kind_rows(kind: Kind, user: User) -> list[dict]:
    names = columns(kind)
    if kind.table is not None:
        return [{name: row.get(name) for name in names} for row in kind.table(user)]
    return [dict(zip(names, row, strict=True)) for row in kind.rows(user).values_list(*names)]


def register(*kinds: Kind) -> None:
    """An app above this one adds its kinds (once, from its AppConfig.ready)."""
    known = {kind.name for kind in KINDS}
    KINDS.extend(kind for kind in kinds if kind.name not in known)


def _consultants(user: User) -> models.QuerySet:
    """The founder's consultants: who, and since when (the invitation the founder accepted;
    empty when the operator added the consultant)."""
    accepted = ConsultantInvite.objects.filter(
        consultant=OuterRef("pk"), founder=user, state=ConsultantInvite.ACCEPTED
    ).order_by("-answered_at")
    return (
        User.objects.filter(clients__user=user)
        .annotate(since=Subquery(accepted.values("answered_at")[:1]))
        .order_by("email")
    )


KINDS: list[Kind] = [
    Kind(
        "profile",
        Profile,
        lambda u: Profile.objects.filter(user=u),
        _("Your settings: hourly value, capacity, budget, rates, digest day and thresholds."),
    ),
    Kind(
        "tasks",
        Task,
        lambda u: Task.objects.filter(owner=u),
        _("Your tasks with their category, route, reasons and any override."),
    ),
    Kind(
        "overrides",
        OverrideRecord,
        lambda u: OverrideRecord.objects.filter(task__owner=u),
        _("Every time a category was overridden by hand, and why."),
    ),
    Kind(
        "delegates",
        Delegate,
        lambda u: Delegate.objects.filter(owner=u),
        _("The people you hand work to, with their rates and notes."),
    ),
    Kind(
        "instructions",
        Instruction,
        lambda u: Instruction.objects.filter(owner=u),
        _("Your work instructions as you last saved them (the draft)."),
    ),
    Kind(
        "instruction_steps",
        Step,
        lambda u: Step.objects.filter(instruction__owner=u),
        _("The steps of each instruction's draft, in order."),
    ),
    Kind(
        "instruction_versions",
        InstructionVersion,
        lambda u: InstructionVersion.objects.filter(instruction__owner=u),
        _("Every published version of each instruction, with its steps."),
    ),
    Kind(
        "handover_links",
        HandoverLink,
        lambda u: HandoverLink.objects.filter(instruction__owner=u),
        _("The links you shared with delegates (without their secret part)."),
        exclude=("acknowledged_version", "acknowledged_at"),
    ),
    Kind(
        "acknowledgements",
        HandoverLink,
        lambda u: HandoverLink.objects.filter(
            instruction__owner=u, acknowledged_version__isnull=False
        ),
        _("Which version each delegate confirmed they read, and when."),
        exclude=("created_at", "expires_at", "revoked_at", "mail_note", "mail_state", "mailed_at"),
    ),
    Kind(
        "runs",
        Run,
        lambda u: Run.objects.filter(instruction__owner=u),
        _("Every run of an instruction: who, when, the steps checked, notes and minutes."),
    ),
    Kind(
        "consultants",
        User,
        _consultants,
        _("The consultants who may see and change your data, and since when."),
        values=("id", "email", "first_name", "last_name", "since"),
    ),
    Kind(
        "consultant_notes",
        TaskNote,
        lambda u: TaskNote.objects.filter(task__owner=u),
        _("Your consultants' notes on your tasks."),
    ),
    Kind(
        "change_records",
        ChangeRecord,
        lambda u: ChangeRecord.objects.filter(founder=u),
        _("What your consultants changed of your tasks and settings, and when."),
    ),
    Kind(
        "consultant_invitations",
        ConsultantInvite,
        lambda u: ConsultantInvite.objects.filter(Q(founder=u) | Q(email__iexact=u.email)),
        _("Consultants' invitations to you and your answers."),
    ),
    Kind(
        "digests",
        WeeklyDigest,
        lambda u: WeeklyDigest.objects.filter(founder=u),
        _("The weekly digests with each week's figures."),
        exclude=("attempts", "claimed_at", "retry_at", "retry_until", "last_error"),
    ),
    Kind(
        "notifications",
        HandoverEvent,
        lambda u: HandoverEvent.objects.filter(founder=u),
        _("What delegates did (confirmed a version, recorded a run) and when you were told."),
    ),
    Kind(
        "questions",
        Question,
        lambda u: Question.objects.filter(link__instruction__owner=u),
        _("Questions between your delegates and you, per run or per instruction."),
    ),
]

# Models removed with a founder that the ZIP leaves out, and why.
NOT_EXPORTED = {
    "admin.LogEntry": "the operator's admin log, not the founder's data",
    "privacy.DataExport": "the exports themselves",
    # Bookkeeping of when mail goes out, derived from the settings in profile.json: never
    # exported before they left the profile either.
    "digest.DigestSlot": "the digest's next slot, planned from the digest day and hour",
    "sops.NewsHour": "when the last news email went out (the once-an-hour limit)",
}


def build_zip(user: User, *, language: str) -> bytes:
    german = language.startswith("de")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            rows = kind_rows(kind, user)
            archive.writestr(f"{kind.name}.json", export_files.json_bytes(rows))
            archive.writestr(
                f"{kind.name}.csv", export_files.csv_bytes(rows, columns(kind), german=german)
            )
        with translation.override(language):
            ctx = {
                "email": user.email,
                "made_at": timezone.now(),
                "kinds": [(kind.name, str(kind.about)) for kind in KINDS],
                "german": german,
            }
            readme = render_to_string("privacy/export_readme.txt", ctx)
        archive.writestr("README.txt", readme.encode("utf-8"))
    return buffer.getvalue()
