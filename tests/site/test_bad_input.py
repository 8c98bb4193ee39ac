"""Strange input gives a normal page, a 404 or a 400 — never a 500, never unescaped HTML."""

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = [
    "?q=%22akku%22+OR+1%3D1--",
    "?q=%25%25%25",
    "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
    "?q=%F0%9F%94%8B%F0%9F%A7%AA",  # emoji
    "?q=%E4%F6",  # invalid UTF-8 (latin-1 bytes)
    "?q=%ZZ%",  # invalid percent-encoding
    "?q=" + "a" * 10000,
    "?q=%00",
    "?q='; DROP TABLE platforms_innovationplatform; --",
    "?region=99",
    "?region=%3Cb%3E",
    "?region=19,xx,",
    "?priority=no-such-priority",
    "?type=spaceship",
    "?service=%27",
    "?host_kind[]=x",
    "?sort=%3Cscript%3E",
    "?page=abc",
    "?page=-1",
    "?page=99999999999999999999",
    "?page=0",
    "?page=2.5",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("path", ["/fi/platforms/", "/en/clusters/"])
def test_strange_search_input_is_answered_normally(client, path, query):
    response = client.get(path + query)
    assert response.status_code in (200, 400, 404)
    html = response.text
    assert "<script>alert(1)" not in html
    assert "<img src=x onerror" not in html
    assert "<b>" not in html.split("<body>")[1] if "<body>" in html else True


def test_unknown_filter_values_are_named_and_ignored(client):
    response = client.get("/en/platforms/?region=99&type=laboratory")
    assert response.status_code == 200
    assert "Some filters were not understood" in response.text
    assert 'id="results-heading">' in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/fi/platforms/%3Cscript%3E/",
        "/fi/regions/no-such-region/",
        "/fi/priorities/%F0%9F%94%8B/",
        "/fi/organisations/x/",
        "/fi/clusters/../../etc/passwd",
        "/xx/platforms/",
    ],
)
def test_unknown_addresses_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>" not in response.text.split("</head>")[1]


def test_feedback_form_saves_a_message_and_thanks(client):
    from feedback.models import Feedback

    response = client.post(
        "/sv/feedback/",
        {"topic": "accessibility", "message": "Kartan knappar saknar text.", "email": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert Feedback.objects.get().language == "sv"
    assert response.redirect_chain[-1][0].endswith("/sv/accessibility/#feedback")


@pytest.mark.parametrize(
    "data",
    [
        {"topic": "accessibility", "message": ""},
        {"topic": "nonsense", "message": "x"},
        {"topic": "content", "message": "x", "email": "not-an-address"},
        {"topic": "content", "message": "x" * 6000},
    ],
)
def test_bad_feedback_gets_form_errors_and_keeps_the_text(client, data):
    from feedback.models import Feedback

    response = client.post("/fi/feedback/", data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.text
    assert not Feedback.objects.exists()
    if data.get("email"):
        assert data["email"] in response.text


def test_feedback_only_accepts_post(client):
    assert client.get("/fi/feedback/").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/fi/platforms/?q=a%00b",
        "/fi/platforms/?region=1%009",
        "/api/v1/organisations/?region=%00",
        "/api/v1/platforms/?q%00=x",
        "/fi/platforms/%00/",
    ],
)
def test_nul_characters_are_a_400(client, url):
    assert client.get(url).status_code == 400
