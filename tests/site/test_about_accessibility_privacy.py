"""The about page speaks of the registry today and its contact; the feedback form has no
placeholder choice and marks its required fields; the privacy notice names the controller with
a contact and lists only the personal data the registry holds."""

import re

import pytest

from platforms.models import InnovationPlatform

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "keeps", "propose"),
    [
        ("fi", "Kuka rekisteriä ylläpitää", "Ehdota uutta alustaa tai korjausta"),
        ("sv", "Vem som sköter registret", "Föreslå en ny plattform eller en rättelse"),
        ("en", "Who keeps the registry", "Propose a new platform or a correction"),
    ],
)
def test_about_is_about_the_registry_today_with_its_contact(client, settings, lang, keeps, propose):
    settings.ELMO_CONTACT_EMAIL = "elmo@example.org"
    html = client.get(f"/{lang}/about/").text
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert headings[:3] == [headings[0], keeps, propose]
    assert '<a href="mailto:elmo@example.org">elmo@example.org</a>' in html
    # The coordination project is background, after what the registry is today.
    assert html.index(propose) < html.index("2021")


def test_about_without_a_contact_address_shows_none(client, settings):
    settings.ELMO_CONTACT_EMAIL = ""
    html = client.get("/en/about/").text
    assert "mailto:" not in html
    assert 'href="/en/accessibility/#feedback"' in html


@pytest.mark.parametrize(
    ("lang", "required"), [("fi", "pakollinen"), ("sv", "obligatoriskt"), ("en", "required")]
)
def test_the_feedback_form_has_no_placeholder_and_marks_required_fields(client, lang, required):
    html = client.get(f"/{lang}/accessibility/").text
    form = html[html.index('<form method="post"') : html.index("</form>")]
    assert "---------" not in form
    assert form.count('type="radio" name="topic"') == 4
    assert len(re.findall(rf"\({required}\)", form)) == 2  # topic and message; not the e-mail
    assert (
        f"({required}):</label>" not in form.split('id="id_email"')[0].split('for="id_email"')[-1]
    )


def test_the_privacy_notice_names_the_controller_with_a_contact(client, settings):
    settings.ELMO_CONTACT_EMAIL = "tietosuoja@example.org"
    html = client.get("/fi/privacy/").text
    controller = html.split("<h2>Rekisterinpitäjä</h2>")[1].split("</section>")[0]
    assert "Lapin liitto" in controller
    assert 'href="mailto:tietosuoja@example.org"' in controller


def test_the_privacy_notice_lists_contact_persons_only_when_the_registry_holds_some(client):
    assert not InnovationPlatform.objects.exclude(contact_name="").exists()
    html = client.get("/en/privacy/").text
    assert "None at present: no entry names a contact person" in html
    platform = InnovationPlatform.objects.published().first()
    platform.contact_name = "Maija Meikäläinen"
    platform.save()
    html = client.get("/en/privacy/").text
    assert "None at present" not in html
    assert "Name, role, work e-mail address and work phone number." in html
