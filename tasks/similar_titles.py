"""Near-duplicate task titles: "Inbox zero block" looks like "Inbox".

Pure Python (no Django). Token-based with `rapidfuzz`: word order, case, accents, plurals
and hyphens do not matter ("Social-Media-Posts" ~ "social media post"), German compounds are
compared with and without their spaces ("Kundentermine" ~ "Kunden-Termine"), and words that
say nothing about the work itself ("client", "call", "session", "Termin") are set aside first,
so "Coaching session" ~ "Client coaching calls" but "Client calls" !~ "Client onboarding".
Thresholds are in tasks/tests/test_similar_titles.py.
"""

import time
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


def earlier_similar(titles: list[str], *, seconds: float = 1.0) -> list[int | None]:
    """For each title, the earlier one that looks most like it (but is not the same; ties to
    the earliest), or None. Every pair is scored as TitleIndex does, without scoring all of
    them with the slow scorer: token_set_ratio of two titles with no word in common is the
    plain ratio of their sorted words, which rapidfuzz scores over a whole list in C; only
    titles that share a word (found through an index of words) get the token-based scorer.
    2,000 titles: a few tenths of a second, where pairs one by one took seconds. Bounded:
    past `seconds` of processor time the titles left are not compared (None), so a file of
    2,000 titles that all share a word cannot hold the preview up."""
    deadline = time.thread_time() + seconds
    normals = [normal(title) for title in titles]
    words = [set(text.split()) for text in normals]
    sorted_words = [" ".join(sorted(group)) for group in words]
    joined = [text.replace(" ", "") for text in normals]
    keys = [_same(title) for title in titles]
    having: dict[str, list[int]] = {}
    found: list[int | None] = []
    for number, text in enumerate(normals):
        if time.thread_time() > deadline:
            return found + [None] * (len(titles) - number)
        scores: dict[int, float] = {}
        shared = sorted({other for word in words[number] for other in having.get(word, ())})
        if text:
            for _, score, at in process.extract(
                text,
                [normals[other] for other in shared],
                scorer=fuzz.token_set_ratio,
                score_cutoff=THRESHOLD,
                limit=None,
            ):
                scores[shared[at]] = score
            apart = set(shared)
            for choices, query in (
                (sorted_words, sorted_words[number]),  # no word in common
                (joined, joined[number]),  # compounds: "kundentermine", "kunden termine"
            ):
                for _, score, other in process.extract(
                    query,
                    choices[:number],
                    scorer=fuzz.ratio,
                    score_cutoff=THRESHOLD,
                    limit=None,
                ):
                    if choices is joined or other not in apart:
                        scores[other] = max(score, scores.get(other, 0))
        near = [(score, -other) for other, score in scores.items() if keys[other] != keys[number]]
        found.append(-max(near)[1] if near else None)
        for word in words[number]:
            having.setdefault(word, []).append(number)
    return found
