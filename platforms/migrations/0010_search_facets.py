from django.db import migrations, models

from search.document import platform_facets
from search.migration_sql import narrow_rows_sql, run_on_postgresql

BATCH = 2000
NARROW, WIDE = narrow_rows_sql("platforms_innovationplatform", inline=["search_facets"])


def fill_facets(apps, schema_editor):
    """Every platform's facet values, as the search index writes them from now on."""
    Platform = apps.get_model("platforms", "InnovationPlatform")
    ids = list(Platform.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        platforms = list(
            Platform.objects.filter(pk__in=ids[start : start + BATCH])
            .select_related("region")
            .prefetch_related("other_regions", "priorities", "services", "hosts")
        )
        for platform in platforms:
            platform.search_facets = platform_facets(platform)
        Platform.objects.bulk_update(platforms, ["search_facets"])


class Migration(migrations.Migration):
    """Each platform's facet values in one column, from which a search counts its facets
    (search.facet_counts), kept in narrow rows (search.migration_sql.narrow_rows_sql)."""

    dependencies = [
        ("platforms", "0009_search_head_and_quality"),
    ]

    operations = [
        migrations.AddField(
            model_name="innovationplatform",
            name="search_facets",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(run_on_postgresql(NARROW), run_on_postgresql(WIDE)),
        # Writes every row again: each takes the narrow form.
        migrations.RunPython(fill_facets, migrations.RunPython.noop),
        # The facets of every published platform (the search page without words) from the
        # index alone.
        migrations.RemoveIndex(
            model_name="innovationplatform",
            name="platform_published_cover",
        ),
        migrations.AddIndex(
            model_name="innovationplatform",
            index=models.Index(
                fields=["status", "region", "platform_type"],
                include=("id", "search_facets"),
                name="platform_published_cover",
            ),
        ),
    ]
