"""Reporting periods shared by every module and by KPIs: the academic year (1 September – 31 August, written
«2022/2023»), the calendar year («2023») and the calendar half-year («2023-H1», «1 полугодие 2023»).

A `Period` is an immutable value: `start`/`end` (both inclusive), `contains(date)`, `reference_date()`,
`previous()`/`next()`, `Period.parse(text)` and `Period.current(kind, on)`. It is also a pydantic type, so a route
can take `period: Period` as a query parameter or a schema field: garbage answers 422 with a Russian message and
the value is written back in its canonical form (`2022/2023`, `2023`, `2023-H1`).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

MIN_YEAR = 1990
MAX_YEAR = 2100
ACADEMIC_YEAR_START_MONTH = 9  # 1 September


class PeriodKind(StrEnum):
    academic_year = "academic_year"
    year = "year"
    half_year = "half_year"


KIND_LABELS = {
    PeriodKind.academic_year: "учебный год",
    PeriodKind.year: "календарный год",
    PeriodKind.half_year: "полугодие",
}

PARSE_ERROR = (
    "Неверный период: ожидается учебный год «2022/2023», календарный год «2023» "
    "или полугодие «2023-H1» / «1 полугодие 2023»"
)

_ROMAN = {"i": 1, "ii": 2, "1": 1, "2": 2}
_ACADEMIC = re.compile(r"^(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})(?:\s*(?:уч\.?|учебн\w*)\s*(?:г\.?|год\w*)?)?$")
_YEAR = re.compile(r"^(\d{4})(?:\s*(?:г\.?|год\w*))?$")
_HALF_CODE = re.compile(r"^(\d{4})\s*-?\s*[hп]([12])$")
_HALF_WORDS = re.compile(r"^(1|2|i|ii)\s*-?\s*(?:е|ое)?\s*полугоди[еяи]\s+(\d{4})(?:\s*(?:г\.?|год\w*))?$")


class Period:
    """One reporting period. Construct with `Period.academic_year(2022)`, `Period.year(2023)`,
    `Period.half_year(2023, 1)`, `Period.parse(text)` or `Period.current(kind, on)`."""

    __slots__ = ("half", "kind", "year")

    kind: PeriodKind
    year: int  # the calendar year; for an academic year the year it starts in (2022 for «2022/2023»)
    half: int | None  # 1 or 2 for a half-year

    def __init__(self, kind: PeriodKind, year: int, half: int | None = None) -> None:
        kind = PeriodKind(kind)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"Год периода должен быть от {MIN_YEAR} до {MAX_YEAR}")
        if kind is PeriodKind.half_year:
            if half not in (1, 2):
                raise ValueError("Полугодие должно быть 1 или 2")
        elif half is not None:
            raise ValueError("Номер полугодия указывается только для полугодия")
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "half", half)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Period is immutable")

    # --- construction -------------------------------------------------------------------------------------------

    @classmethod
    def academic_year(cls, start_year: int) -> Period:
        return cls(PeriodKind.academic_year, start_year)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(PeriodKind.year, year)

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        return cls(PeriodKind.half_year, year, half)

    @classmethod
    def current(cls, kind: PeriodKind | str, on: date | None = None) -> Period:
        """The period of this kind that contains the date (today by default)."""
        on = on or date.today()
        kind = PeriodKind(kind)
        if kind is PeriodKind.academic_year:
            return cls.academic_year(on.year if on.month >= ACADEMIC_YEAR_START_MONTH else on.year - 1)
        if kind is PeriodKind.year:
            return cls.calendar_year(on.year)
        return cls.half_year(on.year, 1 if on.month <= 6 else 2)

    @classmethod
    def parse(cls, text: str) -> Period:
        """«2022/2023» (also «2022-2023», «2022/23», «2022/2023 учебный год»), «2023» (also «2023 г.»),
        «2023-H1» (also «2023H2», «2023-П1»), «1 полугодие 2023» (also «II полугодие 2023 г.»).
        Raises ValueError with a Russian message."""
        if not isinstance(text, str):
            raise ValueError(PARSE_ERROR)
        s = " ".join(text.strip().lower().replace("ё", "е").split())
        if len(s) > 40:
            raise ValueError(PARSE_ERROR)
        if m := _ACADEMIC.match(s):
            first, second = int(m.group(1)), m.group(2)
            expected = first + 1
            if int(second) != (expected if len(second) == 4 else expected % 100):
                raise ValueError(
                    f"Учебный год должен состоять из двух соседних лет: «{first}/{expected}», а не «{text.strip()}»"
                )
            return cls.academic_year(first)
        if m := _YEAR.match(s):
            return cls.calendar_year(int(m.group(1)))
        if m := _HALF_CODE.match(s):
            return cls.half_year(int(m.group(1)), int(m.group(2)))
        if m := _HALF_WORDS.match(s):
            return cls.half_year(int(m.group(2)), _ROMAN[m.group(1)])
        raise ValueError(PARSE_ERROR)

    # --- ranges -------------------------------------------------------------------------------------------------

    @property
    def start(self) -> date:
        if self.kind is PeriodKind.academic_year:
            return date(self.year, ACADEMIC_YEAR_START_MONTH, 1)
        if self.kind is PeriodKind.year or self.half == 1:
            return date(self.year, 1, 1)
        return date(self.year, 7, 1)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        if self.kind is PeriodKind.academic_year:
            return date(self.year + 1, 8, 31)
        if self.kind is PeriodKind.year or self.half == 2:
            return date(self.year, 12, 31)
        return date(self.year, 6, 30)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.contains(day)

    def reference_date(self, on: date | None = None) -> date:
        """The date figures of the period are taken on: its last day, or the given date brought inside the period
        (a date before the period gives its first day, after it its last day)."""
        if on is None:
            return self.end
        return min(max(on, self.start), self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    # --- neighbours ---------------------------------------------------------------------------------------------

    def next(self) -> Period:
        if self.kind is PeriodKind.half_year:
            return Period.half_year(self.year, 2) if self.half == 1 else Period.half_year(self.year + 1, 1)
        return Period(self.kind, self.year + 1)

    def previous(self) -> Period:
        if self.kind is PeriodKind.half_year:
            return Period.half_year(self.year - 1, 2) if self.half == 1 else Period.half_year(self.year, 1)
        return Period(self.kind, self.year - 1)

    # --- text ---------------------------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """Canonical machine form: «2022/2023», «2023», «2023-H1»."""
        if self.kind is PeriodKind.academic_year:
            return f"{self.year}/{self.year + 1}"
        if self.kind is PeriodKind.year:
            return str(self.year)
        return f"{self.year}-H{self.half}"

    @property
    def label(self) -> str:
        """For people: «2022/2023 учебный год», «2023 год», «1 полугодие 2023 года»."""
        if self.kind is PeriodKind.academic_year:
            return f"{self.code} учебный год"
        if self.kind is PeriodKind.year:
            return f"{self.year} год"
        return f"{self.half} полугодие {self.year} года"

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Period({self.code!r})"

    def _key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Period) and (self.kind, self.year, self.half) == (other.kind, other.year, other.half)

    def __hash__(self) -> int:
        return hash((self.kind, self.year, self.half))

    def __lt__(self, other: Period) -> bool:
        return self._key() < other._key()

    # --- pydantic -----------------------------------------------------------------------------------------------

    @classmethod
    def _validate(cls, value: Any) -> Period:
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(PARSE_ERROR)
        return cls.parse(value)

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, _handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, _schema: core_schema.CoreSchema, _handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "maxLength": 40,
            "description": (
                "Период: учебный год «2022/2023» (1 сентября – 31 августа), календарный год «2023» "
                "или полугодие «2023-H1» / «1 полугодие 2023»"
            ),
            "examples": ["2022/2023", "2023", "2023-H1"],
        }
