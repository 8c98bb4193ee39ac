"""The cache of anonymous answers is decided after authentication: what a staff user reads with
a token (drafts included) never reaches anonymous readers, and a token user never gets an
anonymous reader's cached answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from platforms.models import InnovationPlatform

pytestmark = pytest.mark.django_db

DRAFT = "lumi-supercomputer"
URLS = [
    "/api/v1/platforms/?page_size=200",
    f"/api/v1/platforms/{DRAFT}/",
    "/api/v1/platforms/?q=lumi",
    "/api/v1/platforms/?format=csv",
    "/api/v1/platforms/?format=geojson",
]


def text(response):
    """The body of an answer, also of a streamed export."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def draft():
    platform = InnovationPlatform.objects.get(slug=DRAFT)
    platform.status = "draft"
    platform.save()
    return platform


@pytest.mark.parametrize("url", URLS)
def test_a_staff_token_answer_never_reaches_anonymous_readers(api, staff_api, draft, url):
    staff = staff_api.get(url)
    assert staff.status_code == 200 and DRAFT in text(staff)
    anonymous = api.get(url)
    assert DRAFT not in text(anonymous)
    assert anonymous.status_code == (404 if url.endswith(f"/{DRAFT}/") else 200)


@pytest.mark.parametrize("url", URLS)
def test_a_staff_token_user_never_gets_the_anonymous_answer(api, staff_api, draft, url):
    api.get(url)  # cached for anonymous readers
    staff = staff_api.get(url)
    assert staff.status_code == 200 and DRAFT in text(staff)


def test_anonymous_answers_are_still_cached(api, django_assert_num_queries):
    api.get(URLS[0])
    with django_assert_num_queries(0):  # the content token is cached too
        api.get(URLS[0])


def test_a_bad_token_is_refused_not_served_the_cached_answer(api):
    api.get(URLS[0])  # cached for anonymous readers
    response = api.get(URLS[0], HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


def test_a_page_request_with_credentials_is_neither_served_nor_stored(client, draft):
    with CaptureQueriesContext(connection) as stored:
        client.get("/en/", HTTP_AUTHORIZATION="Token anything")
    with CaptureQueriesContext(connection) as again:
        client.get("/en/", HTTP_AUTHORIZATION="Token anything")
    assert len(stored) > 1 and len(again) > 1  # rendered each time, never from the cache
    with CaptureQueriesContext(connection) as first:
        client.get("/en/")
    assert len(first) > 1  # nothing was stored for anonymous readers
