"""The lines of an .ics file that the hours depend on, kept before parsing: pure Python, for
tasks/calendar_audit.py."""

import re
from collections import Counter

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
_ESCAPED = re.compile(rb"\\(.)")


def counted_lines(data: bytes) -> bytes:
    unfolded = _FOLD.sub(b"", data).splitlines()
    uids = Counter(_uid(line) for line in unfolded if line[:3].upper() == b"UID")
    out: list[bytes | None] = []
    # Per open component, innermost last: is it an event, and where its own UID, SEQUENCE
    # and STATUS lines are in `out` (never its nested components' lines: a file of events
    # nested thousands deep stays linear).
    stack: list[tuple[bool, list[int]]] = []
    for line in unfolded:
        name = _NAME.match(line)
        if name is None or name.group().upper() not in KEPT:
            continue
        key = name.group().upper()
        if key in (b"RRULE", b"EXRULE"):
            line = line.replace(b" ", b"")  # Exchange writes "BYDAY=MO, TU, WE"
        if key == b"BEGIN":
            stack.append((line[6:].upper() == b"VEVENT", []))
        elif key == b"END" and stack:
            event, own = stack.pop()
            if event:
                _drop_from_event(out, own, uids)
        elif key in (b"UID", b"SEQUENCE", b"STATUS") and stack:
            stack[-1][1].append(len(out))
        out.append(line)
    return b"\r\n".join(line for line in out if line is not None) + b"\r\n"


def _uid(line: bytes) -> bytes | None:
    """The UID as icalendar compares it; None (never unique) when it carries parameters."""
    if line[3:4] != b":":
        return None
    return _ESCAPED.sub(rb"\1", line[4:])


def _drop_from_event(out: list[bytes | None], own: list[int], uids: Counter) -> None:
    """Drop the event's two lines that cannot change its hours, a third of a large
    calendar's: SEQUENCE, which only chooses between components sharing a UID, and STATUS
    unless the event is cancelled."""
    lines = [out[at] or b"" for at in own]
    ids = [_uid(line) for line in lines if line[:4].upper() == b"UID:"]
    shared = len(ids) != 1 or ids[0] is None or uids[ids[0]] > 1
    cancelled = any(b"CANCELLED" in line.upper() for line in lines if line[:6].upper() == b"STATUS")
    for at, line in zip(own, lines, strict=True):
        if (line[:8].upper() == b"SEQUENCE" and not shared) or (
            line[:6].upper() == b"STATUS" and not cancelled
        ):
            out[at] = None
