"""Browser tests: Playwright drives Debian's Chromium against a live server with the real data.

Without Chromium the tests are skipped with a notice — unless ELMO_REQUIRE_BROWSER is set (as
in CI), which turns a missing browser into an error.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("ELMO_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"ELMO_REQUIRE_BROWSER is set but there is no {CHROMIUM}.")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: browser tests not run")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def site(live_server, transactional_db):
    """The address of a live server holding the IP-area data set."""
    with open(os.devnull, "w") as quiet:
        call_command("load_ip_area", stdout=quiet)
    return live_server.url


@pytest.fixture
def artifacts():
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
