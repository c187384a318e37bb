"""The task catalogue: its data is valid, and titles find their entry as people type them."""

import time

import pytest

from tasks import catalogue, classifier


def test_the_catalogue_is_broad_and_valid():
    entries = catalogue.entries()
    assert len(entries) >= 150
    assert len({entry.key for entry in entries}) == len(entries)
    for entry in entries:
        assert entry.area in classifier.AREAS, entry.key
        assert entry.rung in catalogue.RUNGS, entry.key
        assert entry.route in classifier.ROUTES, entry.key
        assert entry.outcome in ("", *catalogue.OUTCOMES), entry.key
        assert bool(entry.tool) == (entry.outcome == catalogue.AUTOMATE), entry.key
        assert entry.names_en and entry.names_de, entry.key
        # Core work is the founder's and kept; a specialist's work goes to a specialist.
        assert (entry.route == classifier.KEEP) >= entry.core, entry.key
        if entry.needs_specialist:
            assert entry.route == classifier.SPECIALIST, entry.key


@pytest.mark.parametrize(
    "title, key",
    [
        ("Invoicing", "invoicing"),
        ("INVOICES", "invoicing"),  # case and plural
        ("invoicng", "invoicing"),  # a typo
        ("Rechnungen für Kunden schreiben", "invoicing"),  # extra words
        ("Steuererklärung", "tax_return"),
        ("Steuererklaerung", "tax_return"),  # umlaut spelt out
        ("returns tax", "tax_return"),  # word order
        ("Buchhaltungsbelege sortieren", "receipts"),  # a German compound
        ("Kundentermine koordinieren", "calendar"),
        ("Coaching-Sitzungen", "coaching"),
        ("E-Mail-Postfach sortieren", "inbox"),
        ("Sales calls", "sales_calls"),
        ("Kalender", "calendar"),  # a short title inside a longer name
    ],
)
def test_titles_find_their_entry(title, key):
    found = catalogue.match(title)
    assert found is not None and found.entry.key == key


@pytest.mark.parametrize("title", ["Garden gnome census", "calls", "", "!!!", "x" * 200])
def test_a_title_nothing_fits_matches_nothing(title):
    assert catalogue.match(title) is None


def test_matching_takes_a_few_milliseconds_at_most():
    titles = [entry.names_en[-1] + " weekly" for entry in catalogue.entries()]
    titles = (titles * 7)[:1000]
    catalogue.match("warm up")  # reading the file is once per process
    started = time.perf_counter()
    for title in titles:
        catalogue.match(title)
    per_title_ms = (time.perf_counter() - started) * 1000 / len(titles)
    # About 1.5 ms on a quiet machine; the bound leaves room for a busy one.
    assert per_title_ms < 10
