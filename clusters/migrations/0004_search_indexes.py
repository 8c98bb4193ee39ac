from django.db import migrations

from search.migration_sql import run_on_postgresql

TABLE = "clusters_cluster"


class Migration(migrations.Migration):
    """GIN indexes on the clusters' search documents (PostgreSQL only)."""

    dependencies = [
        ("clusters", "0003_add_search_documents"),
        ("platforms", "0004_search_indexes"),
    ]

    operations = [
        migrations.RunPython(
            run_on_postgresql(
                [
                    f"CREATE INDEX IF NOT EXISTS {TABLE}_search_gin ON {TABLE} "
                    "USING gin (search_document)",
                    f"CREATE INDEX IF NOT EXISTS {TABLE}_search_text_trgm ON {TABLE} "
                    "USING gin (search_text gin_trgm_ops)",
                ]
            ),
            run_on_postgresql(
                [
                    f"DROP INDEX IF EXISTS {TABLE}_search_gin",
                    f"DROP INDEX IF EXISTS {TABLE}_search_text_trgm",
                ]
            ),
        ),
    ]
