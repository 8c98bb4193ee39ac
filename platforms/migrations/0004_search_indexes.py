from django.db import migrations

from search.migration_sql import SETUP, index_sql, run_on_postgresql

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
