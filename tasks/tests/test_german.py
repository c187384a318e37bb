"""The German catalogue keeps the glossary's words, speaks "du", and is complete.

Pure tests: they read locale/de/LC_MESSAGES/django.po, the email templates and the German texts
of the data migrations (starter work instructions, categories) — no database, no request.
The glossary itself lives outside the repository (../shared/docs/glossary-de.md); the words it
rules out are copied into FORBIDDEN below, so a page added later in another word fails here.
"""

import ast
import re
from pathlib import Path

import polib
import pytest

from tasks.tests.german_support import forbidden_words, formal_address

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
TEMPLATES = ROOT / "templates"
EMAIL_TEMPLATES = sorted(
    [
        *(TEMPLATES / "emails").glob("*"),
        *(TEMPLATES / "registration").glob("password_reset_*.txt"),
        TEMPLATES / "registration" / "password_reset_email.html",
    ]
)


def _catalogue():
    return polib.pofile(str(PO))


def _translations(entry):
    if entry.msgid_plural:
        return [text for _, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def _migration_german_texts():
    """Every string under a key ending in "_de" in the apps' data migrations."""
    texts = []
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                is_german = isinstance(key, ast.Constant) and str(key.value).endswith("_de")
                if is_german and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    texts.append((f"{path.relative_to(ROOT)}: {key.value}", value.value))
    return texts


def _template_text(path):
    """A template's own words: tags, variables and comments removed."""
    text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Wieder in deinem Bestand.", ["Bestand"]),
        ("Deine externen Mitarbeiter", ["externen Mitarbeiter"]),
        ("Seit 3 Tagen keine Durchführung", ["Durchführung"]),
        ("Virtueller Assistent", ["Virtueller Assistent"]),
        ("Smart Outsourcing", ["Smart Outsourcing"]),
        ("Netto", ["Netto"]),
        ("Buyback-Rate: Zahl höchstens 38", ["Buyback-Rate"]),
        ("Anweisung schreiben", ["Anweisung"]),
        ("Fast an der Grenze: 38 von 40 Std.", ["Fast an der Grenze"]),
        ("Wöchentlichen Überblick schicken", ["Überblick"]),
        ("Von Hand geändert", ["Von Hand"]),
        ("Smart-Outsourcing, Arbeitsanweisung, Wochenüberblick, fast an der Kapazitätsgrenze", []),
        ("Deine virtuelle Assistenz, Unterm Strich, Höchstsatz, Durchlauf, Bei dir", []),
    ],
)
def test_the_forbidden_word_check_finds_what_the_glossary_rules_out(text, words):
    assert [word for word, _ in forbidden_words(text)] == words


@pytest.mark.parametrize(
    ("text", "source", "formal"),
    [
        ("Bitte geben Sie Ihr Passwort ein.", "Enter your password.", ["Sie", "Ihr"]),
        ("Wir haben Ihnen einen Link geschickt.", "We sent a link.", ["Ihnen"]),
        ("Sie erhalten diese E-Mail, weil …", "You're receiving this email", ["Sie"]),
        ("Link widerrufen: Sie öffnet sich nicht mehr.", "Link revoked: it no longer opens.", []),
        ("Lies sie durch und bestätige.", "Read it through.", []),
        ("Jeder Kunde bekommt ihre Vorlage.", "Each client gets theirs.", []),
        ("Gib dein Passwort ein.", "Enter your password.", []),
    ],
)
def test_the_formal_address_check_tells_address_from_pronoun(text, source, formal):
    assert formal_address(text, source=source) == formal


def test_no_catalogue_entry_uses_a_word_the_glossary_rules_out():
    problems = [
        f"{entry.msgid!r} → {text!r}: {word!r}, write {instead}"
        for entry in _catalogue()
        for text in _translations(entry)
        for word, instead in forbidden_words(text)
    ]
    assert problems == []


def test_the_starter_work_instructions_and_categories_keep_the_glossary():
    texts = _migration_german_texts()
    assert len(texts) >= 40, "the starter templates moved: look where their German is"
    problems = [
        f"{where}: {word!r}, write {instead}"
        for where, text in texts
        for word, instead in forbidden_words(text)
    ]
    assert problems == []


def test_no_catalogue_entry_addresses_the_reader_formally():
    problems = [
        f"{entry.msgid!r} → {text!r}: {words}"
        for entry in _catalogue()
        for text in _translations(entry)
        if (words := formal_address(text, source=entry.msgid))
    ]
    assert problems == []


def test_no_email_template_or_starter_instruction_addresses_the_reader_formally():
    assert EMAIL_TEMPLATES, "the email templates moved: point EMAIL_TEMPLATES at them"
    texts = [(str(path.relative_to(ROOT)), _template_text(path)) for path in EMAIL_TEMPLATES]
    texts += _migration_german_texts()
    problems = [(where, words) for where, text in texts if (words := formal_address(text))]
    assert problems == []


def test_every_catalogue_entry_is_translated_and_none_is_fuzzy():
    catalogue = _catalogue()
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []
    assert [e.msgid for e in catalogue if not all(_translations(e))] == []
    assert len(catalogue) > 400


def test_the_compiled_catalogue_matches_the_po_file():
    """A .po edited without compilemessages would ship the old German."""
    compiled = {(e.msgctxt, e.msgid): _translations(e) for e in polib.mofile(str(MO))}
    stale = [
        entry.msgid
        for entry in _catalogue()
        if compiled.get((entry.msgctxt, entry.msgid)) != _translations(entry)
    ]
    assert stale == []
