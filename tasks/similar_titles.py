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
        "a", "an", "the", "and", "for", "with", "of", "my", "our",
        "der", "die", "das", "und", "für", "fuer", "mit", "von", "mein", "meine",
        "client", "clients", "customer", "customers", "kunde", "kunden",
        "call", "calls", "session", "sessions", "meeting", "meetings", "block",
        "termin", "termine", "anruf", "anrufe", "team", "weekly", "daily",
        "wöchentlich", "woechentlich", "täglich", "taeglich",
    }
)


def _words(title: str) -> list[str]:
    text = unicodedata.normalize("NFKC", title).casefold()
    text = "".join(c if c.isalnum() else " " for c in text)
    return text.split()


def normal(title: str) -> str:
    """The title's words, generic ones set aside unless nothing else is left."""
    words = _words(title)
    specific = [word for word in words if word not in GENERIC_WORDS]
    return " ".join(specific or words)


def score(first: str, second: str) -> float:
    a, b = normal(first), normal(second)
    if not a or not b:
        return 0.0
    return max(
        fuzz.token_set_ratio(a, b),
        fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")),  # compounds
        fuzz.token_set_ratio(" ".join(_words(first)), " ".join(_words(second))) - 3,
    )


def most_similar(title: str, candidates: Iterable[str]) -> str | None:
    """The candidate that looks most like `title` (not the same title), or None."""
    key = " ".join(_words(title))
    others = [c for c in candidates if " ".join(_words(c)) != key]
    if not others:
        return None
    found = process.extractOne(title, others, scorer=lambda a, b, **_: score(a, b))
    return found[0] if found and found[1] >= THRESHOLD else None
