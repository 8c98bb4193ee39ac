"""A platform's page is /<lang>/platforms/<slug>/: a slug that is the address of one of the
site's own pages there would hide the platform behind it, so such a slug is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern

from entries.services import entry_save
from platforms.models import RESERVED_SLUGS, InnovationPlatform
from proposals import urls as proposal_urls
from proposals.services import unique_slug

pytestmark = pytest.mark.django_db


def test_every_page_of_the_site_under_platforms_is_reserved():
    first_parts = {
        str(pattern.pattern).split("/")[0]
        for pattern in proposal_urls.urlpatterns
        if isinstance(pattern, URLPattern)
    }
    assert {part for part in first_parts if "<" not in part} <= RESERVED_SLUGS


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_a_reserved_slug_is_refused_naming_the_field(slug):
    platform = InnovationPlatform.objects.published().first()
    platform.slug = slug
    with pytest.raises(ValidationError) as refused:
        entry_save(entry=platform)
    assert "slug" in refused.value.message_dict


def test_a_proposed_platform_named_like_a_page_gets_another_slug():
    assert unique_slug("Propose") == "propose-2"
    assert unique_slug("Update sent") == "update-sent-2"
