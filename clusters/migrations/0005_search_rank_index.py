from django.db import migrations

from search.migration_sql import rank_index_sql, run_on_postgresql

CLUSTERS = rank_index_sql("clusters_cluster")


class Migration(migrations.Migration):
    """A RUM index for rank-ordered search of clusters, where PostgreSQL has the rum extension."""

    dependencies = [
        ("clusters", "0004_search_indexes"),
        ("platforms", "0005_search_rank_indexes"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(CLUSTERS[0]), run_on_postgresql(CLUSTERS[1])),
    ]
