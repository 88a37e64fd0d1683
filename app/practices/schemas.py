"""Practice bank: input with examples (a practice, the transitions, a review, a criterion), the read models with the
names, materials, presentations, reviews' outcome and the caller's `actions`, the list's filters."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, model_validator

from app.core.pagination import Page
from app.core.periods import Period
from app.core.schemas import (
    EXAMPLE_MUNICIPALITY_ID,
    EXAMPLE_ORGANIZATION_ID,
    EXAMPLE_TEACHER_ID,
    InputModel,
    ReadModel,
    examples,
    patch_field,
)

PracticeKind = Literal["lesson_plan", "programme", "technique", "case", "video"]
PracticeStatus = Literal["draft", "submitted", "under_review", "published", "returned"]
Recommendation = Literal["publish", "revise", "reject"]
URL_RE = r"^https?://\S+$"
CODE_RE = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class PracticeFilters:
    """The list's filters (also of its export)."""

    q: str | None
    period: Period | None
    organization_id: uuid.UUID | None
    status: list[str] | None
    level: list[str] | None
    kind: list[str] | None
    area: list[str] | None
    subject: list[str] | None
    teacher_id: uuid.UUID | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class PracticeMaterialIn(InputModel):
    title: str = Field(min_length=1, max_length=300, description="Название материала")
    file_id: uuid.UUID | None = Field(default=None, description="Файл, загруженный через /files")
    url: str | None = Field(default=None, max_length=1000, pattern=URL_RE, description="Ссылка (http/https)")

    @model_validator(mode="after")
    def _one_target(self) -> PracticeMaterialIn:
        if (self.file_id is None) == (self.url is None):
            raise ValueError("Укажите либо файл, либо ссылку")
        return self


class PracticeCreate(InputModel):
    model_config = examples(
        {
            "title": "Проектная деятельность на уроках математики в 5–6 классах",
            "organization_id": EXAMPLE_ORGANIZATION_ID,
            "author_ids": [EXAMPLE_TEACHER_ID],
            "kind": "technique",
            "level": "municipal",
            "description": "Система мини-проектов, которые ученики выполняют в группах по итогам каждой темы.",
            "competence_areas": ["methodical"],
            "subjects": ["mathematics"],
            "materials": [{"title": "Презентация", "url": "https://example.org/practice.pptx"}],
        }
    )

    title: str = Field(min_length=3, max_length=500, description="Название практики")
    organization_id: uuid.UUID = Field(description="Организация, которой принадлежит практика (школа авторов)")
    author_ids: list[uuid.UUID] = Field(min_length=1, max_length=20, description="Авторы (педагоги)")
    kind: PracticeKind = Field(
        description="Вид: `lesson_plan` — конспект урока, `programme` — программа, `technique` — методика, "
        "`case` — кейс, `video` — видеоматериал"
    )
    level: str = Field(
        default="school", max_length=64, description="Уровень (справочник уровней мероприятий: school … federal)"
    )
    description: str | None = Field(default=None, max_length=20000, description="Описание практики")
    keywords: str | None = Field(default=None, max_length=500, description="Ключевые слова (для поиска)")
    competence_areas: list[str] = Field(default_factory=list, max_length=20, description="Области компетенций (коды)")
    subjects: list[str] = Field(default_factory=list, max_length=30, description="Предметы (коды справочника)")
    materials: list[PracticeMaterialIn] = Field(
        default_factory=list, max_length=50, description="Материалы: файлы и ссылки"
    )
    participation_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=50,
        description="Выступления автора на мероприятиях, где практика была представлена (участие в роли `speaker`)",
    )


class PracticeUpdate(InputModel):
    model_config = examples({"title": "Проектная деятельность на уроках математики", "keywords": "проект, группа"})

    title: str = patch_field(min_length=3, max_length=500, description="Название практики")
    organization_id: uuid.UUID = patch_field(description="Организация практики")
    author_ids: list[uuid.UUID] = patch_field(min_length=1, max_length=20, description="Авторы; заменяет список")
    kind: PracticeKind = patch_field(description="Вид практики")
    level: str = patch_field(max_length=64, description="Уровень")
    description: str | None = Field(default=None, max_length=20000, description="Описание практики")
    keywords: str | None = Field(default=None, max_length=500, description="Ключевые слова")
    competence_areas: list[str] = patch_field(max_length=20, description="Области компетенций; заменяет список")
    subjects: list[str] = patch_field(max_length=30, description="Предметы; заменяет список")
    materials: list[PracticeMaterialIn] = patch_field(max_length=50, description="Материалы; заменяет список")
    participation_ids: list[uuid.UUID] = patch_field(max_length=50, description="Выступления; заменяет список")


class PracticeTransitionRequest(InputModel):
    model_config = examples({"comment": "Практика готова к экспертизе"})

    comment: str | None = Field(default=None, max_length=4000, description="Комментарий (в журнал изменений)")


class PracticePublishRequest(InputModel):
    model_config = examples({"comment": "Экспертиза пройдена"}, {"published_on": "2022-10-14"})

    comment: str | None = Field(default=None, max_length=4000, description="Комментарий (в журнал изменений)")
    published_on: date | None = Field(
        default=None,
        description="Дата публикации для исторических данных (не позже сегодняшней); по умолчанию — сегодня. "
        "Записывается только при первой публикации",
    )


class PracticeReturnRequest(InputModel):
    model_config = examples({"comment": "Добавьте описание результатов и материалы урока"})

    comment: str = Field(min_length=3, max_length=4000, description="Что доработать (обязательно)")


class PracticeStartReviewRequest(InputModel):
    model_config = examples({"reviewer_ids": []})

    reviewer_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=10,
        description="Эксперты (пользователи с правом экспертизы); пусто — экспертом назначается сам методист",
    )


class PracticeReviewCreate(InputModel):
    model_config = examples(
        {
            "scores": {"relevance": 3, "novelty": 2, "significance": 3, "replicability": 2, "design": 3},
            "recommendation": "publish",
            "comment": "Практика актуальна и тиражируема; рекомендую к публикации.",
        }
    )

    scores: dict[str, int] = Field(description="Баллы по критериям муниципалитета: код критерия → балл (0…максимум)")
    recommendation: Recommendation = Field(
        description="Рекомендация: `publish` — опубликовать, `revise` — доработать, `reject` — отклонить"
    )
    comment: str | None = Field(default=None, max_length=4000, description="Комментарий эксперта")


class PracticeCriterionCreate(InputModel):
    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "code": "effect",
            "name": "Результативность",
            "max_score": 3,
            "sort_order": 60,
        }
    )

    municipality_id: uuid.UUID | None = Field(
        default=None, description="Муниципалитет (по умолчанию — ваш единственный)"
    )
    code: str = Field(min_length=2, max_length=64, pattern=CODE_RE, description="Код (латиница)")
    name: str = Field(min_length=2, max_length=300, description="Название критерия")
    max_score: int = Field(default=3, ge=1, le=100, description="Максимальный балл")
    sort_order: int = Field(default=0, ge=0, le=10000, description="Порядок")


class PracticeCriterionUpdate(InputModel):
    model_config = examples({"name": "Практическая значимость", "max_score": 5})

    name: str = patch_field(min_length=2, max_length=300, description="Название критерия")
    max_score: int = patch_field(ge=1, le=100, description="Максимальный балл")
    sort_order: int = patch_field(ge=0, le=10000, description="Порядок")
    is_active: bool = patch_field(description="Применяется ли в новых рецензиях")


class PracticeCriterionRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    code: str
    name: str
    max_score: int = Field(description="Максимальный балл")
    sort_order: int
    is_active: bool = Field(description="Применяется в новых рецензиях")
    version: int
    actions: list[str] = Field(default_factory=list, description="`update`")


class PracticeCriteriaList(ReadModel):
    items: list[PracticeCriterionRead]
    total: int


class PracticeAuthorRead(ReadModel):
    teacher_id: uuid.UUID
    full_name: str = Field(description="ФИО")
    organization_name: str | None = Field(default=None, description="Место работы сегодня")


class PracticeMaterialRead(ReadModel):
    id: uuid.UUID
    title: str
    file_id: uuid.UUID | None = Field(description="Файл (модуль файлов)")
    url: str | None = Field(description="Ссылка")
    content_url: str | None = Field(default=None, description="Ссылка для скачивания файла")


class PracticePresentationRead(ReadModel):
    participation_id: uuid.UUID = Field(description="Участие педагога в мероприятии (роль — выступающий)")
    teacher_id: uuid.UUID
    teacher_name: str = Field(description="Выступавший автор: ФИО")
    event_id: uuid.UUID = Field(description="Мероприятие")
    event_title: str = Field(description="Название мероприятия")
    event_start_date: date = Field(description="Дата мероприятия")
    event_level: str = Field(description="Уровень мероприятия (код)")
    presentation_title: str | None = Field(description="Тема выступления")


class PracticeReviewRead(ReadModel):
    id: uuid.UUID
    round: int = Field(description="Круг экспертизы (после возврата и повторной подачи — следующий)")
    reviewer_id: uuid.UUID = Field(description="Эксперт (пользователь)")
    reviewer_name: str = Field(description="Эксперт: ФИО")
    status: str = Field(description="`assigned` — назначена, `done` — проведена")
    scores: dict[str, int] = Field(description="Баллы: код критерия → балл")
    criteria: list[dict[str, object]] = Field(description="Критерии, как они были на момент рецензии")
    total: int | None = Field(description="Сумма баллов")
    max_total: int | None = Field(description="Наибольшая возможная сумма")
    recommendation: str | None = Field(description="`publish`, `revise` или `reject`")
    recommendation_label: str | None = Field(default=None, description="Рекомендация (по-русски)")
    comment: str | None = Field(description="Комментарий эксперта")
    reviewed_at: datetime | None = Field(description="Когда проведена экспертиза")


class PracticeRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str | None = None
    title: str
    kind: str
    kind_label: str = Field(default="", description="Вид (по-русски)")
    level: str
    level_label: str = Field(default="", description="Уровень (по-русски)")
    description: str | None
    keywords: str | None = Field(description="Ключевые слова")
    competence_areas: list[str] = Field(description="Области компетенций (коды)")
    competence_area_labels: list[str] = Field(default_factory=list, description="Области компетенций (названия)")
    subjects: list[str]
    subject_labels: list[str] = Field(default_factory=list, description="Предметы (названия)")
    status: str
    status_label: str = Field(default="", description="Статус (по-русски)")
    submitted_at: datetime | None = Field(description="Когда подана на экспертизу (последний раз)")
    published_at: datetime | None = Field(description="Дата первой публикации; не меняется при правках")
    return_comment: str | None = Field(description="Почему возвращена на доработку (последний возврат)")
    review_round: int = Field(description="Номер текущего круга экспертизы (0 — ещё не было)")
    authors: list[PracticeAuthorRead] = Field(default_factory=list, description="Авторы")
    materials: list[PracticeMaterialRead] = Field(default_factory=list, description="Материалы")
    presentations: list[PracticePresentationRead] = Field(
        default_factory=list, description="Где практика была представлена (выступления авторов)"
    )
    reviews: list[PracticeReviewRead] = Field(
        default_factory=list, description="Рецензии (всех кругов; у опубликованной — для всех читателей)"
    )
    review_total: float | None = Field(default=None, description="Средний итоговый балл рецензий последнего круга")
    review_max: int | None = Field(default=None, description="Наибольший возможный балл рецензии")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    snippet: str | None = Field(default=None, description="Фрагмент текста с найденными словами (при поиске)")
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете сделать: `update`, `archive`, `submit`, `start_review`, `review`, `publish`, "
        "`return`",
    )


class PracticePage(Page[PracticeRead]):
    pass


class PracticeReviewerCandidate(ReadModel):
    user_id: uuid.UUID
    full_name: str
    conflict: str | None = Field(description="Почему не может быть экспертом этой практики (или пусто)")


class PracticeReviewerCandidates(ReadModel):
    items: list[PracticeReviewerCandidate]
    total: int
