"""Requests answered by another process — another application server, sharing only Redis."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED_CACHE_URL

BASE_DIR = Path(__file__).resolve().parent.parent
SCRIPT = """
import json, sys
import django
django.setup()
from django.test import Client
method, path, data, count, defaults = json.loads(sys.argv[1])
client = Client(HTTP_HOST="localhost", raise_request_exception=False, **defaults)
print(json.dumps([getattr(client, method)(path, data).status_code for _ in range(count)]))
"""


def statuses(method, path, *, data=None, count=1, defaults=None, **env):
    """The status codes of ``count`` requests that another server process answers.

    Its cache is the tests' Redis database; its database one that does not exist, so what it
    answers cannot come from or go to the test's data.
    """
    database = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/elmo")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elmo.settings",
        "REDIS_URL": SHARED_CACHE_URL,
        "DATABASE_URL": database.rsplit("/", 1)[0] + "/elmo_no_such_database",
        **env,
    }
    arguments = json.dumps([method, path, data or {}, count, defaults or {}])
    result = subprocess.run(  # noqa: S603 (this interpreter, this project)
        [sys.executable, "-c", SCRIPT, arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
