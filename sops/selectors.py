"""Reads for the instruction pages and the task panel."""

from sops import rules
from sops.models import HandoverLink, Instruction, Run
from tasks.models import Task


def instructions_for(*, owner) -> list[Instruction]:
    instructions = list(
        Instruction.objects.filter(owner=owner).select_related("task").prefetch_related("versions")
    )
    for instruction in instructions:
        versions = sorted(instruction.versions.all(), key=lambda v: v.number)
        instruction.published = versions[-1] if versions else None  # type: ignore[attr-defined]  # for the list page
    return instructions


def draft_changed(instruction: Instruction, latest) -> bool:
    """Whether the working draft differs from the latest published version."""
    return latest is None or latest.content() != instruction.draft_content()


def recent_runs(*, instruction: Instruction, limit: int = 10) -> list[Run]:
    runs = list(instruction.runs.select_related("version", "link__delegate")[:limit])
    for run in runs:
        run.done, run.total = run.progress()  # type: ignore[attr-defined]  # for the run list
    return runs


def task_instruction_status(*, task: Task) -> dict:
    """What the task page shows about its work instruction."""
    instruction = Instruction.objects.filter(task=task).first()
    if instruction is None:
        return {"instruction": None}
    latest = instruction.latest_version()
    return {
        "instruction": instruction,
        "latest": latest,
        "draft_changed": draft_changed(instruction, latest),
        "overdue": instruction.review_overdue(),
        "runs": recent_runs(instruction=instruction, limit=3),
    }


def active_links(*, instruction: Instruction) -> list[HandoverLink]:
    return list(instruction.links.select_related("delegate"))


def version_changes(old, new) -> list[dict]:
    """The changes with a translated label for each field (steps are labelled by number)."""
    changes = rules.changes_between(old.content() if old else {}, new.content())
    return [
        {
            "kind": c.kind,
            # A "field" change names one of the instruction's own text fields, never a relation.
            "name": Instruction._meta.get_field(c.name).verbose_name  # type: ignore[union-attr]
            if c.kind == "field"
            else c.name,
            "old": c.old,
            "new": c.new,
        }
        for c in changes
    ]


def delegate_runs(*, link: HandoverLink, limit: int = 20) -> list[dict]:
    """The delegate's own past runs through this link, each with its thread."""
    runs = list(link.runs.select_related("version").prefetch_related("questions")[:limit])
    return [
        {
            "run": run,
            "done": run.progress()[0],
            "total": run.progress()[1],
            "complete": run.progress()[0] == run.progress()[1],
            "thread": list(run.questions.all()),
        }
        for run in runs
    ]


def instruction_thread(*, link: HandoverLink) -> list:
    """The questions about the instruction itself (not about one run)."""
    return list(link.questions.filter(run=None))


def changes_since_acknowledged(*, link: HandoverLink, version) -> list[dict] | None:
    """What changed since the version the delegate last read; None when they never read one
    or it is the current one."""
    number = link.acknowledged_version
    if number is None or number == version.number:
        return None
    old = link.instruction.versions.filter(number=number).first()
    return version_changes(old, version)
