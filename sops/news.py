"""News from your team: what delegates did through their links (acknowledgements, runs,
notes, questions), for the dashboard's block and its own page.

Unread first when they need a look (an unchecked step, a note, a question; urgent on top),
then newest first. Showing an item marks it seen; the page it is shown on still marks it
unread, once.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from sops.models import HandoverEvent, Question

DASHBOARD_SHOWN = 5
PAGE_SIZE = 20


def _events(founder_id: int):
    first = Case(
        When(seen_at__isnull=True, urgent=True, then=Value(0)),
        When(seen_at__isnull=True, needs_attention=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        HandoverEvent.objects.filter(founder_id=founder_id)
        .select_related("link__delegate", "link__instruction", "run__version", "question")
        .annotate(first=first)
        .order_by("first", "-created_at", "-pk")
    )


def latest(*, founder_id: int) -> dict:
    """The dashboard's block: the first few items and how many are unread."""
    events = list(_events(founder_id)[:DASHBOARD_SHOWN])
    unread = HandoverEvent.objects.filter(founder_id=founder_id, seen_at=None).count()
    items = _items(events)
    _mark_seen(events)
    return {"items": items, "unread": unread}


def page(*, founder_id: int, number) -> tuple[Page, list[dict]]:
    """One page of the history, marked seen once shown."""
    paginator = Paginator(_events(founder_id), PAGE_SIZE)
    current = paginator.get_page(number)
    events = list(current.object_list)
    items = _items(events)
    _mark_seen(events)
    return current, items


def _mark_seen(events: list[HandoverEvent]) -> None:
    unseen = [e.pk for e in events if e.seen_at is None]
    if unseen:
        HandoverEvent.objects.filter(pk__in=unseen, seen_at=None).update(seen_at=timezone.now())


def _items(events: list[HandoverEvent]) -> list[dict]:
    threads = _threads({e.link_id for e in events})
    return [_item(e, threads) for e in events]


def _threads(link_ids: set[int]) -> dict[tuple[int, int | None], list[Question]]:
    """Each thread's messages, by (link, run or None)."""
    threads: dict[tuple[int, int | None], list[Question]] = {}
    for q in Question.objects.filter(link_id__in=link_ids).order_by("created_at", "pk"):
        threads.setdefault((q.link_id, q.run_id), []).append(q)
    return threads


def _item(event: HandoverEvent, threads: dict) -> dict:
    link = event.link
    names = {"name": link.delegate.name, "title": link.instruction.title}
    item = {
        "pk": event.pk,
        "at": event.created_at,
        "unread": event.seen_at is None,
        "urgent": event.urgent,
        "attention": event.needs_attention,
        "instruction_pk": link.instruction_id,
        "link_pk": link.pk,
        "run_pk": None,
        "unchecked": [],
        "notes": "",
        "question": "",
        "thread": [],
    }
    if event.kind == HandoverEvent.RUN and event.run is not None:
        run = event.run
        done, total = run.progress()
        item.update(
            sentence=_("%(name)s recorded a run of “%(title)s”") % names,
            detail=_("%(done)s of %(total)s steps checked, %(minutes)s minutes")
            % {"done": done, "total": total, "minutes": run.minutes},
            run_pk=run.pk,
            unchecked=run.unchecked_steps(),
            notes=run.notes,
            thread=threads.get((link.pk, run.pk), []),
        )
    elif event.kind == HandoverEvent.QUESTION and event.question is not None:
        run_id = event.question.run_id
        item.update(
            sentence=_("%(name)s asks about “%(title)s”") % names,
            detail="",
            run_pk=run_id,
            question=event.question.text,
            # The thread without the question itself, which the item shows.
            thread=[q for q in threads.get((link.pk, run_id), []) if q.pk != event.question_id],
        )
    else:
        item.update(
            sentence=_("%(name)s confirmed reading version %(n)s of “%(title)s”")
            % {**names, "n": event.version_number},
            detail="",
        )
    item["can_answer"] = event.kind != HandoverEvent.ACKNOWLEDGED
    return item
