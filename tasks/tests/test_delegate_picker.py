"""The picker offers fitting delegates first; an unfitting, pricey or over-budget choice asks
for a confirmation that says why, on the server (no JavaScript needed)."""

from decimal import Decimal

from accounts.models import Profile
from tasks.models import Task
from tasks.tests.factories import make_delegate, make_task


def _options(page: str, names: list[str]) -> list[int]:
    return [page.index(name) for name in names]


def test_fitting_delegates_come_first_kind_and_area_before_kind_alone(alice_client, alice):
    task = make_task(alice, title="Annual accounts", area="finance", recurring=False, skill=1)
    assert task.effective_route == "specialist"
    make_delegate(alice, name="Anna VA", kind="virtual_assistant", hourly_rate=Decimal("15"))
    make_delegate(alice, name="Bea Design", kind="specialist", areas=["design"])
    make_delegate(alice, name="Carl Tax", kind="specialist", areas=["finance"])
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    carl, bea, anna = _options(page, ["Carl Tax", "Bea Design", "Anna VA"])
    assert carl < bea < anna
    assert page.index("Fits this task") < carl and bea < page.index("Other delegates") < anna


def test_an_unfitting_delegate_asks_first_and_says_why(alice_client, alice):
    task = make_task(alice, title="Annual accounts", area="finance", recurring=False, skill=1)
    va = make_delegate(alice, name="Anna VA", kind="virtual_assistant", hourly_rate=Decimal("15"))
    data = {"delegate": va.pk, "start_date": "2026-11-02"}
    response = alice_client.post(f"/tasks/{task.pk}/delegate/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This task&#x27;s route is Specialist, but this delegate is a Virtual assistant" in page
    assert 'name="confirm" value="1"' in page and "Delegate anyway" in page
    assert Task.objects.get(pk=task.pk).status == "inventory"
    response = alice_client.post(f"/tasks/{task.pk}/delegate/", {**data, "confirm": "1"})
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).delegate == va


def test_a_rate_above_the_buyback_rate_and_beyond_the_budget_warns_in_german(alice_client, alice):
    # 95/h against an hour worth 152 (buyback rate 38), 10 h a week: 4,116.67 a month.
    Profile.objects.filter(user=alice).update(hourly_value=Decimal("152"), language="de")
    task = make_task(alice, title="Annual accounts", hours_per_week=10, recurring=False, skill=1)
    tax = make_delegate(alice, name="Tax", kind="specialist", hourly_rate=Decimal("95"))
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": tax.pk, "start_date": "2026-11-02"}
    )
    page = response.content.decode()
    assert "95,00\xa0€" in page and "38,00\xa0€" in page
    assert "4.116,67\xa0€" in page and "1.000,00\xa0€" in page
    assert Task.objects.get(pk=task.pk).status == "inventory"


def test_a_fitting_affordable_delegate_goes_straight_through(alice_client, alice):
    task = make_task(alice, title="Annual accounts", hours_per_week=1, recurring=False, skill=1)
    tax = make_delegate(alice, name="Tax", kind="specialist", hourly_rate=Decimal("20"))
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": tax.pk, "start_date": "2026-11-02"}
    )
    assert response.status_code == 302
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    # 1 h × 20 a week: 86.67 a month, the week beside it.
    assert "Costs €86.67 a month (€20.00 a week)." in page


def test_a_typed_rate_is_the_one_checked(alice_client, alice):
    task = make_task(alice, title="Annual accounts", hours_per_week=1, recurring=False, skill=1)
    tax = make_delegate(alice, name="Tax", kind="specialist", hourly_rate=Decimal("20"))
    data = {"delegate": tax.pk, "start_date": "2026-11-02", "hourly_rate": "30"}
    page = alice_client.post(f"/tasks/{task.pk}/delegate/", data).content.decode()
    assert "€30.00 per hour is above your buyback rate of €25.00" in page


def test_another_founders_delegate_is_no_choice(alice_client, alice, charlie):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    other = make_delegate(charlie, kind="specialist", name="Not yours")
    assert "Not yours" not in alice_client.get(f"/tasks/{task.pk}/").content.decode()
    data = {"delegate": other.pk, "start_date": "2026-11-02", "confirm": "1"}
    assert alice_client.post(f"/tasks/{task.pk}/delegate/", data).status_code == 400
    assert Task.objects.get(pk=task.pk).status == "inventory"
