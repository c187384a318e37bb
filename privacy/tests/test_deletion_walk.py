"""The model walk: every relation to a user, or to a row that goes with a user, has a line in
privacy.deletion.RULES, and deleting a founder leaves no row of theirs behind."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from accounts.models import Profile, User
from consultants.models import ConsultantInvite
from privacy import deletion, services
from privacy.tests.everything import give_everything
from sops import services as sops_services
from sops.models import HandoverLink
from sops.services import handover_path
from tasks.tests.factories import make_delegate

pytestmark = pytest.mark.django_db


def relations_to_users() -> dict[str, tuple]:
    """label → (model, field, target) for every relation whose target is a user or a model
    whose rows are removed with one (followed until nothing new is found)."""
    owned: set = {User}
    found: dict[str, tuple] = {}
    while True:
        before = len(owned)
        for model in apps.get_models():
            for field in [*model._meta.fields, *model._meta.local_many_to_many]:
                if field.is_relation and field.related_model in owned:
                    label = f"{model._meta.label}.{field.name}"
                    found[label] = (model, field, field.related_model)
                    if deletion.RULES.get(label) == deletion.REMOVED:
                        owned.add(model)
        if len(owned) == before:
            return found


def paths_to_user(model, found, depth=0) -> list[str]:
    """ORM lookups from `model` to the user it goes with, through REMOVED relations."""
    paths = []
    for label, (source, field, target) in found.items():
        if source is not model or deletion.RULES.get(label) != deletion.REMOVED:
            continue
        if field.many_to_many:
            continue
        if target is User:
            paths.append(field.name)
        elif depth < 5:
            paths += [f"{field.name}__{rest}" for rest in paths_to_user(target, found, depth + 1)]
    return paths


def test_every_relation_to_a_user_says_what_deletion_does_with_it():
    found = relations_to_users()
    missing = sorted(set(found) - set(deletion.RULES))
    assert not missing, f"Add these to privacy.deletion.RULES (REMOVED or CLEARED): {missing}"
    assert not sorted(set(deletion.RULES) - set(found)), "RULES names relations that are gone"


def test_kept_rows_can_lose_their_key():
    """CLEARED: the row stays and its key is emptied, so the column must allow it."""
    for label, (_model, field, _target) in relations_to_users().items():
        if deletion.RULES[label] == deletion.CLEARED and not field.many_to_many:
            assert field.null, f"{label} is CLEARED but cannot be empty"


def _rows_of(founder, found) -> dict[str, set[int]]:
    rows = {}
    models = {model for model, _f, _t in found.values()}
    for model in models:
        paths = paths_to_user(model, found)
        if not paths:
            continue
        query = Q()
        for path in paths:
            query |= Q(**{path: founder})
        rows[model._meta.label] = set(model.objects.filter(query).values_list("pk", flat=True))
    return rows


def test_deleting_a_founder_leaves_no_row_of_theirs(
    client, alice, bob, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    made = give_everything(alice, bob)
    give_everything(charlie, bob)
    found = relations_to_users()
    before = _rows_of(alice, found)
    empty = sorted(label for label, pks in before.items() if not pks)
    assert not empty, f"the test founder has no rows of {empty}: give_everything must make them"
    charlies = _rows_of(charlie, found)
    ConsultantInvite.objects.create(
        consultant=bob,
        email=alice.email,
        token="pending",
        expires_at=timezone.now() + timedelta(days=3),
    )
    second = sops_services.handover_link_create(
        instruction=made["instruction"],
        delegate=make_delegate(alice, name="Jonas", email="jonas@example.com"),
    )
    links = [
        handover_path(link)
        for link in HandoverLink.objects.filter(pk__in=[made["link"].pk, second.pk])
    ]
    assert all(client.get(path).status_code == 200 for path in links)
    client.force_login(alice)
    other_device = client.session.session_key
    alice_pk = alice.pk

    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=User.objects.get(pk=alice_pk))

    for label, pks in before.items():
        model = apps.get_model(label)
        assert not model.objects.filter(pk__in=pks).exists(), f"{label} rows of the founder left"
    for label, (model, field, target) in found.items():
        if target is User and not field.many_to_many:
            assert not model.objects.filter(**{field.attname: alice_pk}).exists(), label
    through = Profile.consultants.through
    assert not through.objects.filter(user_id=alice_pk).exists()
    assert not ConsultantInvite.objects.filter(email=alice.email).exists()
    # Charlie's rows are all there.
    assert _rows_of(charlie, found) == charlies
    # Every handover link of the founder is gone (410), the session ended, the mail sent.
    assert [Client().get(path).status_code for path in links] == [410, 410]
    assert client.get("/").status_code == 302
    assert not Session.objects.filter(session_key=other_device).exists()
    assert [m.to for m in mailoutbox if "deleted" in m.subject] == [[alice.email]]


def test_deleting_a_consultant_leaves_the_founders_data_intact(alice, bob, charlie):
    give_everything(alice, bob)
    found = relations_to_users()
    before = _rows_of(alice, found)
    services.account_delete(user=bob)
    # The invitations were the consultant's and go with them; all else of Alice's stays.
    assert before.pop("consultants.ConsultantInvite")
    after = _rows_of(alice, found)
    assert after.pop("consultants.ConsultantInvite") == set()
    assert after == before
    alice.profile.refresh_from_db()
    assert not alice.profile.consultants.exists()
    assert alice.tasks.get().notes.get().author is None
