"""Demo founders with realistic tasks over all four categories (used by seed_demo)."""

from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts import clock
from accounts.models import Profile, User
from tasks.models import Delegate, Task
from tasks.services import classify_founder_tasks, delegation_start

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "buyback-demo"  # noqa: S105 — the demo login, printed by `make run`

# title, area, hours per week, recurring, skill, enjoyment, core
CATALOGUE = [
    ("Develop the next product", "product", "8", False, 5, 5, True),
    ("Meet key partners and clients", "networking", "3", True, 4, 5, True),
    ("Plan growth for next quarter", "product", "2", True, 4, 4, True),
    ("Inbox triage", "admin", "5", True, 4, 3, False),
    ("Customer support replies", "customer_support", "6", True, 4, 3, False),
    ("Schedule social media posts", "marketing", "3", True, 3, 3, False),
    ("Book travel", "admin", "1", True, 3, 3, False),
    ("CRM clean-up", "sales", "1.5", True, 3, 3, False),
    ("Annual accounts", "finance", "3", False, 1, 3, False),
    ("Design the new logo", "design", "6", False, 2, 3, False),
    ("Fix website bugs", "tech", "2", False, 2, 4, False),
    ("Bookkeeping receipts", "finance", "2", True, 2, 3, False),
    ("Write and send invoices", "finance", "1", True, 3, 1, False),
    ("Build cold outreach lists", "sales", "3", False, 4, 2, False),
    ("Edit the podcast", "marketing", "3", True, 2, 2, False),
    ("Client website relaunch (overflow)", "tech", "10", False, 4, 3, False),
    ("Expense reports", "admin", "1", True, 4, 1, False),
    ("Read industry news", "other", "0.5", True, 4, 4, False),
    ("Prepare the sales pitch deck", "sales", "2", False, 4, 4, False),
    ("Contract templates with a lawyer", "legal", "2", False, 1, 2, False),
]

DELEGATES = [
    ("Maria (virtual assistant)", "virtual_assistant", ["admin", "customer_support"], "18"),
    ("Jonas (web freelancer)", "project_freelancer", ["tech", "design"], "55"),
    ("Steuerbüro Weber", "specialist", ["finance", "legal"], "90"),
]


def founder_email(number: int) -> str:
    return DEMO_EMAIL if number == 1 else f"founder{number}@example.com"


def task_rows(count: int) -> list[tuple]:
    rows = []
    for i in range(count):
        title, *rest = CATALOGUE[i % len(CATALOGUE)]
        if i >= len(CATALOGUE):
            title = f"{title} ({i // len(CATALOGUE) + 1})"
        rows.append((title, *rest))
    return rows


def seed(*, founders: int, tasks: int, batch: int = 500) -> int:
    """Create the founders that don't exist yet; returns how many were created."""
    emails = [founder_email(n) for n in range(1, founders + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    for start in range(0, len(missing), batch):
        _create_founders(missing[start : start + batch], password=password, tasks=tasks)
    if DEMO_EMAIL in missing:
        _demo_delegations(User.objects.get(email=DEMO_EMAIL))
    return len(missing)


@transaction.atomic
def _create_founders(emails: list[str], *, password: str, tasks: int) -> None:
    users = User.objects.bulk_create([User(email=e, password=password) for e in emails])
    # Demo addresses count as confirmed: the demo shows the digest.
    confirmed = timezone.now()
    profiles = Profile.objects.bulk_create(
        [
            Profile(user=u, language="de" if i % 3 == 2 else "en", email_confirmed_at=confirmed)
            for i, u in enumerate(users)
        ]
    )
    new_tasks = []
    for user, profile in zip(users, profiles, strict=True):
        founder_tasks = [
            Task(
                owner=user,
                title=title,
                area=area,
                hours_per_week=Decimal(hours),
                recurring=recurring,
                skill=skill,
                enjoyment=enjoyment,
                core=core,
            )
            for title, area, hours, recurring, skill, enjoyment, core in task_rows(tasks)
        ]
        classify_founder_tasks(founder_tasks, profile=profile)
        new_tasks.extend(founder_tasks)
    Task.objects.bulk_create(new_tasks, batch_size=1000)


def _demo_delegations(user: User) -> None:
    delegates = {
        kind: Delegate.objects.create(
            owner=user, name=name, kind=kind, areas=areas, hourly_rate=Decimal(rate)
        )
        for name, kind, areas, rate in DELEGATES
    }
    # Hand off what needs no work instruction, so the dashboard shows hours bought back.
    for task in Task.objects.filter(owner=user, title="Annual accounts"):
        delegation_start(task=task, delegate=delegates["specialist"], start_date=clock.today())
