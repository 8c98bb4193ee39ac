from django.db import migrations, models

from elmo import i18n
from search.migration_sql import run_on_postgresql

TABLE = "platforms_innovationplatform"


def _name(language):
    # The expression of elmo.i18n.ordering("name", language) on PostgreSQL, with the id after it.
    return (
        f"(COALESCE(NULLIF(name_{language}, ''), name_{i18n.DEFAULT}) "
        f'COLLATE "{language}-x-icu"), id'
    )


CREATE = [
    f"CREATE INDEX IF NOT EXISTS platform_name_{language} ON {TABLE} ({_name(language)}) "
    "WHERE status = 'published'"
    for language in i18n.LANGUAGES
]
DROP = [f"DROP INDEX IF EXISTS platform_name_{language}" for language in i18n.LANGUAGES]


class Migration(migrations.Migration):
    """The platform list in name order, per language, read from an index: the first page of
    100 000 published platforms without sorting them all; and the API's changes in the order
    they were made (elmo.api.pagination.SyncPagination)."""

    dependencies = [
        ("platforms", "0010_search_facets"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
        migrations.AddIndex(
            model_name="innovationplatform",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated", "id"],
                name="platform_published_changes",
            ),
        ),
    ]
