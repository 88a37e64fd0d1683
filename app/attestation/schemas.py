"""Attestation: the application, its decision, the read model with the teacher's name and `actions`, the list's
filters and the 5-year plan-schedule derived from category expiry dates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from app.core.periods import Period
from app.core.schemas import EXAMPLE_TEACHER_ID, InputModel, ReadModel, examples, patch_field

CategorySought = Literal["first", "highest", "conformity"]
Result = Literal["granted", "refused"]
AttestationStatus = Literal["pending", "granted", "refused"]

CATEGORY_LABELS = {
    "first": "первая квалификационная категория",
    "highest": "высшая квалификационная категория",
    "conformity": "соответствие занимаемой должности",
}
RESULT_LABELS = {"granted": "установлена", "refused": "отказано"}
STATUS_LABELS = {"pending": "на рассмотрении", **RESULT_LABELS}
# The category a granted decision writes into the teacher's history (the reference dictionary's codes).
CATEGORY_CODES = {"first": "first", "highest": "highest", "conformity": "szd"}
PLAN_YEARS = 5


def _not_future(v: date, what: str) -> date:
    if v > date.today():
        raise ValueError(f"{what} не может быть в будущем")
    return v


@dataclass(frozen=True)
class AttestationFilters:
    """The application list's filters (also of its export)."""

    period: Period | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    category_sought: list[str] | None
    status: list[str] | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class AttestationCreate(InputModel):
    model_config = examples(
        {"teacher_id": EXAMPLE_TEACHER_ID, "category_sought": "highest", "applied_on": "2026-10-01"}
    )

    teacher_id: uuid.UUID = Field(description="Педагог, подавший заявление")
    category_sought: CategorySought = Field(
        description="На что аттестуется педагог: `first` — первая категория, `highest` — высшая, `conformity` — "
        "соответствие занимаемой должности"
    )
    applied_on: date = Field(description="Дата заявления (для соответствия — дата представления работодателя)")

    @field_validator("applied_on")
    @classmethod
    def _applied(cls, v: date) -> date:
        return _not_future(v, "Дата заявления")


class AttestationUpdate(InputModel):
    model_config = examples({"applied_on": "2026-10-15"})

    category_sought: CategorySought = patch_field(description="На что аттестуется педагог")
    applied_on: date = patch_field(description="Дата заявления")

    @field_validator("applied_on")
    @classmethod
    def _applied(cls, v: date) -> date:
        return _not_future(v, "Дата заявления")


class AttestationDecision(InputModel):
    model_config = examples(
        {"decided_on": "2026-11-20", "result": "granted", "order_number": "приказ министерства № 1234"}
    )

    decided_on: date = Field(description="Дата решения аттестационной комиссии (приказа)")
    result: Result = Field(description="`granted` — категория установлена, `refused` — отказано")
    order_number: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Номер приказа об установлении категории (обязателен, если категория установлена): станет "
        "основанием в истории категорий педагога",
    )

    @field_validator("decided_on")
    @classmethod
    def _decided(cls, v: date) -> date:
        return _not_future(v, "Дата решения")

    @model_validator(mode="after")
    def _order(self) -> AttestationDecision:
        if self.result == "granted" and not self.order_number:
            raise ValueError("Укажите номер приказа: он станет основанием категории в карточке педагога")
        return self


class AttestationRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="Педагог: ФИО")
    organization_id: uuid.UUID | None = Field(default=None, description="Место работы педагога сегодня")
    organization_name: str | None = Field(default=None, description="Место работы педагога сегодня")
    position_name: str | None = Field(default=None, description="Должность педагога сегодня")
    category_sought: str = Field(description="`first`, `highest` или `conformity`")
    category_sought_label: str = Field(default="", description="На что аттестуется педагог (по-русски)")
    applied_on: date = Field(description="Дата заявления")
    decided_on: date | None = Field(description="Дата решения; пусто — заявление на рассмотрении")
    result: str | None = Field(description="`granted`, `refused`; пусто — на рассмотрении")
    status: str = Field(default="pending", description="`pending` — на рассмотрении, `granted`, `refused`")
    status_label: str = Field(default="", description="Состояние (по-русски)")
    order_number: str | None = Field(description="Номер приказа")
    category_code: str | None = Field(
        default=None,
        description="Категория, записанная в историю педагога (при установлении): `first`, `highest`, `szd`",
    )
    category_expires_on: date | None = Field(
        default=None,
        description="Срок действия установленной категории по правилам (приказ № 196: первая и высшая, "
        "установленные с 01.09.2023, бессрочны); пусто — бессрочно или не установлена",
    )
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете сделать с этой записью: `update`, `decide` (внести решение), `archive`",
    )


class PlanRow(ReadModel):
    number: int = Field(description="№ по порядку в плане")
    teacher_id: uuid.UUID
    full_name: str
    organization_id: uuid.UUID | None = Field(description="Где педагог учитывается (основное место работы)")
    organization_name: str | None = Field(description="Где педагог учитывается (основное место работы)")
    position_name: str | None = Field(description="Должность на основном месте работы")
    category_code: str
    category_name: str | None
    granted_on: date
    expires_on: date = Field(description="Срок окончания действия категории")
    attestation_year: str = Field(description="Учебный год, в котором педагогу нужна аттестация («2026/2027»)")
    overdue: bool = Field(description="Срок категории уже истёк до начала плана: аттестация просрочена")
    pending_application_id: uuid.UUID | None = Field(description="Заявление на рассмотрении (если подано)")
    pending_category_sought: str | None = Field(description="На что подано заявление на рассмотрении")
    pending_applied_on: date | None = Field(description="Дата заявления на рассмотрении")


class PlanYear(ReadModel):
    academic_year: str = Field(description="Учебный год «2026/2027»")
    start: date = Field(description="Первый день учебного года")
    end: date = Field(description="Последний день учебного года")
    count: int = Field(description="Сколько педагогов должны пройти аттестацию в этом году")
    teachers: list[PlanRow] = Field(description="Педагоги этого года")


class AttestationPlan(ReadModel):
    title: str = Field(description="Заголовок плана-графика, как в печатной форме")
    from_year: int = Field(description="Первый учебный год плана (год его начала)")
    years: list[PlanYear] = Field(description="Пять учебных лет плана по порядку")
    total: int = Field(description="Всего педагогов в плане")
    organization_id: uuid.UUID | None = Field(description="Организация плана; пусто — все организации в области")
    municipality_id: uuid.UUID | None = Field(description="Муниципалитет плана (если задан)")
    built_on: date = Field(description="На какую дату взят состав педагогов (основное место работы)")
