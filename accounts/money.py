"""Amounts of money as people read them: in the viewer's language and the founder's currency.

Pure Python (no Django): Babel carries the CLDR patterns, so a German reader sees
"1.234,50 €" and an English one "€1,234.50" for the same Decimal. The active currency is a
context variable, like Django's active language: the middleware sets the founder's for a
request, senders of email set the recipient's with `override`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.numbers import format_currency, get_currency_precision, get_territory_currencies

DEFAULT_CURRENCY = "EUR"


def _legal_tender() -> tuple[str, ...]:
    """The ISO 4217 codes some territory pays in today (CLDR), without the historic ones."""
    codes: set[str] = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, tender=True))
    return tuple(sorted(codes))


CURRENCIES = _legal_tender()

_active: ContextVar[str] = ContextVar("currency", default=DEFAULT_CURRENCY)


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def active() -> str:
    return _active.get()


def activate(code: str) -> None:
    _active.set(code if is_currency(code) else DEFAULT_CURRENCY)


def deactivate() -> None:
    _active.set(DEFAULT_CURRENCY)


@contextmanager
def override(code: str) -> Iterator[None]:
    token = _active.set(code if is_currency(code) else DEFAULT_CURRENCY)
    try:
        yield
    finally:
        _active.reset(token)


def format_money(amount: Decimal, currency: str, language: str | None) -> str:
    """ "1.234,50 €" (de), "€1,234.50" (en); whole amounts keep their cents for comparison."""
    return _format(round_half_up(Decimal(amount), currency), currency, _locale(language))


def round_half_up(amount: Decimal, currency: str) -> Decimal:
    """To the currency's smallest unit, half away from zero as accounting does (€0.125 →
    €0.13, −€0.125 → −€0.13). Babel alone would round half to even (€0.12)."""
    unit = Decimal(1).scaleb(-get_currency_precision(currency))
    return amount.quantize(unit, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)
def _format(amount: Decimal, currency: str, locale: str) -> str:
    return format_currency(amount, currency, locale=locale)


def _locale(language: str | None) -> str:
    return "de_DE" if (language or "en").startswith("de") else "en_US"


@lru_cache(maxsize=4)
def currency_names(language: str | None) -> tuple[tuple[str, str], ...]:
    """(code, "EUR – Euro") pairs in the reader's language, for a picker."""
    names = Locale.parse(_locale(language)).currencies
    return tuple((code, f"{code} – {names.get(code, code)}") for code in CURRENCIES)
