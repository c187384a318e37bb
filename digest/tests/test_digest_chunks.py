"""A chunk of digests is read, claimed and recorded in a constant number of queries, and the
bulk paths keep exactly once when a race gets in between."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts import services as account_services
from digest import sending as digest_send
from digest import services as digest
from digest.models import WeeklyDigest
from digest.tests.digest_support import MONDAY, as_read, plan
from tasks.templatetags.buyback_tags import hours, money
from tasks.tests.factories import make_task


def _founders(count: int, *, tasks: int, first: int = 0) -> list[int]:
    ids = []
    for number in range(first, first + count):
        user = account_services.founder_signup(
            email=f"f{number}@example.com", password="pw-123456789", email_confirmed=True
        )
        for i in range(tasks):
            make_task(user, title=f"Task {i}", recurring=bool(i % 2), skill=1 + i % 5)
        plan(user, language="de" if number % 2 else "en")
        ids.append(user.pk)
    return ids


def _queries(call) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return len(captured), result


def _claim_and_send_counts(founder_ids):
    claims, ids = _queries(lambda: digest.digests_claim(founder_ids=founder_ids, now=MONDAY))
    sends, result = _queries(lambda: digest_send.digests_send(digest_ids=ids, now=MONDAY))
    assert len(result.sent) == len(founder_ids)
    return claims, sends


def test_a_chunks_queries_do_not_grow_with_its_founders_or_their_tasks(db, smtp_server):
    small = _claim_and_send_counts(_founders(1, tasks=1))
    WeeklyDigest.objects.all().delete()
    large = _claim_and_send_counts(_founders(3, tasks=30, first=1))
    claim_small, send_small = small
    claim_large, send_large = large
    assert claim_large == claim_small
    # Only each message's lease, its fence and its outcome are its own writes: the lease
    # just before SMTP, the fence right before MAIL FROM (a late sender stops), the outcome
    # right after the reply (so a crash never loses a send); the outcome shares its
    # transaction with the next message's lease; a digest sent raises its founder's data
    # version in that transaction too (the dashboard's trend shows it: accounts/versions.py).
    assert send_large - send_small == 4 * (3 - 1)
    assert len(smtp_server.messages) == 4


def test_a_founder_another_claimer_moved_first_is_skipped_and_the_rest_claimed(alice, charlie):
    plan(alice)
    plan(charlie)
    stale = as_read([alice, charlie])
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY) != []
    # The bulk swap sees alice's slot moved: undone, then founder by founder.
    claimed = digest.claim_profiles(stale, now=MONDAY)
    assert [WeeklyDigest.objects.get(pk=pk).founder for pk in claimed] == [charlie]
    assert WeeklyDigest.objects.filter(founder=alice).count() == 1


def test_a_ledger_row_that_appears_after_the_check_loses_to_the_unique_constraint(alice, charlie):
    rows = [
        WeeklyDigest(founder=founder, iso_year=2026, iso_week=49, claimed_at=MONDAY)
        for founder in (alice, charlie)
    ]
    WeeklyDigest.objects.create(founder=alice, iso_year=2026, iso_week=49, claimed_at=MONDAY)
    # As if the other row had been created between the check and the INSERT.
    created = digest._insert_rows(rows)
    assert [WeeklyDigest.objects.get(pk=pk).founder for pk in created] == [charlie]
    assert WeeklyDigest.objects.count() == 2


def test_remembered_number_formats_follow_the_active_language():
    table = [("en", Decimal("1.50"), "1.5", "€1.50"), ("de", Decimal("1.5"), "1,5", "1,50\xa0€")]
    for language, value, expected_hours, expected_money in table * 2:
        with translation.override(language):
            assert (hours(value), money(value)) == (expected_hours, expected_money)
    with translation.override("de"):
        assert money(Decimal("1950")) == "1.950,00\xa0€"
    assert money(Decimal("1950")) == "€1,950.00"
