"""The money story's sentences, in the active language and currency (the templates get these
sentences, never the codes behind them)."""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import money as money_rules
from accounts import numbers
from accounts.numbers import Rates, buyback_rate
from tasks import money_story
from tasks.classifier import VIRTUAL_ASSISTANT


def amount(value: Decimal) -> str:
    return money_rules.format_money(value, money_rules.active(), get_language())


def _default_name(route: str) -> str:
    if route == VIRTUAL_ASSISTANT:
        return _("your default virtual assistant rate")
    return _("your default specialist rate")


def default_rate_warnings(rates: Rates) -> list[str]:
    """One sentence per default rate above the buyback rate (the digest says the same)."""
    warnings = []
    for default in money_story.default_rates(rates):
        if not default.above_buyback:
            continue
        values = {"rate": amount(default.rate), "limit": amount(buyback_rate(rates.hourly_value))}
        if default.is_va:
            text = _(
                "Your default virtual assistant rate (%(rate)s/h) is above your buyback rate of "
                "%(limit)s/h."
            )
        else:
            text = _(
                "Your default specialist rate (%(rate)s/h) is above your buyback rate of "
                "%(limit)s/h."
            )
        warnings.append(text % values)
    return warnings


def price_sentence(price: money_story.Price, route: str) -> str:
    """Whose rate prices a task: the founder's delegate, or the default (and why)."""
    if price.delegate is not None:
        return _("At the rate of %(name)s: %(rate)s/h.") % {
            "name": price.delegate,
            "rate": amount(price.rate),
        }
    return _("At %(name)s of %(rate)s/h: none of your delegates fits this task.") % {
        "name": _default_name(route),
        "rate": amount(price.rate),
    }


def above_sentence(price: money_story.Price, limit: Decimal) -> str:
    if not price.above_buyback:
        return ""
    return _("That is above your buyback rate of %(limit)s/h.") % {"limit": amount(limit)}


def left_out_sentence(left_out: dict | None) -> str:
    """Why the next moves leave a hand-off out."""
    if not left_out:
        return ""
    if left_out["costs_more"] is not None:
        return _(
            "Not among your next moves: at the default rate of %(rate)s/h it costs %(more)s a "
            "week more than doing it yourself — a cheaper delegate or batching it would change "
            "that."
        ) % {"rate": amount(left_out["rate"]), "more": amount(left_out["costs_more"])}
    return _(
        "Not among your next moves: %(ahead)s hand-offs are worth more a week, so it comes "
        "after them."
    ) % {"ahead": left_out["ahead"]}


def priced_lines(priced: money_story.Priced, limit: Decimal) -> dict:
    """A move or a task as priced by the money story, with its sentences: one price, the
    delegate's it would go to (the default rate only where none fits, and it says so); a move
    to drop or automate costs no one's rate and names none."""
    if priced.item.outcome:
        return {"priced": priced, "price": "", "above": ""}
    return {
        "priced": priced,
        "price": price_sentence(priced.price, priced.item.route),
        "above": above_sentence(priced.price, limit),
    }


def story_context(story: money_story.Story, rates: Rates) -> dict:
    """What the money cards' partial shows (the dashboard's and, as text, the digest's)."""
    return {
        "story": story,
        "default_warnings": default_rate_warnings(rates),
        "fits": [priced_lines(priced, story.buyback_rate) for priced in story.fits],
        "cheapest_first": story.fit_order == numbers.CHEAPEST_FIRST,
    }
