"""The version of a founder's data: a number that every write of that founder's data raises,
in the same transaction as the write. A page cached per founder (the dashboard) is keyed by it,
so the next page view after any write misses the cache and computes afresh: a stale page is
a bug, and this is the one place that prevents it.

How every write reaches it, whoever writes (a service, the admin, a consultant, Celery):
- `watch(Model, path)` connects post_save and post_delete of the model (a queryset's
  delete() sends them too once a receiver is connected) and names how a row reaches its
  founder ("owner_id", "instruction__owner_id", …);
- the watched models' managers are `VersionedQuerySet`s: update(), bulk_create() and
  bulk_update() raise the version of every founder whose rows they write. An update() that
  writes only `quiet` fields (a lease, a mail's state, a visit marker: nothing a page shows
  from the cache) raises nothing.

The number is Profile.data_version, read with the profile every page loads already. Founder 0
is everyone (the catalogue's category names): every profile's version is raised.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts import signed_in

EVERYONE = 0
# The model's path to its founder's id and the fields whose update shows on no cached page.
_WATCHED: dict[type[models.Model], tuple[str, frozenset[str]]] = {}


def bump(founder_ids: Iterable[int | None]) -> None:
    """Raise the version of these founders (in the caller's transaction); EVERYONE: all."""
    from accounts.models import Profile

    ids = {i for i in founder_ids if i is not None}
    if not ids:
        return
    everyone = EVERYONE in ids
    profiles = Profile.objects.all() if everyone else Profile.objects.filter(user_id__in=ids)
    # The signed-in copies of these profiles are stale now: forgotten here, where the ids are
    # known, so the update below is the plain one (no query to find its rows' users), and
    # raises nothing further (data_version is a quiet field).
    signed_in.forget(None if everyone else ids)
    models.QuerySet.update(profiles, data_version=F("data_version") + 1)


def current(founder_id: int) -> int:
    """The founder's version as the database has it now (a page holds it on its profile)."""
    from accounts.models import Profile

    version = Profile.objects.filter(user_id=founder_id).values_list("data_version", flat=True)
    return version.first() or 0


def founder_of(obj: models.Model, path: str) -> int | None:
    """Follow `path` ("owner_id", "instruction__owner_id") from a row to its founder's id."""
    head, _, rest = path.partition("__")
    if not rest:
        return getattr(obj, head)
    field = obj._meta.get_field(head)
    parent = getattr(obj, field.attname)  # type: ignore[union-attr]  # a foreign key
    if parent is None:
        return None
    related = field.related_model._base_manager  # type: ignore[union-attr]
    return related.filter(pk=parent).values_list(rest, flat=True).first()


def _on_write(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    path, _quiet = _WATCHED[sender]
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= _quiet:
        return
    founder = EVERYONE if path == "" else founder_of(instance, path)
    origin = kwargs.get("origin")
    if origin is not None:
        # One deletion (a queryset's, a cascade's) sends a signal per row: raise once.
        raised = origin.__dict__.setdefault("_versions_raised", set())
        if founder in raised:
            return
        raised.add(founder)
    bump([founder])


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and type(instance) in _WATCHED:
        _on_write(type(instance), instance)


def watch(model: type[models.Model], path: str, *, quiet: Iterable[str] = ()) -> None:
    """Every write of `model`'s rows raises their founder's version; path "" raises everyone's."""
    _WATCHED[model] = (path, frozenset(quiet))
    uid = f"versions.{model._meta.label}"
    post_save.connect(_on_write, sender=model, dispatch_uid=uid)
    post_delete.connect(_on_write, sender=model, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=uid)  # type: ignore[union-attr]


def _founders(queryset: models.QuerySet) -> list[int | None]:
    path, _quiet = _WATCHED[queryset.model]
    if path == "":
        return [EVERYONE]
    return list(queryset.order_by().values_list(path, flat=True).distinct())


def _founders_of(model: type[models.Model], objs: list) -> list[int | None]:
    path, _quiet = _WATCHED[model]
    return [EVERYONE if path == "" else founder_of(obj, path) for obj in objs]


class VersionedQuerySet(models.QuerySet):
    """A watched model's queryset: bulk writes raise their founders' versions too."""

    def update(self, **kwargs):
        if self.model not in _WATCHED or set(kwargs) <= _WATCHED[self.model][1]:
            return super().update(**kwargs)
        founders = _founders(self)
        count = super().update(**kwargs)
        if count:
            bump(founders)
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        if self.model in _WATCHED:
            bump(_founders_of(self.model, objs))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        count = super().bulk_update(objs, fields, *args, **kwargs)
        if count and self.model in _WATCHED and not set(fields) <= _WATCHED[self.model][1]:
            bump(_founders_of(self.model, objs))
        return count
