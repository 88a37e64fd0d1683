"""Schemas of the diagnostics results: corporate deficits (bands per area per group, with small-group
suppression), the drill-down to teachers, and the re-diagnosis comparison of two campaigns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import Field

from app.core.pagination import Page
from app.core.schemas import ReadModel

GroupBy = Literal["organization", "subject", "position", "municipality"]
Change = Literal["improved", "same", "worse"]
GROUP_BY_LABELS = {
    "organization": "Организация",
    "subject": "Предмет",
    "position": "Должность",
    "municipality": "Муниципалитет",
}
CHANGES = {"improved": "улучшение", "same": "без изменений", "worse": "ухудшение"}


class AreaRef(ReadModel):
    area_code: str = Field(description="Код области компетенций")
    area_name: str = Field(description="Область компетенций")


class AreaBands(ReadModel):
    """One area of one group: how many teachers are in each band and their shares (null when suppressed)."""

    area_code: str = Field(description="Код области компетенций")
    area_name: str = Field(description="Область компетенций")
    total: int | None = Field(description="Педагогов с результатом по области (null — скрыто)")
    deficit: int | None = Field(description="В зоне дефицита")
    partial: int | None = Field(description="Частичный дефицит")
    none: int | None = Field(description="Дефицита нет")
    deficit_percent: float | None = Field(description="Доля в зоне дефицита, % (до 0,1)")
    partial_percent: float | None = Field(description="Доля с частичным дефицитом, %")
    none_percent: float | None = Field(description="Доля без дефицита, %")


class CorporateGroup(ReadModel):
    key: str = Field(
        description="Ключ группы (id организации или муниципалитета, код предмета или должности; '' — не указано)"
    )
    name: str = Field(description="Название группы")
    size: int | None = Field(description="Педагогов в группе (отправили ответы); null — скрыто")
    suppressed: bool = Field(description="Цифры скрыты: группа меньше минимального размера")
    suppressed_reason: str | None = Field(default=None, description="Почему цифры скрыты")
    areas: list[AreaBands] = Field(description="Уровни по областям")


class CorporateDeficits(ReadModel):
    campaign_id: uuid.UUID = Field(description="Мониторинг")
    campaign_title: str = Field(description="Название мониторинга")
    group_by: GroupBy = Field(description="Группировка: организация, предмет, должность, муниципалитет")
    min_group: int = Field(description="Минимальный размер группы, при котором цифры показываются")
    suppression_rule: str = Field(description="Применённое правило скрытия малых групп")
    drill_down: bool = Field(description="Вам доступен переход к педагогам группы")
    areas: list[AreaRef] = Field(description="Области компетенций мониторинга")
    groups: list[CorporateGroup] = Field(description="Группы (по названию)")
    total: CorporateGroup = Field(description="Итого по доступным вам данным (муниципалитет или ваша школа)")


class CorporateTeacher(ReadModel):
    teacher_id: uuid.UUID = Field(description="Педагог")
    teacher_name: str | None = Field(description="ФИО педагога")
    organization_id: uuid.UUID | None = Field(description="Организация (место работы при назначении)")
    organization_name: str | None = Field(description="Название организации")
    area_code: str = Field(description="Код области компетенций")
    percent: float = Field(description="Результат по области, %")
    band: str = Field(description="Уровень: deficit, partial, none")
    band_label: str = Field(description="Уровень словами")
    submitted_at: datetime = Field(description="Когда отправлены ответы")


class AreaChange(ReadModel):
    area_code: str = Field(description="Код области компетенций")
    area_name: str = Field(description="Область компетенций")
    improved: int | None = Field(description="Улучшение уровня (null — скрыто)")
    same: int | None = Field(description="Уровень тот же")
    worse: int | None = Field(description="Ухудшение уровня")


class ComparisonGroup(ReadModel):
    key: str = Field(description="Ключ группы")
    name: str = Field(description="Название группы")
    size: int | None = Field(description="Педагогов, прошедших оба мониторинга; null — скрыто")
    suppressed: bool = Field(description="Цифры скрыты: группа меньше минимального размера")
    suppressed_reason: str | None = Field(default=None, description="Почему цифры скрыты")
    areas: list[AreaChange] = Field(description="Изменения по областям")


class TeacherAreaChange(ReadModel):
    area_code: str = Field(description="Код области компетенций")
    from_band: str = Field(description="Уровень в первом мониторинге")
    to_band: str = Field(description="Уровень во втором мониторинге")
    change: Change = Field(description="improved — улучшение, same — без изменений, worse — ухудшение")


class ComparisonTeacher(ReadModel):
    teacher_id: uuid.UUID = Field(description="Педагог")
    teacher_name: str | None = Field(description="ФИО педагога")
    organization_id: uuid.UUID | None = Field(description="Организация (во втором мониторинге)")
    organization_name: str | None = Field(description="Название организации")
    from_submitted_at: datetime = Field(description="Ответы первого мониторинга")
    to_submitted_at: datetime = Field(description="Ответы второго мониторинга")
    areas: list[TeacherAreaChange] = Field(description="Изменения по областям")
    completed_actions: int | None = Field(
        description="Выполнено действий индивидуального маршрута между двумя диагностиками (null — маршруты не "
        "подключены)"
    )


class Comparison(ReadModel):
    from_campaign_id: uuid.UUID = Field(description="Первый мониторинг")
    from_campaign_title: str = Field(description="Название первого мониторинга")
    to_campaign_id: uuid.UUID = Field(description="Повторный мониторинг")
    to_campaign_title: str = Field(description="Название повторного мониторинга")
    group_by: GroupBy | None = Field(description="Группировка (если задана)")
    min_group: int = Field(description="Минимальный размер группы, при котором цифры показываются")
    suppression_rule: str = Field(description="Применённое правило скрытия малых групп")
    size: int | None = Field(description="Педагогов, прошедших оба мониторинга (null — скрыто)")
    suppressed: bool = Field(description="Итоговые цифры скрыты")
    areas: list[AreaChange] = Field(description="Итого по областям: улучшение, без изменений, ухудшение")
    groups: list[ComparisonGroup] = Field(default_factory=list, description="По группам (если задана группировка)")
    teachers: Page[ComparisonTeacher] | None = Field(
        description="По педагогам (только тем, кому доступны индивидуальные результаты)"
    )
    actions_counted: bool = Field(description="Подключён ли подсчёт выполненных действий маршрутов")


@dataclass(frozen=True)
class CorporateFilters:
    campaign_id: uuid.UUID
    group_by: GroupBy


@dataclass(frozen=True)
class DrillDownFilters:
    campaign_id: uuid.UUID
    group_by: GroupBy
    group: str
    area_code: str
    band: str
