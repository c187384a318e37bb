"""What other pages read of the digest ledger."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Max

from digest.models import WeeklyDigest


def last_digests_sent(*, user_ids: Iterable[int]) -> dict[int, datetime]:
    """When each listed founder's latest digest went out, in one query."""
    rows = (
        WeeklyDigest.objects.filter(founder_id__in=list(user_ids), state=WeeklyDigest.SENT)
        .values("founder_id")
        .annotate(last=Max("sent_at"))
        .values_list("founder_id", "last")
    )
    return dict(rows)
