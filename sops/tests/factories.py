"""Builders for sops tests: instructions through the services, formset POST data."""

from sops import rules, services
from tasks.tests.factories import make_task

STEPS = [
    rules.StepData(text="Open the inbox", expected="Oldest mail on top"),
    rules.StepData(text="Answer routine mail", url="https://example.com/video"),
    rules.StepData(text="Flag urgent mail"),
]


def make_instruction(owner, *, task=None, steps=STEPS, title="Inbox triage"):
    return services.instruction_create(owner=owner, task=task, title=title, steps=list(steps))


def published_va_task(owner, **task_fields):
    """A virtual-assistant task with a published instruction: (task, instruction, version)."""
    task = make_task(owner, **task_fields)
    instruction = make_instruction(owner, task=task)
    version = services.instruction_publish(instruction=instruction, by=owner)
    task.refresh_from_db()
    return task, instruction, version


def form_data(*, steps, revision=None, **fields):
    """POST data for the instruction form and its steps formset (ORDER = position)."""
    data = {
        "title": "Inbox triage",
        "purpose": "",
        "done_definition": "",
        "tools": "",
        "estimated_minutes": "",
        "maintainer": "",
        "review_on": "2030-01-01",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        **fields,
    }
    if revision is not None:
        data["revision"] = str(revision)
    for i, step in enumerate(steps):
        for key, value in step.items():
            data[f"steps-{i}-{key}"] = value
    return data
