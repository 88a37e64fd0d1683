"""Individual routes: the draft request, the plan a draft is edited with (goals with their actions), marking an
action done with evidence, the read models (with progress, overdue flags and `actions`), the list's filters and the
department's summary (counts only, no names)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from app.core.schemas import InputModel, ReadModel, examples
from app.routes.models import ACTION_KINDS, ACTION_STATUSES, ROUTE_STATUSES

RouteStatus = Literal["draft", "approved", "in_progress", "completed"]
ActionKind = Literal["event", "course", "practice", "mentor", "self_study"]
EXAMPLE_ASSIGNMENT_ID = "0e7d1c9a-3b5f-4a2e-8c6d-1f2a3b4c5d6e"

__all__ = ["ACTION_KINDS", "ACTION_STATUSES", "ROUTE_STATUSES"]


@dataclass(frozen=True)
class RouteFilters:
    """The route list's filters."""

    status: list[str] | None = None
    organization_id: uuid.UUID | None = None
    teacher_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    overdue_only: bool = False
    include_archived: bool = False


# --- input ---


class DraftRequest(InputModel):
    model_config = examples({"assignment_id": EXAMPLE_ASSIGNMENT_ID, "include_partial": False})

    assignment_id: uuid.UUID = Field(description="Диагностика педагога (отправленная), по которой строится маршрут")
    include_partial: bool = Field(
        default=False, description="Добавить цели и по областям с частичным дефицитом (после областей с дефицитом)"
    )


def _http_url(v: str | None) -> str | None:
    if v is not None and not v.lower().startswith(("http://", "https://")):
        raise ValueError("Ссылка должна начинаться с http:// или https://")
    return v


class ActionInput(InputModel):
    id: uuid.UUID | None = Field(default=None, description="Действие маршрута (пусто — новое действие)")
    kind: ActionKind = Field(
        description="`event` — мероприятие, `course` — курсы, `practice` — изучение практики, `mentor` — работа с "
        "наставником, `self_study` — самообразование"
    )
    ref_id: uuid.UUID | None = Field(
        default=None,
        description="Запись, которую называет действие: мероприятие, курс педагога, практика, пара наставничества; "
        "у самообразования — пусто",
    )
    title: str = Field(min_length=1, max_length=500, description="Что сделать")
    deadline: date | None = Field(default=None, description="Срок")


class GoalInput(InputModel):
    id: uuid.UUID | None = Field(default=None, description="Цель маршрута (пусто — новая цель)")
    area_code: str | None = Field(default=None, max_length=64, description="Область компетенций (код справочника)")
    text: str = Field(min_length=1, max_length=1000, description="Цель")
    actions: list[ActionInput] = Field(default_factory=list, max_length=50, description="Действия по цели")


class RoutePlanUpdate(InputModel):
    """The whole plan of a route: goals and actions not sent are removed, those sent with an id are changed (a done
    action keeps its mark and evidence), those without an id are added."""

    model_config = examples(
        {
            "title": "Индивидуальный образовательный маршрут",
            "note": "Согласовано с педагогом",
            "goals": [
                {
                    "area_code": "methodical",
                    "text": "Преодолеть дефицит: методическая компетентность",
                    "actions": [
                        {
                            "kind": "self_study",
                            "title": "Изучить материалы по формирующему оцениванию",
                            "deadline": "2027-05-31",
                        }
                    ],
                }
            ],
        }
    )

    title: str = Field(min_length=1, max_length=500, description="Название маршрута")
    note: str | None = Field(default=None, max_length=4000, description="Комментарий")
    goals: list[GoalInput] = Field(max_length=30, description="Цели с действиями")


class ActionDone(InputModel):
    """The evidence of a done action: at least one of a link, a file uploaded for this route, the teacher's own
    participation in an event or course, or a note."""

    model_config = examples(
        {"evidence_url": "https://example.org/certificate.pdf", "evidence_note": "Сертификат участника"}
    )

    evidence_url: str | None = Field(default=None, max_length=1000, description="Ссылка (http или https)")
    evidence_file_id: uuid.UUID | None = Field(
        default=None, description="Файл, загруженный к маршруту (`POST …/evidence-files`)"
    )
    participation_id: uuid.UUID | None = Field(default=None, description="Участие педагога в мероприятии")
    course_id: uuid.UUID | None = Field(default=None, description="Курс педагога (запись о повышении квалификации)")
    evidence_note: str | None = Field(default=None, max_length=2000, description="Комментарий к подтверждению")

    _url = field_validator("evidence_url")(_http_url)

    @model_validator(mode="after")
    def _some(self):  # type: ignore[no-untyped-def]
        if not any(
            (self.evidence_url, self.evidence_file_id, self.participation_id, self.course_id, self.evidence_note)
        ):
            raise ValueError("Укажите подтверждение: ссылку, файл, участие, курс или комментарий")
        return self


# --- read ---


class ActionRead(ReadModel):
    id: uuid.UUID = Field(description="Действие маршрута")
    goal_id: uuid.UUID = Field(description="Цель, к которой относится действие")
    kind: str = Field(description="Вид действия (код)")
    kind_label: str = Field(default="", description="Вид действия (по-русски)")
    ref_id: uuid.UUID | None = Field(description="Запись, которую называет действие")
    title: str = Field(description="Что сделать")
    deadline: date | None = Field(description="Срок")
    status: str = Field(description="`planned` — запланировано, `done` — выполнено")
    status_label: str = Field(default="", description="Состояние (по-русски)")
    overdue: bool = Field(default=False, description="Просрочено: запланировано, срок раньше сегодняшнего (МСК)")
    done_at: datetime | None = Field(description="Когда отмечено выполненным")
    done_by_name: str | None = Field(description="Кто отметил")
    evidence_url: str | None = Field(description="Подтверждение: ссылка")
    evidence_file_id: uuid.UUID | None = Field(description="Подтверждение: файл")
    evidence_file_name: str | None = Field(default=None, description="Имя файла подтверждения")
    evidence_participation_id: uuid.UUID | None = Field(description="Подтверждение: участие в мероприятии")
    evidence_course_id: uuid.UUID | None = Field(description="Подтверждение: курс")
    evidence_title: str | None = Field(default=None, description="Подтверждающая запись (мероприятие или курс)")
    evidence_note: str | None = Field(description="Комментарий к подтверждению")


class GoalRead(ReadModel):
    id: uuid.UUID = Field(description="Цель маршрута")
    area_code: str | None = Field(description="Область компетенций (код)")
    area_name: str | None = Field(default=None, description="Область компетенций")
    band: str | None = Field(description="Уровень области в профиле: `deficit`, `partial`, `none`")
    text: str = Field(description="Цель")
    actions: list[ActionRead] = Field(default_factory=list, description="Действия")


class RouteSummary(ReadModel):
    id: uuid.UUID = Field(description="Маршрут")
    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    teacher_id: uuid.UUID = Field(description="Педагог")
    teacher_name: str | None = Field(default=None, description="Педагог: ФИО")
    organization_id: uuid.UUID | None = Field(description="Место работы педагога при диагностике")
    organization_name: str | None = Field(default=None, description="Место работы педагога при диагностике")
    assignment_id: uuid.UUID = Field(description="Диагностика, по итогам которой составлен маршрут")
    campaign_id: uuid.UUID = Field(description="Мониторинг")
    campaign_title: str | None = Field(default=None, description="Мониторинг: название")
    title: str = Field(description="Название маршрута")
    status: str = Field(description="`draft`, `approved`, `in_progress`, `completed`")
    status_label: str = Field(default="", description="Статус (по-русски)")
    actions_total: int = Field(default=0, description="Действий всего")
    actions_done: int = Field(default=0, description="Действий выполнено")
    progress: int = Field(default=0, description="Выполнение, %: выполнено / всего × 100 (целое)")
    overdue_count: int = Field(default=0, description="Просроченных действий")
    next_deadline: date | None = Field(default=None, description="Ближайший срок невыполненного действия")
    approved_at: datetime | None = Field(description="Когда утверждён")
    version: int = Field(description="Версия записи (ETag)")
    updated_at: datetime = Field(description="Изменён")
    archived_at: datetime | None = Field(description="В архиве с")


class RouteRead(RouteSummary):
    note: str | None = Field(description="Комментарий")
    approved_by_name: str | None = Field(description="Кто утвердил")
    completed_at: datetime | None = Field(description="Когда завершён")
    created_at: datetime = Field(description="Создан")
    archive_reason: str | None = Field(description="Причина архивации")
    goals: list[GoalRead] = Field(default_factory=list, description="Цели с действиями")
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете сделать: `update`, `approve`, `complete`, `archive`, `mark_done`, `undo`",
    )


class EvidenceFileRead(ReadModel):
    id: uuid.UUID = Field(description="Файл")
    name: str = Field(description="Имя файла")
    size: int = Field(description="Размер, байт")


class EvidenceOption(ReadModel):
    kind: Literal["participation", "course"] = Field(description="Участие в мероприятии или курс")
    id: uuid.UUID = Field(description="Запись")
    title: str = Field(description="Название мероприятия или курса")
    on: date | None = Field(description="Дата (мероприятия; окончания курса)")


class SummaryRow(ReadModel):
    organization_id: uuid.UUID | None = Field(description="Организация (пусто — без организации)")
    organization_name: str | None = Field(description="Организация")
    total: int = Field(description="Маршрутов")
    draft: int = Field(description="Черновиков")
    approved: int = Field(description="Утверждённых")
    in_progress: int = Field(description="Выполняемых")
    completed: int = Field(description="Завершённых")
    with_overdue: int = Field(description="Маршрутов с просроченными действиями")


class RoutesSummary(ReadModel):
    total: int = Field(description="Маршрутов всего (не в архиве)")
    by_status: dict[str, int] = Field(description="Маршрутов по статусам")
    with_overdue: int = Field(description="Маршрутов с просроченными действиями")
    organizations: list[SummaryRow] = Field(description="По организациям")
