"""A large file is read by the Celery worker behind a progress page (in the demo and these
tests, in-process): the request only stores the file and answers at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks import tasks as celery_tasks
from tasks.tests.interop import interop_dir


@pytest.fixture
def worker_later(monkeypatch):
    """The queue, held: the test runs the worker's part when it chooses."""
    queued = []
    monkeypatch.setattr(celery_tasks.import_read_file, "delay", lambda **kw: queued.append(kw))
    return queued


def _upload(client, name, data):
    return client.post("/tasks/import/", {"file": SimpleUploadedFile(name, data)})


def test_a_large_calendar_goes_to_the_worker_then_to_the_preview(alice_client, alice, worker_later):
    data = (interop_dir() / "derived_issue42_until_2013-04-10.ics").read_bytes()
    response = _upload(alice_client, "big.ics", data)
    assert response.status_code == 302 and "/tasks/import/progress/" in response["Location"]
    progress = alice_client.get(response["Location"])
    assert progress.status_code == 200 and "Reading your file" in progress.content.decode()
    assert 'http-equiv="refresh"' in progress.content.decode()  # without JavaScript too
    celery_tasks.import_read_file(**worker_later[0])
    htmx = alice_client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == "/tasks/import/preview/"
    assert alice_client.get("/tasks/import/preview/").status_code == 200


def test_a_refusal_comes_back_in_the_founders_language(alice_client, alice, worker_later, settings):
    settings.IMPORT_BACKGROUND_BYTES = 10
    alice.profile.language = "de"
    alice.profile.save()
    response = _upload(alice_client, "x.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    celery_tasks.import_read_file(**worker_later[0])
    refused = alice_client.get(response["Location"])
    assert refused.status_code == 400
    assert "der Kalender enthält keine Termine mit Start- und Endzeit" in refused.content.decode()


def test_someone_elses_job_is_not_shown(alice_client, alice, charlie, worker_later, settings):
    from django.test import Client

    settings.IMPORT_BACKGROUND_BYTES = 10
    response = _upload(alice_client, "x.csv", b"title,area,hours_per_week,recurring,core\n")
    other = Client()
    other.force_login(charlie)
    assert other.get(response["Location"]).status_code == 302


@pytest.mark.parametrize("job", ["\x00", "a b", "x" * 41, "../job", ""])
def test_a_job_name_no_upload_gives_is_nobodys(alice, job, recwarn):
    from tasks.import_background import background_job

    assert background_job(job=job, owner=alice) is None
    assert not [w for w in recwarn if "Cache key" in str(w.message)]


def test_in_the_demo_the_worker_runs_in_process(alice_client, alice, settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("with a broker the worker reads the file (the tests above run its part)")
    settings.IMPORT_BACKGROUND_BYTES = 10
    data = b"title,area,hours_per_week,recurring,core\nInbox,admin,1,yes,no\n"
    response = _upload(alice_client, "t.csv", data)
    assert alice_client.get(response["Location"]).status_code == 302
    assert alice_client.get("/tasks/import/preview/").status_code == 200
