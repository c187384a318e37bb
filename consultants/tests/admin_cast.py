"""The admin's cast: two consultants with two clients each, and a superuser.

Bob coaches Alice and Dora; Erin coaches Frank and Gina. Each founder has a routine task for a
virtual assistant, a core task, a delegate, and a published work instruction (no task) shared
with the delegate through a handover link, with one run; and a digest sent last week. The
root conftest makes `cast` a fixture.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.forms import MultiWidget, NullBooleanSelect
from django.utils import timezone

from accounts import services as account_services
from accounts.models import User
from digest.models import WeeklyDigest
from sops import services as sops_services
from sops.tests.factories import make_instruction
from tasks.tests.factories import make_delegate, make_task

# Every founder's digest of ISO week 47 went out on this Monday morning.
LAST_DIGEST = datetime(2026, 11, 16, 7, tzinfo=UTC)


@dataclass
class Cast:
    consultants: dict[str, User] = field(default_factory=dict)
    founders: dict[str, User] = field(default_factory=dict)
    clients: dict[str, set[str]] = field(default_factory=dict)  # consultant → founder names
    root: User | None = None

    def clients_of(self, consultant: str) -> set[User]:
        return {self.founders[name] for name in self.clients[consultant]}


def make_consultant(email: str) -> User:
    user = User.objects.create_user(email=email, password=f"{email}-password")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Consultants"))
    return user


def make_founder(name: str, *consultants: User) -> User:
    founder = account_services.founder_signup(
        email=f"{name}@example.com", password=f"{name}-pw-1234", email_confirmed=True
    )
    founder.profile.consultants.add(*consultants)
    make_task(founder, title=f"{name}'s inbox", recurring=True, hours_per_week=Decimal("6"))
    make_task(founder, title=f"{name}'s product vision", core=True, hours_per_week=Decimal("10"))
    delegate = make_delegate(founder, name=f"{name}'s assistant")
    instruction = make_instruction(founder, title=f"{name}'s bookkeeping receipts")
    version = sops_services.instruction_publish(instruction=instruction, by=founder)
    sops_services.handover_link_create(instruction=instruction, delegate=delegate)
    sops_services.run_record(
        version=version,
        performed_on=timezone.localdate(),
        performed_by="Maria",
        checked_steps=[0, 1],
        minutes=20,
    )
    WeeklyDigest.objects.create(
        founder=founder,
        iso_year=2026,
        iso_week=47,
        state=WeeklyDigest.SENT,
        attempts=1,
        claimed_at=LAST_DIGEST,
        sent_at=LAST_DIGEST,
    )
    return founder


@pytest.fixture
def cast(db, settings) -> Cast:
    # Eight accounts per test: a fast hasher keeps the walk quick (passwords are not the point).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cast = Cast()
    for consultant, clients in {"bob": ("alice", "dora"), "erin": ("frank", "gina")}.items():
        cast.consultants[consultant] = make_consultant(f"{consultant}@example.com")
        cast.clients[consultant] = set(clients)
        for name in clients:
            cast.founders[name] = make_founder(name, cast.consultants[consultant])
    cast.root = User.objects.create_superuser(email="root@example.com", password="root-pw-1234")
    return cast


def _field_data(form, data: dict) -> None:
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        widget = form.fields[name].widget
        if isinstance(widget, NullBooleanSelect):  # yes / no / not rated (core)
            data[key] = {True: "true", False: "false"}.get(value, "unknown")
            continue
        if value is None or value is False:
            continue
        if isinstance(widget, MultiWidget):  # the admin's split date and time
            for index, part in enumerate(widget.decompress(value)):
                data[f"{key}_{index}"] = str(part)
        elif value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[key] = str(value)


def change_form_data(response) -> dict:
    """What the browser would post back from an admin change form, unchanged."""
    data: dict = {}
    _field_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _field_data(formset.management_form, data)
        for form in formset.forms:
            _field_data(form, data)
    return data
