"""`make help` names the address that `make run` and `make serve` listen on: BIND's."""

import shutil
import subprocess

import pytest
from django.conf import settings


@pytest.mark.skipif(not shutil.which("make"), reason="no make")
@pytest.mark.parametrize("bind", [None, "0.0.0.0:8080"])
def test_make_help_prints_the_address_that_bind_sets(bind):
    arguments = ["make", "--no-print-directory", "help"] + ([f"BIND={bind}"] if bind else [])
    done = subprocess.run(  # noqa: S603 (make of this project)
        arguments, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=30, check=True
    )
    lines = {line.split()[1]: line for line in done.stdout.splitlines() if line.strip()}
    address = f"http://{bind or '127.0.0.1:8000'}"
    assert lines["serve"].endswith(address)
    assert lines["run"].endswith(address)
