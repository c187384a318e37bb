"""Near-duplicate task titles: "Inbox zero block" looks like "Inbox".

Pure Python (no Django). Token-based with `rapidfuzz`: word order, case, accents, plurals
and hyphens do not matter ("Social-Media-Posts" ~ "social media post"), German compounds are
compared with and without their spaces ("Kundentermine" ~ "Kunden-Termine"), and words that
say nothing about the work itself ("client", "call", "session", "Termin") are set aside first,
so "Coaching session" ~ "Client coaching calls" but "Client calls" !~ "Client onboarding".
Thresholds are in tasks/tests/test_similar_titles.py.
"""

import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

# At or above this score two titles are proposed as one task.
THRESHOLD = 85

GENERIC_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "for",
        "with",
        "of",
        "my",
        "our",
        "der",
        "die",
        "das",
        "und",
        "für",
        "fuer",
        "mit",
        "von",
        "mein",
        "meine",
        "client",
        "clients",
        "customer",
        "customers",
        "kunde",
        "kunden",
        "call",
        "calls",
        "session",
        "sessions",
        "meeting",
        "meetings",
        "block",
        "termin",
        "termine",
        "anruf",
        "anrufe",
        "team",
        "weekly",
        "daily",
        "wöchentlich",
        "woechentlich",
        "täglich",
        "taeglich",
    }
)


def _words(title: str) -> list[str]:
    text = unicodedata.normalize("NFKC", title).casefold()
    text = "".join(c if c.isalnum() else " " for c in text)
    return text.split()


def _same(title: str) -> str:
    """The title as exact matching sees it (case and spaces ignored): not a near-duplicate."""
    return " ".join(title.split()).casefold()


def normal(title: str) -> str:
    """The title's words, generic ones set aside unless nothing else is left."""
    words = _words(title)
    specific = [word for word in words if word not in GENERIC_WORDS]
    return " ".join(specific or words)


def score(first: str, second: str) -> float:
    a, b = normal(first), normal(second)
    if not a or not b:
        return 0.0
    # Compounds: "kundentermine" against "kunden termine".
    return max(fuzz.token_set_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


class TitleIndex:
    """Titles to compare many others against: normalised once, scored in rapidfuzz's C."""

    def __init__(self, titles: Iterable[str]) -> None:
        self.titles = list(titles)
        self.normal = [normal(title) for title in self.titles]
        self.joined = [text.replace(" ", "") for text in self.normal]
        self.keys = [_same(title) for title in self.titles]

    def most_similar(self, title: str) -> str | None:
        """The title that looks most like `title` (but is not the same), or None."""
        index = self.most_similar_index(title)
        return None if index is None else self.titles[index]

    def most_similar_index(self, title: str) -> int | None:
        key, text = _same(title), normal(title)
        best: tuple[float, int] | None = None
        for choices, query, scorer in (
            (self.normal, text, fuzz.token_set_ratio),
            (self.joined, text.replace(" ", ""), fuzz.ratio),
        ):
            for _, found, index in process.extract(
                query, choices, scorer=scorer, score_cutoff=THRESHOLD, limit=3
            ):
                if self.keys[index] != key and (best is None or found > best[0]):
                    best = (found, index)
        return best[1] if best else None
