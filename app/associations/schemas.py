"""Methodological associations: input with examples, the card (members, plan-schedule, meetings with attendance,
the share of planned meetings held) and the list row, and the list's filters."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from app.core.periods import Period, PeriodKind
from app.core.schemas import (
    EXAMPLE_ORGANIZATION_ID,
    EXAMPLE_OTHER_TEACHER_ID,
    EXAMPLE_TEACHER_ID,
    InputModel,
    ReadModel,
    examples,
    patch_field,
)

Level = Literal["city", "school"]
Status = Literal["active", "archived"]
LEVEL_LABELS = {"city": "ГМО", "school": "ШМО"}
LEVEL_TITLES = {"city": "городское методическое объединение", "school": "школьное методическое объединение"}
STATUS_LABELS = {"active": "действует", "archived": "в архиве"}


def academic(v: Period | None) -> Period | None:
    if v is not None and v.kind is not PeriodKind.academic_year:
        raise ValueError("Укажите учебный год, например «2025/2026»")
    return v


@dataclass(frozen=True)
class AssociationFilters:
    """The list's filters (also of its export)."""

    academic_year: Period | None
    level: str | None
    organization_id: uuid.UUID | None
    status: str | None
    teacher_id: uuid.UUID | None
    q: str | None

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, ""):
                continue
            out[key] = "задан" if key == "q" else str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class AssociationCreate(InputModel):
    model_config = examples(
        {
            "level": "school",
            "organization_id": EXAMPLE_ORGANIZATION_ID,
            "title": "ШМО учителей математики",
            "subject_code": "mathematics",
            "leader_teacher_id": EXAMPLE_TEACHER_ID,
            "academic_year": "2025/2026",
        }
    )

    level: Level = Field(description="`city` — городское (ГМО), `school` — школьное (ШМО)")
    organization_id: uuid.UUID | None = Field(
        default=None, description="Школа ШМО (обязательна для школьного объединения, пусто для городского)"
    )
    municipality_id: uuid.UUID | None = Field(
        default=None, description="Муниципалитет ГМО (по умолчанию — школы, руководителя или ваш)"
    )
    title: str = Field(min_length=3, max_length=300, description="Название, например «ГМО учителей математики»")
    subject_code: str | None = Field(default=None, max_length=64, description="Предмет (справочник предметов)")
    problem: str | None = Field(default=None, max_length=2000, description="Проблема, над которой работает объединение")
    leader_teacher_id: uuid.UUID | None = Field(
        default=None, description="Руководитель (педагог); становится участником"
    )
    academic_year: Period = Field(description="Учебный год, например «2025/2026»")

    _academic = field_validator("academic_year")(academic)

    @model_validator(mode="after")
    def _level(self) -> AssociationCreate:
        if self.level == "school" and self.organization_id is None:
            raise ValueError("Для школьного методического объединения укажите школу")
        if self.level == "city" and self.organization_id is not None:
            raise ValueError("У городского методического объединения нет школы")
        if not self.subject_code and not self.problem:
            raise ValueError("Укажите предмет или проблему, над которой работает объединение")
        return self


class AssociationUpdate(InputModel):
    model_config = examples({"title": "ГМО учителей математики и информатики"})

    title: str = patch_field(min_length=3, max_length=300, description="Название")
    subject_code: str | None = Field(default=None, max_length=64, description="Предмет (справочник предметов)")
    problem: str | None = Field(default=None, max_length=2000, description="Проблема")
    leader_teacher_id: uuid.UUID | None = Field(default=None, description="Руководитель (педагог-участник)")


class MemberCreate(InputModel):
    model_config = examples({"teacher_id": EXAMPLE_OTHER_TEACHER_ID, "joined_on": "2025-09-01"})

    teacher_id: uuid.UUID = Field(description="Педагог")
    joined_on: date | None = Field(default=None, description="Дата вступления (по умолчанию — начало учебного года)")


class MemberUpdate(InputModel):
    model_config = examples({"left_on": "2026-05-31"})

    joined_on: date = patch_field(description="Дата вступления")
    left_on: date | None = Field(default=None, description="Дата выхода из объединения; пусто — участник")


class PlanCreate(InputModel):
    model_config = examples(
        {"planned_date": "2025-10-15", "topic": "Анализ результатов ВПР и ОГЭ 2025 года", "form": "круглый стол"}
    )

    planned_date: date = Field(description="Планируемая дата заседания (внутри учебного года объединения)")
    topic: str = Field(min_length=3, max_length=500, description="Тема")
    form: str | None = Field(default=None, max_length=200, description="Форма: семинар, круглый стол, мастер-класс…")


class PlanUpdate(InputModel):
    model_config = examples({"topic": "Анализ результатов ВПР, ОГЭ и ЕГЭ 2025 года"})

    planned_date: date = patch_field(description="Планируемая дата")
    topic: str = patch_field(min_length=3, max_length=500, description="Тема")
    form: str | None = Field(default=None, max_length=200, description="Форма")


class MeetingCreate(InputModel):
    model_config = examples(
        {
            "held_on": "2025-10-15",
            "topic": "Анализ результатов ВПР и ОГЭ 2025 года",
            "form": "круглый стол",
            "attendance": [EXAMPLE_TEACHER_ID],
            "minutes": "Слушали: руководителя ГМО об итогах ВПР. Выступили: учителя школ города.",
            "decisions": "1. Включить задания формата ВПР в текущий контроль.",
        }
    )

    held_on: date = Field(description="Дата проведения")
    topic: str = Field(min_length=3, max_length=500, description="Тема")
    form: str | None = Field(default=None, max_length=200, description="Форма")
    plan_id: uuid.UUID | None = Field(default=None, description="Заседание плана-графика, которое этим проведено")
    attendance: list[uuid.UUID] = Field(
        default_factory=list, max_length=500, description="Присутствовали (педагоги — участники объединения)"
    )
    minutes: str | None = Field(default=None, max_length=20000, description="Протокол (текст)")
    minutes_file_id: uuid.UUID | None = Field(default=None, description="Протокол (загруженный файл)")
    decisions: str | None = Field(default=None, max_length=10000, description="Решения")


class MeetingUpdate(InputModel):
    model_config = examples(
        {"decisions": "1. Включить задания формата ВПР в текущий контроль. 2. Провести мастер-класс."}
    )

    held_on: date = patch_field(description="Дата проведения")
    topic: str = patch_field(min_length=3, max_length=500, description="Тема")
    form: str | None = Field(default=None, max_length=200, description="Форма")
    plan_id: uuid.UUID | None = Field(default=None, description="Заседание плана-графика")
    attendance: list[uuid.UUID] = patch_field(max_length=500, description="Присутствовали (весь список)")
    minutes: str | None = Field(default=None, max_length=20000, description="Протокол (текст)")
    minutes_file_id: uuid.UUID | None = Field(default=None, description="Протокол (файл)")
    decisions: str | None = Field(default=None, max_length=10000, description="Решения")


class ShareRead(ReadModel):
    planned: int = Field(description="Заседаний в плане-графике на учебный год (знаменатель)")
    held: int = Field(description="Из них проведены в этом учебном году (числитель)")
    share: float | None = Field(description="Доля проведённых, %; пусто — плана нет («нет данных»)")


class MemberRead(ReadModel):
    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="ФИО")
    organization_name: str | None = Field(default=None, description="Место работы сегодня")
    joined_on: date = Field(description="Дата вступления")
    left_on: date | None = Field(description="Дата выхода; пусто — участник")
    is_leader: bool = Field(default=False, description="Руководитель объединения")
    version: int
    actions: list[str] = Field(default_factory=list, description="`update`, `growth`")


class PlanRead(ReadModel):
    id: uuid.UUID
    planned_date: date = Field(description="Планируемая дата")
    topic: str = Field(description="Тема")
    form: str | None = Field(description="Форма")
    held: bool = Field(default=False, description="Проведено в учебном году объединения")
    meeting_ids: list[uuid.UUID] = Field(default_factory=list, description="Проведённые по нему заседания")
    version: int
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="`update`, `archive`")


class AttendeeRead(ReadModel):
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="ФИО")


class MeetingRead(ReadModel):
    id: uuid.UUID
    plan_id: uuid.UUID | None = Field(description="Заседание плана-графика, которое этим проведено")
    held_on: date = Field(description="Дата проведения")
    topic: str = Field(description="Тема")
    form: str | None = Field(description="Форма")
    minutes: str | None = Field(description="Протокол (текст)")
    minutes_file_id: uuid.UUID | None = Field(description="Протокол (файл)")
    minutes_file_name: str | None = Field(default=None, description="Имя файла протокола")
    decisions: str | None = Field(description="Решения")
    attendance: list[AttendeeRead] = Field(default_factory=list, description="Присутствовали")
    version: int
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="`update`, `archive`")


class AssociationRow(ReadModel):
    """A list row (and the head of the card)."""

    id: uuid.UUID
    municipality_id: uuid.UUID
    level: str = Field(description="`city` или `school`")
    level_label: str = Field(default="", description="ГМО или ШМО")
    organization_id: uuid.UUID | None
    organization_name: str | None = None
    title: str
    subject_code: str | None
    subject_name: str | None = Field(default=None, description="Предмет (по-русски)")
    problem: str | None = Field(description="Проблема, над которой работает объединение")
    leader_teacher_id: uuid.UUID | None = Field(description="Руководитель (педагог)")
    leader_name: str | None = Field(default=None, description="Руководитель: ФИО")
    academic_year: str = Field(description="Учебный год, например «2025/2026»")
    status: str = Field(default="active", description="`active` или `archived`")
    status_label: str = Field(default="", description="Статус (по-русски)")
    members_count: int = Field(default=0, description="Участников сегодня")
    planned: int = Field(default=0, description="Заседаний в плане-графике на учебный год")
    held: int = Field(default=0, description="Из них проведены в учебном году")
    share: float | None = Field(default=None, description="Доля проведённых, %; пусто — плана нет")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете: `update`, `archive`, `members` (состав), `meetings` (план и заседания), `growth`",
    )


class AssociationRead(AssociationRow):
    members: list[MemberRead] = Field(default_factory=list, description="Участники (и бывшие — с датой выхода)")
    plans: list[PlanRead] = Field(default_factory=list, description="План-график заседаний")
    meetings: list[MeetingRead] = Field(default_factory=list, description="Проведённые заседания")
