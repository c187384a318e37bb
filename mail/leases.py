"""Leases on the database's clock, and database calls that survive a lost connection.

Every lease (the digest's, the outbox's) is set and compared with the database's `now()`,
never a worker's clock: a worker whose clock runs ahead cannot take over a lease early.
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection
from django.db.models import DateTimeField, ExpressionWrapper, Value
from django.db.models.functions import Now

log = logging.getLogger("mail")
T = TypeVar("T")
# Waits between tries after a lost connection; the last one repeats until the lease is over.
RECONNECT_WAITS = (0.1, 0.5, 1.0, 2.0)


def db_now_plus(seconds: float) -> ExpressionWrapper:
    """`now() + interval`, on the database's clock."""
    return ExpressionWrapper(
        Now() + Value(timedelta(seconds=seconds)), output_field=DateTimeField()
    )


def reconnecting(query: Callable[[], T], *, seconds: float) -> T:
    """Run one autocommit query; if the database connection was lost (a restart, a terminated
    backend), reconnect and run it again, for as long as `seconds` (the lease) allows. The
    last error is raised after that: the caller logs what it could not record."""
    deadline = time.monotonic() + seconds
    tries = 0
    while True:
        try:
            return query()
        except (OperationalError, InterfaceError):
            wait = RECONNECT_WAITS[min(tries, len(RECONNECT_WAITS) - 1)]
            tries += 1
            if connection.in_atomic_block or time.monotonic() + wait > deadline:
                raise
            log.warning("database connection lost; reconnecting in %.1f s", wait)
            connection.close()
            time.sleep(wait)
