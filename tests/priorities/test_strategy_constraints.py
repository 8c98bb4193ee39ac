import pytest
from django.core.exceptions import ValidationError

from priorities.models import Strategy, validate_boundary
from tests.factories import RegionFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def test_only_one_strategy_can_be_current():
    assert Strategy.objects.current().count() == 1  # the 2024 strategy
    second = StrategyFactory.build(is_current=True)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "Toinen strategia on jo merkitty voimassa olevaksi." in str(error.value)


def test_last_year_cannot_precede_first_year():
    strategy = StrategyFactory.build(first_year=2024, last_year=2019)
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "Loppuvuosi ei voi olla ennen alkuvuotta." in str(error.value)


def test_open_ended_strategy_is_allowed_and_shown_as_such():
    strategy = StrategyFactory(first_year=2024, last_year=None)
    strategy.full_clean()
    assert strategy.period == "2024–"


@pytest.mark.parametrize(
    "boundary",
    [
        {"type": "Point", "coordinates": [25, 65]},
        {"type": "Polygon", "coordinates": [[[25, 65], [26, 65], [25, 66]]]},  # open ring
        {"type": "Polygon", "coordinates": [[[250, 65], [26, 65], [26, 66], [250, 65]]]},
        {"type": "Polygon", "coordinates": "nonsense"},
        "not geojson",
    ],
)
def test_bad_boundaries_are_refused(boundary):
    with pytest.raises(ValidationError):
        validate_boundary(boundary)


def test_population_needs_its_date():
    region = RegionFactory.build(population=1000, population_date=None)
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "population_date" in error.value.message_dict
