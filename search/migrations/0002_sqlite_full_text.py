from django.db import migrations

from search.migration_sql import run_on_sqlite, sqlite_sql

CREATE, DROP = sqlite_sql()


class Migration(migrations.Migration):
    """The FTS5 tables of the search on SQLite (nothing on PostgreSQL). ``rebuild_index()`` fills
    them; a database that has entries already gets them after migrating (``search.apps``)."""

    dependencies = [("search", "0001_vocabulary")]

    operations = [migrations.RunPython(run_on_sqlite(CREATE), run_on_sqlite(DROP))]
