"""Programmes and roadmaps: input with examples, the read models (a programme with its stages and sections, an
activity with its schedule, responsibles, occurrences and reports), the list's filters, the progress by section,
the import report and the KPI link."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, model_validator

from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, InputModel, ReadModel, examples, patch_field

ProgrammeStatus = Literal["draft", "approved", "running", "finished"]
OccurrenceStatus = Literal["planned", "in_progress", "done", "overdue", "cancelled"]
ScheduleKind = Literal["once", "recurring", "continuous", "unparsed"]
EvidenceKind = Literal["event", "campaign", "document", "meeting"]

PROGRAMME_STATUS_LABELS = {
    "draft": "проект",
    "approved": "утверждена",
    "running": "реализуется",
    "finished": "завершена",
}
OCCURRENCE_STATUS_LABELS = {
    "planned": "запланировано",
    "in_progress": "выполняется",
    "done": "выполнено",
    "overdue": "просрочено",
    "cancelled": "отменено",
}
SCHEDULE_KIND_LABELS = {
    "once": "срок",
    "recurring": "повторяется",
    "continuous": "постоянно",
    "unparsed": "не распознано",
}
EVIDENCE_KIND_LABELS = {
    "event": "мероприятие",
    "campaign": "мониторинг",
    "document": "документ",
    "meeting": "заседание методобъединения",
}


# --- programmes ---


class ProgrammeStageIn(InputModel):
    title: str = Field(min_length=1, max_length=300, description="Название этапа")
    starts_on: date = Field(description="Начало этапа")
    ends_on: date = Field(description="Окончание этапа")

    @model_validator(mode="after")
    def _dates(self):  # type: ignore[no-untyped-def]
        if self.ends_on < self.starts_on:
            raise ValueError("Окончание этапа раньше его начала")
        return self


class _Period(InputModel):
    @model_validator(mode="after")
    def _period(self):  # type: ignore[no-untyped-def]
        start, end = getattr(self, "period_start", None), getattr(self, "period_end", None)
        if start and end and end < start:
            raise ValueError("Окончание периода раньше его начала")
        return self


class ProgrammeCreate(_Period):
    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "title": "Программа поддержки школьных, муниципальных методических объединений",
            "period_start": "2025-09-01",
            "period_end": "2027-08-31",
            "goal": "Совершенствование муниципальной системы методической работы",
            "basis_text": "Приказ отдела образования от 17.08.2025 № 265-од",
            "status": "approved",
            "stages": [
                {"title": "Организационный", "starts_on": "2025-09-01", "ends_on": "2025-12-31"},
                {"title": "Основной", "starts_on": "2026-01-01", "ends_on": "2027-06-30"},
            ],
        }
    )

    municipality_id: uuid.UUID = Field(description="Муниципалитет программы")
    organization_id: uuid.UUID | None = Field(default=None, description="Программа организации (пусто — муниципальная)")
    title: str = Field(min_length=3, max_length=500, description="Название программы")
    period_start: date = Field(description="Начало периода реализации")
    period_end: date = Field(description="Окончание периода реализации")
    goal: str | None = Field(default=None, max_length=4000, description="Цель")
    tasks: str | None = Field(default=None, max_length=8000, description="Задачи")
    expected_results: str | None = Field(default=None, max_length=8000, description="Ожидаемые результаты")
    basis_text: str | None = Field(default=None, max_length=1000, description="Основание: утвердивший приказ")
    basis_document_id: uuid.UUID | None = Field(default=None, description="Документ-основание (из документов)")
    status: ProgrammeStatus = Field(
        default="draft",
        description="`draft` — проект, `approved` — утверждена, `running` — реализуется, `finished` — завершена",
    )
    stages: list[ProgrammeStageIn] = Field(default_factory=list, max_length=20, description="Этапы реализации")


class ProgrammeUpdate(_Period):
    model_config = examples({"status": "running"})

    organization_id: uuid.UUID | None = Field(default=None, description="Программа организации")
    title: str = patch_field(min_length=3, max_length=500, description="Название программы")
    period_start: date = patch_field(description="Начало периода реализации")
    period_end: date = patch_field(description="Окончание периода реализации")
    goal: str | None = Field(default=None, max_length=4000, description="Цель")
    tasks: str | None = Field(default=None, max_length=8000, description="Задачи")
    expected_results: str | None = Field(default=None, max_length=8000, description="Ожидаемые результаты")
    basis_text: str | None = Field(default=None, max_length=1000, description="Основание: утвердивший приказ")
    basis_document_id: uuid.UUID | None = Field(default=None, description="Документ-основание")
    status: ProgrammeStatus = patch_field(description="Статус программы")
    stages: list[ProgrammeStageIn] = patch_field(max_length=20, description="Этапы реализации (заменяют прежние)")


class ProgrammeStageRead(ReadModel):
    id: uuid.UUID
    title: str
    starts_on: date = Field(description="Начало этапа")
    ends_on: date = Field(description="Окончание этапа")


class RoadmapSectionRead(ReadModel):
    id: uuid.UUID
    number: int = Field(description="Номер раздела")
    title: str = Field(description="Название раздела")
    task: str | None = Field(description="Задача раздела")


class ProgrammeRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    organization_id: uuid.UUID | None
    title: str
    period_start: date = Field(description="Начало периода реализации")
    period_end: date = Field(description="Окончание периода реализации")
    goal: str | None = Field(description="Цель")
    tasks: str | None = Field(description="Задачи")
    expected_results: str | None = Field(description="Ожидаемые результаты")
    basis_text: str | None = Field(description="Основание: утвердивший приказ")
    basis_document_id: uuid.UUID | None = Field(description="Документ-основание")
    status: str = Field(description="`draft`, `approved`, `running` или `finished`")
    status_label: str = Field(default="", description="Статус (по-русски)")
    stages: list[ProgrammeStageRead] = Field(description="Этапы реализации", default_factory=list)
    sections: list[RoadmapSectionRead] = Field(description="Разделы дорожной карты с задачами", default_factory=list)
    activity_count: int = Field(default=0, description="Мероприятий в дорожной карте")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="Что вы можете сделать: `update`, `archive`, `import`")


@dataclass(frozen=True)
class ProgrammeFilters:
    status: list[str] | None
    include_archived: bool


class OccurrenceStatusCounts(ReadModel):
    planned: int = Field(default=0, description="Запланировано")
    in_progress: int = Field(default=0, description="Выполняется")
    done: int = Field(default=0, description="Выполнено")
    overdue: int = Field(default=0, description="Просрочено")
    cancelled: int = Field(default=0, description="Отменено")


class RoadmapSectionProgress(ReadModel):
    section_id: uuid.UUID = Field(description="Раздел")
    number: int = Field(description="Номер раздела")
    title: str = Field(description="Название раздела")
    activities: int = Field(description="Мероприятий в разделе")
    occurrences: OccurrenceStatusCounts = Field(description="Сроки выполнения мероприятий по статусам")
    due_to_date: int = Field(description="Сроков, наступивших на сегодня (кроме отменённых)")
    done_percent: float | None = Field(
        description="Выполнено, %: выполненные сроки / все сроки, кроме отменённых; пусто — сроков нет"
    )
    done_of_due_percent: float | None = Field(
        description="Выполнено из наступивших, %: выполненные из наступивших сроков; пусто — ни один не наступил"
    )


class ProgrammeProgress(ReadModel):
    programme_id: uuid.UUID = Field(description="Программа")
    on: date = Field(description="Дата, на которую посчитан ход (московская)")
    sections: list[RoadmapSectionProgress] = Field(description="По разделам")
    total: RoadmapSectionProgress = Field(description="По всей дорожной карте (`section_id` — id программы)")
    needs_review: int = Field(description="Мероприятий, чей срок не распознан: укажите даты")


# --- activities ---


class ActivityResponsible(ReadModel):
    text: str = Field(description="Как написано в дорожной карте")
    kind: Literal["user", "teacher", "organization", "role"] = Field(
        description="`user` — учётная запись, `teacher` — педагог, `organization` — организация, `role` — "
        "должность или группа людей (не сопоставлена с конкретным человеком)"
    )
    id: uuid.UUID | None = Field(default=None, description="Кто сопоставлен (для `role` — пусто)")
    name: str | None = Field(default=None, description="Имя сопоставленной записи")
    role: str | None = Field(default=None, description="Должность, как написано («главный специалист ООА»)")


class RoadmapEvidenceIn(InputModel):
    kind: EvidenceKind = Field(
        description="`event` — мероприятие, `campaign` — мониторинг, `document` — документ, `meeting` — заседание "
        "методобъединения"
    )
    id: uuid.UUID = Field(description="Запись того же муниципалитета")


class RoadmapEvidenceRead(ReadModel):
    kind: str
    id: uuid.UUID
    title: str | None = None


class RoadmapReportCreate(InputModel):
    model_config = examples(
        {
            "reported_on": "2026-04-28",
            "text": "Мониторинг профессиональных дефицитов проведён, охват 96 % педагогов",
            "links": ["https://zeya-edu.ru/news/monitoring-2026"],
            "mark_done": True,
        }
    )

    reported_on: date | None = Field(default=None, description="Дата отчёта (по умолчанию — сегодня)")
    text: str = Field(min_length=3, max_length=8000, description="Что сделано")
    links: list[str] = Field(default_factory=list, max_length=20, description="Ссылки (http/https)")
    file_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20, description="Загруженные файлы")
    records: list[RoadmapEvidenceIn] = Field(
        default_factory=list, max_length=20, description="Существующие записи муниципалитета как подтверждение"
    )
    mark_done: bool = Field(default=False, description="Отметить срок выполненным")

    @model_validator(mode="after")
    def _links(self):  # type: ignore[no-untyped-def]
        for link in self.links:
            if not link.startswith(("http://", "https://")) or len(link) > 1000:
                raise ValueError("Ссылка должна начинаться с http:// или https://")
        return self


class RoadmapReportRead(ReadModel):
    id: uuid.UUID
    occurrence_id: uuid.UUID = Field(description="Срок мероприятия")
    activity_id: uuid.UUID = Field(description="Мероприятие")
    reported_on: date = Field(description="Дата отчёта")
    text: str = Field(description="Что сделано")
    links: list[str] = Field(description="Ссылки")
    file_ids: list[uuid.UUID] = Field(description="Файлы")
    records: list[RoadmapEvidenceRead] = Field(description="Записи муниципалитета — подтверждения")
    author_name: str | None = Field(description="Кто отчитался")
    created_at: datetime


class OccurrenceRead(ReadModel):
    id: uuid.UUID
    activity_id: uuid.UUID = Field(description="Мероприятие")
    starts_on: date = Field(description="Начало окна")
    due_on: date = Field(description="Срок выполнения")
    status: str = Field(description="`planned`, `in_progress`, `done`, `overdue` или `cancelled`")
    status_label: str = Field(default="", description="Статус (по-русски)")
    done_on: date | None = Field(description="Когда выполнено")
    version: int
    reports: list[RoadmapReportRead] = Field(description="Отчёты о выполнении", default_factory=list)
    actions: list[str] = Field(default_factory=list, description="`update`, `report`")


class OccurrenceUpdate(InputModel):
    model_config = examples({"status": "in_progress"})

    status: OccurrenceStatus = Field(description="Новый статус срока")
    done_on: date | None = Field(default=None, description="Когда выполнено (для `done`; по умолчанию — сегодня)")


class ActivityScheduleRead(ReadModel):
    kind: str = Field(description="`once`, `recurring`, `continuous` или `unparsed`")
    kind_label: str = Field(default="", description="Вид расписания (по-русски)")
    starts_on: date | None = Field(description="Начало (первого) окна")
    due_on: date | None = Field(description="Срок (первого) окна; для `continuous` — конец периода")
    rrule: str | None = Field(description="RFC 5545 RRULE повтора (или отчётов для `continuous`)")
    window_months: int = Field(description="Длина окна повтора в месяцах (0 — один день)")
    until: date | None = Field(description="Последний день повторов")
    note: str | None = Field(description="Примечание к сроку без даты («по запросам»)")
    needs_review: bool = Field(description="Срок не распознан: даты должен указать человек")
    reasons: list[str] = Field(description="Почему срок помечен (по-русски)", default_factory=list)
    set_by_hand: bool = Field(default=False, description="Расписание задано вручную (повторная загрузка его не меняет)")


class ActivityRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    programme_id: uuid.UUID = Field(description="Программа")
    programme_title: str | None = Field(default=None, description="Название программы")
    section_id: uuid.UUID = Field(description="Раздел дорожной карты")
    section_number: int | None = Field(default=None, description="Номер раздела")
    section_title: str | None = Field(default=None, description="Название раздела")
    number: str = Field(description="Номер, как написан («1.1»)")
    title: str
    timeframe_text: str = Field(description="Сроки выполнения, как написаны")
    schedule: ActivityScheduleRead = Field(description="Расписание, разобранное из сроков или заданное вручную")
    responsible_text: str = Field(description="Ответственные, как написаны")
    responsibles: list[ActivityResponsible] = Field(description="Ответственные: сопоставленные записи и должности")
    kpi_codes: list[str] = Field(description="Коды показателей KPI, на которые влияет мероприятие")
    status_counts: OccurrenceStatusCounts = Field(
        description="Сроки мероприятия по статусам", default_factory=OccurrenceStatusCounts
    )
    state: str = Field(
        default="unscheduled",
        description="Состояние: `overdue` — есть просроченный срок, `in_progress`, `planned`, `done` — все сроки "
        "выполнены, `unscheduled` — сроков нет",
    )
    next_due_on: date | None = Field(default=None, description="Ближайший невыполненный срок")
    occurrences: list[OccurrenceRead] | None = Field(default=None, description="Сроки (в карточке мероприятия)")
    version: int
    updated_at: datetime
    archived_at: datetime | None
    actions: list[str] = Field(default_factory=list, description="`update`, `report`")


class ActivityUpdate(InputModel):
    model_config = examples(
        {
            "schedule": {
                "kind": "recurring",
                "starts_on": "2026-04-01",
                "rrule": "FREQ=YEARLY;BYMONTH=4",
                "window_months": 1,
            },
            "kpi_codes": ["Z-MONITOR"],
        }
    )

    title: str = patch_field(min_length=1, max_length=4000, description="Мероприятие")
    timeframe_text: str = patch_field(
        max_length=500, description="Сроки, как написаны: расписание разбирается заново (если не задано вручную)"
    )
    responsible_text: str = patch_field(max_length=2000, description="Ответственные, как написаны")
    kpi_codes: list[str] = patch_field(max_length=20, description="Коды показателей KPI")
    schedule: ActivityScheduleIn | None = Field(
        default=None,
        description="Расписание вручную (для мероприятия с нераспознанным сроком); `null` — разобрать "
        "«Сроки выполнения» заново",
    )


class ActivityScheduleIn(InputModel):
    kind: Literal["once", "recurring", "continuous"] = Field(description="Вид расписания")
    starts_on: date = Field(description="Начало (первого) окна")
    due_on: date | None = Field(default=None, description="Срок (первого) окна; по умолчанию — по `window_months`")
    rrule: str | None = Field(
        default=None, max_length=200, description="RRULE повтора, например `FREQ=YEARLY;BYMONTH=4`"
    )
    window_months: int = Field(default=1, ge=0, le=24, description="Длина окна повтора в месяцах")
    until: date | None = Field(default=None, description="Последний день повторов")
    note: str | None = Field(description="Примечание к сроку («по запросам»)", default=None, max_length=500)


ActivityUpdate.model_rebuild()


@dataclass(frozen=True)
class ActivityFilters:
    programme_id: uuid.UUID | None
    section_id: uuid.UUID | None
    status: list[str] | None
    mine: bool
    overdue: bool
    due_this_month: bool
    kpi: str | None
    needs_review: bool | None
    include_archived: bool


# --- import ---


class RoadmapImportRow(ReadModel):
    line: int = Field(description="Строка файла")
    number: str = Field(description="Номер мероприятия")
    title: str = Field(description="Мероприятие")
    section_number: int | None = Field(description="Номер раздела")
    timeframe_text: str = Field(description="Сроки, как написаны")
    schedule_kind: str = Field(description="Вид расписания")
    recognised: bool = Field(description="Срок распознан")
    reasons: list[str] = Field(description="Почему срок не распознан")
    responsible_text: str = Field(description="Ответственные, как написаны")
    matched: list[ActivityResponsible] = Field(description="Найденные ответственные")
    unmatched: list[str] = Field(description="Не найденные люди и организации")
    action: Literal["create", "update", "unchanged"]


class RoadmapImportSection(ReadModel):
    number: int = Field(description="Номер раздела")
    title: str = Field(description="Название раздела")
    task: str | None = Field(description="Задача раздела")
    activities: int = Field(description="Мероприятий в разделе")


class RoadmapImportReport(ReadModel):
    dry_run: bool
    rows: int = Field(description="Мероприятий в файле")
    sections: list[RoadmapImportSection] = Field(description="Разделы файла")
    timeframes_recognised: int = Field(description="Сроков распознано")
    timeframes_unrecognised: int = Field(description="Сроков не распознано (помечены для человека)")
    people_matched: list[str] = Field(description="Люди, найденные среди учётных записей и педагогов")
    people_unmatched: list[str] = Field(description="Люди, не найденные (остаются текстом)")
    organizations_matched: list[str] = Field(description="Организации, найденные в муниципалитете")
    organizations_unmatched: list[str] = Field(description="Организации, не найденные (остаются текстом)")
    created: int = Field(default=0, description="Мероприятий будет (было) создано")
    updated: int = Field(default=0, description="Мероприятий будет (было) изменено")
    unchanged: int = Field(default=0, description="Мероприятий без изменений")
    errors: list[str] = Field(default_factory=list, description="Что мешает загрузке")
    warnings: list[str] = Field(
        description="Предупреждения (строки пропущены, номера повторяются)", default_factory=list
    )
    items: list[RoadmapImportRow] = Field(default_factory=list)


# --- timeline ---


class TimelineWindow(ReadModel):
    occurrence_id: uuid.UUID = Field(description="Срок мероприятия")
    starts_on: date = Field(description="Начало окна")
    due_on: date = Field(description="Срок выполнения")
    status: str = Field(description="Статус срока")


class TimelineRow(ReadModel):
    activity_id: uuid.UUID = Field(description="Мероприятие")
    number: str = Field(description="Номер, как написан")
    title: str = Field(description="Мероприятие")
    section_number: int = Field(description="Номер раздела")
    schedule_kind: str = Field(description="Вид расписания")
    needs_review: bool = Field(description="Срок не распознан")
    windows: list[TimelineWindow] = Field(description="Окна сроков, пересекающие интервал")


class ProgrammeTimeline(ReadModel):
    programme_id: uuid.UUID = Field(description="Программа")
    starts_on: date = Field(description="Начало интервала (период программы или учебный год)")
    ends_on: date = Field(description="Окончание интервала")
    months: list[date] = Field(description="Первые дни месяцев интервала — столбцы диаграммы")
    rows: list[TimelineRow] = Field(description="Мероприятия в порядке дорожной карты")
