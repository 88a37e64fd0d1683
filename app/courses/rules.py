"""The legal rules about professional development, as pure functions (unit-tested without a database).

- 273-ФЗ art. 47: a teacher trains at least once every 3 years. On a date R a course counts when its end date is
  after R − 3 years and not after R (PD-3Y); the window's edges follow `teachers.rules.add_years` (29 February →
  28 February), like every other year arithmetic of the product.
- From 1 September 2025 teachers of general education train only with state or municipal providers: a course that
  started on or after that date with a provider known to be private does not count (its record stays, flagged).
"""

from __future__ import annotations

from datetime import date, timedelta

from app.teachers.rules import add_years

WINDOW_YEARS = 3
STATE_PROVIDERS_ONLY_FROM = date(2025, 9, 1)


def window_start(on: date) -> date:
    """The exclusive lower edge of the window on `on`: a course ending on this day no longer counts."""
    return add_years(on, -WINDOW_YEARS)


def in_window(end: date | None, on: date) -> bool:
    return end is not None and window_start(on) < end <= on


def leaves_window_on(end: date) -> date:
    """The first day on which a course ending on `end` no longer counts."""
    day = add_years(end, WINDOW_YEARS)
    while not window_start(day) >= end:  # 29 February: one day later
        day += timedelta(days=1)
    return day


def provider_eligible(start: date, state_owned: bool | None) -> bool | None:
    """True: the provider was allowed; False: a private provider after the rule came in; None: unknown."""
    if start < STATE_PROVIDERS_ONLY_FROM:
        return True
    return state_owned


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover
