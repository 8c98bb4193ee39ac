"""After signing in, the admin goes back to the page asked for, or to its front page — never
to another site, and never to a page that does not exist."""

import pytest

from .helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "next_page", ["https://evil.example/", "//evil.example/", "/\\evil.example", ""]
)
def test_a_refused_next_page_leads_to_the_admin_front_page(client, officer, next_page):
    response = sign_in(client, officer.username, PASSWORD, next=next_page)
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get(response.url).status_code == 200


def test_a_next_page_of_the_admin_is_followed(client, officer):
    response = sign_in(client, officer.username, PASSWORD, next="/admin/two-factor/")
    assert response.url == "/admin/two-factor/"
