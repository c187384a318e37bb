"""The lines of an .ics file that the hours depend on, kept before parsing: pure Python, for
tasks/calendar_audit.py."""

import re

# Only these properties count; dropping the rest (attendees, descriptions, alarms) before
# parsing makes a large calendar several times faster to read.
KEPT = {
    b"BEGIN",
    b"END",
    b"VERSION",
    b"CALSCALE",
    b"UID",
    b"SUMMARY",
    b"DTSTART",
    b"DTEND",
    b"DURATION",
    b"RRULE",
    b"RDATE",
    b"EXDATE",
    b"RECURRENCE-ID",
    b"STATUS",
    b"SEQUENCE",
    b"TZID",
    b"TZOFFSETFROM",
    b"TZOFFSETTO",
    b"TZNAME",
}
_FOLD = re.compile(rb"\r?\n[ \t]")
_NAME = re.compile(rb"^[A-Za-z0-9-]+")


def counted_lines(data: bytes) -> bytes:
    kept = []
    for line in _FOLD.sub(b"", data).splitlines():
        name = _NAME.match(line)
        if name is None or name.group().upper() not in KEPT:
            continue
        if name.group().upper() in (b"RRULE", b"EXRULE"):
            line = line.replace(b" ", b"")  # Exchange writes "BYDAY=MO, TU, WE"
        kept.append(line)
    return b"\r\n".join(kept) + b"\r\n"
