"""Reason codes from the classifier, as short sentences in the active language.

The edge between the pure classifier and what people read: views, templates, emails and the
classify_tasks command all go through `reason_text`.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, gettext_noop

from tasks import buyback, catalogue, classifier

# gettext_noop marks the strings for makemessages; gettext translates them at call time.
# One sentence per rule, naming the rule and the founder's threshold it was measured against:
# first as the founder reads it ("your threshold"), then as a consultant reads it in the admin,
# about the founder (empty: the sentence addresses nobody and fits both).


class Sentence(NamedTuple):
    to_founder: str
    about_founder: str = ""

    def pick(self, *, about_founder: bool) -> str:
        return self.about_founder if about_founder and self.about_founder else self.to_founder


SENTENCES = {
    classifier.CORE: Sentence(
        gettext_noop("Core to your business → keep it"),
        gettext_noop("Core to the founder's business → keep it with them"),
    ),
    classifier.HATE: Sentence(
        gettext_noop(
            "enjoyment %(enjoyment)s ≤ your 'hate' threshold %(max)s → a task you hate → "
            "smart outsourcing"
        ),
        gettext_noop(
            "enjoyment %(enjoyment)s ≤ the founder's 'hate' threshold %(max)s → a task they "
            "hate → smart outsourcing"
        ),
    ),
    classifier.SKILL_GAP: Sentence(
        gettext_noop(
            "skill %(skill)s ≤ your 'can't do' threshold %(max)s → a skill you lack → a "
            "specialist's job"
        ),
        gettext_noop(
            "skill %(skill)s ≤ the founder's 'can't do' threshold %(max)s → a skill they lack "
            "→ a specialist's job"
        ),
    ),
    classifier.TIME_EATER: Sentence(
        gettext_noop(
            "recurring, %(hours)s h a week ≥ your 'time eater' threshold %(min_hours)s h → it "
            "eats your time"
        ),
        gettext_noop(
            "recurring, %(hours)s h a week ≥ the founder's 'time eater' threshold "
            "%(min_hours)s h → it eats their time"
        ),
    ),
    classifier.ONE_OFF: Sentence(gettext_noop("a one-off project → a project freelancer")),
    classifier.OVERLOADED: Sentence(
        gettext_noop(
            "%(planned)s h planned > your capacity of %(capacity)s h → hand off one-off work"
        ),
        gettext_noop(
            "%(planned)s h planned > the founder's capacity of %(capacity)s h → one-off work "
            "goes first"
        ),
    ),
    classifier.NO_REASON_TO_DELEGATE: Sentence(
        gettext_noop("not core, but no rule argues for handing it off → keep it for now"),
        gettext_noop("not core, but no rule argues for handing it off → stays for now"),
    ),
    classifier.NOT_RATED: Sentence(
        gettext_noop("Not rated yet — rate it to sharpen the advice"),
        gettext_noop("Not rated yet — a rating would sharpen the advice"),
    ),
    classifier.SUGGESTED: Sentence(
        gettext_noop("typical for %(entry)s — rate it to make it yours"),
        gettext_noop("typical for %(entry)s — not rated by the founder yet"),
    ),
}
# Reasons stored before the sentences named their thresholds (until the task's founder
# changes something and the rules run again).
OLD_SENTENCES = {
    classifier.HATE: Sentence(
        gettext_noop("You rated your enjoyment %(enjoyment)s/5"),
        gettext_noop("The founder's enjoyment: %(enjoyment)s/5"),
    ),
    classifier.SKILL_GAP: Sentence(
        gettext_noop("You rated your skill %(skill)s/5"),
        gettext_noop("The founder's skill: %(skill)s/5"),
    ),
    classifier.TIME_EATER: Sentence(gettext_noop("Recurring, %(hours)s h/week")),
}
# Core work the task catalogue suggests (the founder has not said).
SUGGESTED_CORE = Sentence(
    gettext_noop("Usually a founder's core work → keep it"),
    gettext_noop("Usually a founder's core work → stays with them"),
)
# An overloaded reason stored without its figures.
OVERLOADED_PLAIN = Sentence(
    gettext_noop("You are over capacity"), gettext_noop("The founder is over capacity")
)


def catalogue_name(key: str) -> str:
    """A catalogue entry's name in the active language ("invoicing", "Rechnungen schreiben")."""
    entry = catalogue.by_key().get(key)
    if entry is None:
        return key
    return entry.name(get_language() or "en")


# The kinds of tool the catalogue names for automating a task (tasks/catalogue/tasks.csv,
# column "tool"), listed so they are translated; tool_label shows any other text as it is.
TOOL_KINDS = (
    gettext_noop("CRM automation"),
    gettext_noop("automatic backup service"),
    gettext_noop("automatic reminders in the booking tool"),
    gettext_noop("bank feed into the accounting tool"),
    gettext_noop("dashboard in the analytics tool"),
    gettext_noop("digital mailbox service"),
    gettext_noop("document scanner and cloud folders"),
    gettext_noop("e-signature tool"),
    gettext_noop("email filters"),
    gettext_noop("email sequences in the CRM"),
    gettext_noop("help centre with saved replies"),
    gettext_noop("onboarding email sequence"),
    gettext_noop("password manager"),
    gettext_noop("payment reminders in the accounting tool"),
    gettext_noop("receipt capture app"),
    gettext_noop("recurring invoices in the accounting tool"),
    gettext_noop("report template in the tool"),
    gettext_noop("review request emails"),
    gettext_noop("scheduled bank transfers"),
    gettext_noop("scheduling link"),
    gettext_noop("shop automation"),
    gettext_noop("social media scheduler"),
    gettext_noop("stock alerts in the shop"),
    gettext_noop("time tracker with reports"),
    gettext_noop("transcription tool"),
    gettext_noop("webinar platform reminders"),
)
OUTCOME_SENTENCES = {
    catalogue.DROP: gettext_noop("Drop it: nobody would miss it."),
    catalogue.AUTOMATE: gettext_noop("Automate it: %(tool)s."),
}


def tool_label(text: str) -> str:
    return gettext(text) if text else ""


def outcome_sentence(outcome: str, tool: str) -> str:
    """ "Automate it: recurring invoices in the accounting tool." in the active language."""
    template = OUTCOME_SENTENCES.get(outcome)
    if template is None:
        return ""
    return gettext(template) % {"tool": tool_label(tool) or gettext("a tool")}


def format_number(value: object) -> str:
    """Decimals without trailing zeros or exponents: 6, 1.5, 100.

    Also takes decimals stored as strings ("6.00", as in the task's reasons JSON).
    """
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return str(value)
    if isinstance(value, Decimal) and value.is_finite():
        value = value.normalize()
        places = max(0, -int(value.as_tuple().exponent))  # finite: the exponent is an int
        # In the active language's format: "1.5" in English, "1,5" in German.
        return number_format(value if value else Decimal("0"), decimal_pos=places)
    return str(value)


def _code_and_params(reason: classifier.Reason | Mapping) -> tuple[str, dict]:
    # Stored reasons are JSON: {"code": ..., "params": {...}}
    # (see tasks.classification.reasons_to_json).
    if isinstance(reason, Mapping):
        return reason["code"], dict(reason.get("params") or {})
    return reason.code, reason.params


def reason_text(reason: classifier.Reason | Mapping, *, about_founder: bool = False) -> str:
    """One sentence for a Reason, or for its stored form {"code": ..., "params": {...}}: to the
    founder, or (`about_founder`, the consultant's admin) about them."""
    code, values = _code_and_params(reason)
    suggested = values.pop("suggested", None)
    if code == classifier.SUGGESTED:
        values["entry"] = catalogue_name(str(values.get("entry", "")))
    params = {key: format_number(value) for key, value in values.items()}
    if code == classifier.OVERLOADED and not params:
        return gettext(OVERLOADED_PLAIN.pick(about_founder=about_founder))
    if code == classifier.CORE and suggested:
        return gettext(SUGGESTED_CORE.pick(about_founder=about_founder))
    sentence = SENTENCES.get(code)
    if sentence is None:
        # A code this module does not know yet: show it rather than fail the page.
        return code
    try:
        return gettext(sentence.pick(about_founder=about_founder)) % params
    except KeyError:
        return gettext(OLD_SENTENCES[code].pick(about_founder=about_founder)) % params


def reasons_text(
    reasons: Iterable[classifier.Reason | Mapping], *, about_founder: bool = False
) -> list[str]:
    return [reason_text(reason, about_founder=about_founder) for reason in reasons]


# The capacity sentence, one per state of buyback.capacity_state: the dashboard, the admin and
# the digest say the same thing in the same words.
CAPACITY_SENTENCES = {
    buyback.CAPACITY_OVER: gettext_noop(
        "You are over capacity: you still do %(kept)s h a week against %(cap)s h. "
        "Hand something off now."
    ),
    buyback.CAPACITY_NEAR: gettext_noop(
        "Almost at capacity: %(kept)s of %(cap)s h. Don't wait for the last moment — "
        "delegate before the bottleneck."
    ),
    buyback.CAPACITY_OK: gettext_noop("You still do %(kept)s of %(cap)s h a week."),
}


def capacity_sentence(state: str, *, kept: Decimal, capacity: Decimal) -> str:
    """What the founder's capacity means this week, in the active language."""
    quantum = Decimal("0.01")
    values = {
        "kept": format_number(Decimal(kept).quantize(quantum)),
        "cap": format_number(Decimal(capacity).quantize(quantum)),
    }
    return gettext(CAPACITY_SENTENCES[state]) % values
