"""Download my data: every kind in the ZIP as JSON and CSV, and only ever for its founder."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from privacy import deletion, export_service, exports
from privacy.models import DataExport
from privacy.tests.everything import give_everything
from privacy.tests.test_deletion_walk import relations_to_users

pytestmark = pytest.mark.django_db


def ask_for_export(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/settings/data/export/")
    assert response.status_code == 302
    return DataExport.objects.latest("created_at")


def link_from(mailoutbox) -> str:
    (message,) = [m for m in mailoutbox if "download" in m.subject.lower()]
    return next(w for w in message.body.split() if "/settings/data/download/" in w)


def test_every_kind_of_data_is_in_the_zip_as_json_and_csv(
    alice_client, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    give_everything(alice, bob)
    ask_for_export(alice_client, django_capture_on_commit_callbacks)
    response = alice_client.get(link_from(mailoutbox).replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert "README.txt" in names
    for kind in exports.KINDS:
        rows = json.loads(archive.read(f"{kind.name}.json"))
        assert rows, f"{kind.name}.json is empty"
        raw = archive.read(f"{kind.name}.csv")
        assert raw.startswith(b"\xef\xbb\xbf"), "CSV without a byte-order mark"
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(table) == len(rows) + 1, kind.name
    tasks = json.loads(archive.read("tasks.json"))
    assert tasks[0]["title"] == "Invoices for Müller GmbH"
    runs = json.loads(archive.read("runs.json"))
    assert runs[0]["notes"] == "Two invoices were late" and runs[0]["minutes"] == 25
    links = archive.read("handover_links.json").decode()
    assert "token" not in links
    readme = archive.read("README.txt").decode()
    assert all(f"{kind.name}.json" in readme for kind in exports.KINDS)


def test_the_zip_names_the_consultants_tokens_and_calendar_feed_but_no_secret(alice, bob):
    give_everything(alice, bob)
    archive = zipfile.ZipFile(io.BytesIO(exports.build_zip(alice, language="en")))
    (consultant,) = json.loads(archive.read("consultants.json"))
    assert consultant["email"] == bob.email and consultant["since"]
    assert "password" not in consultant
    (token,) = json.loads(archive.read("api_tokens.json"))
    assert token["name"] == "Zapier" and token["scope"] == "read_write"
    assert token["created_at"] and token["last_used_at"] and token["revoked_at"] is None
    assert json.loads(archive.read("calendar_feed.json"))[0]["active"] is True
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    for secret in (f"token-{alice.pk}", f"feed-{alice.pk}", "bbt_x", "key_hash", "prefix"):
        assert secret not in everything, secret
    readme = archive.read("README.txt").decode()
    assert "api_tokens.json" in readme and "never the token" in readme


def test_without_a_calendar_feed_the_zip_says_none_is_active(alice):
    archive = zipfile.ZipFile(io.BytesIO(exports.build_zip(alice, language="en")))
    assert json.loads(archive.read("calendar_feed.json")) == [{"active": False, "created_at": None}]
    calendar = archive.read("calendar_feed.csv").decode("utf-8-sig").splitlines()
    assert calendar == ["active,created_at", "false,"]


def test_a_german_founder_gets_semicolons_decimal_commas_and_a_german_readme(alice, bob, settings):
    alice.profile.language = "de"
    alice.profile.save()
    give_everything(alice, bob)
    archive = zipfile.ZipFile(io.BytesIO(exports.build_zip(alice, language="de")))
    profile = archive.read("profile.csv").decode("utf-8-sig").splitlines()
    header, row = profile[0].split(";"), profile[1].split(";")
    assert row[header.index("weekly_capacity")] == "40,0"
    readme = archive.read("README.txt").decode()
    assert "Alles, was für alice@example.com gespeichert ist" in readme
    assert "Die Berater, die deine Daten sehen und ändern dürfen" in readme
    assert "Deine API-Tokens" in readme and "Ob dein Kalender-Link aktiv ist" in readme


def test_every_model_removed_with_a_founder_is_exported_or_says_why_not():
    exported = {kind.model._meta.label for kind in exports.KINDS}
    removed = {
        model._meta.label
        for label, (model, _field, _target) in relations_to_users().items()
        if deletion.RULES[label] == deletion.REMOVED
    }
    assert removed - exported - set(exports.NOT_EXPORTED) == set()


@pytest.fixture
def alices_link(alice_client, alice, mailoutbox, django_capture_on_commit_callbacks):
    ask_for_export(alice_client, django_capture_on_commit_callbacks)
    return link_from(mailoutbox).replace("http://127.0.0.1:8000", "")


def test_the_link_works_once(alice_client, alices_link):
    assert alice_client.get(alices_link).status_code == 200
    assert alice_client.get(alices_link).status_code == 410


def test_the_link_is_only_for_its_founder(alices_link, charlie):
    other = Client()
    other.force_login(charlie)
    assert other.get(alices_link).status_code == 410
    assert Client().get(alices_link).status_code == 302  # to the log-in


def test_a_tampered_link_opens_nothing(alice_client, alices_link):
    assert alice_client.get(alices_link[:-3] + "xx/").status_code == 410


def test_the_link_expires_after_24_hours(alice_client, alices_link):
    later = timezone.now() + export_service.VALID_FOR + timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert alice_client.get(alices_link).status_code == 410


def test_a_second_request_within_minutes_is_refused(
    alice_client, django_capture_on_commit_callbacks
):
    ask_for_export(alice_client, django_capture_on_commit_callbacks)
    ask_for_export(alice_client, django_capture_on_commit_callbacks)
    assert DataExport.objects.count() == 1


def test_the_page_offers_the_ready_file(alice_client, alices_link):
    page = alice_client.get("/settings/data/").content.decode()
    # The same export; the signature's timestamp may be a second later than the mail's.
    assert alices_link.split(":")[0] in page


def test_exports_older_than_their_link_are_removed(alice, charlie):
    old = DataExport.objects.create(
        founder=alice, created_at=timezone.now() - export_service.VALID_FOR - timedelta(minutes=1)
    )
    fresh = DataExport.objects.create(founder=charlie)
    assert export_service.exports_expire() == 1
    assert not DataExport.objects.filter(pk=old.pk).exists()
    assert DataExport.objects.filter(pk=fresh.pk).exists()
