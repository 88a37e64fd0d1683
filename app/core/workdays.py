"""Working days (рабочие дни): Monday to Friday minus the Russian public holidays of the Labour Code art. 112 (a fixed
list: 1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November). The government's yearly transfers of
days off are knowingly left out. Pure functions: the due date of an answer and the cut-off date of the overdue
filter, so a list can select overdue rows in SQL by comparing a date."""

from __future__ import annotations

from datetime import date, timedelta

HOLIDAYS = frozenset(
    {(1, d) for d in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
)  # (month, day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def working_days_between(start: date, end: date) -> int:
    """Working days d with start < d <= end (the days that passed after `start`, `end` included)."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (n >= 1): the last day of a term of n working days."""
    day, left = start, n
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def overdue_cutoff(today: date, n: int) -> date:
    """The latest opening date that is overdue on `today` with a term of n working days: a date D is overdue when more
    than n working days passed after it (`working_days_between(D, today) > n`), i.e. when D <= the returned date.
    Monotone in D, so a list filters with `opened_on <= overdue_cutoff(today, n)`."""
    day, found = today + timedelta(days=1), 0
    while found < n + 1:  # walk back to the (n+1)-th working day counted from today inclusive
        day -= timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day - timedelta(days=1)
