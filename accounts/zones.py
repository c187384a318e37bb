"""IANA time zones for the picker: every zone, and the zones grouped by region.

Pure Python (no Django). "Europe/Vienna" is in the region "Europe"; zones without a region
("UTC", "GMT") and the legacy aliases ("US/Eastern", "Etc/GMT+3") come last under "Other".
"""

import zoneinfo
from datetime import date, datetime

TIME_ZONES = tuple(sorted(zoneinfo.available_timezones() - {"localtime", "Factory"}))
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
OTHER = "Other"


def region_of(zone: str) -> str:
    region, _, rest = zone.partition("/")
    return region if rest and region in REGIONS else OTHER


def grouped() -> list[tuple[str, list[str]]]:
    """[("Africa", ["Africa/Abidjan", …]), …, ("Other", ["UTC", …])], regions in order."""
    groups: dict[str, list[str]] = {region: [] for region in (*REGIONS, OTHER)}
    for zone in TIME_ZONES:
        groups[region_of(zone)].append(zone)
    return [(region, zones) for region, zones in groups.items() if zones]


def local_now(now: datetime, time_zone: str) -> datetime:
    """`now` on the founder's clock. The one rule for "what time is it for them";
    accounts/clock.py applies it to the real clock."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(zoneinfo.ZoneInfo(time_zone))


def local_today(now: datetime, time_zone: str) -> date:
    """The founder's date at `now`: past their midnight it is their tomorrow already."""
    return local_now(now, time_zone).date()
