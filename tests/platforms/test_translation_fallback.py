import pytest
from django.utils import translation

from elmo.i18n import LANGUAGES
from platforms.models import InnovationPlatform
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db


def test_missing_swedish_and_english_fall_back_to_finnish():
    PlatformFactory(
        slug="akkulaboratorio",
        name_fi="Akkulaboratorio",
        name_sv=None,
        name_en="",
        summary_fi="Kuivahuone akkukennojen kokoamiseen.",
        summary_sv=None,
        summary_en=None,
    )
    platform = InnovationPlatform.objects.get(slug="akkulaboratorio")
    for language in LANGUAGES:
        with translation.override(language):
            assert platform.name == "Akkulaboratorio"
            assert platform.summary == "Kuivahuone akkukennojen kokoamiseen."


def test_each_language_shows_its_own_text_when_present():
    PlatformFactory(
        slug="battery-lab", name_fi="Akkulaboratorio", name_sv="Batterilab", name_en="Battery lab"
    )
    platform = InnovationPlatform.objects.get(slug="battery-lab")
    shown = {}
    for language in LANGUAGES:
        with translation.override(language):
            shown[language] = platform.name
    assert shown == {"fi": "Akkulaboratorio", "sv": "Batterilab", "en": "Battery lab"}


def test_ordering_follows_the_active_language():
    PlatformFactory(slug="a", name_fi="Aalto", name_sv="Öresund", name_en="Beta")
    PlatformFactory(slug="b", name_fi="Öljy", name_sv="Alfa", name_en="Alpha")
    with translation.override("fi"):
        platforms = InnovationPlatform.objects.filter(slug__in=["a", "b"])
        assert [p.name for p in platforms] == ["Aalto", "Öljy"]
    with translation.override("sv"):
        platforms = InnovationPlatform.objects.filter(slug__in=["a", "b"])
        assert [p.name for p in platforms] == ["Alfa", "Öresund"]
