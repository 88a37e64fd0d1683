"""Legal and municipal rules about teachers, as pure functions (unit-tested without a database).

- Qualification categories (приказ Минпросвещения № 196 от 24.03.2023, in force from 2023-09-01):
  «соответствие занимаемой должности» lasts 5 years; первая/высшая granted from 2023-09-01 do not expire,
  granted earlier they keep their 5-year term; педагог-методист and педагог-наставник do not expire.
- Age and experience are whole years completed on a reference date.
- "Young teacher" is a municipal rule: age < limit OR (or AND) experience < limit.
"""

from __future__ import annotations

import re
from datetime import date

ORDER_196_IN_FORCE = date(2023, 9, 1)
CATEGORY_TERM_YEARS = 5
EXPIRY_WARNING_DAYS = 183  # about six months

NO_CATEGORY = "none"
ALWAYS_EXPIRING = {"szd"}
EXPIRING_BEFORE_196 = {"first", "highest"}


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February → 28 February
        return d.replace(year=d.year + years, day=28)


def category_expiry(category_code: str, granted_on: date) -> date | None:
    if category_code in ALWAYS_EXPIRING:
        return add_years(granted_on, CATEGORY_TERM_YEARS)
    if category_code in EXPIRING_BEFORE_196 and granted_on < ORDER_196_IN_FORCE:
        return add_years(granted_on, CATEGORY_TERM_YEARS)
    return None


def full_years(since: date | None, on: date) -> int | None:
    if since is None:
        return None
    years = on.year - since.year - ((on.month, on.day) < (since.month, since.day))
    return max(years, 0)


def is_young(
    birth_date: date | None,
    teaching_since: date | None,
    on: date,
    *,
    age_limit: int = 35,
    experience_limit: int = 3,
    rule: str = "or",
) -> bool:
    age = full_years(birth_date, on)
    exp = full_years(teaching_since, on)
    by_age = age is not None and age < age_limit
    by_exp = exp is not None and exp < experience_limit
    return (by_age and by_exp) if rule == "and" else (by_age or by_exp)


def expiry_warning(expires_on: date | None, on: date) -> str | None:
    """'expired' | 'expiring' (within ~6 months) | None."""
    if expires_on is None:
        return None
    if expires_on < on:
        return "expired"
    if (expires_on - on).days <= EXPIRY_WARNING_DAYS:
        return "expiring"
    return None


def normalize_name(part: str | None) -> str:
    """A part of a name as files and cards are compared: lower case, ё → е, single spaces."""
    return re.sub(r"\s+", " ", (part or "").lower().replace("ё", "е")).strip()


def person_key(last: str, first: str, middle: str | None, birth: date | None) -> tuple[str, ...] | None:
    """The same person in a file and in the database: full name (normalised) and birth date; None without a
    birth date (a name alone is never enough to match)."""
    if birth is None:
        return None
    return (normalize_name(last), normalize_name(first), normalize_name(middle), birth.isoformat())
