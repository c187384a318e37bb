"""Delete my account through the page: the password and the word, then nothing is left."""

import pytest
from django.test import Client

from accounts.models import User
from consultants.tests.admin_cast import make_consultant
from privacy.tests.everything import give_everything
from sops.services import handover_path

pytestmark = pytest.mark.django_db
URL = "/settings/delete/"


def test_the_page_asks_for_the_password_and_the_word(alice_client):
    page = alice_client.get(URL).content.decode()
    assert 'name="password"' in page and 'name="confirmation"' in page
    assert "DELETE" in page


def test_a_wrong_password_or_word_deletes_nothing(alice_client, alice):
    wrong_password = alice_client.post(URL, {"password": "nope", "confirmation": "DELETE"})
    assert wrong_password.status_code == 400
    assert "That is not your password." in wrong_password.content.decode()
    wrong_word = alice_client.post(URL, {"password": "alice-password-1", "confirmation": "yes"})
    assert wrong_word.status_code == 400
    assert "Type DELETE to confirm." in wrong_word.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_wrong_passwords_lock_the_form_like_the_log_in(alice_client, alice, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        alice_client.post(URL, {"password": "guess", "confirmation": "DELETE"})
    locked = alice_client.post(URL, {"password": "alice-password-1", "confirmation": "DELETE"})
    assert locked.status_code == 429
    assert User.objects.filter(pk=alice.pk).exists()


def test_a_german_founder_types_loeschen(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    refused = alice_client.post(URL, {"password": "alice-password-1", "confirmation": "DELETE"})
    assert refused.status_code == 400
    assert "Tippe LÖSCHEN" in refused.content.decode()
    done = alice_client.post(URL, {"password": "alice-password-1", "confirmation": "löschen"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()


def test_after_deletion_links_answer_410_the_consultant_lists_nothing_and_no_log_in(
    alice_client, alice, django_capture_on_commit_callbacks, mailoutbox
):
    consultant = make_consultant("coach@example.com")
    made = give_everything(alice, consultant)
    alice.profile.consultants.add(consultant)
    coach = Client()
    coach.force_login(consultant)
    overview = "/admin/accounts/user/overview/"
    assert "alice@example.com" in coach.get(overview).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            URL, {"password": "alice-password-1", "confirmation": "DELETE"}, follow=True
        )
    assert "Your account and all its data are deleted." in response.content.decode()
    assert Client().get(handover_path(made["link"])).status_code == 410
    assert "alice@example.com" not in coach.get(overview).content.decode()
    log_in = {"username": "alice@example.com", "password": "alice-password-1"}
    assert Client().post("/accounts/login/", log_in).status_code == 200  # the form again
    assert alice_client.get("/settings/").status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == "Your account is deleted"


def test_a_consultant_finds_the_page_in_the_admin_and_deletes_leaving_founders_intact(
    alice, django_capture_on_commit_callbacks, mailoutbox
):
    consultant = make_consultant("coach@example.com")
    give_everything(alice, consultant)
    coach = Client()
    coach.force_login(consultant)
    assert 'href="/settings/data/"' in coach.get("/admin/").content.decode()
    assert coach.get("/settings/data/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = coach.post(
            URL, {"password": "coach@example.com-password", "confirmation": "DELETE"}
        )
    assert response.status_code == 302
    assert not User.objects.filter(pk=consultant.pk).exists()
    task = alice.tasks.get()
    assert task.title == "Invoices for Müller GmbH" and task.notes.get().author is None
    assert alice.instructions.exists() and not alice.profile.consultants.exists()
    assert [m.to for m in mailoutbox] == [["coach@example.com"]]
