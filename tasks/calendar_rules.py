"""What a calendar's repeating rule (RRULE) says about its pace and its end, read from the
rule itself: pure Python, for tasks/calendar_audit.py."""

from datetime import datetime, timedelta
from typing import Any

# Nominal days between occurrences of one rule, before BY* lists split them.
FREQ_DAYS = {"HOURLY": 1 / 24, "DAILY": 1, "WEEKLY": 7, "MONTHLY": 365.25 / 12, "YEARLY": 365.25}
SPLITTERS = ("BYDAY", "BYMONTHDAY", "BYHOUR", "BYYEARDAY", "BYWEEKNO")


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def most_per_day(rule: Any) -> float:
    """The most occurrences a rule can make in one day."""
    freq = str(first(rule, "FREQ", "DAILY")).upper()
    if freq in ("SECONDLY", "MINUTELY"):
        return float("inf")
    per_day = 24.0 if freq == "HOURLY" else 1.0
    per_day *= len(rule.get("BYMINUTE", [0])) * len(rule.get("BYSECOND", [0]))
    if freq != "HOURLY":
        per_day *= len(rule.get("BYHOUR", [0]))
    return per_day


def first(rule: Any, key: str, default: Any) -> Any:
    values = rule.get(key)
    return values[0] if values else default


def naive(moment: Any) -> datetime:
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None)
    return datetime.combine(moment, datetime.min.time())


def parsed_rules(core: Any) -> list:
    import icalendar

    return [icalendar.vRecur.from_ical(rule) for rule in core.rrules]


def gap_days(core: Any) -> float | None:
    """Nominal days between a rule's occurrences; None when the rule is too intricate."""
    rules = parsed_rules(core)
    if len(rules) != 1 or rules[0].get("BYSETPOS"):
        return None
    rule = rules[0]
    freq = str(first(rule, "FREQ", "")).upper()
    if freq not in FREQ_DAYS:
        return None
    gap = FREQ_DAYS[freq] * int(first(rule, "INTERVAL", 1) or 1)
    splits = [len(rule[key]) for key in SPLITTERS if rule.get(key)]
    if len(splits) > 1:
        return None
    if freq == "DAILY" and rule.get("BYDAY"):
        return 7 / len(rule["BYDAY"])  # a weekday rule: 5 a week
    return gap / splits[0] if splits else gap


def runs_on(core: Any, upload: datetime) -> bool:
    """A rule without UNTIL or COUNT runs forever; one until after the upload runs on."""
    return any(
        not r.get("COUNT") and (not r.get("UNTIL") or naive(r["UNTIL"][0]) > upload)
        for r in parsed_rules(core)
    )


def series_end(core: Any, start: datetime) -> datetime:
    rules = parsed_rules(core)
    until = [naive(r["UNTIL"][0]) for r in rules if r.get("UNTIL")]
    rdates = [naive(r[0] if isinstance(r, tuple) else r) for r in core.rdates]
    if rules and not until:  # COUNT: the rule stops itself
        return start + timedelta(days=365 * 100)
    return max([*until, *rdates, start]) + timedelta(days=1)
