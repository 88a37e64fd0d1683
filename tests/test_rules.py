"""Legal rules as pure functions: category expiry (приказ № 196), whole years, young teacher."""

from datetime import date

from app.teachers.rules import category_expiry, expiry_warning, full_years, is_young


def test_category_expiry_follows_order_196() -> None:
    assert category_expiry("szd", date(2024, 1, 10)) == date(2029, 1, 10)
    assert category_expiry("first", date(2023, 8, 31)) == date(2028, 8, 31)  # before 1 Sept 2023: 5 years
    assert category_expiry("highest", date(2023, 9, 1)) is None  # from 1 Sept 2023: no expiry
    assert category_expiry("methodist", date(2024, 5, 1)) is None
    assert category_expiry("szd", date(2020, 2, 29)) == date(2025, 2, 28)


def test_age_is_whole_years_completed() -> None:
    # DOMAIN.md: someone born 1987-08-31 is 35 on 2022-08-31, so not young by age.
    assert full_years(date(1987, 8, 31), date(2022, 8, 31)) == 35
    assert full_years(date(1987, 9, 1), date(2022, 8, 31)) == 34
    assert not is_young(date(1987, 8, 31), date(2000, 9, 1), date(2022, 8, 31))
    assert is_young(date(1987, 9, 1), date(2000, 9, 1), date(2022, 8, 31))


def test_young_by_experience_and_municipal_rule() -> None:
    on = date(2025, 5, 1)
    assert is_young(date(1970, 1, 1), date(2023, 9, 1), on)  # 1 year of experience
    assert not is_young(date(1970, 1, 1), date(2023, 9, 1), on, rule="and")
    assert not is_young(date(1995, 1, 1), date(2015, 9, 1), on, age_limit=30)
    assert not is_young(None, None, on)


def test_expiry_warning() -> None:
    on = date(2025, 1, 1)
    assert expiry_warning(None, on) is None
    assert expiry_warning(date(2024, 12, 31), on) == "expired"
    assert expiry_warning(date(2025, 6, 1), on) == "expiring"
    assert expiry_warning(date(2026, 6, 1), on) is None
