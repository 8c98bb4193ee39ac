"""A PostgreSQL cluster the tests own, and the site served from it by a real server process.

The cluster is made with initdb in a temporary directory, on a free port, run by the `postgres`
user when the tests run as root (PostgreSQL refuses to run as root). It can be stopped and
started while the server keeps running. Everything is stopped and removed afterwards, also when
a test fails.
"""

import contextlib
import glob
import http.client
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

DATABASE = "elmo_faults_live"
APPLICATION_NAME = "elmo-fault-test"


def unavailable(reason):
    """Skip, or fail where PostgreSQL is required (CI)."""
    if os.environ.get("ELMO_REQUIRE_POSTGRESQL"):
        pytest.fail(f"{reason}, and ELMO_REQUIRE_POSTGRESQL is set", pytrace=False)
    pytest.skip(reason)


def postgresql_bin():
    """The folder of initdb and pg_ctl: from PATH, else Debian's newest version."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    folders = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda folder: int(re.sub(r"\D", "", Path(folder).parent.name) or 0),
    )
    for folder in reversed(folders):
        if Path(folder, "initdb").exists():
            return Path(folder)
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, bindir, root, owner):
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.log = root / "postgresql.log"
        self.port = free_port()
        # As root, PostgreSQL's programs run as the owner of the directory.
        self.prefix = ["runuser", "-u", owner, "--"] if os.geteuid() == 0 else []
        self.running = False

    def run(self, program, *args):
        subprocess.run(  # noqa: S603 (PostgreSQL's own programs, arguments of this file)
            [*self.prefix, str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def initdb(self):
        options = "-U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync"
        self.run("initdb", "-D", str(self.data), *options.split())

    def start(self):
        server_options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        pg_ctl = ["-D", str(self.data), "-l", str(self.log), "-o", server_options]
        self.run("pg_ctl", *pg_ctl, "-w", "-t", "30", "start")
        self.running = True

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        self.running = False

    def connect(self, dbname="postgres"):
        connection = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, connect_timeout=5
        )
        connection.autocommit = True
        return connection

    def url(self):
        return (
            f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"
            f"?application_name={APPLICATION_NAME}"
        )

    def site_backends(self):
        """Process ids of the server's connections to the database."""
        with contextlib.closing(self.connect()) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                [APPLICATION_NAME],
            )
            return {pid for (pid,) in cursor.fetchall()}


@pytest.fixture(scope="module")
def cluster():
    bindir = postgresql_bin()
    if bindir is None:
        unavailable("initdb was not found (PostgreSQL's server programs are not installed)")
    owner = pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() == 0:
        owner = "postgres"
        try:
            account = pwd.getpwnam(owner)
        except KeyError:
            unavailable("running as root, and there is no `postgres` user to run PostgreSQL")
    root = Path(tempfile.mkdtemp(prefix="elmo-faults-"))
    cluster = Cluster(bindir, root, owner)
    try:
        try:
            if os.geteuid() == 0:
                os.chown(root, account.pw_uid, account.pw_gid)
            cluster.initdb()
            cluster.start()
        except subprocess.CalledProcessError as error:
            log = cluster.log.read_text() if cluster.log.exists() else ""
            pytest.fail(f"{error.cmd[:-1]} failed: {error.stderr}\n{log}", pytrace=False)
        with contextlib.closing(cluster.connect()) as connection, connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {DATABASE}")
        yield cluster
    finally:
        if cluster.running:
            with contextlib.suppress(subprocess.SubprocessError):
                cluster.stop(mode="immediate")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Answer:
    status: int
    headers: Message
    text: str
    seconds: float

    def json(self):
        return json.loads(self.text)


class Site:
    def __init__(self, port, log):
        self.port = port
        self.log = log

    def get(self, path, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        started = time.monotonic()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        return Answer(response.status, response.headers, text, time.monotonic() - started)

    def log_text(self):
        return self.log.read_text()


def manage(*args, env):
    done = subprocess.run(  # noqa: S603 (this project's manage.py)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode:
        pytest.fail(f"manage.py {args[0]} failed:\n{done.stdout}{done.stderr}", pytrace=False)


@pytest.fixture(scope="module")
def site(cluster):
    """`manage.py runserver` in production settings on the cluster, migrated and with data.

    One process, one thread (--nothreading), so that its database connection persists between
    requests as under a production server; threaded runserver closes it after every request.
    """
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url(),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "API_ANON_RATE": "1000000/minute",
        "PYTHONUNBUFFERED": "1",
    }
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_ip_area", env=env)
    port = free_port()
    log = cluster.root / "runserver.log"
    with open(log, "w") as output:
        server = subprocess.Popen(  # noqa: S603 (this project's manage.py)
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--nothreading",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    site = Site(port, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"runserver exited:\n{site.log_text()}", pytrace=False)
            with contextlib.suppress(OSError):
                if site.get("/healthz").status == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"runserver did not answer in 30 s:\n{site.log_text()}", pytrace=False)
            time.sleep(0.2)
        yield site
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def live(cluster, site):
    """The site with its database running, whatever an earlier test left."""
    if not cluster.running:
        cluster.start()
    return site
