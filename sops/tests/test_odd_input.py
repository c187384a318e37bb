"""Odd input answers 4xx with a message, never 500 (security issue #8, holes 5 and 7)."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from sops import services
from sops.models import Instruction, InstructionVersion, Run
from sops.tests.factories import form_data, make_instruction, published_va_task
from tasks import services as task_services
from tasks.tests.factories import make_delegate


@pytest.mark.parametrize("junk", ["²", "99999999999999999999", "-1"])
@pytest.mark.parametrize("url", ["/instructions/new/?task=", "/instructions/templates/?task="])
def test_a_junk_task_id_in_the_query_is_a_404(alice_client, url, junk):
    assert alice_client.get(url + junk).status_code == 404


def test_a_junk_task_id_in_the_template_copy_is_a_404(alice_client):
    response = alice_client.post("/instructions/templates/1/copy/", {"task": "²"})
    assert response.status_code == 404


def test_a_junk_version_to_compare_with_is_a_404(alice_client, alice):
    instruction = make_instruction(alice)
    services.instruction_publish(instruction=instruction, by=alice)
    url = f"/instructions/{instruction.pk}/v/1/changes/?from="
    assert alice_client.get(url + "²").status_code == 404
    assert alice_client.get(url + "1").status_code == 200


def test_the_handover_page_answers_410_when_no_published_version_is_left(client, alice):
    _task, instruction, version = published_va_task(alice)
    link = services.handover_link_create(instruction=instruction, delegate=make_delegate(alice))
    version.delete()
    response = client.get(services.handover_path(link))
    assert response.status_code == 410
    assert "This link no longer works" in response.content.decode()


def test_nobody_deletes_a_published_version_in_the_admin(client, cast):
    version = InstructionVersion.objects.first()
    client.force_login(cast.root)
    url = f"/admin/sops/instructionversion/{version.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    listing = client.get("/admin/sops/instructionversion/").content.decode()
    assert "delete_selected" not in listing
    assert InstructionVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("review_on", ["9999-01-01", "1999-12-31"])
def test_a_review_date_out_of_range_is_refused(alice_client, alice, review_on):
    response = alice_client.post("/instructions/new/", form_data(steps=[], review_on=review_on))
    assert response.status_code == 400
    assert "between the years 2000 and 2100" in response.content.decode()
    assert not Instruction.objects.filter(owner=alice).exists()


def test_the_admin_date_hierarchy_survives_the_latest_allowed_date(client, cast):
    Instruction.objects.update(review_on=date(2100, 12, 31))
    client.force_login(cast.root)
    assert client.get("/admin/sops/instruction/?review_on__year=2100").status_code == 200


def test_a_delegation_start_out_of_range_is_refused(alice_client, alice):
    task, _instruction, _version = published_va_task(alice, recurring=True)
    delegate = make_delegate(alice)
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": delegate.pk, "start_date": "9999-01-01"}
    )
    assert response.status_code == 400
    assert "between the years 2000 and 2100" in response.content.decode()


@pytest.fixture
def delegated(alice):
    task, instruction, version = published_va_task(alice, recurring=True)
    start = timezone.localdate() - timedelta(days=3)
    task_services.delegation_start(task=task, delegate=make_delegate(alice), start_date=start)
    return task, version, start


def _run(version, performed_on):
    return services.run_record(
        version=version,
        performed_on=performed_on,
        performed_by="Maria",
        checked_steps=[],
        minutes=10,
    )


def test_a_run_before_the_delegation_began_is_refused(delegated):
    _task, version, start = delegated
    with pytest.raises(ValidationError, match="a run can't be earlier"):
        _run(version, start - timedelta(days=1))
    assert _run(version, start).performed_on == start
    assert Run.objects.count() == 1


def test_a_run_after_the_founders_today_is_refused(delegated):
    _task, version, _start = delegated
    with pytest.raises(ValidationError, match="can't be in the future"):
        _run(version, timezone.localdate() + timedelta(days=2))


def test_sqlite_takes_the_write_lock_when_a_transaction_begins():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
