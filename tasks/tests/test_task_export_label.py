"""The task CSV export says what it exports: the filtered rows, or all of them."""

import re

import pytest

from tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


def export_links(page: str) -> dict[str, tuple[str, str]]:
    links = re.findall(
        r'<a [^>]*href="(/tasks/export\.csv[^"]*)" (data-export(?:-all)?)>([^<]*)</a>', page
    )
    return {marker: (href, " ".join(text.split())) for href, marker, text in links}


def test_unfiltered_it_says_all(alice_client, alice):
    for n in range(3):
        make_task(alice, title=f"Task {n}")
    links = export_links(alice_client.get("/tasks/").content.decode())
    assert links["data-export"][1] == "Export all 3 tasks (CSV)"
    assert "data-export-all" not in links


def test_filtered_it_counts_the_matches_and_offers_everything(alice_client, alice):
    make_task(alice, title="Invoices", enjoyment=1)
    make_task(alice, title="Bookkeeping", enjoyment=1)
    make_task(alice, title="Product vision", enjoyment=5, core=True)
    links = export_links(alice_client.get("/tasks/?list=hate").content.decode())
    href, text = links["data-export"]
    assert text == "Export 2 tasks matching your filters (CSV)"
    assert len(alice_client.get(href.replace("&amp;", "&")).content.decode().splitlines()) == 3
    href_all, text_all = links["data-export-all"]
    assert text_all == "Export everything: all 3 tasks (CSV)"
    assert len(alice_client.get(href_all).content.decode().splitlines()) == 4


def test_german(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    make_task(alice, title="Rechnungen", enjoyment=1)
    make_task(alice, title="Vision", enjoyment=5)
    page = alice_client.get("/tasks/?list=hate").content.decode()
    links = export_links(page)
    assert links["data-export"][1] == "1 Aufgabe exportieren, die zu deinen Filtern passt (CSV)"
    assert links["data-export-all"][1] == "Alles exportieren: alle 2 Aufgaben (CSV)"
