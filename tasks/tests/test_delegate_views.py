from decimal import Decimal

from tasks.models import Delegate
from tasks.tests.factories import make_delegate, make_task


def test_it_adds_a_delegate_with_areas(alice_client, alice):
    response = alice_client.post(
        "/delegates/new/",
        {
            "name": "Maria",
            "kind": "virtual_assistant",
            "language": "de",
            "areas": ["admin", "sales"],
            "hourly_rate": "18",
        },
    )
    assert response.status_code == 302
    maria = Delegate.objects.get(owner=alice)
    assert (maria.areas, maria.hourly_rate) == (["admin", "sales"], Decimal("18"))


def test_it_refuses_a_negative_rate_and_an_unknown_kind(alice_client, alice):
    response = alice_client.post(
        "/delegates/new/", {"name": "X", "kind": "butler", "hourly_rate": "-5", "language": "en"}
    )
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "hourly_rate"}
    assert not Delegate.objects.exists()


def test_the_list_flags_a_delegate_above_the_buyback_rate(alice_client, alice):
    # Alice's hour is worth 100 by default: her buyback rate is 25.
    make_delegate(alice, name="Cheap VA", hourly_rate=Decimal("20"))
    make_delegate(alice, name="Pricey agency", kind="specialist", hourly_rate=Decimal("120"))
    page = alice_client.get("/delegates/").content.decode()
    assert page.count("above your buyback rate") == 1
    assert page.index("above your buyback rate") > page.index("Pricey agency")


def test_a_delegate_with_running_delegations_cannot_be_deleted(alice_client, alice):
    tax = make_delegate(alice, kind="specialist")
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": tax.pk, "start_date": "2026-11-02"}
    )
    response = alice_client.post(f"/delegates/{tax.pk}/delete/")
    assert response.status_code == 400
    assert Delegate.objects.filter(pk=tax.pk).exists()


def test_an_idle_delegate_is_deleted(alice_client, alice):
    maria = make_delegate(alice)
    alice_client.post(f"/delegates/{maria.pk}/delete/")
    assert not Delegate.objects.filter(pk=maria.pk).exists()
