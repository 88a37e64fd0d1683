"""Mentoring pairs: input with examples, the read model with names and `actions`, the list's filters and the
list of young teachers without a mentor on a date (with the share, Zeya's target 100 %)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, model_validator

from app.core.pagination import Page
from app.core.periods import Period
from app.core.schemas import (
    EXAMPLE_OTHER_TEACHER_ID,
    EXAMPLE_TEACHER_ID,
    InputModel,
    ReadModel,
    examples,
    patch_field,
)

MentoringForm = Literal["teacher_teacher", "leader_teacher", "group", "student_teacher", "employer_teacher"]
PairStatus = Literal["active", "finished", "cancelled"]

FORM_LABELS = {
    "teacher_teacher": "педагог — педагог",
    "leader_teacher": "руководитель — педагог",
    "group": "групповое наставничество",
    "student_teacher": "студент — педагог",
    "employer_teacher": "работодатель — педагог",
}
STATUS_LABELS = {"active": "действует", "finished": "завершена", "cancelled": "прекращена досрочно"}


@dataclass(frozen=True)
class PairFilters:
    """The pair list's filters (also of its export)."""

    period: Period | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    mentor_id: uuid.UUID | None
    mentee_id: uuid.UUID | None
    status: list[str] | None
    form: list[str] | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class _Dates(InputModel):
    @model_validator(mode="after")
    def _dates(self):  # type: ignore[no-untyped-def]
        start, end = getattr(self, "start_date", None), getattr(self, "end_date", None)
        if start and end and end < start:
            raise ValueError("Дата окончания раньше даты начала")
        return self


class MentoringPairCreate(_Dates):
    model_config = examples(
        {
            "mentee_id": EXAMPLE_TEACHER_ID,
            "mentor_id": EXAMPLE_OTHER_TEACHER_ID,
            "form": "teacher_teacher",
            "goal": "Адаптация молодого педагога: планирование уроков, работа с родителями",
            "start_date": "2025-09-01",
        }
    )

    mentor_id: uuid.UUID = Field(description="Наставник (педагог)")
    mentee_id: uuid.UUID = Field(description="Наставляемый (педагог)")
    form: MentoringForm = Field(
        default="teacher_teacher",
        description="Форма наставничества: `teacher_teacher` — педагог — педагог, `leader_teacher` — руководитель — "
        "педагог, `group` — групповое, `student_teacher` — студент — педагог, `employer_teacher` — работодатель — "
        "педагог",
    )
    goal: str | None = Field(default=None, max_length=2000, description="Цель наставничества")
    start_date: date = Field(description="Дата начала наставничества")
    end_date: date | None = Field(default=None, description="Дата окончания; пусто — без срока")
    status: PairStatus = Field(
        default="active",
        description="`active` — действует, `finished` — завершена, `cancelled` — прекращена досрочно; у завершённой "
        "и прекращённой пары есть дата окончания (по умолчанию — сегодня)",
    )
    outcome: str | None = Field(default=None, max_length=4000, description="Итог наставничества (заметка)")


class MentoringPairUpdate(_Dates):
    model_config = examples({"status": "finished", "end_date": "2026-05-31", "outcome": "Программа выполнена"})

    mentor_id: uuid.UUID = patch_field(description="Другой наставник (педагог)")
    form: MentoringForm = patch_field(description="Форма наставничества")
    goal: str | None = Field(default=None, max_length=2000, description="Цель наставничества")
    start_date: date = patch_field(description="Дата начала")
    end_date: date | None = Field(default=None, description="Дата окончания; пусто — без срока")
    status: PairStatus = patch_field(description="Статус пары")
    outcome: str | None = Field(default=None, max_length=4000, description="Итог наставничества (заметка)")


class MentoringPairRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    mentor_id: uuid.UUID = Field(description="Наставник (педагог)")
    mentor_name: str | None = Field(default=None, description="Наставник: ФИО")
    mentor_organization_name: str | None = Field(default=None, description="Наставник: место работы сегодня")
    mentee_id: uuid.UUID = Field(description="Наставляемый (педагог)")
    mentee_name: str | None = Field(default=None, description="Наставляемый: ФИО")
    mentee_organization_id: uuid.UUID | None = Field(default=None, description="Наставляемый: место работы сегодня")
    mentee_organization_name: str | None = Field(default=None, description="Наставляемый: место работы сегодня")
    form: str = Field(description="Форма наставничества (код)")
    form_label: str = Field(default="", description="Форма наставничества (по-русски)")
    goal: str | None = Field(description="Цель наставничества")
    start_date: date = Field(description="Дата начала")
    end_date: date | None = Field(description="Дата окончания; пусто — без срока")
    status: str = Field(description="`active`, `finished` или `cancelled`")
    status_label: str = Field(default="", description="Статус (по-русски)")
    outcome: str | None = Field(description="Итог наставничества")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    warnings: list[str] = Field(default_factory=list, description="Предупреждения на русском языке")
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `archive`"
    )


class YoungWithoutMentor(ReadModel):
    teacher_id: uuid.UUID
    full_name: str
    organization_id: uuid.UUID | None = Field(description="Где педагог учитывается на дату (основное место работы)")
    organization_name: str | None = Field(description="Где педагог учитывается на дату (основное место работы)")
    position_name: str | None = Field(description="Должность на основном месте работы")
    birth_date: date | None
    teaching_since: date | None
    age: int | None = Field(description="Полных лет на дату")
    experience_years: int | None = Field(description="Полных лет педагогического стажа на дату")
    last_mentor_name: str | None = Field(default=None, description="Прежний наставник (последняя пара до даты)")
    last_pair_end_date: date | None = Field(default=None, description="Когда закончилась последняя пара")


class YoungWithoutMentorPage(Page[YoungWithoutMentor]):
    on: date = Field(description="Дата, на которую построен список")
    young_total: int = Field(description="Молодых педагогов, учитываемых на дату (знаменатель доли)")
    with_mentor: int = Field(description="Из них наставляемые в паре, действующей на дату (числитель)")
    share: float | None = Field(
        description="Доля молодых педагогов с наставником, %: числитель / знаменатель × 100; "
        "пусто — нет молодых педагогов («нет данных»)"
    )
    target: float = Field(default=100.0, description="Целевое значение доли, % (Зея: 100 %)")
