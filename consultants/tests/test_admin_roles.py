"""Roles: the Consultants group, and what a consultant may never do to accounts and powers."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from consultants.tests.admin_cast import change_form_data


def user_url(user, view="change") -> str:
    return f"/admin/accounts/user/{user.pk}/{view}/"


@pytest.mark.django_db
def test_the_consultants_group_comes_with_the_rights_for_the_work():
    group = Group.objects.get(name="Consultants")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_user", "change_user", "change_profile", "view_category"} <= codenames
    for model in ("task", "delegate"):
        assert {f"{action}_{model}" for action in ("view", "add", "change", "delete")} <= codenames
    assert not codenames & {"add_user", "delete_user", "change_group", "change_permission"}


def test_a_consultant_cannot_make_a_client_or_anyone_staff_or_superuser(client, cast):
    bob, alice = cast.consultants["bob"], cast.founders["alice"]
    client.force_login(bob)
    form = client.get(user_url(alice))
    fields = set(form.context["adminform"].form.fields)
    assert not fields & {"is_staff", "is_superuser", "groups", "user_permissions", "password"}
    data = change_form_data(form) | {
        "first_name": "Alice",
        "email": "bob-owns-this@example.com",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [str(Group.objects.get(name="Consultants").pk)],
    }
    response = client.post(user_url(alice), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    alice.refresh_from_db()
    assert alice.first_name == "Alice"
    assert alice.email == "alice@example.com"
    assert not (alice.is_staff or alice.is_superuser or alice.groups.exists())


def test_a_consultant_cannot_reach_their_own_account_or_the_superusers(client, cast):
    bob = cast.consultants["bob"]
    client.force_login(bob)
    for user in (bob, cast.root, cast.consultants["erin"]):
        assert client.get(user_url(user)).status_code == 302
        response = client.post(user_url(user), {"email": user.email, "is_superuser": "on"})
        assert response.status_code == 302
    bob.refresh_from_db()
    assert not bob.is_superuser


def test_a_consultant_cannot_grant_themselves_clients(client, cast):
    bob, frank = cast.consultants["bob"], cast.founders["frank"]
    alice = cast.founders["alice"]
    client.force_login(bob)
    form = client.get(user_url(alice))
    profile_form = form.context["inline_admin_formsets"][0].formset.forms[0]
    assert "consultants" not in profile_form.fields
    data = change_form_data(form) | {
        "profile-0-weekly_capacity": "30",
        "profile-0-consultants": [str(bob.pk), str(cast.consultants["erin"].pk)],
    }
    assert client.post(user_url(alice), data).status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.weekly_capacity == Decimal("30")
    assert list(alice.profile.consultants.all()) == [bob]
    # Nor another consultant's client: that founder's page does not exist for Bob.
    # A full, valid form, so only the scoping can stop it: it answers as for a missing object.
    response = client.post(user_url(frank), data)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    frank.profile.refresh_from_db()
    assert list(frank.profile.consultants.all()) == [cast.consultants["erin"]]
    assert frank.profile.weekly_capacity != Decimal("30")


def test_a_consultant_cannot_add_delete_or_set_the_password_of_a_founder(client, cast):
    alice = cast.founders["alice"]
    client.force_login(cast.consultants["bob"])
    assert client.get("/admin/accounts/user/add/").status_code == 403
    assert client.get(user_url(alice, "delete")).status_code == 403
    assert client.get(user_url(alice, "password")).status_code == 403
    response = client.post(
        user_url(alice, "password"),
        {"password1": "taken-over-1234", "password2": "taken-over-1234"},
    )
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.check_password("alice-pw-1234")


def test_a_superuser_assigns_consultants_on_the_founders_page(client, cast):
    alice, erin = cast.founders["alice"], cast.consultants["erin"]
    client.force_login(cast.root)
    form = client.get(user_url(alice))
    assert "is_superuser" in form.context["adminform"].form.fields
    data = change_form_data(form)
    data["profile-0-consultants"] = [*data["profile-0-consultants"], str(erin.pk)]
    assert client.post(user_url(alice), data).status_code == 302
    assert set(alice.profile.consultants.all()) == {cast.consultants["bob"], erin}


def test_changing_a_clients_capacity_in_the_admin_reclassifies_their_tasks(client, cast):
    alice = cast.founders["alice"]
    client.force_login(cast.consultants["bob"])
    form = client.get(user_url(alice))
    # A 1-hour threshold makes the 6-hour inbox a time eater; 10 hours makes it not one.
    data = change_form_data(form) | {"profile-0-time_eater_min_hours": "10"}
    assert client.post(user_url(alice), data).status_code == 302
    inbox = alice.tasks.get(title="alice's inbox")
    assert inbox.category_id == "keep"


def test_a_consultant_cannot_see_the_login_lockout_log(client, cast):
    consultant = next(iter(cast.consultants.values()))
    client.force_login(consultant)
    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_the_admin_has_a_language_switch(client, cast):
    consultant = next(iter(cast.consultants.values()))
    client.force_login(consultant)
    page = client.get("/admin/").content.decode()
    assert 'name="language" value="de"' in page
    client.post("/i18n/setlang/", {"language": "de", "next": "/admin/"})
    assert "Arbeitsplatz für Berater" in client.get("/admin/").content.decode()
