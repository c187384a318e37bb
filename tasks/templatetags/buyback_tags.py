from decimal import Decimal
from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts import money as money_rules
from accounts.money import format_money
from tasks import classifier
from tasks.choices import KIND_LABELS
from tasks.reasons import capacity_sentence as _capacity_sentence
from tasks.reasons import format_number, reasons_text
from tasks.reasons import outcome_sentence as _outcome_sentence

register = template.Library()

BADGE_CLASSES = {
    classifier.TIME: "text-bg-primary",
    classifier.SKILL: "text-bg-info",
    classifier.SMART: "text-bg-warning",
    classifier.KEEP: "text-bg-secondary",
}


@register.filter
def hours(value) -> str:
    """6.00 → "6", 1.50 → "1.5" (in the active language's number format)."""
    if value is None or value == "":
        return "0"
    return _hours(Decimal(value), get_language())


@register.filter
def hours_h(value) -> str:
    """Hours with their unit: "6 h", in German "6 Std."."""
    return _("%(h)s h") % {"h": hours(value)}


@register.filter
def money(value, currency: str = "") -> str:
    """An amount in the viewer's language and a currency: the founder's active one (set per
    request and per email), or the one given ({{ amount|money:profile.currency }})."""
    return format_money(Decimal(value or 0), currency or money_rules.active(), get_language())


# The same few numbers come back in every digest and page (and Django's number_format looks
# its formats up on every call): remember each language's result for a value.
@lru_cache(maxsize=4096)
def _hours(value: Decimal, _language: str | None) -> str:
    return format_number(value.quantize(Decimal("0.01")))


@receiver(setting_changed)
def _forget_formats(**_kwargs):
    # A test or a reload changing the format settings must not see old results.
    _hours.cache_clear()


@register.filter
def capacity_sentence(figures) -> str:
    """The capacity sentence for a founder's buyback figures (tasks.reasons)."""
    return _capacity_sentence(
        figures.capacity_state, kept=figures.hours_kept, capacity=figures.weekly_capacity
    )


@register.filter
def reason_sentences(stored) -> list[str]:
    """The task's stored reason codes as sentences in the active language."""
    return reasons_text(stored or [])


@register.filter
def kind_label(code: str) -> str:
    """The short name of a kind of outsourcing (time, skill, smart, keep)."""
    return str(KIND_LABELS.get(code, code))


@register.filter
def badge_class(category_code: str) -> str:
    return BADGE_CLASSES.get(category_code, "text-bg-light")


LIST_NAMES = {
    classifier.HATE_LIST: _lazy("I hate it"),
    classifier.CANT_DO_LIST: _lazy("I can't do it"),
    classifier.SHOULDNT_DO_LIST: _lazy("I shouldn't do it"),
}


@register.filter
def list_name(code: str) -> str:
    """One of Chris Ducker's "3 lists to freedom", by its code (classifier.ducker_lists)."""
    return str(LIST_NAMES.get(code, code))


@register.filter
def field_label(form, name: str) -> str:
    """A form field's label, for an error shown away from the field."""
    field = form.fields.get(name)
    return str(field.label) if field is not None else name


@register.filter
def verdict_label(task) -> str:
    """The badge of a task's verdict: the override's category, else "Not rated yet" where
    nothing is rated or suggested, else the computed category."""
    if task.is_overridden:
        return task.override_category.name
    if task.not_rated:
        return _("Not rated yet")
    return task.category.name


@register.filter
def outcome_sentence(task) -> str:
    """ "Automate it: a scheduling link." where the founder or the catalogue says so."""
    return _outcome_sentence(task.effective_outcome, task.effective_tool)


@register.filter
def let_go_button(task) -> str:
    """The button that marks a drop or automate advice as carried out."""
    labels = {"drop": _("I dropped it"), "automate": _("A tool does it now")}
    return str(labels.get(task.effective_outcome, ""))


@register.filter
def let_go_sentence(task) -> str:
    """What a dropped or automated task says where a delegation would be shown."""
    hours_text = hours(task.hours_per_week)
    if task.status == task.DROPPED:
        return _("You dropped it: %(hours)s h a week bought back, at no cost.") % {
            "hours": hours_text
        }
    return _("A tool does it now: %(hours)s h a week bought back, at no cost.") % {
        "hours": hours_text
    }


@register.filter
def suggestion_note(task) -> str:
    """ "typical for invoicing — rate it to make it yours" when the verdict rests on a
    catalogue suggestion, else nothing."""
    reasons = task.reasons or []
    if reasons and reasons[-1].get("code") == classifier.SUGGESTED:
        return reasons_text(reasons[-1:])[0]
    return ""
