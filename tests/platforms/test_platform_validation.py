from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [("65.01236", "25.46816"), ("69.9", "27.0"), ("60.1", "19.9"), ("59.8", "22.9")],
)
def test_locations_in_finland_are_accepted(latitude, longitude):
    platform = PlatformFactory(latitude=latitude, longitude=longitude)
    platform.full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        ("52.52", "25.0", "latitude"),  # Berlin's latitude
        ("65.0", "13.4", "longitude"),  # Norway's coast
        ("65.0", "-25.4", "longitude"),  # sign error
        ("25.46816", "65.01236", "latitude"),  # swapped
    ],
)
def test_locations_outside_finland_are_refused_on_the_right_field(latitude, longitude, field):
    platform = PlatformFactory.build(latitude=latitude, longitude=longitude)
    with pytest.raises(ValidationError) as error:
        platform.full_clean(exclude=["region"])
    assert field in error.value.message_dict


def test_database_refuses_a_location_outside_finland_even_without_validation():
    platform = PlatformFactory()
    platform.latitude = Decimal("52.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        platform.save()


def test_database_refuses_half_a_location():
    platform = PlatformFactory()
    platform.longitude = None
    with pytest.raises(IntegrityError), transaction.atomic():
        platform.save()


@pytest.mark.parametrize("slug", ["with space", "ääkkönen/", "a/b", "", "x" * 81])
def test_invalid_slugs_are_refused(slug):
    platform = PlatformFactory.build(slug=slug)
    with pytest.raises(ValidationError) as error:
        platform.full_clean(exclude=["region"])
    assert "slug" in error.value.message_dict


def test_duplicate_slug_is_refused():
    PlatformFactory(slug="lumi")
    duplicate = PlatformFactory.build(slug="lumi")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["region"])
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize(
    "sources", ["not a web address", "https://ok.example/\nftp//broken", "javascript:alert(1)"]
)
def test_sources_must_be_web_addresses(sources):
    platform = PlatformFactory.build(sources=sources)
    with pytest.raises(ValidationError) as error:
        platform.full_clean(exclude=["region"])
    assert "sources" in error.value.message_dict


def test_half_a_location_gets_a_form_error_on_the_missing_field():
    platform = PlatformFactory.build(latitude="65.0", longitude=None)
    with pytest.raises(ValidationError) as error:
        platform.full_clean(exclude=["region"])
    assert "longitude" in error.value.message_dict
