"""Each consultant reaches exactly their own clients' things at every admin URL.

The walk covers every registered model the scope knows about, so a model added later is walked
too once it is registered.
"""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from consultants.admin.scoping import FOUNDER_PATHS, SHARED, ConsultantScoped, is_scoped
from consultants.tests.admin_cast import change_form_data
from tasks.models import Delegate, Task

CONSULTANTS = ["bob", "erin"]
MISSING_PK = 987654


def founder_of(obj) -> User:
    value = obj
    path = FOUNDER_PATHS[type(obj)]
    for part in path.split("__") if path else []:
        value = getattr(value, part)
    return value


def scoped_admins():
    return [(model, ma) for model, ma in admin.site._registry.items() if is_scoped(model)]


def url(opts, view, *args) -> str:
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def may(user, opts, view) -> bool:
    def has(action):
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    return has("delete") if view == "delete" else has("view") or has("change")


def test_every_registered_model_admin_and_inline_is_scoped():
    for model, model_admin in admin.site._registry.items():
        if model is Group or model._meta.app_label in ("axes", "mail", "privacy"):
            # Consultants have no rights on groups, the lockout log, the outbox or the
            # operator's legal pages.
            continue
        assert isinstance(model_admin, ConsultantScoped), model
        assert is_scoped(model) or model in SHARED, model
        for inline in model_admin.inlines:
            assert issubclass(inline, ConsultantScoped), inline


@pytest.mark.parametrize("consultant", CONSULTANTS)
def test_a_consultants_change_lists_and_raw_id_popups_hold_only_their_clients_objects(
    client, cast, consultant
):
    client.force_login(cast.consultants[consultant])
    mine = cast.clients_of(consultant)
    for model, _model_admin in scoped_admins():
        expected = {obj.pk for obj in model._default_manager.all() if founder_of(obj) in mine}
        assert expected, f"the cast has no {model.__name__} for {consultant}'s clients"
        for query in ("", "?_popup=1&_to_field=id"):
            response = client.get(url(model._meta, "changelist") + query)
            assert response.status_code == 200
            shown = {obj.pk for obj in response.context["cl"].result_list}
            assert shown == expected, (model, query)


@pytest.mark.parametrize("consultant", CONSULTANTS)
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_another_consultants_object_answers_like_a_missing_one(client, cast, consultant, view):
    user = cast.consultants[consultant]
    client.force_login(user)
    mine = cast.clients_of(consultant)
    walked = 0
    for model, _model_admin in scoped_admins():
        opts = model._meta
        missing = client.get(url(opts, view, MISSING_PK))
        for obj in model._default_manager.all():
            response = client.get(url(opts, view, obj.pk))
            if founder_of(obj) in mine and may(user, opts, view):
                assert response.status_code == 200, (opts.model_name, view, obj)
            elif founder_of(obj) not in mine:
                assert response.status_code == missing.status_code in (302, 403), obj
                assert response.get("Location") == missing.get("Location")
                assert str(obj) not in response.content.decode()
            walked += 1
    assert walked >= 14


@pytest.mark.parametrize("consultant", CONSULTANTS)
def test_a_consultant_may_add_tasks_and_delegates_only_for_their_clients(client, cast, consultant):
    client.force_login(cast.consultants[consultant])
    mine = cast.clients_of(consultant)
    for model in (Task, Delegate):
        response = client.get(url(model._meta, "add"))
        assert response.status_code == 200
        owners = set(response.context["adminform"].form.fields["owner"].queryset)
        assert owners == mine
    stranger = next(f for f in cast.founders.values() if f not in mine)
    client_founder = next(iter(mine))
    task = {
        "title": "Bookkeeping receipts",
        "area": "finance",
        "hours_per_week": "3",
        "recurring": "on",
        "skill": "1",
        "enjoyment": "2",
    }
    refused = client.post(url(Task._meta, "add"), {**task, "owner": stranger.pk})
    assert refused.status_code == 200
    assert "owner" in refused.context["adminform"].form.errors
    assert not stranger.tasks.filter(title="Bookkeeping receipts").exists()
    client.post(url(Task._meta, "add"), {**task, "owner": client_founder.pk})
    created = client_founder.tasks.get(title="Bookkeeping receipts")
    assert (created.category_id, created.route) == ("smart", "specialist")


@pytest.mark.parametrize("consultant", CONSULTANTS)
def test_autocomplete_offers_a_consultant_only_their_clients(client, cast, consultant):
    client.force_login(cast.consultants[consultant])
    expected = {str(f.pk) for f in cast.clients_of(consultant)}
    for model_name in ("task", "delegate"):
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "tasks", "model_name": model_name, "field_name": "owner", "term": ""},
        )
        assert response.status_code == 200
        ids = {row["id"] for row in json.loads(response.content)["results"]}
        assert ids == expected, model_name
        other = client.get(
            "/admin/autocomplete/",
            {"app_label": "tasks", "model_name": "task", "field_name": "owner", "term": "example"},
        )
        assert {row["id"] for row in json.loads(other.content)["results"]} == expected


@pytest.mark.parametrize("consultant", CONSULTANTS)
def test_the_founder_filters_list_only_a_consultants_clients(client, cast, consultant):
    client.force_login(cast.consultants[consultant])
    expected = {f.pk for f in cast.clients_of(consultant)}
    for model in (Task, Delegate):
        response = client.get(url(model._meta, "changelist"))
        spec = next(
            s
            for s in response.context["cl"].filter_specs
            if getattr(s, "field_path", "") == "owner"
        )
        assert {pk for pk, _label in spec.lookup_choices} == expected


@pytest.mark.parametrize("consultant", CONSULTANTS)
def test_no_related_list_filter_anywhere_offers_another_clients_things(client, cast, consultant):
    client.force_login(cast.consultants[consultant])
    mine = cast.clients_of(consultant)
    checked = 0
    for model, _model_admin in scoped_admins():
        response = client.get(url(model._meta, "changelist"))
        for spec in response.context["cl"].filter_specs:
            field = getattr(spec, "field", None)
            if field is None or not field.is_relation or not is_scoped(field.related_model):
                continue
            related = field.related_model._default_manager
            offered = [related.get(pk=pk) for pk, _label in spec.lookup_choices]
            assert offered, (model, spec.field_path)
            assert {founder_of(obj) for obj in offered} <= mine, (model, spec.field_path)
            checked += 1
    assert checked >= 5


def test_a_consultant_cannot_filter_their_way_into_another_clients_tasks(client, cast):
    client.force_login(cast.consultants["bob"])
    frank = cast.founders["frank"]
    response = client.get(url(Task._meta, "changelist"), {"owner__id__exact": frank.pk})
    assert list(response.context["cl"].result_list) == []
    searched = client.get(url(Task._meta, "changelist"), {"q": "frank"})
    assert list(searched.context["cl"].result_list) == []


def test_the_history_shows_who_changed_a_task_and_only_to_its_consultant(client, cast):
    task = cast.founders["alice"].tasks.get(title="alice's inbox")
    client.force_login(cast.consultants["bob"])
    change = client.get(url(Task._meta, "change", task.pk))
    # As a browser posts it: the form and its inlines (the notes' management form too).
    data = change_form_data(change) | {"hours_per_week": "8", "recurring": "on"}
    response = client.post(url(Task._meta, "change", task.pk), data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.hours_per_week == 8
    history = client.get(url(Task._meta, "history", task.pk))
    entries = list(history.context["action_list"])
    assert [entry.user for entry in entries] == [cast.consultants["bob"]]
    client.force_login(cast.consultants["erin"])
    assert client.get(url(Task._meta, "history", task.pk)).status_code == 302


def test_a_superuser_sees_every_founders_things(client, cast):
    client.force_login(cast.root)
    for model, _model_admin in scoped_admins():
        response = client.get(url(model._meta, "changelist"))
        shown = {obj.pk for obj in response.context["cl"].result_list}
        assert shown == set(model._default_manager.values_list("pk", flat=True))


def test_a_consultant_has_no_way_into_groups(client, cast):
    client.force_login(cast.consultants["bob"])
    assert client.get("/admin/auth/group/").status_code == 403
