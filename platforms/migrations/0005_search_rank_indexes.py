from django.db import migrations

from search.migration_sql import rank_index_sql, run_on_postgresql

PLATFORMS = rank_index_sql("platforms_innovationplatform")
ORGANISATIONS = rank_index_sql("platforms_organisation")


class Migration(migrations.Migration):
    """RUM indexes for rank-ordered search, where PostgreSQL has the rum extension."""

    dependencies = [("platforms", "0004_search_indexes")]

    operations = [
        migrations.RunPython(
            run_on_postgresql(PLATFORMS[0] + ORGANISATIONS[0]),
            run_on_postgresql(PLATFORMS[1] + ORGANISATIONS[1]),
        ),
    ]
