"""Scoring of a submission, exact (fractions, no floats) and pure.

Rules (also in README):
- single choice: the correct option gives the item's points, another option or no answer 0;
- multiple choice: points × max(0, correct chosen − wrong chosen) / number of correct options — each wrong choice
  cancels one correct one, so ticking everything scores 0 unless every option is correct; no answer 0;
- self-assessment scale 0…N: the chosen value is the score, N the maximum;
- short text and items without a correct answer (preference questions of a survey) are not scored;
- an item left blank scores 0 and still counts in the maximum;
- an area's score and maximum are the sums over the items of its sections; its percentage is score / maximum × 100,
  its band: below `deficit_below` (default 50) — «дефицит», below `partial_below` (75) — «частичный дефицит»,
  otherwise «дефицита нет». The band is decided on the exact fraction, so exactly 50 % is «частичный», exactly
  75 % is «нет»; the stored percentage is rounded half up to 2 decimals, the score to 4;
- an area with no scored item (maximum 0) has no profile row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from app.diagnostics.schemas import InstrumentContent, MultipleItem, ScaleItem, SingleItem, TextItem


@dataclass(frozen=True)
class AreaScore:
    area_code: str
    score: Fraction
    max_score: Fraction
    percent: Fraction
    band: str

    @property
    def score_decimal(self) -> Decimal:
        return to_decimal(self.score, "0.0001")

    @property
    def max_decimal(self) -> Decimal:
        return to_decimal(self.max_score, "0.0001")

    @property
    def percent_decimal(self) -> Decimal:
        return to_decimal(self.percent, "0.01")


def to_decimal(value: Fraction, quantum: str) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(quantum), rounding=ROUND_HALF_UP)


def is_scored(item: Any) -> bool:
    if isinstance(item, TextItem):
        return False
    if isinstance(item, SingleItem | MultipleItem):
        return item.correct is not None
    return True


def item_max(item: Any) -> Fraction:
    if not is_scored(item):
        return Fraction(0)
    if isinstance(item, ScaleItem):
        return Fraction(item.scale_max)
    return Fraction(item.points)


def item_score(item: Any, answer: Any) -> Fraction:
    """The score of one answer (0 for a blank or unscored item). Answers were validated when saved."""
    if not is_scored(item) or answer is None:
        return Fraction(0)
    if isinstance(item, SingleItem):
        return Fraction(item.points) if answer == item.correct else Fraction(0)
    if isinstance(item, MultipleItem):
        correct = set(item.correct or [])
        chosen = set(answer) if isinstance(answer, list) else set()
        net = len(chosen & correct) - len(chosen - correct)
        return Fraction(item.points * max(0, net), len(correct))
    if isinstance(item, ScaleItem):
        return Fraction(min(max(int(answer), 0), item.scale_max))
    return Fraction(0)


def band_of(percent: Fraction, deficit_below: int, partial_below: int) -> str:
    if percent < deficit_below:
        return "deficit"
    if percent < partial_below:
        return "partial"
    return "none"


def score(content: InstrumentContent, answers: dict[str, Any]) -> list[AreaScore]:
    """Per area (in the order of the sections): score, maximum, percentage and band."""
    totals: dict[str, list[Fraction]] = {}
    for section in content.sections:
        if not section.area_code:
            continue
        acc = totals.setdefault(section.area_code, [Fraction(0), Fraction(0)])
        for item in section.items:
            acc[0] += item_score(item, answers.get(item.code))
            acc[1] += item_max(item)
    out = []
    for area, (got, most) in totals.items():
        if most == 0:
            continue
        percent = got * 100 / most
        limits = content.scale.limits(area)
        out.append(AreaScore(area, got, most, percent, band_of(percent, limits.deficit_below, limits.partial_below)))
    return out


def area_max(content: InstrumentContent) -> dict[str, float]:
    out: dict[str, Fraction] = {}
    for section in content.sections:
        if section.area_code:
            out[section.area_code] = out.get(section.area_code, Fraction(0)) + sum(
                (item_max(i) for i in section.items), Fraction(0)
            )
    return {k: float(v) for k, v in out.items() if v}


def check_answer(item: Any, value: Any) -> str | None:
    """Why an answer does not fit its item (Russian), or None."""
    if value is None:
        return None
    if isinstance(item, SingleItem):
        if not isinstance(value, str) or value not in {o.key for o in item.options}:
            return "Выберите один из вариантов ответа"
    elif isinstance(item, MultipleItem):
        keys = {o.key for o in item.options}
        if not isinstance(value, list) or any(not isinstance(v, str) or v not in keys for v in value):
            return "Выберите варианты из списка"
        if len(set(value)) != len(value):
            return "Варианты повторяются"
        if item.max_choices is not None and len(value) > item.max_choices:
            return f"Можно выбрать не больше {item.max_choices}"
    elif isinstance(item, ScaleItem):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= item.scale_max:
            return f"Значение шкалы — целое число от 0 до {item.scale_max}"
    elif isinstance(item, TextItem):
        if not isinstance(value, str):
            return "Ответ — текст"
        if len(value) > item.max_length:
            return f"Не длиннее {item.max_length} символов"
        if "\x00" in value:
            return "Недопустимый символ"
    return None
