"""Questions between a delegate and the founder: a thread per run, and one per instruction
(run empty). Writes only; the text is stripped of any markup (nh3) and bounded."""

import html

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import ratelimit
from sops import mail
from sops.models import HandoverEvent, HandoverLink, Question, Run


class TooManyQuestions(Exception):
    """The link asked more than the hour allows: the page says so, nothing is saved."""


def clean_text(text: str) -> str:
    """Plain words: tags dropped (the page escapes what remains), bounded length."""
    words = html.unescape(nh3.clean(text or "", tags=set())).strip()
    if not words:
        raise ValidationError({"text": _("Write your question first.")})
    if len(words) > Question.TEXT_MAX:
        raise ValidationError(
            {"text": _("At most %(n)s characters, please.") % {"n": Question.TEXT_MAX}}
        )
    return words


def _run_of(link: HandoverLink, run_id: int | None) -> Run | None:
    if run_id is None:
        return None
    run = Run.objects.filter(pk=run_id, link=link).first()
    if run is None:
        raise ValidationError({"run": _("Choose one of the runs on this page.")})
    return run


def _message(*, link: HandoverLink, text: str, run_id: int | None, from_founder: bool):
    """Validate, count against the hour's limit (each side apart), then save."""
    words = clean_text(text)
    run = _run_of(link, run_id)
    side = "founder-link" if from_founder else "link"
    if not ratelimit.hit(ratelimit.QUESTION, f"{side}:{link.pk}"):
        raise TooManyQuestions
    return Question.objects.create(link=link, run=run, text=words, from_founder=from_founder)


@transaction.atomic
def question_ask(*, link: HandoverLink, text: str, run_id: int | None = None) -> Question:
    """The delegate asks; the founder hears of it like of a run."""
    question = _message(link=link, text=text, run_id=run_id, from_founder=False)
    version = link.acknowledged_version or link.instruction.latest_version().number
    mail.event_record(
        link=link, kind=HandoverEvent.QUESTION, version_number=version, question=question
    )
    return question


@transaction.atomic
def question_answer(*, link: HandoverLink, text: str, run_id: int | None = None) -> Question:
    """The founder answers in the app; the delegate reads it on their page."""
    return _message(link=link, text=text, run_id=run_id, from_founder=True)
