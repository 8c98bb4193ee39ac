"""Finnish working days: weekends, public holidays (Easter-based ones included) and the two
eves that are days off."""

from datetime import date, timedelta

import pytest

from elmo.workdays import (
    easter,
    holidays,
    is_working_day,
    working_days_before,
    working_days_between,
)


@pytest.mark.parametrize(
    "year, sunday",
    [(2000, (4, 23)), (2008, (3, 23)), (2011, (4, 24)), (2019, (4, 21)), (2024, (3, 31)),
     (2025, (4, 20)), (2026, (4, 5)), (2027, (3, 28)), (2028, (4, 16)), (2029, (4, 1))],
)  # fmt: skip
def test_easter_sunday(year, sunday):
    assert easter(year) == date(year, *sunday)


def test_the_days_off_of_2027():
    weekdays_off = sorted(d for d in holidays(2027) if d.weekday() < 5)
    assert weekdays_off == [
        date(2027, 1, 1),  # New Year's Day, Friday
        date(2027, 1, 6),  # Epiphany
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 6),  # Ascension Day
        date(2027, 6, 25),  # Midsummer Eve
        date(2027, 12, 6),  # Independence Day
        date(2027, 12, 24),  # Christmas Eve
    ]
    assert holidays(2027)[date(2027, 6, 26)] == "juhannuspäivä"
    assert holidays(2027)[date(2027, 11, 6)] == "pyhäinpäivä"


def test_counting_working_days_skips_weekends_and_holidays():
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 31)) == 4  # 24–27 off
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 4)) == 0
    assert working_days_between(date(2026, 12, 11), date(2026, 12, 4)) == 0
    assert not is_working_day(date(2026, 12, 7 - 1))  # Independence Day on a Sunday
    assert is_working_day(date(2026, 12, 7))
    # Easter 2026: Thursday 2 April → Wednesday 8 April is 2 working days (Tue 7, Wed 8).
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 8)) == 2


@pytest.mark.parametrize("end", [date(2026, 12, 31), date(2027, 4, 1), date(2027, 6, 28)])
@pytest.mark.parametrize("days", [1, 5, 10])
def test_working_days_before_is_the_inverse(end, days):
    start = working_days_before(end, days)
    assert working_days_between(start, end) >= days
    assert working_days_between(start + timedelta(days=1), end) < days
