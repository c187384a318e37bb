"""The delegation loop without a browser: urgent notes mail at once, the demo mails at once,
the seed mails no one, news from the team (order, unread), questions and answers, and
delegating hands the instruction over in the same step."""

import re
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core import signing
from django.utils import timezone

from accounts.models import Profile
from sops import news, services, threads
from sops.models import LINK_SALT, HandoverEvent, HandoverLink, NewsHour, Question
from sops.tests.factories import published_va_task
from tasks.tests.factories import make_delegate


@pytest.fixture(autouse=True)
def _commit_at_once(commit_at_once):
    """Every test here: what waits for the commit runs at once (conftest.commit_at_once)."""


@pytest.fixture
def shared(alice):
    task, instruction, version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com")
    link = services.handover_link_create(instruction=instruction, delegate=maria)
    services.handover_acknowledge(link=link, version=version, notify=False)
    return task, version, link


def _run(version, link, *, checked=(0, 1, 2), notes="", urgent=False):
    return services.run_record(
        version=version,
        performed_on=timezone.localdate(),
        performed_by="Maria",
        checked_steps=list(checked),
        minutes=25,
        notes=notes,
        urgent=urgent,
        link=link,
    )


def test_an_urgent_note_mails_the_founder_at_once_even_within_the_hour(alice, shared):
    _task, version, link = shared
    NewsHour.objects.create(founder=alice, notified_at=timezone.now())  # the hour is taken
    _run(version, link, checked=[0])  # batched: waits for the hour
    assert django_mail.outbox == []
    _run(version, link, checked=[0, 1], notes="A lawyer wrote, read today", urgent=True)
    (message,) = django_mail.outbox
    assert message.subject.startswith("Urgent:")
    assert "Urgent note: A lawyer wrote, read today" in message.body
    assert not HandoverEvent.objects.filter(notified_at=None).exists()


def test_urgent_without_a_note_is_not_urgent(alice, shared):
    _task, version, link = shared
    assert _run(version, link, urgent=True).urgent is False


def test_in_the_demo_news_goes_out_at_once(alice, shared, settings):
    _task, version, link = shared
    settings.HEARD_BACK_AT_ONCE = True
    NewsHour.objects.create(founder=alice, notified_at=timezone.now())
    _run(version, link)
    _run(version, link, checked=[1])
    assert len(django_mail.outbox) == 2


def test_within_the_hour_news_waits_outside_the_demo(alice, shared):
    _task, version, link = shared
    NewsHour.objects.create(founder=alice, notified_at=timezone.now())
    _run(version, link, notes="fine")
    assert django_mail.outbox == []


def test_the_demo_seed_records_news_and_mails_no_one(db, settings):
    from sops import demo

    settings.HEARD_BACK_AT_ONCE = True
    demo.seed(founders=1, tasks=40)
    assert django_mail.outbox == []
    kinds = set(HandoverEvent.objects.values_list("kind", flat=True))
    assert kinds == {"acknowledged", "run"}
    assert not HandoverEvent.objects.filter(notified_at=None).exists()
    assert HandoverEvent.objects.filter(seen_at=None).count() == 3  # unread on the dashboard


def test_news_puts_unread_notes_and_unchecked_steps_first_then_newest(alice, shared):
    _task, version, link = shared
    complete = _run(version, link)
    noted = _run(version, link, checked=[0, 1, 2], notes="Printer empty")
    _run(version, link)
    first = news.latest(founder_id=alice.pk)
    assert first["unread"] == 4  # and the acknowledgement
    assert first["items"][0]["notes"] == "Printer empty" and first["items"][0]["unread"]
    # Shown once: now seen, and the order is simply newest first.
    again = news.latest(founder_id=alice.pk)
    assert again["unread"] == 0 and not any(item["unread"] for item in again["items"])
    runs = [item["run_pk"] for item in again["items"]]
    assert runs.index(noted.pk) < runs.index(complete.pk)


def test_the_news_page_paginates_and_the_dashboard_shows_the_block(alice, alice_client, shared):
    _task, version, link = shared
    for _ in range(news.PAGE_SIZE + 1):
        _run(version, link)
    page = alice_client.get("/instructions/news/")
    assert page.status_code == 200
    assert page.content.decode().count("data-news=") == news.PAGE_SIZE
    second = alice_client.get("/instructions/news/?page=2").content.decode()
    assert second.count("data-news=") == 2  # a run and the acknowledgement
    dashboard = alice_client.get("/").content.decode()
    assert "News from your team" in dashboard and "data-team-news" in dashboard


def test_a_question_is_cleaned_bounded_and_answered(alice, alice_client, shared):
    _task, version, link = shared
    run = _run(version, link, checked=[0])
    question = threads.question_ask(
        link=link, text="<b>Which</b> folder? <script>x()</script>", run_id=run.pk
    )
    assert question.text == "Which folder?"
    assert HandoverEvent.objects.filter(kind="question", needs_attention=True).exists()
    with pytest.raises(Exception, match="At most"):
        threads.question_ask(link=link, text="x" * (Question.TEXT_MAX + 1))
    response = alice_client.post(
        f"/instructions/links/{link.pk}/answer/", {"text": "The blue one", "run": run.pk}
    )
    assert response.status_code == 302
    assert Question.objects.filter(from_founder=True, run=run, text="The blue one").exists()


def test_questions_are_rate_limited(shared):
    _task, _version, link = shared
    from accounts import ratelimit

    for _ in range(ratelimit.QUESTION.count):
        threads.question_ask(link=link, text="Hello?")
    with pytest.raises(threads.TooManyQuestions):
        threads.question_ask(link=link, text="Hello?")
    assert Question.objects.count() == ratelimit.QUESTION.count


def test_another_founder_cannot_answer(charlie, client, shared):
    _task, _version, link = shared
    client.force_login(charlie)
    assert client.post(f"/instructions/links/{link.pk}/answer/", {"text": "x"}).status_code == 404


def test_delegating_sends_the_instruction_in_the_same_step(alice, alice_client, settings):
    task, instruction, _version = published_va_task(alice)
    Profile.objects.filter(user=alice).update(
        display_name="Alice Weber", business_name="Weber Design"
    )
    maria = make_delegate(alice, email="maria@example.com")
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/",
        {
            "delegate": maria.pk,
            "start_date": timezone.localdate().isoformat(),
            "send_instruction": "on",
            "note": "Start Monday",
            "confirm": "1",
        },
        follow=True,
    )
    assert "on its way to maria@example.com" in response.content.decode()
    link = HandoverLink.objects.get(instruction=instruction)
    assert link.for_delegation and link.mail_state == "sent"
    (message,) = django_mail.outbox
    assert "Alice Weber, Weber Design hands you" in message.body
    assert "Start Monday" in message.body and link.token == _token_in(message.body)
    assert "as long as this task is yours" in message.body
    # Renewed while the delegation runs, the same URL; revoked when the task is taken back.
    HandoverLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + timedelta(days=2))
    page = alice_client.get(services.handover_path(link))
    assert page.status_code == 200 and "Start Monday" in page.content.decode()
    assert HandoverLink.objects.get(pk=link.pk).expires_at > timezone.now() + timedelta(days=20)
    alice_client.post(f"/tasks/{task.pk}/reopen/")
    assert alice_client.get(services.handover_path(link)).status_code == 410


def test_delegating_without_asking_to_send_mails_nobody(alice, alice_client):
    task, instruction, _version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com")
    alice_client.post(
        f"/tasks/{task.pk}/delegate/",
        {"delegate": maria.pk, "start_date": timezone.localdate().isoformat(), "confirm": "1"},
    )
    assert django_mail.outbox == []
    assert HandoverLink.objects.get(instruction=instruction).for_delegation


def test_the_delegates_page_shows_their_runs_and_what_changed(alice, client, shared):
    _task, version, link = shared
    _run(version, link, checked=[0], notes="Missing password")
    instruction = version.instruction
    instruction.title = "Inbox triage, daily"
    instruction.save()
    services.instruction_publish(instruction=instruction, by=alice)
    page = client.get(services.handover_path(link)).content.decode()
    assert "What changed since you last read it (version 1 → 2)" in page
    assert "Missing password" in page and "1 of 3 steps checked" in page
    assert "alice@example.com" in page  # no name given: the address introduces her


def test_the_task_and_the_dashboard_show_measured_beside_planned(alice, alice_client):
    task, instruction, version = published_va_task(alice, hours_per_week=4)
    maria = make_delegate(alice, email="maria@example.com")
    alice_client.post(
        f"/tasks/{task.pk}/delegate/",
        {"delegate": maria.pk, "start_date": timezone.localdate().isoformat(), "confirm": "1"},
    )
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Estimated 4 h a week; no runs logged this week." in page
    link = HandoverLink.objects.get(instruction=instruction)
    services.handover_acknowledge(link=link, version=version, notify=False)
    _run(version, link)  # 25 minutes
    _run(version, link)
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Estimated 4 h a week; your team logged 0.83 h this week." in page
    dashboard = alice_client.get("/").content.decode()
    assert "Planned; measured: your team logged 0.83 h in the last 7 days." in dashboard


def _token_in(text):
    """The link's token from an email (each rendering signs the URL afresh, with a time)."""
    signed = re.search(r"/instructions/handover/([^/\s]+)/", text).group(1)
    return signing.loads(signed, salt=LINK_SALT)
