"""Fill German msgstrs after makemessages (dev tool; needs polib: pip install polib).

Sources: the table in core_de.py, and any locale/de/pending/*.po an engineer wrote for
their part (merge, then delete the pending file: django.po keeps the translations).
Usage: python locale/tools/fill.py  → reports msgids still untranslated.
"""

import pathlib
import sys

import polib

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from core_de import DE, PLURALS  # noqa: E402

PO = pathlib.Path(__file__).parents[1] / "de" / "LC_MESSAGES" / "django.po"

po = polib.pofile(str(PO))
for pending in sorted((PO.parents[1] / "pending").glob("*.po")):
    for entry in polib.pofile(str(pending)):
        if entry.msgid_plural and entry.msgstr_plural.get(0):
            PLURALS.setdefault(entry.msgid, (entry.msgstr_plural[0], entry.msgstr_plural[1]))
        elif entry.msgstr:
            DE.setdefault(entry.msgid, entry.msgstr)
missing = []
for entry in po:
    if entry.msgid_plural:
        if entry.msgid in PLURALS:
            one, many = PLURALS[entry.msgid]
            entry.msgstr_plural = {0: one, 1: many}
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        elif not entry.msgstr_plural.get(0):
            missing.append(entry.msgid)
        continue
    if entry.msgid in DE:
        entry.msgstr = DE[entry.msgid]
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    elif not entry.msgstr or "fuzzy" in entry.flags:
        missing.append(entry.msgid)
po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
po.metadata["Language"] = "de"
po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
po.save(str(PO))
print("\n".join(missing) or "all translated")
