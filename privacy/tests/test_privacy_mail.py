"""Privacy's two emails go through the outbox like every other: the export's link and the
goodbye after a deletion, which outlives the account and keeps nothing of it but the address."""

import pytest
from django.core import mail as django_mail

from mail.models import OutgoingMail
from privacy import export_service, services
from privacy.models import DataExport
from privacy.tests.everything import give_everything

pytestmark = pytest.mark.django_db


def queued(**fields) -> OutgoingMail:
    defaults = {"kind": "test", "subject": "s", "body_text": "b"}
    return OutgoingMail.objects.create(**{**defaults, **fields})


def test_the_export_link_is_an_outbox_row_sent_once(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    export = DataExport.objects.create(founder=alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert export_service.export_build_and_mail(export_id=export.pk) is True
    row = OutgoingMail.objects.get(kind="data_export")
    assert row.to == alice.email and row.caused_by == alice
    assert row.subject_ref == f"privacy.dataexport:{export.pk}"
    assert row.state == OutgoingMail.SENT
    assert [m.to for m in mailoutbox] == [[alice.email]]
    # A redelivered task finds the export built: no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert export_service.export_build_and_mail(export_id=export.pk) is False
    assert OutgoingMail.objects.filter(kind="data_export").count() == 1
    assert len(mailoutbox) == 1


def test_deletion_forgets_queued_mail_keeps_the_log_and_queues_a_bare_goodbye(
    alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    give_everything(alice, bob)
    caused = queued(to="maria@example.com", caused_by=alice)
    to_her = queued(to="Alice@Example.com")
    sent = queued(to="maria@example.com", caused_by=alice, state=OutgoingMail.SENT)
    others = queued(to="charlie@example.com", caused_by=bob)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.account_delete(user=alice)
        # Queued inside the deletion's transaction, sent only once it commits.
        assert OutgoingMail.objects.filter(kind="account_deleted").exists()
        assert django_mail.outbox == []
    assert callbacks

    assert not OutgoingMail.objects.filter(pk__in=[caused.pk, to_her.pk]).exists()
    sent.refresh_from_db()
    assert sent.caused_by is None  # the log stays, its cause forgotten
    assert OutgoingMail.objects.filter(pk=others.pk, state=OutgoingMail.QUEUED).exists()
    goodbye = OutgoingMail.objects.get(kind="account_deleted")
    assert goodbye.to == "alice@example.com" and goodbye.state == OutgoingMail.SENT
    assert goodbye.caused_by is None and goodbye.subject_ref == "" and goodbye.headers == {}
    body = goodbye.body_text + goodbye.body_html + goodbye.subject
    for personal in ("Müller", "Maria", "Invoices", bob.email):
        assert personal not in body
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_a_german_founder_says_goodbye_in_german(alice, django_capture_on_commit_callbacks):
    alice.profile.language = "de"
    alice.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=alice)
    goodbye = OutgoingMail.objects.get(kind="account_deleted")
    assert goodbye.subject != "Your account is deleted" and "alice@example.com" in goodbye.body_text


def test_an_unconfirmed_sign_up_with_runs_goes_after_its_link_without_a_goodbye(
    alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    """The beat deletes an unconfirmed account the way a founder deletes theirs (its runs
    protect their versions: a plain cascade would refuse), and mails nobody."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts import confirmation
    from accounts.models import Profile, User
    from privacy.tasks import unconfirmed_remove

    give_everything(alice, bob)
    past = timezone.now() - confirmation.VALID_FOR - timedelta(days=1)
    User.objects.filter(pk=alice.pk).update(date_joined=past)
    Profile.objects.filter(user=alice).update(email_confirmed_at=None, confirmation_sent_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert unconfirmed_remove() == 1
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not OutgoingMail.objects.filter(kind="account_deleted").exists()
    assert mailoutbox == []
    assert unconfirmed_remove() == 0
