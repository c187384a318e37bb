"""A founder never reaches another founder's tasks or delegates: every URL answers 404."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tasks.tests.factories import make_delegate, make_task


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry


def _tasks_url_names_with_ids():
    return sorted(
        p.name
        for p in _patterns(get_resolver())
        if p.name and p.lookup_str.startswith("tasks.views") and "pk" in p.pattern.converters
    )


OBJECT_FOR = {"task_": "task", "delegate_": "delegate", "consultant_": "consultant"}


@pytest.fixture
def charlies_objects(charlie):
    from accounts.models import User

    consultant = User.objects.create_user(email="coach@example.com", password="coach-pw-1234")
    charlie.profile.consultants.add(consultant)
    return {
        "task": make_task(charlie),
        "delegate": make_delegate(charlie),
        "consultant": consultant,
    }


def test_every_task_and_delegate_url_is_covered():
    names = _tasks_url_names_with_ids()
    assert names, "no URL with an id found"
    uncovered = [n for n in names if not any(n.startswith(p) for p in OBJECT_FOR)]
    assert uncovered == []


@pytest.mark.parametrize("name", _tasks_url_names_with_ids())
def test_another_founders_objects_answer_404(alice_client, charlies_objects, name):
    kind = next(v for p, v in OBJECT_FOR.items() if name.startswith(p))
    obj = charlies_objects[kind]
    before = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    url = reverse(name, kwargs={"pk": obj.pk})
    # GET may be 405 on a POST-only URL; that says nothing about the object either.
    assert alice_client.get(url).status_code in (404, 405)
    assert alice_client.post(url, {"category": "keep", "reason": "mine"}).status_code == 404
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields} == before
    assert charlies_objects["consultant"].clients.count() == 1  # still Charlie's consultant


def test_post_only_urls_answer_404_to_a_post(alice_client, charlies_objects):
    task = charlies_objects["task"]
    for name in ("task_override", "task_override_clear", "task_finish", "task_reopen"):
        assert alice_client.post(reverse(name, kwargs={"pk": task.pk})).status_code == 404
    task.refresh_from_db()
    assert (task.status, task.override_category_id) == ("inventory", None)


def test_the_dashboard_shows_only_the_founders_own_tasks(alice_client, alice, charlie):
    make_task(alice, title="Alice's inbox")
    make_task(charlie, title="Charlie's secret")
    page = alice_client.get("/").content.decode()
    assert "Alice&#x27;s inbox" in page
    assert "Charlie" not in page


def test_the_delegation_form_offers_only_the_founders_delegates(alice_client, alice, charlie):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    make_delegate(alice, name="Alice's accountant", kind="specialist")
    make_delegate(charlie, name="Charlie's accountant", kind="specialist")
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Alice&#x27;s accountant" in page
    assert "Charlie" not in page
