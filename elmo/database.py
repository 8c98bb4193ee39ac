"""What a web request may cost PostgreSQL."""

from django.conf import settings


def limit_statement_time(sender, connection, **kwargs):
    """PostgreSQL cancels a statement of a web request after ``DATABASE_STATEMENT_TIMEOUT``
    seconds: a backstop against a query that would hold a worker and a database process far
    longer than any page or API answer should take. The request then fails as when the
    database is unreachable (``elmo.faults``: 503, one log line).

    Connected to ``connection_created`` by the web entry points, ``elmo/wsgi.py`` and
    ``elmo/asgi.py``, so management commands (migrations, imports, the synthetic data) are
    never limited.
    """
    seconds = settings.DATABASE_STATEMENT_TIMEOUT
    if connection.vendor == "postgresql" and seconds > 0:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [round(seconds * 1000)])
