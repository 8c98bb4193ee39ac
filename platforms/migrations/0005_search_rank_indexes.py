from django.db import migrations


class Migration(migrations.Migration):
    """Formerly a rank-ordered (RUM) index where the server had the extension. It crashed
    PostgreSQL and was taken off; 0009_search_head_and_quality drops it where it was made."""

    dependencies = [("platforms", "0004_search_indexes")]

    operations = []
