"""The demo founder's work instruction: inbox triage, published, delegated to the VA, two runs."""

from datetime import timedelta

from django.db import transaction

from accounts import clock
from accounts.consultants import consultant_add_client, consultant_create
from accounts.models import User
from sops import services
from sops.models import Instruction, Template
from tasks import demo as tasks_demo
from tasks.models import Delegate, Task
from tasks.services import delegation_start

DEMO_TASK = "Inbox triage"
# The demo consultant, printed by `make run` beside the founder: the demo founder is a client.
DEMO_CONSULTANT_EMAIL = "consultant@example.com"
DEMO_CONSULTANT_PASSWORD = "buyback-consultant"  # noqa: S105 — the demo login, printed


@transaction.atomic
def seed(*, founders: int, tasks: int, language: str = "en") -> int:
    """The demo founders and their tasks (tasks.demo), then the demo founder's instruction;
    returns how many founders were created. The demo founder speaks `language`."""
    created = tasks_demo.seed(founders=founders, tasks=tasks, language=language)
    demo_user = User.objects.filter(email=tasks_demo.DEMO_EMAIL).first()
    if demo_user is not None:
        seed_instruction(demo_user)  # idempotent; also fills older demo databases
        seed_consultant(demo_user)
    return created


def seed_consultant(founder: User) -> None:
    """Idempotent: the demo consultant, with the demo founder as a client."""
    consultant = User.objects.filter(email=DEMO_CONSULTANT_EMAIL).first()
    if consultant is None:
        consultant = consultant_create(
            email=DEMO_CONSULTANT_EMAIL, password=DEMO_CONSULTANT_PASSWORD
        )
    consultant_add_client(consultant=consultant, founder=founder)


def seed_instruction(user: User) -> None:
    """Idempotent: does nothing once the demo task has its instruction."""
    title = tasks_demo.title(DEMO_TASK, user.profile.language)
    task = Task.objects.filter(owner=user, title=title).first()
    template = Template.objects.filter(slug="inbox-triage").first()
    if task is None or template is None or Instruction.objects.filter(task=task).exists():
        return
    instruction = services.instruction_from_template(
        owner=user, template=template, language=user.profile.language, task=task
    )
    version = services.instruction_publish(instruction=instruction, by=user)
    va = Delegate.objects.filter(owner=user, kind="virtual_assistant").first()
    if va is None:
        return
    today = clock.today()
    delegation_start(task=task, delegate=va, start_date=today - timedelta(days=14))
    link = services.delegation_link(instruction=instruction, delegate=va)
    services.handover_acknowledge(link=link, version=version, notify=False)
    all_steps = list(range(len(version.steps)))
    for days_ago, checked, minutes in ((8, all_steps, 50), (1, all_steps[:-1], 40)):
        services.run_record(
            version=version,
            performed_on=today - timedelta(days=days_ago),
            performed_by=va.name,
            checked_steps=checked,
            minutes=minutes,
            link=link,
            notify=False,  # demo data mails no one
        )
