"""Production mode: Django's deployment checklist, security headers, JSON logs with a request id,
the configurable admin path, and the cache of public answers with its invalidation."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entries.models import Status
from platforms.models import InnovationPlatform

BASE_DIR = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def production_env(**extra):
    """The environment of a production process: DEBUG off, a secret key, nothing from tests."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            "STATIC_MANIFEST",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="elmo.example.fi")
    env.update(extra)
    return env


def manage(*args, **env):
    return subprocess.run(  # noqa: S603 (this interpreter, this project's manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_deployment_checklist_is_clean_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_logs_are_json_lines_with_a_request_id():
    result = manage("shell", "-c", "import logging; logging.getLogger('elmo.test').error('boom')")
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    record = next(line for line in lines if line["message"] == "boom")
    assert record["level"] == "ERROR" and record["logger"] == "elmo.test"
    assert "request_id" in record and "time" in record


@pytest.mark.slow
def test_the_admin_path_is_configurable():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage("shell", "-c", code, ADMIN_PATH="hallinta")
    assert result.stdout.strip().endswith("/hallinta/"), result.stderr


def test_security_headers_and_a_request_id(client):
    response = client.get("/fi/")
    csp = response.headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert len(response.headers["X-Request-ID"]) >= 16
    echoed = client.get("/fi/", HTTP_X_REQUEST_ID="from-the-load-balancer-1")
    assert echoed.headers["X-Request-ID"] == "from-the-load-balancer-1"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/platforms/?q=lumi",
        "/api/v1/platforms/?q=lumi",
        "/api/v1/platforms/lumi-supercomputer/",
    ],
)
def test_public_answers_are_cached_until_the_content_changes(client, staff_api, url):
    first, _response = count_queries(client, url)
    cached, response = count_queries(client, url)
    assert cached == 0 < first  # the content token is in the cache too
    assert response.wsgi_request.__dict__.get("session") is None  # answered before sessions
    assert response["Content-Language"] == ("fi" if url.startswith("/api/") else "en")
    assert response["X-Frame-Options"] == "DENY"
    assert "ETag" in response
    assert int(response["Content-Length"]) == len(response.content)
    if url.startswith("/api/"):
        assert "Accept-Language" in response["Vary"]
    staff_api.patch(
        "/api/v1/platforms/lumi-supercomputer/", {"name": {"en": "LUMI renamed"}}, format="json"
    )
    fresh, response = count_queries(client, url)
    assert fresh > 1
    if url != "/en/":
        assert "LUMI renamed" in response.text


def test_a_publication_shows_on_the_next_request(client, superuser):
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    url = f"/en/platforms/{platform.slug}/"
    assert client.get(url).status_code == 200
    platform.status = "archived"
    platform.save()
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/platforms/lumi-supercomputer/").status_code == 404


def test_signed_in_staff_are_never_served_a_cached_answer(client, superuser):
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    client.get(f"/en/platforms/{platform.slug}/")  # cached for anonymous readers
    client.force_login(superuser)
    InnovationPlatform.objects.filter(pk=platform.pk).update(status=Status.DRAFT)  # no signal
    response = client.get(f"/en/platforms/{platform.slug}/")
    assert "Preview:" in response.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/en/platforms/lumi-supercomputer/", "/api/v1/platforms/lumi/"])
def test_the_shared_redis_cache_serves_the_cached_answers(client, shared_cache, url):
    """With REDIS_URL the answers and the content token are in Redis (every machine of the
    project has one), shared by every server; a committed change is served at once."""
    assert "RedisCache" in type(shared_cache).__name__
    with open(os.devnull, "w") as quiet:  # a transactional test starts from empty tables
        call_command("load_ip_area", stdout=quiet)
    url = url.replace("/lumi/", "/lumi-supercomputer/")
    first, _response = count_queries(client, url)
    cached, response = count_queries(client, url)
    assert cached == 0 < first
    assert "LUMI renamed" not in response.text
    platform = InnovationPlatform.objects.get(slug="lumi-supercomputer")
    platform.name_en = "LUMI renamed"
    platform.save()  # committed: the new token is in Redis for every server
    fresh, response = count_queries(client, url)
    assert fresh > 0
    assert "LUMI renamed" in response.text
    again, _response = count_queries(client, url)
    assert again == 0


def test_a_cached_answer_is_still_counted_by_the_api_limit(client, settings):
    settings.API_ANON_RATE = "2/minute"
    assert client.get("/api/v1/regions/").status_code == 200
    assert client.get("/api/v1/regions/").status_code == 200  # from the cache
    response = client.get("/api/v1/regions/")
    assert response.status_code == 429
    assert "Retry-After" in response


def test_a_cached_answer_is_not_served_to_a_host_outside_allowed_hosts(client, settings):
    assert client.get("/en/").status_code == 200
    settings.ALLOWED_HOSTS = ["elmo.example.fi"]
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400
