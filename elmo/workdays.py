"""Working days in Finland: Monday to Friday, except public holidays and the two eves that
are days off in practice (Midsummer Eve and Christmas Eve).

The holidays follow the Finnish calendar: fixed dates, the days counted from Easter (Good
Friday, Easter Monday, Ascension Day), and the Saturdays of Midsummer and All Saints' Day.
Only those falling on a weekday change a count of working days.

>>> working_days_between(date(2026, 12, 4), date(2026, 12, 11))  # Fri → Fri, 6 Dec is a Sunday
5
>>> working_days_between(date(2026, 4, 1), date(2026, 4, 8))  # Easter 2026: Good Fri, Mon off
3
"""

from datetime import date, timedelta
from functools import cache


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm of 1876).

    >>> easter(2026), easter(2027), easter(2038)
    (datetime.date(2026, 4, 5), datetime.date(2027, 3, 28), datetime.date(2038, 4, 25))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(first: date) -> date:
    """The Saturday of the seven days starting on ``first``."""
    return first + timedelta(days=(5 - first.weekday()) % 7)


@cache
def holidays(year: int) -> dict[date, str]:
    """The days off of ``year`` in Finland, with their Finnish names."""
    sunday = easter(year)
    midsummer = _saturday_between(date(year, 6, 20))
    return {
        date(year, 1, 1): "uudenvuodenpäivä",
        date(year, 1, 6): "loppiainen",
        sunday - timedelta(days=2): "pitkäperjantai",
        sunday: "pääsiäispäivä",
        sunday + timedelta(days=1): "toinen pääsiäispäivä",
        date(year, 5, 1): "vappu",
        sunday + timedelta(days=39): "helatorstai",
        sunday + timedelta(days=49): "helluntaipäivä",
        midsummer - timedelta(days=1): "juhannusaatto",
        midsummer: "juhannuspäivä",
        _saturday_between(date(year, 10, 31)): "pyhäinpäivä",
        date(year, 12, 6): "itsenäisyyspäivä",
        date(year, 12, 24): "jouluaatto",
        date(year, 12, 25): "joulupäivä",
        date(year, 12, 26): "tapaninpäivä",
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """The working days after ``start`` up to and including ``end`` (0 if ``end`` is not
    later): how many working days an enquiry sent on ``start`` has waited on ``end``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def working_days_before(end: date, days: int) -> date:
    """The latest day that is ``days`` working days before ``end``: what was sent on it or
    earlier has waited at least that long.

    >>> working_days_before(date(2026, 12, 11), 5)  # Mon 7 … Fri 11: back to Sunday the 6th
    datetime.date(2026, 12, 6)
    """
    day, count = end, 0
    while count < days:
        count += is_working_day(day)
        day -= timedelta(days=1)
    return day
