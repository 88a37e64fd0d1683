"""Help requests: input with examples (ask, edit while new, consultation, close, reopen), the read model with names,
the state in Russian, the answer's due date, `overdue`, the reopening deadline and `actions`, and the list's
filters and queues."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from app.core.periods import Period
from app.core.schemas import EXAMPLE_TEACHER_ID, InputModel, ReadModel, examples, patch_field

DesiredForm = Literal["consultation", "visit", "materials"]
ConsultationForm = Literal["consultation", "online", "visit", "materials", "group"]
State = Literal["new", "in_progress", "closed"]
Resolution = Literal["full", "partial", "none"]
Queue = Literal["all", "new", "mine", "overdue"]

FORM_LABELS = {"consultation": "консультация", "visit": "выезд в организацию", "materials": "методические материалы"}
CONSULTATION_FORM_LABELS = {
    "consultation": "очная консультация",
    "online": "онлайн-консультация",
    "visit": "выезд в организацию",
    "materials": "методические материалы",
    "group": "групповая консультация",
}
STATE_LABELS = {"new": "новое", "in_progress": "в работе", "closed": "закрыто"}
RESOLUTION_LABELS = {"full": "решено в полном объёме", "partial": "решено частично", "none": "не решено"}
QUEUE_LABELS = {"all": "все", "new": "новые", "mine": "взятые мной", "overdue": "просроченные"}
REOPEN_DAYS = 14


@dataclass(frozen=True)
class HelpRequestFilters:
    """The list's filters (also of its export)."""

    queue: str
    period: Period | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    state: list[str] | None
    topic_code: list[str] | None
    resolution: list[str] | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, [], "all"):
                continue
            out[key] = str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class HelpRequestCreate(InputModel):
    model_config = examples(
        {
            "teacher_id": EXAMPLE_TEACHER_ID,
            "topic_code": "functional_literacy",
            "description": "Прошу помочь с разработкой заданий по читательской грамотности для 6 класса",
            "desired_form": "consultation",
        }
    )

    teacher_id: uuid.UUID | None = Field(
        default=None,
        description="Педагог, которому нужна помощь. Педагог подаёт обращение только за себя (можно не указывать); "
        "школа — за своего педагога или, без педагога, за себя",
    )
    organization_id: uuid.UUID | None = Field(
        default=None,
        description="Организация, от которой обращение; по умолчанию — основное место работы педагога или школа "
        "администратора",
    )
    topic_code: str = Field(
        min_length=1, max_length=64, description="Тема: область компетенций из справочника `competence-areas`"
    )
    description: str = Field(min_length=5, max_length=4000, description="Суть затруднения, что нужно")
    desired_form: DesiredForm = Field(
        default="consultation",
        description="Желаемая форма помощи: `consultation` — консультация, `visit` — выезд в организацию, "
        "`materials` — методические материалы",
    )
    opened_on: date | None = Field(default=None, description="Дата обращения (по умолчанию — сегодня)")


class HelpRequestUpdate(InputModel):
    model_config = examples({"description": "Уточнение: задания для 6 и 7 классов"})

    topic_code: str = patch_field(min_length=1, max_length=64, description="Тема (область компетенций)")
    description: str = patch_field(min_length=5, max_length=4000, description="Суть затруднения")
    desired_form: DesiredForm = patch_field(description="Желаемая форма помощи")


class ConsultationCreate(InputModel):
    model_config = examples(
        {
            "held_on": "2026-11-20",
            "form": "consultation",
            "notes": "Разобрали структуру заданий PISA, даны образцы и критерии оценивания",
        }
    )

    held_on: date | None = Field(default=None, description="Дата консультации (по умолчанию — сегодня)")
    form: ConsultationForm = Field(
        default="consultation",
        description="`consultation` — очная, `online` — онлайн, `visit` — выезд, `materials` — материалы, "
        "`group` — групповая",
    )
    consultant_name: str | None = Field(
        default=None, max_length=300, description="Кто консультировал (по умолчанию — вы)"
    )
    notes: str | None = Field(default=None, max_length=4000, description="Что сделано, рекомендации")


class HelpRequestClose(InputModel):
    model_config = examples({"resolution": "full", "comment": "Даны образцы заданий, педагог применил их на уроке"})

    resolution: Resolution = Field(
        description="Итог: `full` — решено в полном объёме, `partial` — частично, `none` — не решено"
    )
    comment: str = Field(min_length=3, max_length=4000, description="Комментарий к итогу (обязателен)")


class HelpRequestReopen(InputModel):
    model_config = examples({"comment": "Остались вопросы по оцениванию"})

    comment: str | None = Field(default=None, max_length=2000, description="Почему обращение открыто снова")


class ConsultationRead(ReadModel):
    id: uuid.UUID
    held_on: date = Field(description="Дата консультации")
    form: str = Field(description="Форма консультации (код)")
    form_label: str = Field(default="", description="Форма консультации (по-русски)")
    consultant_name: str = Field(description="Кто консультировал")
    notes: str | None = Field(description="Что сделано, рекомендации")
    created_at: datetime


class HelpRequestRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    organization_id: uuid.UUID = Field(description="Организация, от которой обращение")
    organization_name: str | None = None
    teacher_id: uuid.UUID | None = Field(description="Педагог; пусто — обращение школы")
    teacher_name: str | None = Field(default=None, description="Педагог: ФИО")
    requested_by_name: str | None = Field(default=None, description="Кто подал обращение")
    topic_code: str = Field(description="Тема: код области компетенций")
    topic_name: str = Field(default="", description="Тема (область компетенций)")
    description: str = Field(description="Суть затруднения")
    desired_form: str = Field(description="Желаемая форма помощи (код)")
    desired_form_label: str = Field(default="", description="Желаемая форма помощи (по-русски)")
    opened_on: date = Field(description="Дата обращения")
    due_on: date = Field(description="Срок ответа: последний рабочий день срока муниципалитета после даты обращения")
    overdue: bool = Field(default=False, description="Не взято в работу в срок")
    state: str = Field(description="`new`, `in_progress` или `closed`")
    state_label: str = Field(default="", description="Состояние (по-русски)")
    assignee_id: uuid.UUID | None = Field(description="Методист, взявший обращение")
    assignee_name: str | None = Field(default=None, description="Методист: ФИО")
    taken_at: datetime | None = Field(description="Когда взято в работу")
    resolution: str | None = Field(description="`full`, `partial` или `none` у закрытого")
    resolution_label: str | None = Field(default=None, description="Итог (по-русски)")
    resolution_comment: str | None = Field(description="Комментарий к итогу")
    closed_at: datetime | None = Field(description="Когда закрыто")
    reopen_until: date | None = Field(
        default=None, description="До какой даты включительно закрытое обращение можно открыть снова"
    )
    reopen_count: int = Field(description="Сколько раз открыто снова")
    reopened_at: datetime | None = Field(description="Когда открыто снова в последний раз")
    consultation_count: int = Field(default=0, description="Сколько консультаций")
    consultations: list[ConsultationRead] = Field(
        default_factory=list, description="Консультации (только в карточке обращения), по дате"
    )
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете сделать: `update`, `take`, `consult`, `close`, `reopen`, `archive`",
    )
