"""Events, series, participation, awards and calendar feeds: input schemas (with examples whose placeholder ids the
authorization matrix substitutes), read schemas with what the caller may do (`actions`), and the reports of bulk
registration, participant-list upload and attendance marking."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import UploadFile
from pydantic import AfterValidator, Field, field_validator, model_validator

from app.core.periods import Period, PeriodKind
from app.core.schemas import (
    EXAMPLE_ORGANIZATION_ID,
    EXAMPLE_TEACHER_ID,
    InputModel,
    ReadModel,
    examples,
    patch_field,
)
from app.teachers.schemas import ImportIssue

EventType = Literal[
    "seminar",
    "webinar",
    "pds_session",
    "conference",
    "master_class",
    "round_table",
    "consultation",
    "contest",
    "project",
    "course",
]
EventLevel = Literal["school", "municipal", "inter_municipal", "regional", "inter_regional", "federal", "international"]
EventFormat = Literal["offline", "online", "mixed"]
EventStatus = Literal["planned", "held", "cancelled"]
ParticipationRole = Literal["listener", "speaker", "organizer", "jury", "contestant"]
ContestResult = Literal["winner", "prize_winner", "participant"]
Attendance = Literal["registered", "attended", "absent"]
AwardKind = Literal["letter_of_thanks", "diploma", "honorary_certificate"]
FeedKind = Literal["municipality", "teacher"]
BulkMode = Literal["partial", "all_or_nothing"]

URL_RE = r"^https?://\S+$"


# Hours as the database keeps them (one decimal), so a write answers what a later read returns.
def _tenths(value: Decimal) -> Decimal:
    """Hours to a tenth; a number too big to hold is a field error (not a server error)."""
    if not value.is_finite() or abs(value) >= 10_000:
        raise ValueError("Часов должно быть от 0 до 9999")
    return value.quantize(Decimal("0.1"))


Hours = Annotated[Decimal, AfterValidator(_tenths)]
CODES = Field(default_factory=list, max_length=100)


# --- pieces of an event -------------------------------------------------------------------------------------------


class ResponsiblePersonIn(InputModel):
    user_id: uuid.UUID | None = Field(default=None, description="Пользователь системы (методист, специалист)")
    teacher_id: uuid.UUID | None = Field(default=None, description="Педагог из реестра")
    name: str | None = Field(
        default=None,
        max_length=500,
        description="ФИО, как в приказе (обязательно, если не указан ни пользователь, ни педагог)",
    )
    note: str | None = Field(default=None, max_length=500, description="Должность или роль: «заместитель заведующего»")

    @model_validator(mode="after")
    def _one_person(self) -> ResponsiblePersonIn:
        if self.user_id and self.teacher_id:
            raise ValueError("Укажите либо пользователя, либо педагога")
        if not (self.user_id or self.teacher_id or (self.name and self.name.strip())):
            raise ValueError("Укажите пользователя, педагога или ФИО")
        return self


class ResponsibleOrganizationIn(InputModel):
    organization_id: uuid.UUID = Field(description="Организация муниципалитета")
    note: str | None = Field(
        default=None, max_length=500, description="Кто именно: «управленческая команда школы», «ШМО учителей…»"
    )


class MaterialIn(InputModel):
    title: str = Field(min_length=1, max_length=300, description="Название материала")
    file_id: uuid.UUID | None = Field(default=None, description="Файл, загруженный через /files")
    url: str | None = Field(default=None, max_length=1000, pattern=URL_RE, description="Ссылка (http/https)")

    @model_validator(mode="after")
    def _one_target(self) -> MaterialIn:
        if (self.file_id is None) == (self.url is None):
            raise ValueError("Укажите либо файл, либо ссылку")
        return self


class ResponsiblePersonRead(ReadModel):
    user_id: uuid.UUID | None = Field(description="Пользователь системы")
    teacher_id: uuid.UUID | None = Field(description="Педагог из реестра")
    name: str = Field(description="ФИО (как записано при внесении)")
    note: str | None = Field(description="Должность или роль")


class ResponsibleOrganizationRead(ReadModel):
    organization_id: uuid.UUID
    organization_name: str | None = Field(default=None, description="Краткое название организации")
    note: str | None = Field(description="Кто именно от организации")


class MaterialRead(ReadModel):
    id: uuid.UUID
    title: str = Field(description="Название материала")
    file_id: uuid.UUID | None = Field(description="Файл (модуль файлов)")
    url: str | None = Field(description="Ссылка")
    content_url: str | None = Field(default=None, description="Ссылка для скачивания файла")


# --- events -------------------------------------------------------------------------------------------------------


def _check_times(
    start_date: date | None, end_date: date | None, start_time: time | None, end_time: time | None
) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValueError("Дата окончания раньше даты начала")
    if end_time and not start_time:
        raise ValueError("Укажите время начала, если указано время окончания")
    if start_time and end_time and (end_date is None or end_date == start_date) and end_time < start_time:
        raise ValueError("Время окончания раньше времени начала")


class EventFields(InputModel):
    type: EventType = Field(description="Вид мероприятия")
    level: EventLevel = Field(description="Уровень: школьный < муниципальный < … < международный")
    format: EventFormat = Field(default="offline", description="Формат: очно, онлайн или смешанный")
    status: EventStatus = Field(default="planned", description="Статус: запланировано, проведено, отменено")
    title: str = Field(min_length=2, max_length=500, description="Название (тема) мероприятия")
    content: str | None = Field(default=None, max_length=20000, description="Содержание, программа")
    start_date: date = Field(description="Дата начала (по ней мероприятие относится к периоду)")
    end_date: date | None = Field(default=None, description="Дата окончания (для многодневных)")
    start_time: time | None = Field(default=None, description="Время начала (местное)")
    end_time: time | None = Field(default=None, description="Время окончания (местное)")
    place: str | None = Field(default=None, max_length=500, description="Место проведения")
    url: str | None = Field(default=None, max_length=1000, pattern=URL_RE, description="Ссылка на трансляцию")
    organizer_organization_id: uuid.UUID | None = Field(default=None, description="Организатор из муниципалитета")
    organizer_name: str | None = Field(
        default=None, max_length=500, description="Организатор вне муниципалитета (например, «КОИРО»)"
    )
    series_id: uuid.UUID | None = Field(default=None, description="Цикл (постоянно действующий семинар)")
    session_number: int | None = Field(default=None, ge=1, le=999, description="Номер заседания в цикле")
    audience_positions: list[str] = Field(default_factory=list, max_length=100, description="Для должностей (коды)")
    audience_subjects: list[str] = Field(default_factory=list, max_length=100, description="Для предметов (коды)")
    audience_young: bool = Field(default=False, description="Для молодых педагогов")
    audience_note: str | None = Field(default=None, max_length=1000, description="Для кого, своими словами")
    competence_areas: list[str] = Field(
        default_factory=list, max_length=20, description="Области компетенций, с которыми помогает (коды)"
    )
    responsible_people: list[ResponsiblePersonIn] = Field(
        default_factory=list, max_length=50, description="Ответственные люди"
    )
    responsible_organizations: list[ResponsibleOrganizationIn] = Field(
        default_factory=list, max_length=50, description="Ответственные организации (команды школ)"
    )
    materials: list[MaterialIn] = Field(default_factory=list, max_length=100, description="Материалы: файлы и ссылки")

    @model_validator(mode="after")
    def _times(self) -> EventFields:
        _check_times(self.start_date, self.end_date, self.start_time, self.end_time)
        return self


class EventCreate(EventFields):
    model_config = examples(
        {
            "owner_organization_id": EXAMPLE_ORGANIZATION_ID,
            "organizer_name": "ОГБОУ ДПО «Костромской областной институт развития образования»",
            "type": "conference",
            "level": "regional",
            "format": "offline",
            "title": "Региональная научно-практическая конференция «Наставничество в школе»",
            "start_date": "2022-04-20",
            "start_time": "10:00:00",
            "end_time": "15:00:00",
            "place": "г. Кострома, ул. Ивана Сусанина, 52",
            "audience_young": True,
            "responsible_organizations": [{"organization_id": EXAMPLE_ORGANIZATION_ID, "note": "делегация школы"}],
        }
    )

    municipality_id: uuid.UUID | None = Field(
        default=None,
        description="Муниципалитет; по умолчанию — муниципалитет школы-владельца или ваш единственный",
    )
    owner_organization_id: uuid.UUID | None = Field(
        default=None,
        description="Школа, которая вносит мероприятие для своих педагогов; пусто — муниципальная запись "
        "(её вносят методист или управление образования). Администратору школы подставляется его школа.",
    )


class EventUpdate(InputModel):
    model_config = examples({"status": "held", "content": "Обсуждены формы наставничества в школе"})

    type: EventType = patch_field(description="Вид мероприятия")
    level: EventLevel = patch_field(description="Уровень")
    format: EventFormat = patch_field(description="Формат")
    status: EventStatus = patch_field(description="Статус")
    title: str = patch_field(min_length=2, max_length=500, description="Название (тема)")
    content: str | None = Field(default=None, max_length=20000, description="Содержание")
    start_date: date = patch_field(description="Дата начала")
    end_date: date | None = Field(default=None, description="Дата окончания")
    start_time: time | None = Field(default=None, description="Время начала")
    end_time: time | None = Field(default=None, description="Время окончания")
    place: str | None = Field(default=None, max_length=500, description="Место проведения")
    url: str | None = Field(default=None, max_length=1000, pattern=URL_RE, description="Ссылка")
    organizer_organization_id: uuid.UUID | None = Field(default=None, description="Организатор из муниципалитета")
    organizer_name: str | None = Field(default=None, max_length=500, description="Организатор вне муниципалитета")
    series_id: uuid.UUID | None = Field(default=None, description="Цикл; null — исключить из цикла")
    session_number: int | None = Field(default=None, ge=1, le=999, description="Номер заседания в цикле")
    audience_positions: list[str] = patch_field(max_length=100, description="Для должностей (коды)")
    audience_subjects: list[str] = patch_field(max_length=100, description="Для предметов (коды)")
    audience_young: bool = patch_field(description="Для молодых педагогов")
    audience_note: str | None = Field(default=None, max_length=1000, description="Для кого")
    competence_areas: list[str] = patch_field(max_length=20, description="Области компетенций (коды); заменяет список")
    responsible_people: list[ResponsiblePersonIn] = patch_field(max_length=50, description="Заменяет список")
    responsible_organizations: list[ResponsibleOrganizationIn] = patch_field(
        max_length=50, description="Заменяет список"
    )
    materials: list[MaterialIn] = patch_field(max_length=100, description="Заменяет список")


class EventRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    series_id: uuid.UUID | None = Field(description="Цикл")
    series_title: str | None = Field(default=None, description="Название цикла")
    session_number: int | None = Field(description="Номер заседания в цикле")
    type: EventType = Field(description="Вид мероприятия")
    level: EventLevel = Field(description="Уровень")
    level_rank: int = Field(description="Порядок уровня: 1 — школьный … 7 — международный")
    format: EventFormat = Field(description="Формат")
    status: EventStatus = Field(description="Статус")
    title: str = Field(description="Название (тема)")
    content: str | None = Field(description="Содержание")
    start_date: date = Field(description="Дата начала")
    end_date: date | None = Field(description="Дата окончания")
    start_time: time | None = Field(description="Время начала (местное)")
    end_time: time | None = Field(description="Время окончания (местное)")
    place: str | None = Field(description="Место проведения")
    url: str | None = Field(description="Ссылка")
    organizer_organization_id: uuid.UUID | None = Field(description="Организатор из муниципалитета")
    organizer_organization_name: str | None = Field(default=None, description="Название организатора")
    organizer_name: str | None = Field(description="Организатор вне муниципалитета")
    owner_organization_id: uuid.UUID | None = Field(description="Школа, внёсшая мероприятие; пусто — муниципальное")
    owner_organization_name: str | None = Field(default=None, description="Название школы, внёсшей мероприятие")
    audience_positions: list[str] = Field(description="Для должностей (коды)")
    audience_subjects: list[str] = Field(description="Для предметов (коды)")
    audience_young: bool = Field(description="Для молодых педагогов")
    audience_note: str | None = Field(description="Для кого")
    competence_areas: list[str] = Field(default_factory=list, description="Области компетенций (коды)")
    responsible_people: list[ResponsiblePersonRead] = Field(default_factory=list, description="Ответственные люди")
    responsible_organizations: list[ResponsibleOrganizationRead] = Field(
        default_factory=list, description="Ответственные организации"
    )
    materials: list[MaterialRead] = Field(default_factory=list, description="Материалы")
    participant_count: int = Field(default=0, description="Участников (записей участия, без архивных)")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете сделать: `update`, `archive`, `add_participants`, `mark_attendance`, `award`",
    )


class EventBrief(ReadModel):
    """An event as the calendar, a series' session list and feeds show it."""

    id: uuid.UUID
    series_id: uuid.UUID | None = Field(description="Цикл")
    session_number: int | None = Field(description="Номер заседания в цикле")
    type: EventType = Field(description="Вид мероприятия")
    level: EventLevel = Field(description="Уровень")
    format: EventFormat = Field(description="Формат")
    status: EventStatus = Field(description="Статус")
    title: str = Field(description="Название (тема)")
    start_date: date = Field(description="Дата начала")
    end_date: date | None = Field(description="Дата окончания")
    start_time: time | None = Field(description="Время начала (местное)")
    end_time: time | None = Field(description="Время окончания (местное)")
    place: str | None = Field(description="Место проведения")
    url: str | None = Field(description="Ссылка")
    organizer: str | None = Field(default=None, description="Организатор (название)")
    owner_organization_id: uuid.UUID | None = Field(description="Школа, внёсшая мероприятие; пусто — муниципальное")
    participant_count: int = Field(default=0, description="Участников")


class CalendarRead(ReadModel):
    date_from: date = Field(description="Первый день окна")
    date_to: date = Field(description="Последний день окна")
    items: list[EventBrief] = Field(description="Мероприятия, которые идут в эти дни, по дате начала")


@dataclass(frozen=True)
class EventFilters:
    """The event list's filters (also of its export and the calendar)."""

    q: str | None = None
    municipality_id: uuid.UUID | None = None
    type: list[str] | None = None
    level: list[str] | None = None
    level_min: str | None = None
    level_max: str | None = None
    format: str | None = None
    status: list[str] | None = None
    organizer_organization_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    owner: Literal["municipal", "school"] | None = None
    series_id: uuid.UUID | None = None
    period: Period | None = None
    date_from: date | None = None
    date_to: date | None = None
    audience_young: bool | None = None
    include_archived: bool = False

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = "задан" if key == "q" else str(value) if isinstance(value, Period | date) else value
        return out


# --- series -------------------------------------------------------------------------------------------------------


def _academic(v: Period) -> Period:
    if v.kind is not PeriodKind.academic_year:
        raise ValueError("Укажите учебный год, например «2021/2022»")
    return v


FORMS_MAX, CONCLUSIONS_MAX = 5000, 20000
FORMS_OF_WORK = "Формы работы для аналитической справки, по одной на строке («вебинары теоретической направленности»)"
CONCLUSIONS = "Выводы методиста для аналитической справки, по одному на строке"


class SeriesCreate(InputModel):
    model_config = examples(
        {
            "owner_organization_id": EXAMPLE_ORGANIZATION_ID,
            "organizer_organization_id": EXAMPLE_ORGANIZATION_ID,
            "title": "Постоянно действующий семинар «Актуальные практики организации методической работы "
            "в общеобразовательной организации»",
            "academic_year": "2021/2022",
            "goal": "Повышение профессионального уровня управленческих команд общеобразовательных организаций "
            "по вопросам организации методической деятельности",
            "tasks": "Познакомить с успешными практиками организации методической работы в общеобразовательной "
            "организации; повысить профессиональные компетенции педагогических кадров",
            "order_number": "178-рз/IV",
            "order_date": "2022-02-15",
        }
    )

    municipality_id: uuid.UUID | None = Field(
        default=None, description="Муниципалитет; по умолчанию — муниципалитет школы-владельца или ваш единственный"
    )
    owner_organization_id: uuid.UUID | None = Field(
        default=None, description="Школа, которая ведёт цикл; пусто — муниципальный цикл"
    )
    title: str = Field(min_length=2, max_length=500, description="Название цикла")
    academic_year: Period = Field(description="Учебный год, например «2021/2022»")
    goal: str | None = Field(default=None, max_length=5000, description="Цель")
    tasks: str | None = Field(default=None, max_length=10000, description="Задачи")
    audience_note: str | None = Field(default=None, max_length=1000, description="На кого ориентирован")
    order_number: str | None = Field(default=None, max_length=100, description="Номер приказа (распоряжения)")
    order_date: date | None = Field(default=None, description="Дата приказа")
    organizer_organization_id: uuid.UUID | None = Field(default=None, description="Организатор из муниципалитета")
    organizer_name: str | None = Field(default=None, max_length=500, description="Организатор вне муниципалитета")
    forms_of_work: str | None = Field(default=None, max_length=FORMS_MAX, description=FORMS_OF_WORK)
    conclusions: str | None = Field(default=None, max_length=CONCLUSIONS_MAX, description=CONCLUSIONS)

    @field_validator("academic_year")
    @classmethod
    def _year(cls, v: Period) -> Period:
        return _academic(v)


class SeriesUpdate(InputModel):
    model_config = examples(
        {"goal": "Распространение эффективных форм методической работы"},
        {
            "conclusions": "Продолжить работу постоянно действующего семинара в 2022-2023 учебном году.\n"
            "Обеспечить тиражирование лучших практик организации деятельности школьных методических служб."
        },
    )

    title: str = patch_field(min_length=2, max_length=500, description="Название цикла")
    academic_year: Period = patch_field(description="Учебный год")
    goal: str | None = Field(default=None, max_length=5000, description="Цель")
    tasks: str | None = Field(default=None, max_length=10000, description="Задачи")
    audience_note: str | None = Field(default=None, max_length=1000, description="На кого ориентирован")
    order_number: str | None = Field(default=None, max_length=100, description="Номер приказа")
    order_date: date | None = Field(default=None, description="Дата приказа")
    organizer_organization_id: uuid.UUID | None = Field(default=None, description="Организатор из муниципалитета")
    organizer_name: str | None = Field(default=None, max_length=500, description="Организатор вне муниципалитета")
    forms_of_work: str | None = Field(default=None, max_length=FORMS_MAX, description=FORMS_OF_WORK)
    conclusions: str | None = Field(default=None, max_length=CONCLUSIONS_MAX, description=CONCLUSIONS)

    @field_validator("academic_year")
    @classmethod
    def _year(cls, v: Period | None) -> Period | None:
        return _academic(v) if v is not None else v


class SeriesRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    owner_organization_id: uuid.UUID | None = Field(description="Школа, которая ведёт цикл; пусто — муниципальный")
    owner_organization_name: str | None = Field(default=None, description="Название школы, ведущей цикл")
    title: str = Field(description="Название цикла")
    academic_year: str = Field(description="Учебный год, например «2021/2022»")
    goal: str | None = Field(description="Цель")
    tasks: str | None = Field(description="Задачи")
    audience_note: str | None = Field(description="На кого ориентирован")
    order_number: str | None = Field(description="Номер приказа")
    order_date: date | None = Field(description="Дата приказа")
    organizer_organization_id: uuid.UUID | None = Field(description="Организатор из муниципалитета")
    organizer_organization_name: str | None = Field(default=None, description="Название организатора")
    organizer_name: str | None = Field(description="Организатор вне муниципалитета")
    forms_of_work: str | None = Field(description=FORMS_OF_WORK)
    conclusions: str | None = Field(description=CONCLUSIONS)
    session_count: int = Field(default=0, description="Заседаний (без архивных)")
    sessions: list[EventBrief] | None = Field(
        default=None, description="Заседания по порядку (в карточке цикла; в списке не передаются)"
    )
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать: `update`, `archive`, `add_session`, `award`"
    )


# --- participation ------------------------------------------------------------------------------------------------


def _check_result(role: str | None, result: str | None) -> None:
    if result is not None and role is not None and role != "contestant":
        raise ValueError("Результат указывается только для участника конкурса")


class ParticipationFields(InputModel):
    role: ParticipationRole = Field(default="listener", description="Роль педагога на мероприятии")
    result: ContestResult | None = Field(default=None, description="Результат (только для участника конкурса)")
    hours: Hours | None = Field(default=None, ge=0, le=9999, decimal_places=1, description="Часов засчитано")
    certificate_number: str | None = Field(default=None, max_length=100, description="Номер сертификата")
    intends_to_apply: bool = Field(default=False, description="Намерен применить представленную практику")
    attendance: Attendance = Field(default="registered", description="Посещение: записан, был, не был")
    presentation_title: str | None = Field(
        default=None, max_length=500, description="Тема выступления (представленная практика)"
    )
    note: str | None = Field(default=None, max_length=500, description="Примечание")

    @model_validator(mode="after")
    def _result(self) -> ParticipationFields:
        _check_result(self.role, self.result)
        return self


class ParticipationCreate(ParticipationFields):
    model_config = examples({"teacher_id": EXAMPLE_TEACHER_ID, "role": "listener", "hours": "2"})

    teacher_id: uuid.UUID = Field(description="Педагог")


class ParticipationUpdate(InputModel):
    model_config = examples({"attendance": "attended", "intends_to_apply": True})

    role: ParticipationRole = patch_field(description="Роль")
    result: ContestResult | None = Field(default=None, description="Результат (только для участника конкурса)")
    hours: Hours | None = Field(default=None, ge=0, le=9999, decimal_places=1, description="Часов")
    certificate_number: str | None = Field(default=None, max_length=100, description="Номер сертификата")
    intends_to_apply: bool = patch_field(description="Намерен применить представленную практику")
    attendance: Attendance = patch_field(description="Посещение")
    presentation_title: str | None = Field(default=None, max_length=500, description="Тема выступления")
    note: str | None = Field(default=None, max_length=500, description="Примечание")


class ParticipationRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    event_id: uuid.UUID = Field(description="Мероприятие")
    event_title: str = Field(description="Название мероприятия")
    event_start_date: date = Field(description="Дата начала мероприятия")
    event_type: EventType = Field(description="Вид мероприятия")
    event_level: EventLevel = Field(description="Уровень мероприятия")
    teacher_id: uuid.UUID
    teacher_name: str = Field(description="ФИО педагога")
    organization_id: uuid.UUID | None = Field(description="Основное место работы педагога на дату мероприятия")
    organization_name: str | None = Field(default=None, description="Организация педагога на дату мероприятия")
    role: ParticipationRole = Field(description="Роль")
    result: ContestResult | None = Field(description="Результат конкурса")
    hours: Decimal | None = Field(description="Часов")
    certificate_number: str | None = Field(description="Номер сертификата")
    intends_to_apply: bool = Field(description="Намерен применить представленную практику")
    attendance: Attendance = Field(description="Посещение")
    presentation_title: str | None = Field(description="Тема выступления")
    note: str | None = Field(description="Примечание")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="Что вы можете сделать: `update`, `archive`")


class BulkParticipationRequest(InputModel):
    model_config = examples(
        {"organization_id": EXAMPLE_ORGANIZATION_ID, "position": ["teacher"], "role": "listener", "mode": "partial"}
    )

    teacher_ids: list[uuid.UUID] | None = Field(
        default=None, max_length=2000, description="Педагоги списком (или отбор ниже, но не вместе)"
    )
    organization_id: uuid.UUID | None = Field(default=None, description="Отбор: работают в организации")
    position: list[str] | None = Field(default=None, max_length=50, description="Отбор: коды должностей")
    subject: list[str] | None = Field(default=None, max_length=50, description="Отбор: коды предметов")
    role: ParticipationRole = Field(default="listener", description="Роль всех добавляемых")
    hours: Hours | None = Field(default=None, ge=0, le=9999, decimal_places=1, description="Часов каждому")
    attendance: Attendance = Field(default="registered", description="Посещение")
    mode: BulkMode = Field(
        default="partial",
        description="`partial` — добавить, кого можно, и сообщить об остальных; `all_or_nothing` — ничего не "
        "добавлять, если хоть кто-то не может быть добавлен",
    )

    @model_validator(mode="after")
    def _who(self) -> BulkParticipationRequest:
        has_filter = bool(self.organization_id or self.position or self.subject)
        if self.teacher_ids is not None and has_filter:
            raise ValueError("Укажите либо список педагогов, либо отбор (организация, должность, предмет)")
        if not self.teacher_ids and not has_filter:
            raise ValueError("Укажите педагогов или отбор (организация, должность, предмет)")
        return self


class BulkTeacher(ReadModel):
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="ФИО (для педагогов в вашей области доступа)")
    participation_id: uuid.UUID | None = Field(
        default=None, description="Добавленная запись, или уже существующая (для дублей)"
    )
    reason: str | None = Field(default=None, description="Почему педагог не добавлен")


class BulkParticipationReport(ReadModel):
    mode: BulkMode = Field(description="Режим")
    applied: bool = Field(description="Записи добавлены")
    added: list[BulkTeacher] = Field(description="Добавлены")
    skipped_duplicates: list[BulkTeacher] = Field(description="Уже записаны с этой ролью — пропущены")
    refused: list[BulkTeacher] = Field(description="Не найдены или вне вашей области доступа")


class AttendanceItem(InputModel):
    participation_id: uuid.UUID | None = Field(default=None, description="Запись участия")
    teacher_id: uuid.UUID | None = Field(
        default=None, description="Или педагог: отмечаются все его записи на этом мероприятии"
    )
    attended: bool = Field(description="Был (true) или не был (false)")

    @model_validator(mode="after")
    def _one(self) -> AttendanceItem:
        if (self.participation_id is None) == (self.teacher_id is None):
            raise ValueError("Укажите либо запись участия, либо педагога")
        return self


class AttendanceRequest(InputModel):
    model_config = examples({"items": [{"teacher_id": EXAMPLE_TEACHER_ID, "attended": True}]})

    items: list[AttendanceItem] = Field(min_length=1, max_length=2000, description="Отметки")


class AttendanceReport(ReadModel):
    updated: int = Field(description="Сколько записей изменено")
    items: list[ParticipationRead] = Field(description="Отмеченные записи")


@dataclass(frozen=True)
class ParticipantImportForm:
    file: UploadFile
    organization_id: uuid.UUID | None
    role: str
    dry_run: bool


class ParticipantImportRow(ReadModel):
    line: int = Field(description="Номер строки в файле (как в Excel)")
    status: Literal["matched", "added", "not_found", "ambiguous", "duplicate", "bad_value"] = Field(
        description="`matched` — будет добавлен, `added` — добавлен, `not_found`, `ambiguous` — несколько "
        "педагогов, `duplicate` — уже записан (или повтор в файле), `bad_value` — ошибка в значении"
    )
    teacher_id: uuid.UUID | None = Field(default=None, description="Найденный педагог")
    teacher_name: str | None = Field(default=None, description="ФИО найденного педагога")
    role: ParticipationRole | None = Field(default=None, description="Роль")
    participation_id: uuid.UUID | None = Field(default=None, description="Добавленная или уже существующая запись")
    message: str | None = Field(default=None, description="Пояснение")


class ParticipantImportReport(ReadModel):
    dry_run: bool
    applied: bool
    total_rows: int
    to_add: int = Field(description="Строк, которые добавляются (или добавлены)")
    duplicates: int = Field(description="Уже записаны — пропускаются")
    not_matched: int = Field(description="Не найдены или неоднозначны")
    invalid_rows: int = Field(description="Строк с ошибками в значениях")
    rows: list[ParticipantImportRow] = Field(description="Отчёт по каждой строке")
    errors: list[ImportIssue] = Field(description="Ошибки файла и значений")
    mapped_columns: dict[str, str] = Field(description="Заголовок файла → поле")
    unmapped_columns: list[str] = Field(description="Колонки, которые не распознаны")


# --- awards -------------------------------------------------------------------------------------------------------


class AwardCreate(InputModel):
    model_config = examples(
        {
            "kind": "letter_of_thanks",
            "teacher_id": EXAMPLE_TEACHER_ID,
            "awarded_on": "2022-05-30",
            "issuer": "Комитет образования, культуры, спорта и работы с молодёжью Администрации города Костромы",
            "order_number": "517-рз/IV",
            "order_date": "2022-05-30",
            "text": "За представление практики организации методической работы",
        }
    )

    kind: AwardKind = Field(description="Вид награды")
    teacher_id: uuid.UUID | None = Field(default=None, description="Кому: педагог")
    organization_id: uuid.UUID | None = Field(default=None, description="Кому: организация (или организация лица)")
    recipient_name: str | None = Field(
        default=None, max_length=300, description="Лицо вне реестра педагогов, как в приказе: «Смирнова А.Ю., директор»"
    )
    event_id: uuid.UUID | None = Field(default=None, description="За мероприятие")
    series_id: uuid.UUID | None = Field(default=None, description="За цикл (не вместе с мероприятием)")
    awarded_on: date = Field(description="Дата награждения")
    issuer: str | None = Field(default=None, max_length=500, description="Кем выдана")
    order_number: str | None = Field(default=None, max_length=100, description="Номер приказа")
    order_date: date | None = Field(default=None, description="Дата приказа")
    text: str | None = Field(default=None, max_length=5000, description="Текст (формулировка)")

    @model_validator(mode="after")
    def _targets(self) -> AwardCreate:
        if not (self.teacher_id or self.organization_id):
            raise ValueError("Укажите педагога или организацию")
        if self.event_id and self.series_id:
            raise ValueError("Укажите либо мероприятие, либо цикл")
        return self


class AwardUpdate(InputModel):
    model_config = examples({"order_number": "517-рз/IV", "text": "За высокий профессионализм"})

    kind: AwardKind = patch_field(description="Вид награды")
    recipient_name: str | None = Field(default=None, max_length=300, description="Лицо вне реестра")
    awarded_on: date = patch_field(description="Дата награждения")
    issuer: str | None = Field(default=None, max_length=500, description="Кем выдана")
    order_number: str | None = Field(default=None, max_length=100, description="Номер приказа")
    order_date: date | None = Field(default=None, description="Дата приказа")
    text: str | None = Field(default=None, max_length=5000, description="Текст")


class AwardRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    kind: AwardKind = Field(description="Вид награды")
    teacher_id: uuid.UUID | None = Field(description="Педагог")
    teacher_name: str | None = Field(default=None, description="ФИО педагога")
    organization_id: uuid.UUID | None = Field(description="Организация")
    organization_name: str | None = Field(default=None, description="Название организации")
    recipient_name: str | None = Field(description="Лицо вне реестра")
    event_id: uuid.UUID | None = Field(description="Мероприятие")
    event_title: str | None = Field(default=None, description="Название мероприятия")
    series_id: uuid.UUID | None = Field(description="Цикл")
    series_title: str | None = Field(default=None, description="Название цикла")
    awarded_on: date = Field(description="Дата награждения")
    issuer: str | None = Field(description="Кем выдана")
    order_number: str | None = Field(description="Номер приказа")
    order_date: date | None = Field(description="Дата приказа")
    text: str | None = Field(description="Текст")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="Что вы можете сделать: `update`, `archive`")


# --- calendar feeds -----------------------------------------------------------------------------------------------


class FeedCreate(InputModel):
    model_config = examples({"kind": "teacher", "teacher_id": EXAMPLE_TEACHER_ID})

    kind: FeedKind = Field(description="`municipality` — все мероприятия муниципалитета, `teacher` — педагога")
    municipality_id: uuid.UUID | None = Field(
        default=None, description="Для `municipality`: по умолчанию — ваш единственный муниципалитет"
    )
    teacher_id: uuid.UUID | None = Field(default=None, description="Для `teacher`: педагог (по умолчанию — вы)")
    title: str | None = Field(default=None, max_length=300, description="Ваше название подписки")


class FeedRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    kind: FeedKind = Field(description="Что содержит календарь")
    teacher_id: uuid.UUID | None = Field(description="Педагог (для календаря педагога)")
    title: str = Field(description="Название подписки")
    created_at: datetime
    revoked_at: datetime | None = Field(description="Когда отозвана; пусто — действует")
    actions: list[str] = Field(default_factory=list, description="Что вы можете сделать: `revoke`")


class FeedCreated(FeedRead):
    url: str = Field(
        description="Адрес календаря для подписки (iCalendar). Показывается один раз: в нём секретный ключ. "
        "Потеряли — отзовите подписку и создайте новую."
    )


# --- vocabulary ---------------------------------------------------------------------------------------------------


class VocabularyItem(ReadModel):
    code: str
    name: str
    rank: int | None = Field(default=None, description="Порядок уровня (только для уровней)")


class EventVocabulary(ReadModel):
    types: list[VocabularyItem] = Field(description="Виды мероприятий")
    levels: list[VocabularyItem] = Field(description="Уровни по возрастанию")
    formats: list[VocabularyItem] = Field(description="Форматы")
    statuses: list[VocabularyItem] = Field(description="Статусы мероприятий")
    roles: list[VocabularyItem] = Field(description="Роли участников")
    results: list[VocabularyItem] = Field(description="Результаты конкурсов")
    attendance: list[VocabularyItem] = Field(description="Отметки посещения")
    award_kinds: list[VocabularyItem] = Field(description="Виды наград")
