"""The database refuses overlapping care arrangements of one dependant: an exclusion constraint on PostgreSQL,
triggers on SQLite (which has no exclusion constraints). An open end counts as "for ever".

SQLite drops triggers when a migration rebuilds the table: a later migration that alters this table must
create them again."""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE care_carearrangement ADD CONSTRAINT care_arrangements_never_overlap
       EXCLUDE USING gist (dependant_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)""",
]
POSTGRESQL_BACKWARD = ["ALTER TABLE care_carearrangement DROP CONSTRAINT IF EXISTS care_arrangements_never_overlap"]

SQLITE_CHECK = """
    WHEN EXISTS (
        SELECT 1 FROM care_carearrangement other
        WHERE other.dependant_id = NEW.dependant_id AND other.id IS NOT NEW.id
          AND other.starts_on <= COALESCE(NEW.ends_on, '9999-12-31')
          AND COALESCE(other.ends_on, '9999-12-31') >= NEW.starts_on
    )
    BEGIN SELECT RAISE(ABORT, 'care_arrangements_never_overlap'); END
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER care_arrangements_never_overlap_insert BEFORE INSERT ON care_carearrangement {SQLITE_CHECK}",
    f"CREATE TRIGGER care_arrangements_never_overlap_update BEFORE UPDATE ON care_carearrangement {SQLITE_CHECK}",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS care_arrangements_never_overlap_insert",
    "DROP TRIGGER IF EXISTS care_arrangements_never_overlap_update",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
