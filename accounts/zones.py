"""IANA time zones for the picker: every zone, and the zones grouped by region.

Pure Python (no Django). "Europe/Vienna" is in the region "Europe"; zones without a region
("UTC", "GMT") and the legacy aliases ("US/Eastern", "Etc/GMT+3") come last under "Other".
"""

import zoneinfo

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
