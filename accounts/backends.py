"""Log-in by email and password: Django's own backend, reading the signed-in user together with
their profile. Every page's middleware reads both (the founder's language, clock and currency),
so one query instead of two.

That query runs whenever the signed-in copy in the cache is missing or stale
(accounts/signed_in.py), and Django's ORM would compile its SQL anew each time: for the
join of the user's and the profile's ~45 columns, about 0.4 ms of CPU — a quarter of what a
page served from the page cache costs (bench/dashboard.py). So the statement is built once per
database from the models' own fields; each value passes the ORM's own converters (the ones a
queryset applies, e.g. SQLite's dates) and the rows become instances through `Model.from_db`,
as a queryset with `select_related("profile")` would make them
(accounts/tests/test_backends.py compares the two field by field).
"""

from functools import cache

from django.contrib.auth import backends
from django.db import connections

from accounts import signed_in
from accounts.models import Profile, User

PATH = "accounts.backends.ModelBackend"


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = signed_in.user(user_id, user_with_profile)
        return user if user is not None and self.user_can_authenticate(user) else None


def user_with_profile(user_id, *, using: str = "default") -> User | None:
    """The user with their profile cached on it (no profile: None cached, so reading
    `user.profile` raises without a query), or None."""
    connection = connections[using]
    statement = _statement(connection)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (converters, column) in zip(row, statement.converters, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        values.append(value)
    split = len(statement.user_fields)
    user = User.from_db(using, statement.user_fields, values[:split])
    if values[split] is None:  # the profile's primary key: no profile
        User.profile.related.set_cached_value(user, None)
    else:
        user.profile = Profile.from_db(using, statement.profile_fields, values[split:])
    return user


class _Statement:
    def __init__(self, connection):
        name = connection.ops.quote_name
        columns, self.converters = [], []
        fields = {}
        for model, alias in ((User, "u"), (Profile, "p")):
            fields[alias] = [field.attname for field in model._meta.concrete_fields]
            for field in model._meta.concrete_fields:
                columns.append(f"{name(alias)}.{name(field.column)}")
                column = field.get_col(alias)
                converters = connection.ops.get_db_converters(column)
                self.converters.append((converters + column.get_db_converters(connection), column))
        self.user_fields, self.profile_fields = fields["u"], fields["p"]
        user_id = Profile._meta.get_field("user").column
        # Names from the models' metadata, quoted; the one value is a query parameter.
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {name(User._meta.db_table)} {name('u')} "  # noqa: S608
            f"LEFT OUTER JOIN {name(Profile._meta.db_table)} {name('p')} "
            f"ON {name('p')}.{name(user_id)} = {name('u')}.{name(User._meta.pk.column)} "
            f"WHERE {name('u')}.{name(User._meta.pk.column)} = %s"
        )


# Per connection (one per thread and database): the converters are its own.
@cache
def _statement(connection) -> _Statement:
    return _Statement(connection)
