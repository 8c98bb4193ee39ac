"""PostgreSQL cancels a statement of a web request that runs longer than
DATABASE_STATEMENT_TIMEOUT; the statements of management commands are not limited."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection, transaction
from django.db.backends.signals import connection_created

import elmo.wsgi  # noqa: F401 (the web server's entry point, which sets the limit)
from elmo.database import limit_statement_time

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting"),
]
UID = "elmo-statement-timeout"


def test_the_web_server_limits_every_connection():
    assert connection_created.disconnect(dispatch_uid=UID)  # it was connected
    connection_created.connect(limit_statement_time, dispatch_uid=UID)


def test_a_statement_over_the_limit_is_cancelled(settings):
    settings.DATABASE_STATEMENT_TIMEOUT = 0.2
    limit_statement_time(sender=None, connection=connection)
    try:
        with (
            pytest.raises(OperationalError, match="statement timeout"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT pg_sleep(2)")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


@pytest.mark.slow
def test_management_commands_are_not_limited():
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "DATABASE_STATEMENT_TIMEOUT": "5",
        "DEBUG": "true",
    }
    show = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SHOW statement_timeout')\n"
        "    print(cursor.fetchone()[0])"
    )
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    result = subprocess.run(  # noqa: S603 (this project's manage.py)
        [sys.executable, str(manage), "shell", "--no-imports", "-c", show],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "0"
