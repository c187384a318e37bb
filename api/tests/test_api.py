"""The API's rules: the token's founder only, its scope, its rate, JSON errors in the
request's language, and writes through the services."""

import pytest
from django.core.cache import cache

from api.models import AccessToken
from api.tests.conftest import SECRET_TITLE
from api.tokens import digest, token_revoke
from tasks.models import Delegate, Task

pytestmark = pytest.mark.django_db


def test_another_founders_ids_are_404(api, write_token, founders):
    _alice, charlie = founders
    task = Task.objects.get(owner=charlie)
    delegate = Delegate.objects.get(owner=charlie)
    for path in (f"/api/tasks/{task.pk}/", f"/api/delegates/{delegate.pk}/"):
        response = api.call("get", path, write_token)
        assert response.status_code == 404
        assert SECRET_TITLE not in response.content.decode()
    assert (
        api.call("patch", f"/api/tasks/{task.pk}/", write_token, {"title": "x"}).status_code == 404
    )
    assert api.call("delete", f"/api/tasks/{task.pk}/", write_token).status_code == 404
    assert Task.objects.get(pk=task.pk).title == SECRET_TITLE
    listed = api.call("get", "/api/tasks/", write_token).json()
    assert [t["title"] for t in listed["results"]] == ["Inbox triage"]


def test_a_read_token_cannot_write(api, read_token, founders):
    assert api.call("get", "/api/tasks/", read_token).status_code == 200
    body = {"title": "Bookkeeping", "time_amount": 2}
    refused = api.call("post", "/api/tasks/", read_token, body)
    assert refused.status_code == 403
    assert "may only read" in refused.json()["detail"]
    assert not Task.objects.filter(title="Bookkeeping").exists()
    task = Task.objects.get(owner=founders[0])
    path = f"/api/tasks/{task.pk}/"
    assert api.call("patch", path, read_token, {"title": "Changed"}).status_code == 403
    assert api.call("put", path, read_token, {"title": "Changed"}).status_code == 403
    assert api.call("delete", path, read_token).status_code == 403
    assert Task.objects.get(pk=task.pk).title == "Inbox triage"


def test_a_write_token_creates_updates_and_deletes_through_the_services(api, write_token):
    created = api.call(
        "post",
        "/api/tasks/",
        write_token,
        {"title": "Bookkeeping", "time_amount": "2", "time_unit": "month", "enjoyment": 1},
    )
    assert created.status_code == 201, created.content
    task = created.json()
    assert task["hours_per_week"] == pytest.approx(0.46, abs=0.01)
    assert task["classification"]["category"] in {"time", "skill", "smart", "keep"}
    assert any(r["code"] == "hate" for r in task["classification"]["reasons"])
    changed = api.call("patch", f"/api/tasks/{task['id']}/", write_token, {"title": "Books"})
    assert changed.json()["title"] == "Books"
    assert api.call("delete", f"/api/tasks/{task['id']}/", write_token).status_code == 204
    assert not Task.objects.filter(pk=task["id"]).exists()


def test_the_task_list_takes_the_apps_filters(api, write_token):
    api.call(
        "post", "/api/tasks/", write_token, {"title": "Hated", "time_amount": 3, "enjoyment": 1}
    )
    hated = api.call("get", "/api/tasks/?list=hate", write_token).json()
    assert [t["title"] for t in hated["results"]] == ["Hated"]
    bad = api.call("get", "/api/tasks/?list=nonsense", write_token)
    assert bad.status_code == 400 and "list" in bad.json()


def test_errors_are_json_in_the_requests_language(api, write_token):
    english = api.call("get", "/api/tasks/", "bbt_wrong")
    assert english.status_code == 401
    assert english.json() == {"detail": "This token is unknown or revoked."}
    german = api.call("get", "/api/tasks/", "bbt_wrong", HTTP_ACCEPT_LANGUAGE="de")
    assert german.json() == {"detail": "Dieser Token ist unbekannt oder widerrufen."}
    missing = api.call("get", "/api/tasks/999999/", write_token, HTTP_ACCEPT_LANGUAGE="de")
    assert missing.status_code == 404 and missing.json()["detail"] == "Nicht gefunden."
    invalid = api.call("post", "/api/tasks/", write_token, {"title": ""}, HTTP_ACCEPT_LANGUAGE="de")
    assert invalid.status_code == 400 and "title" in invalid.json()
    nowhere = api.call("get", "/api/nowhere/", write_token)
    assert nowhere.status_code == 404 and nowhere["Content-Type"] == "application/json"


def test_tokens_are_stored_hashed_and_revocable(api, write_token):
    token = AccessToken.objects.get()
    assert token.key_hash == digest(write_token) and write_token not in token.key_hash
    assert api.call("get", "/api/tasks/", write_token).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    token_revoke(token=token)
    assert api.call("get", "/api/tasks/", write_token).status_code == 401


def test_each_token_has_its_own_rate(api, write_token, read_token, settings):
    settings.API_RATE = "3/minute"
    cache.clear()  # the counts of earlier tests' tokens
    statuses = [api.call("get", "/api/delegates/", write_token).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert api.call("get", "/api/delegates/", read_token).status_code == 200


def test_the_schema_and_the_docs_need_no_token_and_no_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/tasks/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs
    assert "https://" not in docs and "<style" not in docs


def test_buyback_figures_and_next_moves(api, write_token):
    data = api.call("get", "/api/buyback/", write_token).json()
    assert "bought_back_hours" in data and isinstance(data["next_moves"], list)


def test_a_delegate_records_a_run_through_the_handover_link(api, founders):
    from django.utils import timezone

    from sops import services as sops_services
    from sops.tests.factories import published_va_task
    from tasks.tests.factories import make_delegate

    alice, _charlie = founders
    _task, instruction, version = published_va_task(alice, title="Invoices")
    link = sops_services.handover_link_create(
        instruction=instruction, delegate=make_delegate(alice)
    )
    path = "/api" + sops_services.handover_path(link).replace("/instructions", "") + "runs/"
    run = {"performed_on": str(timezone.localdate()), "performed_by": "Maria", "minutes": 20}
    unread = api.call("post", path, None, run)
    assert unread.status_code == 400 and "version 1" in str(unread.json())
    sops_services.handover_acknowledge(link=link, version=version)
    recorded = api.call("post", path, None, {**run, "checked_steps": [0, 1]})
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["minutes"] == 20
    sops_services.handover_link_revoke(link=link)
    assert api.call("post", path, None, run).status_code == 410
    assert api.call("post", "/api/handover/forged/runs/", None, run).status_code == 404
