"""The DRIP matrix and the roles in the replacement ladder's order, for the issue's test founder
(tasks/tests/money_support.py: an hour worth €45, VA default €15, specialist default €60).

Money by hand: a VA's €15 is a third of €45 → $$ (low); a specialist's or freelancer's €60 is
above €45 → $$$$ (high); a task you keep is worth your own €45 → $$$ (high). Energy: enjoyment
4–5 gives, 1–3 drains. So Customer emails (VA, 3) → Delegation; Podcast editing (specialist,
2) → Replacement; Social posts (VA, 5) → Investment; Market research (freelancer, 4) →
Production.
Roles (route × area), ladder order: VA admin (Data entry 4 h + Travel 1 h, rung admin), VA
customer support (delivery), then marketing by hours: specialist 4 h, freelancer 3 h, VA 2 h.
"""

import re
from decimal import Decimal

import pytest

from plan import rules
from sops import services as sops_services
from sops.tests.factories import make_instruction
from tasks.models import Task
from tasks.tests.money_support import money_founder

ENJOYMENT = {"Customer emails": 3, "Podcast editing": 2, "Social posts": 5, "Market research": 4}
QUADRANTS = {
    "Customer emails": "Delegation",
    "Podcast editing": "Replacement",
    "Social posts": "Investment",
    "Market research": "Production",
}


@pytest.mark.parametrize(
    ("rate", "rating"), [("11.25", 1), ("15", 2), ("22.50", 2), ("45", 3), ("60", 4)]
)
def test_the_money_rating_follows_the_market_rate_against_your_hour(rate, rating):
    assert rules.money_rating(Decimal(rate), Decimal("45")) == rating


def test_the_drip_page_places_each_task_in_its_quadrant(alice_client, alice):
    tasks = money_founder(alice)
    for title, enjoyment in ENJOYMENT.items():
        Task.objects.filter(pk=tasks[title].pk).update(enjoyment=enjoyment)
    html = alice_client.get("/plan/drip/").content.decode()
    for title, quadrant in QUADRANTS.items():
        row = re.search(rf'data-drip-row="{tasks[title].pk}">.*?</tr>', html, re.S).group(0)
        assert f"<td data-drip-quadrant>{quadrant}</td>" in row, title
    assert "The figures as a table" in html


def test_the_roles_come_in_the_ladders_order_with_their_money(alice_client, alice):
    money_founder(alice)
    html = alice_client.get("/plan/roles/").content.decode()
    order = re.findall(r'data-role="([a-z_]+-[a-z_]+)"', html)
    assert order == [
        "virtual_assistant-admin",
        "virtual_assistant-customer_support",
        "specialist-marketing",
        "project_freelancer-marketing",
        "virtual_assistant-marketing",
    ]
    # VA admin: 5 h at Maria's €9 → €195 a month, worth €975, €780 net.
    assert "€195.00" in html and "€975.00" in html and "€780.00" in html


def test_hiring_a_role_drafts_the_job_and_the_paid_test_project(alice_client, alice):
    tasks = money_founder(alice)
    instruction = make_instruction(alice, task=tasks["Data entry"], title="Data entry")
    sops_services.instruction_publish(instruction=instruction, by=alice)
    html = alice_client.get("/plan/roles/virtual_assistant/admin/").content.decode()
    job = re.search(r"<pre[^>]*data-job[^>]*>(.*?)</pre>", html, re.S).group(1)
    assert "Data entry — about 4 h a week" in job and "Travel booking" in job
    assert "€9.00 an hour" in job
    test = re.search(r"<pre[^>]*data-test-project[^>]*>(.*?)</pre>", html, re.S).group(1)
    assert "Paid test project: Data entry" in test
    assert "- [ ] Open the inbox — Oldest mail on top" in test
    assert "- [ ] Flag urgent mail" in test
    assert alice_client.get("/plan/roles/virtual_assistant/legal/").status_code == 404


def test_the_plan_pages_in_german(alice_client, alice):
    tasks = money_founder(alice, language="de")
    Task.objects.filter(pk=tasks["Podcast editing"].pk).update(enjoyment=2)
    alice_client.cookies["django_language"] = "de"
    drip = alice_client.get("/plan/drip/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Geld und Energie" in drip and "<td data-drip-quadrant>Ersetzen</td>" in drip
    roles = alice_client.get("/plan/roles/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Rollen statt Aufgaben" in roles
    hire = alice_client.get("/plan/roles/virtual_assistant/admin/").content.decode()
    assert "Was du tun wirst" in hire
