"""Demo founders with realistic tasks over all four categories (used by seed_demo)."""

from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts import clock
from accounts.models import Profile, User
from tasks.classification import classify_founder_tasks
from tasks.models import Delegate, Task
from tasks.services import delegation_start

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

# The demo founder's titles in German (seed_demo --language de); the other founders' stay
# English whatever their language, as the load tests count on them.
TITLES_DE = {
    "Develop the next product": "Das nächste Produkt entwickeln",
    "Meet key partners and clients": "Wichtige Partner und Kunden treffen",
    "Plan growth for next quarter": "Wachstum fürs nächste Quartal planen",
    "Inbox triage": "Posteingang sortieren",
    "Customer support replies": "Kundenanfragen beantworten",
    "Schedule social media posts": "Social-Media-Beiträge einplanen",
    "Book travel": "Reisen buchen",
    "CRM clean-up": "CRM aufräumen",
    "Annual accounts": "Jahresabschluss",
    "Design the new logo": "Das neue Logo gestalten",
    "Fix website bugs": "Fehler auf der Website beheben",
    "Bookkeeping receipts": "Belege buchen",
    "Write and send invoices": "Rechnungen schreiben und verschicken",
    "Build cold outreach lists": "Listen für die Kaltakquise anlegen",
    "Edit the podcast": "Den Podcast schneiden",
    "Client website relaunch (overflow)": "Website-Relaunch für einen Kunden (Überlauf)",
    "Expense reports": "Spesenabrechnungen",
    "Read industry news": "Branchennews lesen",
    "Prepare the sales pitch deck": "Die Verkaufspräsentation vorbereiten",
    "Contract templates with a lawyer": "Vertragsvorlagen mit einer Anwältin",
}
LANGUAGES = ("en", "de")

# name (en, de), kind, areas, hourly rate
DELEGATES = [
    (("Maria (virtual assistant)", "Maria (virtuelle Assistenz)"), "virtual_assistant",
     ["admin", "customer_support"], "18"),
    (("Jonas (web freelancer)", "Jonas (Web-Freelancer)"), "project_freelancer",
     ["tech", "design"], "55"),
    (("Steuerbüro Weber", "Steuerbüro Weber"), "specialist", ["finance", "legal"], "90"),
]  # fmt: skip


def title(english: str, language: str) -> str:
    """A demo task's title in the demo founder's language."""
    return TITLES_DE.get(english, english) if language == "de" else english


def founder_email(number: int) -> str:
    return DEMO_EMAIL if number == 1 else f"founder{number}@example.com"


def task_rows(count: int, language: str = "en") -> list[tuple]:
    rows = []
    for i in range(count):
        english, *rest = CATALOGUE[i % len(CATALOGUE)]
        name = title(english, language)
        if i >= len(CATALOGUE):
            name = f"{name} ({i // len(CATALOGUE) + 1})"
        rows.append((name, *rest))
    return rows


def seed(*, founders: int, tasks: int, batch: int = 500, language: str = "en") -> int:
    """Create the founders that don't exist yet; returns how many were created. The demo
    founder (founder 1) speaks `language`: their profile, tasks and delegates."""
    emails = [founder_email(n) for n in range(1, founders + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    for start in range(0, len(missing), batch):
        _create_founders(
            missing[start : start + batch], password=password, tasks=tasks, language=language
        )
    if DEMO_EMAIL in missing:
        _demo_delegations(User.objects.get(email=DEMO_EMAIL), language=language)
    return len(missing)


@transaction.atomic
def _create_founders(emails: list[str], *, password: str, tasks: int, language: str) -> None:
    users = User.objects.bulk_create([User(email=e, password=password) for e in emails])
    # Demo addresses count as confirmed: the demo shows the digest.
    confirmed = timezone.now()
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=u,
                language=language if u.email == DEMO_EMAIL else ("de" if i % 3 == 2 else "en"),
                email_confirmed_at=confirmed,
            )
            for i, u in enumerate(users)
        ]
    )
    new_tasks = []
    for user, profile in zip(users, profiles, strict=True):
        founder_tasks = [
            Task(
                owner=user,
                title=name,
                area=area,
                hours_per_week=Decimal(hours),
                recurring=recurring,
                skill=skill,
                enjoyment=enjoyment,
                core=core,
            )
            for name, area, hours, recurring, skill, enjoyment, core in task_rows(
                tasks, language if user.email == DEMO_EMAIL else "en"
            )
        ]
        classify_founder_tasks(founder_tasks, profile=profile)
        new_tasks.extend(founder_tasks)
    Task.objects.bulk_create(new_tasks, batch_size=1000)


def _demo_delegations(user: User, *, language: str) -> None:
    delegates = {
        kind: Delegate.objects.create(
            owner=user,
            name=names[LANGUAGES.index(language)],
            kind=kind,
            areas=areas,
            hourly_rate=Decimal(rate),
            language=language,
        )
        for names, kind, areas, rate in DELEGATES
    }
    # Hand off what needs no work instruction, so the dashboard shows hours bought back.
    for task in Task.objects.filter(owner=user, title=title("Annual accounts", language)):
        delegation_start(task=task, delegate=delegates["specialist"], start_date=clock.today())
