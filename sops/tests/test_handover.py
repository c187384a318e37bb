"""The delegate's link: signed, expiring, revocable, no login; acknowledge, then record runs."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from sops import services
from sops.forms import RunForm
from sops.models import HandoverLink, Run
from sops.tests.factories import published_va_task
from tasks.tests.factories import make_delegate


@pytest.fixture
def shared(alice):
    task, instruction, version = published_va_task(alice)
    maria = make_delegate(alice)
    link = services.handover_link_create(instruction=instruction, delegate=maria)
    return task, instruction, version, link


def _url(link):
    return services.handover_path(link)


def test_the_founder_creates_a_link_that_lasts_thirty_days(alice_client, alice):
    _task, instruction, _version = published_va_task(alice)
    maria = make_delegate(alice)
    alice_client.post(
        f"/instructions/{instruction.pk}/links/new/", {"delegate": maria.pk, "days": "30"}
    )
    link = HandoverLink.objects.get(instruction=instruction)
    assert timedelta(days=29, hours=23) < link.expires_at - timezone.now() <= timedelta(days=30)
    page = alice_client.get(f"/instructions/{instruction.pk}/").content.decode()
    assert "/instructions/handover/" in page


def test_a_draft_cannot_be_shared(alice):
    from sops.tests.factories import make_instruction

    instruction = make_instruction(alice)
    with pytest.raises(Exception, match="Publish the instruction before you share it"):
        services.handover_link_create(instruction=instruction, delegate=make_delegate(alice))


def test_the_delegate_sees_the_instruction_without_logging_in(client, shared):
    task, _instruction, version, link = shared
    response = client.get(_url(link))
    page = response.content.decode()
    assert response.status_code == 200
    assert task.title in page and "Answer routine mail" in page
    assert f"I have read version {version.number}" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda url: url.replace("/handover/", "/handover/x"),
        lambda url: url[:-3] + "abc/",
        lambda url: "/instructions/handover/not-even-signed/",
    ],
)
def test_a_tampered_link_answers_404_and_reveals_nothing(client, shared, mangle):
    task, *_rest, link = shared
    response = client.get(mangle(_url(link)))
    assert response.status_code == 404
    assert task.title not in response.content.decode()


def test_a_signed_token_whose_link_was_deleted_answers_410(client, shared):
    """Only the app signs tokens: a signed one without its row was deleted (an account
    deletion takes the links along), which is gone, not unknown."""
    *_rest, link = shared
    url = _url(link)
    HandoverLink.objects.filter(pk=link.pk).delete()
    assert client.get(url).status_code == 410


def test_an_expired_link_answers_410(client, shared):
    task, *_rest, link = shared
    HandoverLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(_url(link))
    assert response.status_code == 410
    assert task.title not in response.content.decode()


def test_a_revoked_link_answers_410(alice_client, client, shared):
    task, instruction, _version, link = shared
    url = _url(link)
    alice_client.post(f"/instructions/{instruction.pk}/links/{link.pk}/revoke/")
    response = client.get(url)
    assert response.status_code == 410
    assert task.title not in response.content.decode()
    assert client.post(url, {"acknowledge": "1"}).status_code == 410


def test_the_delegate_acknowledges_then_records_a_run(client, shared):
    task, _instruction, version, link = shared
    url = _url(link)
    run = {"performed_on": str(timezone.localdate()), "performed_by": "Maria", "minutes": "45"}
    refused = client.post(url, {**run, "steps": ["0", "1"]})
    assert refused.status_code == 400
    assert not Run.objects.exists()
    client.post(url, {"acknowledge": "1"})
    response = client.post(url, {**run, "steps": ["0", "1"], "notes": "All fine"})
    assert response.status_code == 302
    recorded = Run.objects.get()
    assert (recorded.version, recorded.link, recorded.checked_steps) == (version, link, [0, 1])
    assert recorded.progress() == (2, 3)
    task.refresh_from_db()
    assert task.last_run_on == timezone.localdate()


def test_a_new_version_must_be_acknowledged_before_the_next_run(alice, shared):
    _task, instruction, version, link = shared
    services.handover_acknowledge(link=link, version=version)
    instruction.title = "Inbox triage, v2"
    services.instruction_save_draft(
        instruction=instruction,
        revision=instruction.revision,
        steps=[services.rules.StepData(text="Only one step now")],
    )
    v2 = services.instruction_publish(instruction=instruction, by=alice)
    with pytest.raises(Exception, match="Confirm that you have read version 2"):
        services.run_record(
            version=v2,
            performed_on=timezone.localdate(),
            performed_by="Maria",
            checked_steps=[0],
            minutes=10,
            link=link,
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "0", "greater than or equal to 1"),
        ("minutes", "", "This field is required."),
        ("performed_by", "", "This field is required."),
        ("performed_on", "yesterday", "Enter a valid date."),
    ],
)
def test_a_bad_run_is_refused_with_a_message(client, shared, field, value, message):
    _task, _instruction, version, link = shared
    services.handover_acknowledge(link=link, version=version)
    data = {"performed_on": str(timezone.localdate()), "performed_by": "Maria", "minutes": "30"}
    response = client.post(_url(link), {**data, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Run.objects.exists()


def test_the_founder_records_a_run_and_the_task_page_shows_7_of_9_steps(alice_client, alice):
    from sops.rules import StepData
    from sops.tests.factories import make_instruction
    from tasks.tests.factories import make_task

    task = make_task(alice)
    instruction = make_instruction(
        alice, task=task, steps=[StepData(f"Step {i}") for i in range(9)]
    )
    alice_client.post(f"/instructions/{instruction.pk}/publish/")
    data = {
        "performed_on": str(timezone.localdate()),
        "performed_by": "Alice",
        "minutes": "30",
        "steps": [str(i) for i in range(7)],
    }
    response = alice_client.post(f"/instructions/{instruction.pk}/runs/new/", data)
    assert response.status_code == 302
    assert "7/9 steps" in alice_client.get(f"/tasks/{task.pk}/").content.decode()
    task.refresh_from_db()
    assert task.last_run_on == timezone.localdate()


def test_a_german_delegate_finds_the_date_filled_in(client, shared):
    client.cookies["django_language"] = "de"
    client.post(_url(shared[3]), {"acknowledge": "1"})
    page = client.get(_url(shared[3])).content.decode()
    assert f'name="performed_on" value="{timezone.localdate():%Y-%m-%d}"' in page


def test_the_checklist_shows_the_steps_in_plain_words():
    version = SimpleNamespace(steps=[{"text": "Open **Mailchimp** <b>now</b>"}])
    assert RunForm(version=version).fields["steps"].choices == [(0, "1. Open Mailchimp now")]
