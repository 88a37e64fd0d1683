"""Diagnostics: the typed content of an instrument (sections by area, items as a discriminated union — single
choice, multiple choice, self-assessment scale, short text — and the scoring scale with its bands), the inputs with
examples (instruments, campaigns, answers), the read models with `actions`, and the filters of the lists."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from app.core.schemas import (
    EXAMPLE_MUNICIPALITY_ID,
    EXAMPLE_ORGANIZATION_ID,
    InputModel,
    ReadModel,
    examples,
    patch_field,
)

# The shipped content (migration 0024): fixed ids.
SHIPPED_FRAMEWORK_ID = uuid.UUID("d1a90000-0000-4000-8000-000000000001")
SHIPPED_INSTRUMENT_ID = uuid.UUID("d1a90000-0000-4000-8000-000000000101")
SHIPPED_TOPIC_SURVEY_ID = uuid.UUID("d1a90000-0000-4000-8000-000000000201")

Kind = Literal["deficit", "adaptation", "topic_survey"]
Band = Literal["deficit", "partial", "none"]
AssignmentStatus = Literal["assigned", "in_progress", "submitted"]

CODE_PATTERN = r"^[A-Za-z0-9_.\-]{1,32}$"
KEY_PATTERN = r"^[a-z0-9]{1,8}$"
MAX_ITEMS = 300


# --- the content of an instrument ---


class Option(InputModel):
    key: str = Field(pattern=KEY_PATTERN, description="Ключ варианта ответа (`a`, `b`, …), уникален в задании")
    text: str = Field(min_length=1, max_length=1000, description="Текст варианта")


class _Item(InputModel):
    code: str = Field(pattern=CODE_PATTERN, description="Код задания, уникален в инструменте (`subject.1`)")
    text: str = Field(min_length=1, max_length=2000, description="Текст задания")


def _keys(options: list[Option]) -> set[str]:
    keys = [o.key for o in options]
    if len(set(keys)) != len(keys):
        raise ValueError("Ключи вариантов ответа повторяются")
    return set(keys)


class SingleItem(_Item):
    """Single choice: the correct option gives all the points, anything else (or no answer) 0. Without `correct`
    the item is a question of preference (not scored: a topic survey)."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=30, description="Варианты ответа")
    correct: str | None = Field(default=None, description="Ключ верного варианта; пусто — задание не оценивается")
    points: int = Field(default=1, ge=0, le=100, description="Баллы за верный ответ")

    @model_validator(mode="after")
    def _check(self) -> SingleItem:
        keys = _keys(self.options)
        if self.correct is not None and self.correct not in keys:
            raise ValueError(f"Верный вариант «{self.correct}» не найден среди вариантов")
        if self.correct is None:
            self.points = 0
        elif self.points == 0:
            raise ValueError("У оцениваемого задания баллов должно быть больше 0")
        return self


class MultipleItem(_Item):
    """Multiple choice. Scored: points × max(0, correct chosen − wrong chosen) / number of correct options (each
    wrong choice cancels one correct one; choosing everything gives 0 unless every option is correct). Without
    `correct` the item is a question of preference (a topic survey), with at most `max_choices` choices."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2, max_length=30, description="Варианты ответа")
    correct: list[str] | None = Field(
        default=None, description="Ключи верных вариантов; пусто — задание не оценивается (опрос)"
    )
    points: int = Field(default=1, ge=0, le=100, description="Баллы за полностью верный ответ")
    max_choices: int | None = Field(default=None, ge=1, le=30, description="Сколько вариантов можно выбрать")

    @model_validator(mode="after")
    def _check(self) -> MultipleItem:
        keys = _keys(self.options)
        if self.correct is not None:
            if not self.correct:
                raise ValueError("Укажите хотя бы один верный вариант или оставьте поле пустым (опрос)")
            if len(set(self.correct)) != len(self.correct):
                raise ValueError("Верные варианты повторяются")
            if missing := [k for k in self.correct if k not in keys]:
                raise ValueError(f"Верные варианты не найдены среди вариантов: {', '.join(missing)}")
            if self.points == 0:
                raise ValueError("У оцениваемого задания баллов должно быть больше 0")
        else:
            self.points = 0
        return self


class ScaleItem(_Item):
    """Self-assessment on a scale 0…`scale_max`: the chosen value is the score, `scale_max` the maximum."""

    type: Literal["scale"]
    scale_max: int = Field(ge=1, le=10, description="Верх шкалы самооценки (шкала 0…N)")
    scale_labels: list[str] | None = Field(
        default=None, description="Подписи значений 0…N (по одной на значение)", max_length=11
    )

    @model_validator(mode="after")
    def _check(self) -> ScaleItem:
        if self.scale_labels is not None and len(self.scale_labels) != self.scale_max + 1:
            raise ValueError(f"Подписей шкалы должно быть {self.scale_max + 1} (значения 0…{self.scale_max})")
        return self


class TextItem(_Item):
    """A short text (needs, wishes): not scored."""

    type: Literal["text"]
    max_length: int = Field(default=1000, ge=1, le=4000, description="Предельная длина ответа")


Item = Annotated[SingleItem | MultipleItem | ScaleItem | TextItem, Field(discriminator="type")]


class Section(InputModel):
    area_code: str | None = Field(
        default=None, max_length=64, description="Область компетенций (код справочника); пусто — раздел без оценки"
    )
    title: str = Field(min_length=1, max_length=500, description="Название раздела")
    items: list[Item] = Field(min_length=1, max_length=MAX_ITEMS, description="Задания раздела")


class BandLimits(InputModel):
    deficit_below: int = Field(
        default=50, ge=1, le=100, description="Ниже этого процента — «дефицит» (по умолчанию 50)"
    )
    partial_below: int = Field(
        default=75, ge=1, le=100, description="Ниже этого процента — «частичный дефицит», иначе «нет» (75)"
    )

    @model_validator(mode="after")
    def _order(self) -> BandLimits:
        if self.deficit_below > self.partial_below:
            raise ValueError("Граница «дефицит» не может быть выше границы «частичный дефицит»")
        return self


class ScoringScale(BandLimits):
    """The bands of the instrument version (percent of the area's maximum): below `deficit_below` — deficit, below
    `partial_below` — partial, otherwise none; `areas` overrides them for single areas."""

    areas: dict[str, BandLimits] = Field(default_factory=dict, description="Свои границы для отдельных областей")

    def limits(self, area_code: str) -> BandLimits:
        return self.areas.get(area_code, self)


class InstrumentContent(InputModel):
    sections: list[Section] = Field(min_length=1, max_length=50, description="Разделы по областям")
    scale: ScoringScale = Field(default_factory=ScoringScale, description="Шкала оценки с границами уровней")

    @model_validator(mode="after")
    def _unique(self) -> InstrumentContent:
        codes = [i.code for s in self.sections for i in s.items]
        if len(codes) > MAX_ITEMS:
            raise ValueError(f"Заданий больше {MAX_ITEMS}")
        if dupes := sorted({c for c in codes if codes.count(c) > 1}):
            raise ValueError(f"Коды заданий повторяются: {', '.join(dupes)}")
        areas = {s.area_code for s in self.sections if s.area_code}
        if extra := sorted(set(self.scale.areas) - areas):
            raise ValueError(f"Границы заданы для областей, которых нет в разделах: {', '.join(extra)}")
        return self

    def items(self) -> dict[str, Any]:
        return {i.code: i for s in self.sections for i in s.items}


EXAMPLE_SECTIONS = [
    {
        "area_code": "methodical",
        "title": "Методическая компетентность",
        "items": [
            {
                "code": "m.1",
                "type": "single",
                "text": "Что из перечисленного — планируемый результат урока?",
                "options": [{"key": "a", "text": "Объяснить тему"}, {"key": "b", "text": "Ученики сравнят способы"}],
                "correct": "b",
                "points": 2,
            },
            {"code": "m.2", "type": "scale", "text": "Я проектирую урок по ФГОС", "scale_max": 3},
            {"code": "m.3", "type": "text", "text": "Какая помощь вам нужна?"},
        ],
    }
]


# --- instruments: input ---


class InstrumentCreate(InstrumentContent):
    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "kind": "deficit",
            "title": "Диагностика методических дефицитов учителей математики",
            "sections": EXAMPLE_SECTIONS,
            "scale": {"deficit_below": 50, "partial_below": 75, "areas": {}},
        }
    )

    municipality_id: uuid.UUID | None = Field(default=None, description="Муниципалитет-владелец (по умолчанию — ваш)")
    kind: Kind = Field(
        default="deficit",
        description="`deficit` — диагностика дефицитов, `adaptation` — адаптация молодых педагогов, "
        "`topic_survey` — опрос о темах",
    )
    title: str = Field(min_length=3, max_length=500, description="Название")
    description: str | None = Field(default=None, max_length=4000, description="Описание для педагога")
    framework_id: uuid.UUID | None = Field(default=None, description="Рамка компетенций")


class InstrumentUpdate(InputModel):
    model_config = examples({"title": "Диагностика методических дефицитов (уточнённая)"})

    title: str = patch_field(min_length=3, max_length=500, description="Название")
    description: str | None = Field(default=None, max_length=4000, description="Описание для педагога")
    kind: Kind = patch_field(description="Вид инструмента")
    framework_id: uuid.UUID | None = Field(default=None, description="Рамка компетенций")
    sections: list[Section] = patch_field(min_length=1, max_length=50, description="Разделы по областям")
    scale: ScoringScale = patch_field(description="Шкала оценки с границами уровней")


class NewVersionRequest(InputModel):
    model_config = examples({"municipality_id": EXAMPLE_MUNICIPALITY_ID})

    municipality_id: uuid.UUID | None = Field(
        default=None,
        description="Для копии поставляемого инструмента — муниципалитет, которому она будет принадлежать "
        "(по умолчанию — ваш)",
    )


# --- instruments: read ---


class InstrumentSummary(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None = Field(description="Муниципалитет; пусто — поставляется с системой")
    family_id: uuid.UUID = Field(description="Общий идентификатор всех версий инструмента")
    instrument_version: int = Field(description="Номер версии")
    framework_id: uuid.UUID | None = Field(description="Рамка компетенций")
    kind: str = Field(description="Вид: `deficit`, `adaptation`, `topic_survey`")
    kind_label: str = Field(default="", description="Вид (по-русски)")
    title: str
    description: str | None
    status: str = Field(description="`draft` — черновик, `published` — опубликован (не меняется)")
    status_label: str = Field(default="", description="Состояние (по-русски)")
    published_at: datetime | None = Field(description="Когда опубликована версия")
    item_count: int = Field(default=0, description="Заданий")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(
        default_factory=list,
        description="Что вы можете сделать: `update`, `publish`, `new_version`, `archive`, `export`",
    )


class InstrumentRead(InstrumentSummary):
    sections: list[dict[str, Any]] = Field(description="Разделы с заданиями (типы: single, multiple, scale, text)")
    scale: dict[str, Any] = Field(description="Шкала оценки: `deficit_below`, `partial_below`, `areas`")
    area_max: dict[str, float] = Field(default_factory=dict, description="Максимум баллов по каждой области")


class InstrumentExport(InstrumentContent):
    """The JSON file of an instrument (export and import)."""

    format: Literal["mms-instrument/1"] = "mms-instrument/1"
    kind: Kind = "deficit"
    title: str = Field(min_length=3, max_length=500)
    description: str | None = Field(default=None, max_length=4000)


class InstrumentImportIssue(ReadModel):
    line: int | None = Field(default=None, description="Строка файла (для XLSX)")
    field: str | None = Field(default=None, description="Колонка или поле")
    message: str


class InstrumentImportReport(ReadModel):
    ok: bool = Field(description="Файл без ошибок")
    dry_run: bool
    errors: list[InstrumentImportIssue] = Field(default_factory=list)
    item_count: int = Field(default=0, description="Заданий")
    section_count: int = Field(default=0, description="Разделов")
    instrument: InstrumentRead | None = Field(default=None, description="Созданный черновик (без проверки)")


# --- frameworks ---


class FrameworkAreaRead(ReadModel):
    area_code: str = Field(description="Область компетенций (код)")
    area_name: str = Field(default="", description="Область компетенций")
    labour_functions: list[str] = Field(description="Трудовые функции профстандарта «Педагог» (A/01.6 …)")
    description: str | None


class FrameworkRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None
    code: str
    framework_version: int = Field(description="Номер версии рамки")
    name: str
    description: str | None
    areas: list[FrameworkAreaRead] = Field(default_factory=list, description="Области рамки")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None


@dataclass(frozen=True)
class InstrumentFilters:
    kind: str | None
    status: str | None
    family_id: uuid.UUID | None
    q: str | None
    include_archived: bool


# --- campaigns ---


class CampaignTarget(InputModel):
    organization_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=500, description="Организации (пусто — все организации муниципалитета)"
    )
    position_codes: list[str] = Field(default_factory=list, max_length=100, description="Должности (коды)")
    subject_codes: list[str] = Field(default_factory=list, max_length=100, description="Предметы (коды)")
    young_only: bool = Field(default=False, description="Только молодые педагоги (по правилу муниципалитета)")


class CampaignCreate(InputModel):
    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "instrument_id": str(SHIPPED_INSTRUMENT_ID),
            "title": "Мониторинг профессиональных дефицитов 2027",
            "opens_on": "2027-04-01",
            "closes_on": "2027-04-30",
            "target": {"organization_ids": [EXAMPLE_ORGANIZATION_ID], "young_only": False},
            "repeat_yearly": True,
        }
    )

    municipality_id: uuid.UUID | None = Field(default=None, description="Муниципалитет (по умолчанию — ваш)")
    instrument_id: uuid.UUID = Field(description="Опубликованная версия инструмента")
    title: str = Field(min_length=3, max_length=500, description="Название мониторинга")
    opens_on: date = Field(description="Открывается (включительно)")
    closes_on: date = Field(description="Закрывается (включительно)")
    target: CampaignTarget = Field(default_factory=CampaignTarget, description="Кому назначить")
    repeat_yearly: bool = Field(default=False, description="Повторять ежегодно (копия на следующий год)")

    @model_validator(mode="after")
    def _window(self) -> CampaignCreate:
        if self.closes_on < self.opens_on:
            raise ValueError("Дата закрытия раньше даты открытия")
        return self


class CampaignUpdate(InputModel):
    model_config = examples({"closes_on": "2027-05-15"})

    title: str = patch_field(min_length=3, max_length=500, description="Название мониторинга")
    opens_on: date = patch_field(description="Открывается (только пока назначения не созданы)")
    closes_on: date = patch_field(description="Закрывается (включительно): продлить или сократить окно")
    target: CampaignTarget = patch_field(description="Кому назначить (только пока назначения не созданы)")
    repeat_yearly: bool = patch_field(description="Повторять ежегодно")


class CompletionRow(ReadModel):
    organization_id: uuid.UUID | None
    organization_name: str | None = None
    assigned: int = Field(description="Назначено педагогам")
    started: int = Field(description="Начали, но не отправили")
    submitted: int = Field(description="Отправили")
    percent: float | None = Field(description="Доля отправивших, %; пусто — никому не назначено")


class CampaignRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    instrument_id: uuid.UUID = Field(description="Версия инструмента")
    instrument_title: str = Field(default="", description="Инструмент: название")
    instrument_version: int = Field(default=0, description="Инструмент: номер версии")
    instrument_kind: str = Field(default="", description="Инструмент: вид")
    title: str
    opens_on: date = Field(description="Открывается (включительно)")
    closes_on: date = Field(description="Закрывается (включительно)")
    state: str = Field(default="", description="`scheduled` — ещё не открыт, `open`, `closed`")
    target: dict[str, Any] = Field(description="Кому назначено: организации, должности, предметы, только молодые")
    repeat_yearly: bool = Field(description="Повторяется ежегодно")
    repeated_from_id: uuid.UUID | None = Field(description="Мониторинг прошлого года, копией которого создан")
    launched_at: datetime | None = Field(description="Когда созданы назначения")
    launch_job_id: uuid.UUID | None = Field(
        default=None,
        description="Фоновая задача, которая создаёт назначения большого мониторинга (только в ответе создания)",
    )
    assigned: int = Field(default=0, description="Назначено педагогам")
    submitted: int = Field(default=0, description="Отправили ответы")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="`archive`")


@dataclass(frozen=True)
class CampaignFilters:
    instrument_id: uuid.UUID | None
    state: str | None
    include_archived: bool


class TopicRow(ReadModel):
    rank: int
    item_code: str = Field(description="Код задания")
    option_key: str = Field(description="Ключ варианта")
    text: str = Field(description="Тема (текст варианта)")
    votes: int = Field(description="Сколько педагогов выбрали")
    percent: float | None = Field(description="Доля отправивших опрос, %")


class TopicResults(ReadModel):
    campaign_id: uuid.UUID = Field(description="Мониторинг")
    respondents: int = Field(description="Отправили ответы")
    topics: list[TopicRow] = Field(description="Темы по убыванию числа выборов")
    texts: list[str] = Field(default_factory=list, description="Ответы свободным текстом (без имён)")


# --- assignments ---

AnswerValue = str | int | list[str] | None


class AnswersUpdate(InputModel):
    model_config = examples({"answers": {"subject.1": "b", "subject.2": ["b", "c"], "subject.3": 2}})

    answers: dict[str, AnswerValue] = Field(
        description='Ответы по кодам заданий: вариант (`"b"`), варианты (`["a", "c"]`), значение шкалы (2) '
        "или текст; `null` — очистить. Переданные ответы заменяют сохранённые, остальные сохраняются",
        max_length=MAX_ITEMS,
    )


class AreaResult(ReadModel):
    area_code: str = Field(description="Область компетенций (код)")
    area_name: str = Field(default="", description="Область компетенций")
    score: Decimal = Field(description="Баллы")
    max_score: Decimal = Field(description="Максимум")
    percent: Decimal = Field(description="Процент от максимума (2 знака)")
    band: str = Field(description="`deficit`, `partial` или `none`")
    band_label: str = Field(default="", description="Уровень (по-русски)")


class AssignmentRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    campaign_id: uuid.UUID = Field(description="Мониторинг")
    campaign_title: str = Field(default="", description="Мониторинг: название")
    opens_on: date | None = Field(default=None, description="Открывается (включительно)")
    closes_on: date | None = Field(default=None, description="Закрывается (включительно)")
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="Педагог: ФИО")
    organization_id: uuid.UUID | None
    organization_name: str | None = None
    status: str = Field(description="`assigned` — не начато, `in_progress` — начато, `submitted` — отправлено")
    status_label: str = Field(default="", description="Состояние (по-русски)")
    started_at: datetime | None = Field(description="Когда начаты ответы")
    submitted_at: datetime | None = Field(description="Когда отправлено")
    last_reminded_at: datetime | None = Field(description="Когда отправлено последнее напоминание")
    reminder_count: int = Field(description="Сколько напоминаний отправлено")
    answered: int = Field(default=0, description="Заданий с ответом")
    item_count: int = Field(default=0, description="Заданий всего")
    version: int
    actions: list[str] = Field(default_factory=list, description="`answer`, `submit`, `remind`")


class MyAssignmentRead(AssignmentRead):
    instrument: InstrumentRead | None = Field(default=None, description="Инструмент с заданиями")
    answers: dict[str, Any] = Field(default_factory=dict, description="Сохранённые ответы")
    results: list[AreaResult] = Field(default_factory=list, description="Профиль дефицитов после отправки")


@dataclass(frozen=True)
class AssignmentFilters:
    campaign_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    status: list[str] | None


# --- deficit profiles ---


class DeficitProfileRead(ReadModel):
    assignment_id: uuid.UUID = Field(description="Назначение (диагностика педагога)")
    municipality_id: uuid.UUID
    campaign_id: uuid.UUID = Field(description="Мониторинг")
    campaign_title: str = Field(default="", description="Мониторинг: название")
    teacher_id: uuid.UUID
    teacher_name: str | None = Field(default=None, description="Педагог: ФИО")
    organization_id: uuid.UUID | None
    organization_name: str | None = None
    submitted_at: datetime = Field(description="Когда отправлено")
    areas: list[AreaResult] = Field(description="Области")
    deficit_areas: list[str] = Field(default_factory=list, description="Области с уровнем «дефицит»")


@dataclass(frozen=True)
class ProfileFilters:
    campaign_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    band: str | None
    area_code: str | None
    assignment_id: uuid.UUID | None = None  # one profile (its page)
