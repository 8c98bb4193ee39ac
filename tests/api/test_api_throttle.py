"""The anonymous limit of the API is counted per client address in the shared cache: the same
on every server and worker, not escaped by a forged X-Forwarded-For, and failed token
authentication counts too."""

import pytest

from tests import other_server

pytestmark = pytest.mark.django_db
URL = "/api/v1/"


def statuses(api, count, **headers):
    return [api.get(URL, **headers).status_code for _ in range(count)]


def test_a_forged_x_forwarded_for_does_not_escape_the_limit(api, settings):
    settings.API_ANON_RATE = "3/hour"
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0  # BEHIND_PROXY is off
    answers = [api.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(5)]
    assert answers == [200, 200, 200, 429, 429]


def test_behind_the_proxy_the_address_it_forwarded_counts(api, settings):
    settings.API_ANON_RATE = "2/hour"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The proxy appends the address it saw to whatever the client sent.
    answers = [
        api.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7").status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]
    assert api.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.8").status_code == 200


def test_failed_token_authentication_is_counted_and_throttled(api, settings):
    settings.API_ANON_RATE = "3/hour"
    answers = [api.get(URL, HTTP_AUTHORIZATION=f"Token guess-{n}").status_code for n in range(5)]
    assert answers == [401, 401, 401, 429, 429]
    refused = api.get(URL, HTTP_AUTHORIZATION="Token guess-6")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert api.get(URL).status_code == 429  # one budget per address


def test_staff_with_a_token_are_not_throttled(staff_api, settings):
    settings.API_ANON_RATE = "1/hour"
    assert statuses(staff_api, 3) == [200, 200, 200]


@pytest.mark.slow
def test_the_limit_holds_across_servers_sharing_redis(api, settings, shared_cache):
    settings.API_ANON_RATE = "4/hour"
    assert statuses(api, 2) == [200, 200]
    assert other_server.statuses("get", URL, count=3, API_ANON_RATE="4/hour") == [200, 200, 429]
    assert statuses(api, 1) == [429]
