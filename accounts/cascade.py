"""A founder's rows that PostgreSQL itself deletes with the founder, for the migrations.

Deleting a founder while a worker inserts one of their rows (a claim plans their digest, a news
email takes its hour): Django's cascade collects the rows first, so a row inserted in between
would make the founder's DELETE fail. The database's own ON DELETE CASCADE removes it too
(PostgreSQL; SQLite test databases rely on Django's).
"""

from collections.abc import Callable
from typing import Any

SQL = """
DO $$
DECLARE name text;
BEGIN
  SELECT conname INTO name FROM pg_constraint
   WHERE conrelid = '{table}'::regclass AND contype = 'f'
     AND conkey = ARRAY[(SELECT attnum FROM pg_attribute
                         WHERE attrelid = '{table}'::regclass
                           AND attname = 'founder_id')];
  EXECUTE format('ALTER TABLE {table} DROP CONSTRAINT %I', name);
  EXECUTE format('ALTER TABLE {table} ADD CONSTRAINT %I FOREIGN KEY (founder_id) '
                 'REFERENCES accounts_user (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED',
                 name);
END $$;
"""


def founder_cascade(table: str) -> Callable[[Any, Any], None]:
    """A migration's RunPython step: `table`'s founder_id cascades in PostgreSQL."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        # A table created by the same migration gets its foreign key only at the migration's
        # end (Django defers it): add it now, then replace it with the cascading one.
        for statement in schema_editor.deferred_sql:
            schema_editor.execute(statement, params=None)
        schema_editor.deferred_sql.clear()
        schema_editor.execute(SQL.format(table=table), params=None)

    return run
