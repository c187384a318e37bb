from django.core.management import call_command

from sops.models import Run
from tasks.demo import DEMO_EMAIL
from tasks.models import Task


def test_the_demo_founder_has_a_published_instruction_a_delegation_and_runs(db):
    call_command("seed_demo")
    task = Task.objects.get(owner__email=DEMO_EMAIL, title="Inbox triage")
    assert task.status == "delegated"
    assert task.delegate.kind == "virtual_assistant"
    assert task.instruction.versions.count() == 1
    assert Run.objects.filter(instruction=task.instruction).count() == 2
    assert task.last_run_on is not None
    call_command("seed_demo")
    assert Run.objects.count() == 2
    assert task.instruction.versions.count() == 1
