"""The task export speaks the reader's language: a German founder gets a file German Excel
opens as columns (semicolons, a BOM, decimal commas, ja/nein, German names), and the import
reads it back; English keeps the codes (German editor's list #10)."""

import csv
import io
from decimal import Decimal

from tasks import csv_rows
from tasks.tests.factories import make_task


def download(client, **headers):
    response = client.get("/tasks/export.csv", **headers)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_german_founder_gets_a_german_csv_that_imports_back(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    make_task(alice, title="Posteingang sortieren", area="admin", hours_per_week=Decimal("2.5"))
    data = download(alice_client)
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Titel", "Bereich", "Stunden pro Woche"]
    assert rows[0][-4:] == ["Kategorie", "Übernimmt", "Status", "Gründer"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Bereich"] == "Verwaltung"
    assert row["Stunden pro Woche"] == "2,50"
    assert row["wiederkehrend"] in ("ja", "nein")
    assert row["Status"] == "Bei dir"
    back = csv_rows.parse_tasks(io.StringIO(text))
    assert [(t.title, t.area, t.hours_per_week) for t in back] == [
        ("Posteingang sortieren", "admin", Decimal("2.50"))
    ]


def test_an_english_founder_keeps_the_codes(alice_client, alice):
    make_task(alice, title="Inbox triage", area="admin")
    text = download(alice_client).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["title", "area"]
    assert dict(zip(rows[0], rows[1], strict=True))["area"] == "admin"


def test_the_task_page_tells_the_category_in_the_articles_words(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    task = make_task(alice, title="Rechnungen schreiben", skill=4, enjoyment=1)  # hate → smart
    html = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "data-category-description>Die Königsdisziplin" in html
