from django.db import migrations

from search.migration_sql import SETUP, run_on_postgresql


def index_sql(table):
    """GIN indexes on a table's search document and its trigram text (as of this migration)."""
    create = [
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_document)",
        f"CREATE INDEX IF NOT EXISTS {table}_search_text_trgm ON {table} "
        "USING gin (search_text gin_trgm_ops)",
    ]
    drop = [
        f"DROP INDEX IF EXISTS {table}_search_gin",
        f"DROP INDEX IF EXISTS {table}_search_text_trgm",
    ]
    return create, drop


PLATFORMS = index_sql("platforms_innovationplatform")
ORGANISATIONS = index_sql("platforms_organisation")


class Migration(migrations.Migration):
    """Text search configurations with unaccent, pg_trgm, and GIN indexes (PostgreSQL only)."""

    dependencies = [("platforms", "0003_add_search_documents")]

    operations = [
        migrations.RunPython(run_on_postgresql(SETUP), migrations.RunPython.noop),
        migrations.RunPython(
            run_on_postgresql(PLATFORMS[0] + ORGANISATIONS[0]),
            run_on_postgresql(PLATFORMS[1] + ORGANISATIONS[1]),
        ),
    ]
