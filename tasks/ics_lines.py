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
    out: list[bytes] = []
    stack: list[list[bytes]] = []  # the lines of each component still open, innermost last
    for line in unfolded:
        name = _NAME.match(line)
        if name is None or name.group().upper() not in KEPT:
            continue
        key = name.group().upper()
        if key in (b"RRULE", b"EXRULE"):
            line = line.replace(b" ", b"")  # Exchange writes "BYDAY=MO, TU, WE"
        if key == b"BEGIN":
            stack.append([line])
            continue
        if key == b"END" and stack:
            lines = stack.pop()
            if lines[0][6:].upper() == b"VEVENT":
                lines = _event_lines(lines, uids)
            (stack[-1] if stack else out).extend([*lines, line])
            continue
        (stack[-1] if stack else out).append(line)
    for lines in stack:  # never closed: icalendar says what it makes of that
        out.extend(lines)
    return b"\r\n".join(out) + b"\r\n"


def _uid(line: bytes) -> bytes | None:
    """The UID as icalendar compares it; None (never unique) when it carries parameters."""
    if line[3:4] != b":":
        return None
    return _ESCAPED.sub(rb"\1", line[4:])


def _event_lines(lines: list[bytes], uids: Counter) -> list[bytes]:
    """An event's lines without the two that cannot change its hours, a third of a large
    calendar's: SEQUENCE, which only chooses between components sharing a UID, and STATUS
    unless the event is cancelled."""
    own = [_uid(line) for line in lines if line[:4].upper() == b"UID:"]
    shared = len(own) != 1 or own[0] is None or uids[own[0]] > 1
    statuses = [line for line in lines if line[:6].upper() == b"STATUS"]
    cancelled = any(b"CANCELLED" in line.upper() for line in statuses)
    return [
        line
        for line in lines
        if not (line[:8].upper() == b"SEQUENCE" and not shared)
        and not (line[:6].upper() == b"STATUS" and not cancelled)
    ]
