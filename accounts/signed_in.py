"""The signed-in user with their profile, kept in the cache between requests.

Every request reads them (the founder's language, clock, currency and data version). Kept in
the cache, a page served from the page cache reads nothing from the database — neither the
connection's health check nor the user's row: two PostgreSQL round trips become one Redis
read (bench/dashboard.py, 5 Dec 2026: the 200-task dashboard 917 → 1,411 requests/s, from
14.9 % to 20.8 % of a bare Django view).

A copy is right only while nobody writes the user's or the profile's row. So each user has
a token in the cache, and every write of those rows gives them a new one: a save or a delete
(signals), a queryset's update() or bulk write (`SignedInRows`), a founder's version raised
(`versions.bump`). The new token is set at once and again when the write's
transaction commits. A copy is used only under the tokens that were current before it was
read from the database: a request that read the rows before a write committed stored its
copy under a token that was replaced by then, and nobody takes it. Tokens are random, so a
lost one (Redis restarted, a key evicted) is a miss, never a stale hit. A writer that dies
between its commit and the second token leaves at most such a copy, until TIMEOUT.

The cache never fails a request or a write: unreachable, the user is read from the database,
and a write whose new token could not be set (a Redis that kept its keys through the outage)
leaves its users' copies stale for at most TIMEOUT.
"""

import logging
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from accounts.release import release

log = logging.getLogger(__name__)

EVERYONE = "signed-in:token:everyone"
TIMEOUT = 10 * 60


def _token_key(user_id: object) -> str:
    return f"signed-in:token:{user_id}"


def _copy_key(user_id: object) -> str:
    # A deploy (new fields, a data migration) starts from the database.
    return f"signed-in:{release()}:{user_id}"


def user(user_id: object, load: Callable[[Any], Any]) -> Any:
    """The user `load(user_id)` reads from the database, or its copy in the cache."""
    copy_key = _copy_key(user_id)
    try:
        tokens, copy = _read(_token_key(user_id), copy_key)
    except Exception:  # the cache unreachable: the database answers
        log.warning("the signed-in user could not be read from the cache", exc_info=True)
        return load(user_id)
    if copy is not None and copy[0] == tokens:  # a copy is never kept under a missing token
        return copy[1]
    loaded = load(user_id)  # only now, after the tokens were read
    if loaded is not None and None not in tokens:
        try:
            cache.set(copy_key, (tokens, loaded), TIMEOUT)
        except Exception:  # kept next time
            log.warning("the signed-in user could not be kept in the cache", exc_info=True)
    return loaded


def _read(token_key: str, copy_key: str) -> tuple[tuple, Any]:
    """The current tokens (the user's, everyone's) and the copy, if there is one."""
    found = cache.get_many([copy_key, token_key, EVERYONE])
    tokens = (found.get(token_key), found.get(EVERYONE))
    if None in tokens:
        # The first request since the tokens were lost: whoever adds one first sets it.
        for key, token in zip((token_key, EVERYONE), tokens, strict=True):
            if token is None:
                cache.add(key, secrets.token_hex(8), TIMEOUT)
        again = cache.get_many([token_key, EVERYONE])
        tokens = (again.get(token_key), again.get(EVERYONE))
    return tokens, found.get(copy_key)


def forget(user_ids: Iterable[object] | None) -> None:
    """These users' rows are written (None: everyone's): their copies are not used again."""
    keys = [EVERYONE] if user_ids is None else [_token_key(i) for i in set(user_ids)]
    if not keys:
        return

    def new_tokens() -> None:
        try:
            if len(keys) == 1:  # one SET instead of a pipeline (a digest sent: one founder)
                cache.set(keys[0], secrets.token_hex(8), TIMEOUT)
            else:
                cache.set_many({key: secrets.token_hex(8) for key in keys}, TIMEOUT)
        except Exception:  # never the write's failure (see above)
            log.warning("the signed-in copies of %s stay until they expire", keys, exc_info=True)

    new_tokens()
    if transaction.get_connection().in_atomic_block:  # else the write is committed already
        transaction.on_commit(new_tokens)


class SignedInRows(models.QuerySet):
    """The querysets of the user's and the profile's rows: bulk writes forget their users.
    `user_path`: the field holding a row's user's id, a lookup and an attribute alike."""

    user_path = "pk"

    def _users(self) -> list[object] | None:
        if not self.query.where:  # every row
            return None
        return list(self.order_by().values_list(self.user_path, flat=True))

    def update(self, **kwargs):
        users = self._users()
        count = super().update(**kwargs)
        if count:
            forget(users)
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        forget(getattr(obj, self.user_path) for obj in created)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        count = super().bulk_update(objs, fields, *args, **kwargs)
        if count:
            forget(getattr(obj, self.user_path) for obj in objs)
        return count


def watch(model: type[models.Model]) -> None:
    """A save or delete of `model`'s row forgets its user; the model's queryset is
    `SignedInRows`, whose `user_path` says where a row holds its user's id."""
    user_path = model._default_manager.all().user_path  # type: ignore[attr-defined]

    def written(sender, instance, **kwargs) -> None:
        forget([getattr(instance, user_path)])

    uid = f"signed_in.{model._meta.label}"
    post_save.connect(written, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(written, sender=model, dispatch_uid=uid, weak=False)
