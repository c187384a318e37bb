"""The task catalogue: tasks solo founders typically have, and what is typical for each.

Pure Python (no Django). The rows are in tasks.csv next to this module (see SOURCES.md for
where the ideas come from); `match` finds the entry a founder's title means, tolerant of
case, accents and umlauts, word order, plurals, extra words and German compounds.
Suggestions are made from the entry (`Entry.suggested_*`); the founder's own values win.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from tasks import classifier

DATA = Path(__file__).with_name("tasks.csv")

# The outcomes beside the routes (Ferriss: eliminate, then automate, then delegate).
DROP, AUTOMATE = "drop", "automate"
OUTCOMES = (DROP, AUTOMATE)
# Martell's replacement ladder, the order to buy back time in.
RUNGS = ("admin", "delivery", "marketing", "sales", "leadership")
# Who can do the task: anyone with a work instruction, the founder, or a specialist.
ANYONE, FOUNDER = "anyone", "founder"

# A match below this score (0–100) is no match: better "not rated yet" than a wrong guess.
MIN_SCORE = 86

# Skill the catalogue suggests: work for a specialist is a skill gap (the rules' skill <= 2),
# routine work anyone can do with an instruction is middling, the founder's craft is theirs.
SKILL_FOR_SPECIALIST, SKILL_FOR_ANYONE, SKILL_FOR_FOUNDER = 2, 3, 4


@dataclass(frozen=True)
class Entry:
    key: str
    area: str
    rung: str
    core: bool
    needs: str  # "anyone", "founder" or the specialist: "tax_adviser", "designer", …
    route: str
    outcome: str  # "", "drop" or "automate"
    tool: str  # the kind of tool that automates it, in English
    names_en: tuple[str, ...]
    names_de: tuple[str, ...]

    def name(self, language: str) -> str:
        """The entry's name in a language ("en", "de"): its first title."""
        return (self.names_de if language.startswith("de") else self.names_en)[0]

    @property
    def needs_specialist(self) -> bool:
        return self.needs not in (ANYONE, FOUNDER)

    @property
    def suggested_skill(self) -> int:
        if self.needs_specialist:
            return SKILL_FOR_SPECIALIST
        return SKILL_FOR_FOUNDER if self.needs == FOUNDER else SKILL_FOR_ANYONE


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


_STOPWORDS = frozenset(
    """a an the and or of for to with my our your on in at by from do doing new all
    der die das den dem des ein eine einen einem einer und oder fuer mit meine meinen meiner
    mein unsere im in am an auf von zum zur vom fur""".split()
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SUFFIXES = ("ungen", "ing", "es", "en", "s", "n", "e")


def _stem(word: str) -> str:
    # A crude stemmer, the same on both sides: "Rechnungen"/"Rechnung", "meetings"/"meeting".
    # Suffixes come off until none is left, so "meetings" and "meeting" both end as "meet".
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)] + ("ung" if suffix == "ungen" else "")
                changed = suffix != "ungen"
                break
    return word


def normalise(text: str) -> str:
    """Lower case, umlauts spelt out, accents and punctuation gone, stop words dropped,
    words stemmed: "Rechnungen für Kunden schreiben" → "rechnung kund schreib"."""
    text = text.lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(_stem(w) for w in words if w not in _STOPWORDS)


def _flag(value: str) -> bool:
    return value.strip().lower() == "yes"


@cache
def entries() -> tuple[Entry, ...]:
    """The catalogue, read once per process."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Entry(
                key=row["key"],
                area=row["area"],
                rung=row["rung"],
                core=_flag(row["core"]),
                needs=row["needs"],
                route=row["route"],
                outcome=row["outcome"],
                tool=row["tool"],
                names_en=tuple(n.strip() for n in row["en"].split("|") if n.strip()),
                names_de=tuple(n.strip() for n in row["de"].split("|") if n.strip()),
            )
            for row in csv.DictReader(handle)
        )


@cache
def _index() -> tuple[list[str], list[frozenset[str]], list[str], list[Entry]]:
    names, words, squeezed, owners = [], [], [], []
    for entry in entries():
        for name in entry.names_en + entry.names_de:
            normal = normalise(name)
            # Words sorted once here, so a plain ratio compares regardless of word order.
            names.append(" ".join(sorted(normal.split())))
            words.append(frozenset(normal.split()))
            squeezed.append(normal.replace(" ", ""))
            owners.append(entry)
    return names, words, squeezed, owners


@cache
def by_key() -> dict[str, Entry]:
    return {entry.key: entry for entry in entries()}


# How many fuzzy candidates (C speed) are looked at closely (Python speed).
_CANDIDATES = 12


def _contained_score(query_words, query_squeezed, words, squeezed) -> float:
    """A catalogue name inside the title, as words or inside a German compound
    ("Buchhaltungsbelege sortieren" holds "Belege sortieren"): the more of the title it
    covers, the better, so "tax return" beats "return"."""
    if words <= query_words or (len(squeezed) >= 6 and squeezed in query_squeezed):
        return MIN_SCORE + 14 * len(squeezed) / max(len(query_squeezed), 1)
    # The other way round, a short title inside a longer name ("Kalender" in "Kalender
    # pflegen"), counts less: only a long enough title, and by how much of the name it is.
    if len(query_squeezed) >= 6 and (query_words <= words or query_squeezed in squeezed):
        return 80 + 20 * len(query_squeezed) / max(len(squeezed), 1)
    return 0.0


def match(title: str) -> Match | None:
    """The catalogue entry a title means, or None when nothing is close enough."""
    query = normalise(title)
    if not query:
        return None
    names, words, squeezed, owners = _index()
    query_words, query_squeezed = frozenset(query.split()), query.replace(" ", "")
    # Typos and word order: a whole-name comparison, done in C over the whole catalogue.
    in_order = " ".join(sorted(query_words))
    close = process.extract(
        in_order, names, scorer=fuzz.ratio, limit=_CANDIDATES, score_cutoff=MIN_SCORE
    )
    scores = {position: score for _name, score, position in close}
    # Names inside the title: a set and substring test per name, cheap enough for all.
    for position in range(len(names)):
        contained = _contained_score(
            query_words, query_squeezed, words[position], squeezed[position]
        )
        if contained > scores.get(position, 0.0):
            scores[position] = contained
    if not scores:
        return None
    position, score = max(scores.items(), key=lambda item: (item[1], -item[0]))
    if score < MIN_SCORE:
        return None
    return Match(owners[position], score)


def suggestion(entry: Entry) -> classifier.Suggestion:
    """What the rules may take from an entry for a task the founder has not rated."""
    return classifier.Suggestion(entry.key, core=entry.core, skill=entry.suggested_skill)


def with_suggestion(task: classifier.TaskInput) -> classifier.TaskInput:
    """The task with the catalogue's suggestion for its title attached (none: unchanged)."""
    found = match(task.title)
    if found is None:
        return task
    return replace(task, suggestion=suggestion(found.entry))
