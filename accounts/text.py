"""One cleaning step for every text a founder, consultant or file gives us: control
characters (ESC, BEL, NUL …) and bidirectional overrides (U+202E …) are stripped before a
text is saved. They are invisible, can reorder what a title appears to say, and can drive a
terminal that prints a log or an export. Tab and line breaks stay (notes, steps)."""

import re

from django.db import models

CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls but tab, LF, CR
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks, embeddings, overrides
)
# Stored as given: secrets, hashes and addresses (an address is refused, not changed).
KEPT = (models.EmailField, models.URLField, models.SlugField)
KEPT_NAMES = {"password", "session_key", "session_data"}
OUR_APPS = {"accounts", "tasks", "sops", "digest", "consultants", "dashboard", "privacy", "api"}


def strip_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    return CONTROLS.search(text) is not None


def clean_model_text(instance: models.Model) -> None:
    """Strip controls from the instance's text fields, in place."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        if isinstance(field, KEPT) or field.name in KEPT_NAMES:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and has_controls(value):
            setattr(instance, field.attname, strip_controls(value))


def clean_before_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save for every model of our apps (connected in tasks.apps)."""
    if not raw and sender._meta.app_label in OUR_APPS:
        clean_model_text(instance)
