"""Courses: input with examples, the read model with the teacher's name, the provider's eligibility and `actions`,
the list's filters, the PD window (per teacher and the list of teachers outside it or leaving it) and the import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from fastapi import UploadFile
from pydantic import Field, model_validator

from app.core.pagination import Page
from app.core.periods import Period
from app.core.schemas import EXAMPLE_TEACHER_ID, InputModel, ReadModel, examples, patch_field
from app.teachers.schemas import ImportIssue

ProgramKind = Literal["advanced_training", "retraining"]
CourseFormat = Literal["offline", "online", "mixed"]
WindowState = Literal["outside", "leaving"]

PROGRAM_KIND_LABELS = {"advanced_training": "повышение квалификации", "retraining": "профессиональная переподготовка"}
FORMAT_LABELS = {"offline": "очно", "online": "дистанционно", "mixed": "очно-заочно (смешанно)"}
WINDOW_LABELS = {"outside": "нет курсов за 3 года", "leaving": "выходит из 3-летнего срока"}


@dataclass(frozen=True)
class CourseFilters:
    """The course list's filters (also of its export)."""

    period: Period | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    provider_organization_id: uuid.UUID | None
    q: str | None
    program_kind: str | None
    eligible: bool | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = "задан" if key == "q" else str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class _CourseFields(InputModel):
    @model_validator(mode="after")
    def _check(self):  # type: ignore[no-untyped-def]
        start, end = getattr(self, "start_date", None), getattr(self, "end_date", None)
        if start and end and end < start:
            raise ValueError("Дата окончания курса раньше даты начала")
        return self


class CourseCreate(_CourseFields):
    model_config = examples(
        {
            "teacher_id": EXAMPLE_TEACHER_ID,
            "title": "Реализация требований обновлённых ФГОС ООО в работе учителя",
            "provider_name": "ОГБОУ ДПО «Костромской областной институт развития образования»",
            "provider_state_owned": True,
            "hours": 36,
            "start_date": "2025-10-06",
            "end_date": "2025-10-17",
            "format": "mixed",
            "document_number": "440000012345",
        }
    )

    teacher_id: uuid.UUID = Field(description="Педагог, прошедший курс")
    title: str = Field(min_length=2, max_length=500, description="Название программы")
    program_kind: ProgramKind = Field(
        default="advanced_training",
        description="`advanced_training` — повышение квалификации, `retraining` — профессиональная переподготовка",
    )
    provider_organization_id: uuid.UUID | None = Field(
        default=None,
        description="Провайдер из справочника организаций; его название и форма собственности берутся из карточки",
    )
    provider_name: str | None = Field(
        default=None,
        min_length=2,
        max_length=500,
        description="Провайдер, если его нет в справочнике: название (пусто — неизвестен)",
    )
    provider_state_owned: bool | None = Field(
        default=None,
        description="Провайдер — государственная или муниципальная организация (для провайдера не из справочника; "
        "пусто — неизвестно). С 01.09.2025 курсы у негосударственных провайдеров не засчитываются",
    )
    hours: int = Field(ge=1, le=3000, description="Объём программы, часов")
    start_date: date = Field(description="Дата начала обучения")
    end_date: date = Field(description="Дата окончания обучения (по ней считается 3-летний срок)")
    format: CourseFormat | None = Field(
        default=None, description="Форма обучения: `offline` — очно, `online` — дистанционно, `mixed` — смешанно"
    )
    document_number: str | None = Field(
        default=None, min_length=1, max_length=100, description="Номер удостоверения (диплома)"
    )
    competence_areas: list[str] = Field(
        default_factory=list, max_length=20, description="Области компетенций, которые развивает программа (коды)"
    )


class CourseUpdate(_CourseFields):
    model_config = examples({"hours": 72, "document_number": "440000012346"})

    title: str = patch_field(min_length=2, max_length=500, description="Название программы")
    program_kind: ProgramKind = patch_field(description="Вид программы")
    provider_organization_id: uuid.UUID | None = Field(default=None, description="Провайдер из справочника")
    provider_name: str | None = Field(
        default=None, min_length=2, max_length=500, description="Провайдер не из справочника"
    )
    provider_state_owned: bool | None = Field(default=None, description="Провайдер государственный/муниципальный")
    hours: int = patch_field(ge=1, le=3000, description="Объём программы, часов")
    start_date: date = patch_field(description="Дата начала обучения")
    end_date: date = patch_field(description="Дата окончания обучения")
    format: CourseFormat | None = Field(default=None, description="Форма обучения")
    document_number: str | None = Field(default=None, min_length=1, max_length=100, description="Номер удостоверения")
    competence_areas: list[str] = patch_field(max_length=20, description="Области компетенций (коды); заменяет список")


class CourseRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="Педагог: ФИО")
    organization_id: uuid.UUID | None = Field(default=None, description="Место работы педагога сегодня")
    organization_name: str | None = Field(default=None, description="Место работы педагога сегодня")
    title: str = Field(description="Название программы")
    program_kind: str = Field(description="`advanced_training` или `retraining`")
    program_kind_label: str = Field(default="", description="Вид программы (по-русски)")
    provider_organization_id: uuid.UUID | None = Field(description="Провайдер из справочника")
    provider_name: str | None = Field(description="Провайдер (название на момент записи); пусто — неизвестен")
    provider_state_owned: bool | None = Field(
        description="Провайдер государственный или муниципальный (на момент записи); пусто — неизвестно"
    )
    provider_eligible: bool | None = Field(
        default=None,
        description="Допустим ли провайдер на дату начала курса (с 01.09.2025 — только государственные и "
        "муниципальные): `false` — курс не засчитывается в 3-летний срок; пусто — неизвестно",
    )
    hours: int = Field(description="Объём программы, часов")
    start_date: date = Field(description="Дата начала обучения")
    end_date: date = Field(description="Дата окончания обучения")
    format: str | None = Field(description="Форма обучения (код)")
    format_label: str | None = Field(default=None, description="Форма обучения (по-русски)")
    document_number: str | None = Field(description="Номер удостоверения")
    competence_areas: list[str] = Field(default_factory=list, description="Области компетенций (коды)")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    warnings: list[str] = Field(default_factory=list, description="Предупреждения на русском языке")
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `archive`"
    )


class TeacherPdStatus(ReadModel):
    teacher_id: uuid.UUID
    full_name: str
    on: date = Field(description="Дата R, на которую проверяется срок")
    window_start: date = Field(description="R − 3 года: курс, окончившийся в этот день или раньше, уже не считается")
    in_window: bool = Field(description="Есть курс с датой окончания после R − 3 лет и не позже R")
    last_course_id: uuid.UUID | None = Field(description="Последний засчитываемый курс, окончившийся не позже R")
    last_course_title: str | None = Field(description="Его название")
    last_course_end: date | None = Field(description="Дата окончания последнего засчитываемого курса (не позже R)")
    leaves_window_on: date | None = Field(
        description="С какого дня педагог окажется вне 3-летнего срока, если не пройдёт новый курс"
    )
    courses_in_window: int = Field(description="Засчитываемых курсов в окне")
    hours_in_window: int = Field(description="Часов засчитываемых курсов в окне")


class PdWindowItem(ReadModel):
    teacher_id: uuid.UUID
    full_name: str
    organization_id: uuid.UUID | None = Field(description="Где педагог учитывается на дату R (основное место работы)")
    organization_name: str | None = Field(description="Где педагог учитывается на дату R (основное место работы)")
    position_name: str | None = Field(description="Должность на основном месте работы")
    state: str = Field(
        description="`outside` — нет засчитываемого курса за 3 года на дату R, `leaving` — выходит из срока в "
        "ближайшие N месяцев"
    )
    state_label: str = Field(description="Состояние (по-русски)")
    last_course_end: date | None = Field(description="Дата окончания последнего засчитываемого курса (не позже R)")
    last_course_title: str | None = Field(description="Название этого курса")
    leaves_window_on: date | None = Field(description="С какого дня педагог вне срока (для `leaving`)")


class PdWindowPage(Page[PdWindowItem]):
    on: date = Field(description="Дата R")
    months: int = Field(description="На сколько месяцев вперёд смотреть, кто выходит из срока")
    horizon: date = Field(description="R + N месяцев")
    counted: int = Field(description="Педагогов, учитываемых на дату R (основное место работы) в области списка")
    in_window: int = Field(description="Из них с засчитываемым курсом за 3 года (числитель PD-3Y)")
    outside: int = Field(description="Из них вне 3-летнего срока")
    leaving: int = Field(description="Из них выходят из срока в ближайшие N месяцев")
    share: float | None = Field(
        description="Доля педагогов с курсами за 3 года, %: in_window / counted × 100; пусто — нет педагогов"
    )


@dataclass(frozen=True)
class CourseImportForm:
    """The import's multipart form: the provider's list and what is common to its rows."""

    file: UploadFile
    organization_id: uuid.UUID | None
    municipality_id: uuid.UUID | None
    provider_organization_id: uuid.UUID | None
    provider_name: str | None
    provider_state_owned: bool | None


class CourseImportReport(ReadModel):
    dry_run: bool
    applied: bool
    total_rows: int
    valid_rows: int = Field(description="Строки, которые загружаются")
    invalid_rows: int = Field(default=0, description="Строки с ошибками")
    skipped_rows: int = Field(default=0, description="Строки с ошибками, пропущенные при загрузке верных строк")
    to_create: int = Field(description="Новые записи о курсах")
    already_recorded: int = Field(default=0, description="Строки, уже записанные раньше (не загружаются повторно)")
    errors: list[ImportIssue]
    notices: list[ImportIssue] = Field(default_factory=list, description="Сведения по строкам, не ошибки")
    mapped_columns: dict[str, str] = Field(description="Заголовок файла → поле")
    unmapped_columns: list[str] = Field(description="Колонки файла, которые не распознаны и не загружаются")
