"""What the German tests share: the glossary's forbidden words, the formal address, English
words left on a German page, and a German founder with something on every page."""

import re
from decimal import Decimal

from sops import rules
from sops import services as sops_services
from sops.tests.factories import make_instruction
from tasks.tests.factories import make_delegate, make_task

# (pattern, what to write instead) — the glossary's "never" column.
FORBIDDEN = [
    (r"\bBestand", "„Bei dir“ (status) – „Bestand“ reads as warehouse stock"),
    (r"\bextern\w*\s+Mitarbeiter", "„Dein Team“, one of them „Teammitglied“"),
    (r"Durchführung", "„Durchlauf“"),
    (r"(?i)\bvirtuell\w*\s+Assistent", "„virtuelle Assistenz (VA)“"),
    (r"\b(?:Zeit|Skill|Smart)\s+Outsourcing", "hyphenated: Zeit-, Skill-, Smart-Outsourcing"),
    (r"(?i)\bnetto\b", "„Unterm Strich“ – „Netto“ reads as before VAT"),
    (r"Delegations(?:plan|planung|planer|budget)", "„Outsourcing-Plan“, „Outsourcing-Budget“"),
    (r"(?<!\w)Anweisung", "„Arbeitsanweisung“, never just „Anweisung“"),
    (r"(?i)buyback-?(?:rate|satz)", "„Höchstsatz“"),
    (r"(?i)\bfast an der (?:Grenze|Kapazität)\b", "„fast an der Kapazitätsgrenze“"),
    (r"(?<!\w)Überblick", "„Wochenüberblick“ (the digest) or „Übersicht“ (the dashboard)"),
    (r"(?i)\bvon Hand\b", "„manuell festlegen“, badge „manuell“"),
    (r"(?i)\bselbst behalten\b", "„Du selbst“ (who takes it)"),
    (r"\bChef\b", "„Zur Entscheidung“; the founder is „ich“ in work instructions"),
]

# Formal address: "Ihnen" always; "Sie"/"Ihr…" capitalised inside a sentence. At a sentence
# start a capital "Sie"/"Ihr" may be the pronoun ("Sie öffnet sich nicht mehr" – the link), so
# there it counts only when the English source speaks to the reader ("you", "your").
FORMAL = re.compile(r"\b(?:Ihnen|Sie|Ihre?[mnrs]?)\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[„\"(]\s*)$")
ADDRESSES_THE_READER = re.compile(r"(?i)\byou(?:r|rs|rself)?\b")

# English words that are not also German words: one of them on a German page is a leftover.
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "are", "of", "from", "have", "has",
    "what", "which", "when", "their", "they", "it", "or", "if", "please", "save", "delete",
    "edit", "cancel", "back", "hours", "task", "tasks", "week", "yet", "only", "none", "never",
    "here", "there", "yes", "no", "add", "remove", "send", "show", "more", "less", "than",
}  # fmt: skip


def forbidden_words(text):
    return [
        (match.group(0), instead)
        for pattern, instead in FORBIDDEN
        for match in [re.search(pattern, text)]
        if match
    ]


def formal_address(text, *, source=""):
    found = []
    for match in FORMAL.finditer(text):
        at_start = SENTENCE_START.search(text[: match.start()])
        if match.group(0) == "Ihnen" or not at_start or ADDRESSES_THE_READER.search(source):
            found.append(match.group(0))
    return found


def english_words(text: str) -> list[str]:
    # A word on its own: "Port_of_Spain" (a time zone) and "hours_per_week" (a CSV column
    # named as the file spells it) are names, not English sentences.
    words = re.findall(r"(?<![\w/])[A-Za-z]+(?![\w/])", text)
    return sorted({w for w in words if w.lower() in ENGLISH})


def make_german_founder(alice):
    """Alice as a German founder, with tasks, a delegate and a published instruction."""
    alice.profile.language = "de"
    alice.profile.hourly_value = Decimal("80")
    alice.profile.save()
    make_task(alice, title="Posteingang sortieren", area="admin", recurring=True, skill=4)
    make_task(alice, title="Jahresabschluss", area="finance", skill=1, enjoyment=2)
    make_task(alice, title="Produktstrategie", area="product", core=True)
    delegate = make_delegate(alice, name="Maria")
    steps = [rules.StepData(text="Belege aus dem Postfach laden", expected="Alles im Ordner")]
    instruction = make_instruction(alice, title="Belege buchen", steps=steps)
    sops_services.instruction_publish(instruction=instruction, by=alice)
    sops_services.handover_link_create(instruction=instruction, delegate=delegate)
