"""The period helper: academic year (1 Sep – 31 Aug), calendar year, half-year; parsing, ranges, neighbours,
the reference date and the pydantic type (a query parameter answers 422 in Russian on garbage)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError

from app.core.errors import install_error_handlers
from app.core.periods import PARSE_ERROR, Period, PeriodKind


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2022/2023", "2022/2023"),
        (" 2022 / 2023 ", "2022/2023"),
        ("2022-2023", "2022/2023"),
        ("2022–2023", "2022/2023"),
        ("2022/23", "2022/2023"),
        ("2099/00", "2099/2100"),
        ("2022/2023 учебный год", "2022/2023"),
        ("2022/2023 уч. г.", "2022/2023"),
        ("2023", "2023"),
        ("2023 г.", "2023"),
        ("2023 год", "2023"),
        ("2023-H1", "2023-H1"),
        ("2023-h2", "2023-H2"),
        ("2023H1", "2023-H1"),
        ("2023-П2", "2023-H2"),
        ("1 полугодие 2023", "2023-H1"),
        ("2 полугодие 2023 года", "2023-H2"),
        ("II полугодие 2023 г.", "2023-H2"),
        ("I  Полугодие   2023", "2023-H1"),
        ("1-е полугодие 2024", "2024-H1"),
    ],
)
def test_parse_accepts_the_written_forms(text: str, code: str) -> None:
    assert Period.parse(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "абв",
        "2022/2024",
        "2023/2022",
        "2022/24",
        "22/23",
        "2023-H3",
        "3 полугодие 2023",
        "1 полугодие",
        "20233",
        "1800",
        "2023-13",
        "2023-01-01",
        "2023 H1 H2",
        "2022/2023/2024",
        "9" * 100,
    ],
)
def test_parse_refuses_garbage_in_russian(text: str) -> None:
    with pytest.raises(ValueError) as e:
        Period.parse(text)
    assert any(ch in str(e.value) for ch in "абвгдеёжзийклмнопрстуфхцчшщыэюя")


def test_non_adjacent_academic_years_name_the_expected_form() -> None:
    with pytest.raises(ValueError, match="«2022/2023»"):
        Period.parse("2022/2024")


def test_academic_year_range_is_1_september_to_31_august_inclusive() -> None:
    p = Period.parse("2022/2023")
    assert p.kind is PeriodKind.academic_year
    assert (p.start, p.end) == (date(2022, 9, 1), date(2023, 8, 31))
    assert p.contains(date(2022, 9, 1)) and p.contains(date(2023, 8, 31))
    assert not p.contains(date(2022, 8, 31)) and not p.contains(date(2023, 9, 1))
    assert date(2023, 1, 15) in p
    assert "2023-01-15" not in p
    assert p.days == 365


def test_academic_year_with_a_leap_february_has_366_days() -> None:
    assert Period.academic_year(2023).days == 366


def test_calendar_year_and_halves() -> None:
    y = Period.parse("2024")
    assert (y.start, y.end) == (date(2024, 1, 1), date(2024, 12, 31))
    h1, h2 = Period.parse("2024-H1"), Period.parse("2024-H2")
    assert (h1.start, h1.end) == (date(2024, 1, 1), date(2024, 6, 30))
    assert (h2.start, h2.end) == (date(2024, 7, 1), date(2024, 12, 31))
    assert h1.days + h2.days == y.days == 366
    assert not h1.contains(date(2024, 7, 1)) and h2.contains(date(2024, 7, 1))


@pytest.mark.parametrize(
    ("kind", "on", "code"),
    [
        (PeriodKind.academic_year, date(2023, 8, 31), "2022/2023"),
        (PeriodKind.academic_year, date(2023, 9, 1), "2023/2024"),
        (PeriodKind.academic_year, date(2024, 1, 1), "2023/2024"),
        (PeriodKind.year, date(2023, 12, 31), "2023"),
        (PeriodKind.half_year, date(2023, 6, 30), "2023-H1"),
        (PeriodKind.half_year, date(2023, 7, 1), "2023-H2"),
        ("half_year", date(2023, 1, 1), "2023-H1"),
    ],
)
def test_current_period_for_a_date(kind: PeriodKind | str, on: date, code: str) -> None:
    p = Period.current(kind, on)
    assert p.code == code and p.contains(on)


def test_current_period_defaults_to_today() -> None:
    assert Period.current(PeriodKind.academic_year).contains(date.today())


@pytest.mark.parametrize(
    ("code", "prev", "nxt"),
    [
        ("2022/2023", "2021/2022", "2023/2024"),
        ("2023", "2022", "2024"),
        ("2023-H1", "2022-H2", "2023-H2"),
        ("2023-H2", "2023-H1", "2024-H1"),
    ],
)
def test_previous_and_next_are_adjacent(code: str, prev: str, nxt: str) -> None:
    p = Period.parse(code)
    assert p.previous().code == prev and p.next().code == nxt
    assert p.previous().next() == p
    assert (p.start - p.previous().end).days == 1 and (p.next().start - p.end).days == 1


def test_reference_date_is_the_last_day_or_a_given_date_inside_the_period() -> None:
    p = Period.parse("2022/2023")
    assert p.reference_date() == date(2023, 8, 31)
    assert p.reference_date(date(2023, 3, 1)) == date(2023, 3, 1)
    assert p.reference_date(date(2020, 1, 1)) == date(2022, 9, 1)
    assert p.reference_date(date(2030, 1, 1)) == date(2023, 8, 31)


def test_labels_equality_hash_order_and_immutability() -> None:
    assert Period.parse("2022-2023") == Period.academic_year(2022)
    assert Period.parse("2023") != Period.parse("2023-H1")
    assert len({Period.parse("2023"), Period.calendar_year(2023), Period.half_year(2023, 1)}) == 2
    assert sorted([Period.parse("2024"), Period.parse("2023-H2"), Period.parse("2022/2023")])[0].code == "2022/2023"
    assert Period.academic_year(2022).label == "2022/2023 учебный год"
    assert Period.calendar_year(2023).label == "2023 год"
    assert Period.half_year(2023, 2).label == "2 полугодие 2023 года"
    assert str(Period.half_year(2023, 2)) == "2023-H2" and repr(Period.calendar_year(2023)) == "Period('2023')"
    with pytest.raises(AttributeError):
        Period.calendar_year(2023).year = 2024  # type: ignore[misc]


def test_constructor_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="Полугодие"):
        Period(PeriodKind.half_year, 2023)
    with pytest.raises(ValueError, match="только для полугодия"):
        Period(PeriodKind.year, 2023, 1)
    with pytest.raises(ValueError, match="Год периода"):
        Period.calendar_year(3000)


class _Body(BaseModel):
    period: Period


def test_pydantic_field_parses_and_serialises_the_canonical_form() -> None:
    body = _Body.model_validate({"period": "1 полугодие 2023"})
    assert body.period == Period.half_year(2023, 1)
    assert body.model_dump(mode="json") == {"period": "2023-H1"}
    assert _Body.model_validate({"period": 2023}).period.code == "2023"
    assert _Body.model_validate({"period": Period.calendar_year(2021)}).period.code == "2021"
    with pytest.raises(ValidationError):
        _Body.model_validate({"period": ["2023"]})
    schema = _Body.model_json_schema()["properties"]["period"]
    assert schema["type"] == "string" and "2022/2023" in schema["examples"]


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/range")
    async def period_range(period: Period) -> dict[str, str]:
        return {"code": period.code, "start": period.start.isoformat(), "end": period.end.isoformat()}

    return app


def test_query_parameter_parses_a_period() -> None:
    r = TestClient(_app()).get("/range", params={"period": "2022/2023"})
    assert r.status_code == 200, r.text
    assert r.json() == {"code": "2022/2023", "start": "2022-09-01", "end": "2023-08-31"}
    # the OpenAPI shows it as a string query parameter
    param = _app().openapi()["paths"]["/range"]["get"]["parameters"][0]
    assert param["in"] == "query" and param["schema"]["type"] == "string"


def test_query_parameter_garbage_answers_422_in_russian() -> None:
    r = TestClient(_app()).get("/range", params={"period": "вчера"})
    assert r.status_code == 422
    body = r.json()
    assert body["errors"][0]["field"] == "query.period"
    assert body["errors"][0]["message"] == PARSE_ERROR
