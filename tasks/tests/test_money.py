"""The money rules, pure: formatting, currencies, hourly value from income, delegate fit and
the warnings before a delegation."""

from decimal import Decimal

import pytest

from accounts import money, numbers
from tasks import buyback
from tasks.buyback import ABOVE_BUYBACK_RATE, NOT_FITTING, OVER_BUDGET

D = Decimal
NBSP = "\xa0"


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        (D("1234.5"), "EUR", "de", f"1.234,50{NBSP}€"),
        (D("1234.5"), "EUR", "en", "€1,234.50"),
        (D("0"), "EUR", "de", f"0,00{NBSP}€"),
        (D("-12"), "EUR", "en", "-€12.00"),
        (D("95"), "CHF", "de", f"95,00{NBSP}CHF"),
        (D("95"), "USD", "en", "$95.00"),
        (D("95"), "USD", "de-at", f"95,00{NBSP}$"),
        (D("38"), "EUR", None, "€38.00"),
    ],
)
def test_amounts_read_as_the_language_writes_them(amount, currency, language, expected):
    assert money.format_money(amount, currency, language) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        # Half-up, as accounting rounds; Babel alone gives half-even ("€0.12", "€0.14").
        (D("0.125"), "EUR", "en", "€0.13"),
        (D("0.125"), "EUR", "de", f"0,13{NBSP}€"),
        (D("0.135"), "EUR", "en", "€0.14"),
        (D("0.135"), "EUR", "de", f"0,14{NBSP}€"),
        (D("2.665"), "EUR", "en", "€2.67"),
        # Negative amounts round half away from zero: the same figure, the other sign.
        (D("-0.125"), "EUR", "en", "-€0.13"),
        (D("-0.125"), "EUR", "de", f"-0,13{NBSP}€"),
        (D("-0.135"), "EUR", "en", "-€0.14"),
        (D("-0.135"), "EUR", "de", f"-0,14{NBSP}€"),
        (D("0.124"), "EUR", "en", "€0.12"),
        # The currency's own smallest unit: whole yen, thousandths of a dinar.
        (D("12.5"), "JPY", "en", "¥13"),
        (D("1.0005"), "BHD", "en", "BHD1.001"),
    ],
)
def test_amounts_round_half_up_to_the_currencys_unit(amount, currency, language, expected):
    assert money.format_money(amount, currency, language) == expected


def test_the_currencies_are_todays_iso_4217_codes():
    assert {"EUR", "USD", "CHF", "GBP", "NZD"} <= set(money.CURRENCIES)
    assert not {"DEM", "ATS", "FRF"} & set(money.CURRENCIES)  # historic: gone
    assert all(len(code) == 3 and code.isupper() for code in money.CURRENCIES)
    assert dict(money.currency_names("de"))["EUR"] == "EUR – Euro"


def test_the_active_currency_is_overridden_and_restored_and_unknown_codes_fall_back():
    assert money.active() == "EUR"
    with money.override("CHF"):
        assert money.active() == "CHF"
        with money.override("XYZ"):
            assert money.active() == "EUR"
        assert money.active() == "CHF"
    assert money.active() == "EUR"


@pytest.mark.parametrize(
    ("income", "hourly"),
    [
        (D("76000"), D("38.00")),
        (D("200000"), D("100.00")),
        (D("0"), D("0.00")),
        (D("1"), D("0.00")),
    ],
)
def test_the_hourly_value_is_income_over_2000_hours(income, hourly):
    assert numbers.hourly_value_from_income(income) == hourly
    assert numbers.buyback_rate(hourly) == hourly / 4


@pytest.mark.parametrize(
    ("kind", "areas", "route", "area", "fit"),
    [
        ("virtual_assistant", ["admin"], "virtual_assistant", "admin", buyback.FIT_KIND_AND_AREA),
        ("virtual_assistant", ["sales"], "virtual_assistant", "admin", buyback.FIT_KIND),
        ("virtual_assistant", [], "virtual_assistant", "admin", buyback.FIT_KIND),
        ("specialist", ["admin"], "virtual_assistant", "admin", buyback.FIT_NONE),
        ("project_freelancer", ["tech"], "project_freelancer", "tech", buyback.FIT_KIND_AND_AREA),
        ("specialist", ["finance"], "specialist", "finance", buyback.FIT_KIND_AND_AREA),
        ("virtual_assistant", ["admin"], "keep", "admin", buyback.FIT_NONE),
    ],
)
def test_a_delegate_fits_by_kind_then_by_area(kind, areas, route, area, fit):
    assert buyback.delegate_fit(kind=kind, areas=areas, route=route, area=area) == fit


def _plan(**changes):
    values = {
        "kind": "virtual_assistant",
        "route": "virtual_assistant",
        "hours": D("5"),
        "rate": D("25"),
        "hourly_value": D("100"),  # buyback rate 25
        "monthly_cost_now": D("0"),
        "monthly_budget": D("1000"),
    }
    return buyback.Delegation(**{**values, **changes})


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        ({}, []),  # 5 h × 25 × 52 / 12 = 541.67 a month: within budget, at the buyback rate
        ({"rate": D("25.01")}, [ABOVE_BUYBACK_RATE]),
        ({"kind": "specialist"}, [NOT_FITTING]),
        ({"monthly_cost_now": D("458.33")}, []),  # 999.999…: not beyond
        ({"monthly_cost_now": D("458.34")}, [OVER_BUDGET]),
        (
            {"rate": D("95"), "hourly_value": D("152"), "kind": "specialist"},
            [NOT_FITTING, ABOVE_BUYBACK_RATE, OVER_BUDGET],
        ),
    ],
)
def test_a_delegation_warns_before_it_happens(changes, codes):
    assert [w.code for w in buyback.delegation_warnings(_plan(**changes))] == codes


def test_a_warning_carries_the_figures_the_sentence_needs():
    (warning,) = buyback.delegation_warnings(_plan(rate=D("95"), hours=D("1")))
    assert warning.code == ABOVE_BUYBACK_RATE
    assert dict(warning.values) == {"rate": D("95"), "limit": D("25")}
