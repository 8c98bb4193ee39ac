"""Every admin page renders for a superuser on the real data, and bad input gets form errors."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst

from platforms.models import InnovationPlatform, Organisation
from tests.admin_forms import no_inline_rows

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def in_finnish(response, *texts):
    """The page is a Finnish admin page that shows each of ``texts``."""
    assert response.status_code == 200
    assert '<html lang="fi"' in response.text
    for text in texts:
        assert escape(text) in response.text, text


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_list_add_and_change_pages_render_in_finnish(admin_client_fi, model, rf, superuser):
    with translation.override("fi"):
        plural = str(capfirst(model._meta.verbose_name_plural))
        singular = str(model._meta.verbose_name)
    in_finnish(admin_client_fi.get(admin_url(model, "changelist")), plural)
    # Records nobody adds by hand (enquiries, the e-mail outbox) have no add page.
    request = rf.get("/")
    request.user = superuser
    if admin.site.get_model_admin(model).has_add_permission(request):
        in_finnish(admin_client_fi.get(admin_url(model, "add")), f"Lisää {singular}")
    else:
        assert admin_client_fi.get(admin_url(model, "add")).status_code == 403
    obj = model.objects.first()
    if obj is not None:
        in_finnish(admin_client_fi.get(admin_url(model, "change", obj.pk)), str(obj))


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_the_search_of_every_list_keeps_the_words_and_finds(admin_client_fi, model):
    response = admin_client_fi.get(admin_url(model, "changelist"), {"q": "oulu"})
    in_finnish(response)
    if admin.site.get_model_admin(model).search_fields:
        assert 'value="oulu"' in response.text
    if model in (InnovationPlatform, Organisation):
        found = response.context["cl"].result_count
        assert found and found < model.objects.count()


def test_translation_tabs_are_served_locally(admin_client_fi):
    platform = InnovationPlatform.objects.first()
    html = admin_client_fi.get(admin_url(InnovationPlatform, "change", platform.pk)).text
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html
    assert 'id="id_name_sv"' in html
    assert 'id="id_summary_en"' in html


def test_admin_speaks_finnish_and_swedish(client, superuser):
    client.force_login(superuser)
    finnish = client.get(admin_url(InnovationPlatform, "changelist"), HTTP_ACCEPT_LANGUAGE="fi")
    swedish = client.get(admin_url(InnovationPlatform, "changelist"), HTTP_ACCEPT_LANGUAGE="sv")
    assert "Innovaatioalustat" in finnish.text
    assert "Innovationsplattformar" in swedish.text


def test_autocomplete_finds_organisations(admin_client_fi):
    response = admin_client_fi.get(
        reverse("admin:autocomplete"),
        {
            "term": "Oulu",
            "app_label": "platforms",
            "model_name": "innovationplatform",
            "field_name": "hosts",
        },
    )
    assert response.status_code == 200
    assert any("Oulu" in result["text"] for result in response.json()["results"])


def platform_form(**overrides):
    """A complete, valid platform form, with any field overridden."""
    from priorities.models import Priority, Region

    data = {
        "name_fi": "Talvitestirata",
        "name_sv": "Vintertestbana",
        "name_en": "Winter test track",
        "slug": "talvitestirata",
        "platform_type": "testing_piloting",
        "summary_fi": "Jäärata ajoneuvojen talvitestaukseen.",
        "region": Region.objects.get(code="19").pk,
        "priorities": [Priority.objects.get(slug="clean-tech").pk],
        "town_fi": "Muonio",
        "latitude": "67.95",
        "longitude": "23.68",
        "status": "draft",
        **no_inline_rows(),
    }
    data.update(overrides)
    return data


def test_a_valid_platform_is_saved_with_its_links(admin_client_fi):
    response = admin_client_fi.post(admin_url(InnovationPlatform, "add"), platform_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    platform = InnovationPlatform.objects.get(slug="talvitestirata")
    assert platform.region.code == "19"
    assert list(platform.priorities.values_list("slug", flat=True)) == ["clean-tech"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"latitude": "52.52"}, "latitude", "Leveysasteen on oltava Suomessa"),
        ({"longitude": "13.4"}, "longitude", "Pituusasteen on oltava Suomessa"),
        ({"latitude": "kuusikymmentä"}, "latitude", "Syötä luku."),
        ({"slug": "fmi-arctic-space-centre"}, "slug", "on jo olemassa"),
        ({"slug": "ei kelpaa"}, "slug", "vain kirjaimista, numeroista"),
    ],
)
def test_bad_platform_input_gets_a_finnish_form_error_and_keeps_the_input(
    admin_client_fi, overrides, field, message
):
    before = InnovationPlatform.objects.count()
    form = platform_form(**overrides)
    response = admin_client_fi.post(admin_url(InnovationPlatform, "add"), form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert f'value="{form[field]}"' in response.text  # what the officer typed is still there
    assert InnovationPlatform.objects.count() == before


def test_wrong_business_id_gets_a_form_error(admin_client_fi):
    response = admin_client_fi.post(
        admin_url(Organisation, "add"),
        {"name_fi": "Testi Oy", "slug": "testi-oy", "kind": "company", "business_id": "1572860-1"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Y-tunnuksen 1572860-1 tarkistusmerkki on väärä." in errors["business_id"]
    assert 'value="1572860-1"' in response.text
    assert not Organisation.objects.filter(slug="testi-oy").exists()


def test_deleting_a_used_organisation_is_refused_in_the_admin(admin_client_fi):
    organisation = Organisation.objects.filter(platforms__isnull=False).first()
    url = admin_url(Organisation, "delete", organisation.pk)
    page = admin_client_fi.get(url)
    assert page.status_code == 200
    assert "Ei voida poistaa" in page.text  # Django lists the protected objects blocking it
    assert organisation.platforms.first().name_fi in page.text
    admin_client_fi.post(url, {"post": "yes"})
    assert Organisation.objects.filter(pk=organisation.pk).exists()
