"""The digest's Jinja2 templates and the German catalogue: every msgid they use is listed for
makemessages (digest/jinja_messages.py) and translated."""

from pathlib import Path

import polib
from django.conf import settings
from django.template import engines

from digest import jinja_messages

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "jinja2" / "emails"


def _template_msgids() -> tuple[set[str], set[tuple[str, str]]]:
    env = engines["emails"].env
    singles, plurals = set(), set()
    for path in TEMPLATES.glob("digest-*"):
        for _line, function, message in env.extract_translations(path.read_text()):
            if function == "ngettext":
                plurals.add(tuple(message[:2]))
            else:
                singles.add(message if isinstance(message, str) else message[0])
    return singles, plurals


def test_the_makemessages_list_is_exactly_what_the_templates_use():
    singles, plurals = _template_msgids()
    assert singles and plurals
    assert set(jinja_messages.MESSAGES) == singles
    # ngettext_lazy keeps its two forms on the proxy it returns.
    listed = {(lazy._kw["singular"], lazy._kw["plural"]) for lazy in jinja_messages.PLURALS}
    assert listed == plurals


def test_every_msgid_of_the_templates_is_translated_to_german():
    singles, plurals = _template_msgids()
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/de/LC_MESSAGES/django.po"))
    active = {entry.msgid: entry for entry in catalogue if not entry.obsolete}
    for msgid in singles:
        assert msgid in active and active[msgid].msgstr, msgid
    for singular, plural in plurals:
        entry = active.get(singular)
        assert entry and entry.msgid_plural == plural, singular
        assert all(entry.msgstr_plural.values()), singular
