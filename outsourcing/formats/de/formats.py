"""German date formats where Django's differ from how a German writes a time of day.

Only what is set here overrides Django's own German formats; the rest stays as Django has it.
"""

# "27.11.2026 um 22:24 Uhr", so "am … um … Uhr" reads as one would say it.
DATETIME_FORMAT = r"d.m.Y \u\m H:i \U\h\r"
SHORT_DATETIME_FORMAT = r"d.m.Y \u\m H:i \U\h\r"
