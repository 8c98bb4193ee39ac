"""A real SMTP server, the settings to send through it, and outbox workers as processes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.mailserver import MailServer

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def mail_server():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(settings, mail_server):
    """E-mails of this test process go to ``mail_server`` by SMTP."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = mail_server.port
    settings.EMAIL_TIMEOUT = 5
    return mail_server


class Workers:
    """``manage.py outbox_worker`` processes on the test database, sending to ``port``."""

    def __init__(self, port: int):
        self.port = port
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        name = connection.settings_dict["NAME"]
        database = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elmo.settings",
            "DATABASE_URL": database,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_TIMEOUT": "5",
            "OUTBOX_RETRY_SECONDS": "1",
            "OUTBOX_RETRY_MAX_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
        }
        process = subprocess.Popen(
            [sys.executable, "manage.py", "outbox_worker", "--poll", "0.2", "--batch", "3"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen):
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def workers(transactional_db, mail_server):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the test database on PostgreSQL only")
    started = Workers(mail_server.port)
    yield started
    started.stop_all()


def wait_until(condition, *, timeout: float = 30.0, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
