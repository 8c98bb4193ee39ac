from django.db import migrations

from search.migration_sql import index_sql, run_on_postgresql

CLUSTERS = index_sql("clusters_cluster")


class Migration(migrations.Migration):
    """GIN indexes on the clusters' search documents (PostgreSQL only)."""

    dependencies = [
        ("clusters", "0003_add_search_documents"),
        ("platforms", "0004_search_indexes"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(CLUSTERS[0]), run_on_postgresql(CLUSTERS[1])),
    ]
