from django.db import migrations


class Migration(migrations.Migration):
    """Formerly a rank-ordered (RUM) index where the server had the extension. It crashed
    PostgreSQL and was taken off; 0008_search_head_and_quality drops it where it was made."""

    dependencies = [
        ("clusters", "0004_search_indexes"),
        ("platforms", "0005_search_rank_indexes"),
    ]

    operations = []
