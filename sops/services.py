"""Every write to work instructions, versions, handover links and runs goes through here."""

from collections.abc import Sequence
from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import clock
from accounts.models import User
from accounts.text import clean_model_text
from sops import mail, rules
from sops.models import (
    LINK_DAYS,
    LINK_SALT,
    HandoverEvent,
    HandoverLink,
    Instruction,
    InstructionVersion,
    Run,
    Step,
)
from sops.models import Template as InstructionTemplate
from tasks import services as task_services
from tasks.models import Delegate, Task

DRAFT_FIELDS: tuple[str, ...] = (
    "title",
    "purpose",
    "done_definition",
    "tools",
    "estimated_minutes",
)
DRAFT_FIELDS += ("maintainer", "review_on")


def _replace_steps(instruction: Instruction, steps: Sequence[rules.StepData]) -> None:
    instruction.steps.all().delete()
    new = [
        Step(instruction=instruction, position=i, text=s.text, url=s.url, expected=s.expected)
        for i, s in enumerate(steps)
    ]
    for step in new:
        clean_model_text(step)  # bulk_create sends no pre_save
        step.full_clean(exclude=["instruction"])
    Step.objects.bulk_create(new)


@transaction.atomic
def instruction_create(
    *, owner: User, task: Task | None = None, steps: Sequence[rules.StepData] = (), **fields
) -> Instruction:
    if task is not None and (task.owner_id != owner.id or hasattr(task, "instruction")):
        raise ValidationError({"task": _("Choose one of your tasks without an instruction.")})
    instruction = Instruction(owner=owner, task=task, **fields)
    instruction.full_clean(exclude=["owner", "task"])
    instruction.save()
    _replace_steps(instruction, list(steps))
    return instruction


@transaction.atomic
def instruction_save_draft(
    *, instruction: Instruction, revision: int, steps: list[rules.StepData], **fields
) -> Instruction:
    """Save the working draft, unless someone saved it since this form was opened."""
    for key in DRAFT_FIELDS:
        if key in fields:
            setattr(instruction, key, fields[key])
    instruction.full_clean(exclude=["owner", "task", "revision"])
    # Compare-and-swap on the revision: of two edits from the same revision, only one wins.
    won = Instruction.objects.filter(pk=instruction.pk, revision=revision).update(
        revision=F("revision") + 1, **{k: getattr(instruction, k) for k in DRAFT_FIELDS}
    )
    if not won:
        raise ValidationError(
            _(
                "Someone saved this instruction while you were editing it. Your text is "
                "still below: compare it with the current version, then save again."
            ),
            code="stale",
        )
    _replace_steps(instruction, steps)
    instruction.refresh_from_db()
    return instruction


@transaction.atomic
def instruction_publish(*, instruction: Instruction, by: User) -> InstructionVersion:
    """Freeze the draft as the next version; the task becomes ready to hand off."""
    instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
    content = instruction.draft_content()
    if not content["steps"]:
        raise ValidationError(_("Add at least one step before you publish."), code="no_steps")
    latest = instruction.latest_version()
    if latest is not None and latest.content() == content:
        raise ValidationError(_("Nothing changed since version %(n)s.") % {"n": latest.number})
    version = InstructionVersion.objects.create(
        instruction=instruction,
        number=(latest.number + 1) if latest else 1,
        title=instruction.title,
        purpose=instruction.purpose,
        done_definition=instruction.done_definition,
        tools=instruction.tools,
        estimated_minutes=instruction.estimated_minutes,
        steps=content["steps"],
        published_by=by,
    )
    if instruction.task_id:
        task_services.task_instruction_published(task_id=instruction.task_id)
    return version


@transaction.atomic
def instruction_from_template(
    *, owner: User, template: InstructionTemplate, language: str, task: Task | None = None
) -> Instruction:
    text = template.text(language)
    return instruction_create(
        owner=owner,
        task=task,
        title=text["title"],
        purpose=text["purpose"],
        done_definition=text["done_definition"],
        tools=text["tools"],
        estimated_minutes=template.estimated_minutes,
        steps=text["steps"],
    )


@transaction.atomic
def handover_link_create(
    *, instruction: Instruction, delegate: Delegate, days: int = LINK_DAYS
) -> HandoverLink:
    if delegate.owner_id != instruction.owner_id:
        raise ValidationError({"delegate": _("Choose one of your own delegates.")})
    if instruction.latest_version() is None:
        raise ValidationError(_("Publish the instruction before you share it."))
    if not 1 <= days <= 365:
        raise ValidationError({"days": _("A link lasts between 1 and 365 days.")})
    return HandoverLink.objects.create(
        instruction=instruction,
        delegate=delegate,
        expires_at=timezone.now() + timedelta(days=days),
    )


def delegation_link(*, instruction: Instruction, delegate: Delegate) -> HandoverLink:
    """The link that lives as long as the delegation: the one already running for this
    delegate (renewed, same URL), or a new one."""
    link = (
        HandoverLink.objects.filter(
            instruction=instruction, delegate=delegate, for_delegation=True, revoked_at=None
        )
        .order_by("-created_at")
        .first()
    )
    if link is None:
        link = handover_link_create(instruction=instruction, delegate=delegate)
        link.for_delegation = True
    link.expires_at = timezone.now() + timedelta(days=LINK_DAYS)
    link.save(update_fields=["for_delegation", "expires_at"])
    return link


def delegation_link_renew(*, link: HandoverLink) -> None:
    """A delegation's link opened while the task is still delegated: another LINK_DAYS."""
    if link.for_delegation and link.expires_at - timezone.now() < timedelta(days=LINK_DAYS - 1):
        HandoverLink.objects.filter(pk=link.pk, revoked_at=None).update(
            expires_at=timezone.now() + timedelta(days=LINK_DAYS)
        )


def delegation_links_revoke(*, task_ids: list[int]) -> int:
    """The tasks were taken back or are done: their delegation links stop opening."""
    return HandoverLink.objects.filter(
        instruction__task_id__in=task_ids, for_delegation=True, revoked_at=None
    ).update(revoked_at=timezone.now())


def handover_link_revoke(*, link: HandoverLink) -> HandoverLink:
    HandoverLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    link.refresh_from_db()
    return link


def handover_path(link: HandoverLink) -> str:
    """The delegate's secret URL (path only). Only the founder's own page calls this: no model
    method builds it, so no admin "view on site" can ever redirect to it."""
    return reverse("handover", args=[signing.dumps(link.token, salt=LINK_SALT)])


class LinkNotFound(Exception):
    """Tampered with: the page answers 404."""


class LinkGone(Exception):
    """Expired, revoked or deleted: the page answers 410."""


def handover_link_resolve(*, signed: str) -> HandoverLink:
    try:
        token = signing.loads(signed, salt=LINK_SALT)
    except signing.BadSignature as err:
        raise LinkNotFound from err
    link = (
        HandoverLink.objects.select_related("instruction__task", "delegate")
        .filter(token=token)
        .first()
    )
    # Only we sign tokens: a signed one with no row was deleted (revoked for good, or its
    # founder deleted their account), so it is gone, not unknown.
    if link is None or not link.is_active():
        raise LinkGone
    return link


@transaction.atomic
def handover_acknowledge(
    *, link: HandoverLink, version: InstructionVersion, notify: bool = True
) -> HandoverLink:
    changed = (
        HandoverLink.objects.filter(pk=link.pk)
        .exclude(acknowledged_version=version.number)
        .update(acknowledged_version=version.number, acknowledged_at=timezone.now())
    )
    link.refresh_from_db()
    if changed:  # a second click on the same version is no news
        mail.event_record(
            link=link,
            kind=HandoverEvent.ACKNOWLEDGED,
            version_number=version.number,
            notify=notify,
        )
    return link


@transaction.atomic
def run_record(
    *,
    version: InstructionVersion,
    performed_on: date,
    performed_by: str,
    checked_steps: list[int],
    minutes: int,
    notes: str = "",
    urgent: bool = False,
    link: HandoverLink | None = None,
    notify: bool = True,
) -> Run:
    """Record one run against the version followed; the task remembers its last run.
    urgent (a delegate's note that can't wait) mails the founder at once; notify=False (the
    demo's seed) records the news without mailing it."""
    instruction = version.instruction
    # "Today" is the founder's: a run on their Monday morning is not in the future.
    founder_today = clock.founder_today(clock.zone_of(instruction.owner_id))
    if performed_on > founder_today:
        raise ValidationError({"performed_on": _("A run can't be in the future.")})
    task = instruction.task
    if task is not None and task.delegated_on and performed_on < task.delegated_on:
        raise ValidationError(
            {
                "performed_on": _("The delegation began on %(date)s; a run can't be earlier.")
                % {"date": formats.date_format(task.delegated_on, "SHORT_DATE_FORMAT")}
            }
        )
    if link is not None and not link.has_acknowledged(version):
        raise ValidationError(
            _("Confirm that you have read version %(n)s first.") % {"n": version.number}
        )
    total = len(version.steps)
    run = Run(
        instruction=version.instruction,
        version=version,
        link=link,
        performed_on=performed_on,
        performed_by=performed_by.strip(),
        checked_steps=sorted({i for i in checked_steps if 0 <= i < total}),
        minutes=minutes,
        notes=notes.strip(),
        urgent=urgent and bool(notes.strip()),
        recorded_via=Run.LINK if link else Run.FOUNDER,
    )
    run.full_clean(exclude=["instruction", "version", "link", "checked_steps"])
    run.save()
    if link is not None:
        mail.event_record(
            link=link,
            kind=HandoverEvent.RUN,
            version_number=version.number,
            run=run,
            notify=notify,
        )
    if version.instruction.task_id:
        task_services.task_run_recorded(
            task_id=version.instruction.task_id, performed_on=performed_on
        )
    return run
