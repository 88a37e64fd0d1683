"""KPIs over HTTP: the passports and measures as read, the values table (`headers`, `rows`, `meta`) with an
example, and the query a calculation runs for."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.core.periods import Period
from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, InputModel, ReadModel, examples

KpiUnit = Literal["percent", "count", "yes_no"]
Breakdown = Literal["none", "organization", "municipality"]
UnitKind = Literal["organization", "municipality", "region"]
RowStatus = Literal["met", "close", "missed", "no_target", "no_data"]
RowSource = Literal["snapshot", "live"]
ValuesMode = Literal["approved", "live"]
SnapshotStatus = Literal["draft", "submitted", "approved", "returned", "superseded", "discarded"]
SnapshotAction = Literal["submit", "approve", "return", "discard"]
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.\-_]*$"


class MeasureFilterRead(BaseModel):
    name: str = Field(description="Имя фильтра в определении показателя")
    type: Literal["enum", "enum_set", "flag"] = Field(description="Тип значения: одно из, список из, да/нет")
    title: str
    values: list[str] = Field(description="Допустимые значения (для enum и enum_set)")


class MeasureRead(BaseModel):
    code: str = Field(examples=["events.participants"])
    name: str
    description: str
    kind: Literal["teachers", "records"] = Field(
        description="teachers — различные учитываемые педагоги; records — записи в их организации"
    )
    module: str = Field(description="Модуль, зарегистрировавший меру")
    population: bool = Field(description="Мера — совокупность педагогов (знаменатель долей)")
    filters: list[MeasureFilterRead] = Field(description="Типизированные фильтры меры")


class IndicatorRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None = Field(description="Пусто — показатель каталога; иначе — муниципалитета")
    code: str = Field(examples=["K-4.2.1"])
    name: str
    description: str
    unit: KpiUnit = Field(description="Единица: percent — доля в процентах, count — количество, yes_no — да/нет")
    periodicity: Literal["academic_year", "year", "half_year"] = Field(
        description="Периодичность: учебный год, календарный год, полугодие"
    )
    numerator_measure: str = Field(description="Мера числителя (код из /kpi/measures)")
    numerator_filters: dict[str, Any] = Field(description="Значения фильтров меры числителя")
    denominator_measure: str | None = Field(description="Мера знаменателя; пусто — показатель-количество")
    denominator_filters: dict[str, Any] = Field(description="Значения фильтров меры знаменателя")
    factor: float = Field(description="Множитель доли (100 для процентов)")
    decimals: int = Field(description="Знаков после запятой в значении")
    direction: Literal["higher", "lower"] = Field(description="higher — больше лучше, lower — меньше лучше")
    source: str | None = Field(description="Источник: документ и пункт")
    definition_version: int = Field(description="Версия определения показателя")
    effective_from: date = Field(description="Действует с")
    effective_to: date | None = Field(description="Действует по (пусто — бессрочно)")
    version: int


class IndicatorList(BaseModel):
    items: list[IndicatorRead]
    total: int


class MeasureList(BaseModel):
    items: list[MeasureRead]
    total: int


class KpiValueRow(BaseModel):
    indicator: str = Field(description="Код показателя")
    period: str = Field(description="Период, «2022/2023»")
    unit_kind: UnitKind = Field(description="Что за единица: организация, муниципалитет, регион")
    unit_id: uuid.UUID = Field(description="Идентификатор организации, муниципалитета или региона")
    unit_name: str = Field(description="Наименование единицы")
    numerator: int = Field(description="Числитель (у количеств — само значение)")
    denominator: int | None = Field(
        description="Пусто у показателей-количеств и «да/нет» одной единицы; у «да/нет» региона — его муниципалитеты"
    )
    value: float | None = Field(
        description="Значение; пусто — «нет данных» (знаменатель 0). «Да/нет»: 1 — да, 0 — нет; организация — есть "
        "своя запись (например, утверждённый документ вида на учебный год), муниципалитет — есть своя запись "
        "муниципалитета (не его школ), итог региона — числитель: муниципалитеты, где есть, знаменатель: все "
        "муниципалитеты, 1 только если есть у всех"
    )
    target: float | None = Field(
        description="Цель муниципалитета на учебный год (строки организаций — цель их муниципалитета)"
    )
    status: RowStatus = Field(
        description="met — цель достигнута; close — почти (не хуже 90 % цели, у «меньше — лучше» не больше 110 %); "
        "missed — не достигнута; no_target — цель не задана; no_data — нет значения (знаменатель 0)"
    )
    source: RowSource = Field(
        default="live", description="snapshot — из утверждённого среза периода; live — рассчитано сейчас"
    )


class KpiIndicatorMeta(BaseModel):
    name: str
    unit: KpiUnit = Field(description="Единица: percent, count, yes_no")
    decimals: int = Field(description="Знаков после запятой")
    definition_version: int = Field(description="Версия определения, по которой рассчитано")
    direction: Literal["higher", "lower"] = Field(description="higher — больше лучше, lower — меньше лучше")


class KpiSnapshotUsed(BaseModel):
    period: str = Field(description="Период среза")
    municipality_id: uuid.UUID = Field(description="Муниципалитет среза")
    snapshot_id: uuid.UUID = Field(description="Срез")
    status: Literal["approved"] = Field(description="Всегда approved: используются только утверждённые срезы")
    approved_at: datetime | None = Field(description="Когда утверждён")


class KpiValuesMeta(BaseModel):
    period: str = Field(description="Последний из запрошенных периодов, «2022/2023»")
    reference_date: date = Field(
        description="Дата отсчёта последнего периода: его последний день или сегодня, если он идёт"
    )
    periods: list[str] = Field(description="Все запрошенные периоды по порядку (тренд)")
    reference_dates: dict[str, date] = Field(description="Дата отсчёта каждого периода")
    breakdown: Breakdown = Field(description="Разбивка строк")
    mode: ValuesMode = Field(
        description="Запрошенный режим: approved — значения утверждённых срезов, где они есть (остальное — "
        "рассчитано сейчас); live — всё рассчитано сейчас по исходным записям"
    )
    indicators: dict[str, KpiIndicatorMeta] = Field(description="Паспорта показателей ответа по кодам")
    snapshots: list[KpiSnapshotUsed] = Field(
        default_factory=list, description="Утверждённые срезы, из которых взяты строки (source=snapshot)"
    )


class KpiValues(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "headers": [
                        "indicator",
                        "period",
                        "unit_kind",
                        "unit_id",
                        "unit_name",
                        "numerator",
                        "denominator",
                        "value",
                        "target",
                        "status",
                        "source",
                    ],
                    "rows": [
                        {
                            "indicator": "K-4.2.1",
                            "period": "2022/2023",
                            "unit_kind": "organization",
                            "unit_id": "3f1c8a52-2b1e-4d7a-9c55-0a1b2c3d4e5f",
                            "unit_name": "МБОУ «Гимназия № 1»",
                            "numerator": 1,
                            "denominator": 10,
                            "value": 10.0,
                            "target": 12.0,
                            "status": "close",
                            "source": "snapshot",
                        }
                    ],
                    "meta": {
                        "period": "2022/2023",
                        "reference_date": "2023-08-31",
                        "periods": ["2022/2023"],
                        "reference_dates": {"2022/2023": "2023-08-31"},
                        "breakdown": "organization",
                        "mode": "approved",
                        "snapshots": [
                            {
                                "period": "2022/2023",
                                "municipality_id": EXAMPLE_MUNICIPALITY_ID,
                                "snapshot_id": "6b1f0d8e-3c2a-4e5f-9a7b-1c2d3e4f5a6b",
                                "status": "approved",
                                "approved_at": "2023-09-15T10:00:00Z",
                            }
                        ],
                        "indicators": {
                            "K-4.2.1": {
                                "name": "Доля педагогов, демонстрирующих эффективные практики на муниципальном уровне",
                                "unit": "percent",
                                "decimals": 6,
                                "definition_version": 1,
                                "direction": "higher",
                            }
                        },
                    },
                }
            ]
        }
    )

    headers: list[str] = Field(description="Имена столбцов строк (для табличных клиентов)")
    rows: list[KpiValueRow] = Field(description="Строки: показатель × единица разбивки")
    meta: KpiValuesMeta = Field(description="Сведения о расчёте и показателях")


@dataclass(frozen=True)
class ValuesQuery:
    indicators: list[str] | None  # None: the municipality's set (or the whole catalogue)
    periods: list[Period]
    organization_id: uuid.UUID | None
    municipality_id: uuid.UUID | None
    region_id: uuid.UUID | None
    breakdown: Breakdown
    mode: ValuesMode = "approved"


@dataclass(frozen=True)
class DrilldownQuery:
    indicator: str
    period: Period
    organization_id: uuid.UUID | None
    municipality_id: uuid.UUID | None
    region_id: uuid.UUID | None
    part: Literal["numerator", "denominator"]


class KpiDrilldownItem(BaseModel):
    teacher_id: uuid.UUID = Field(description="Педагог")
    full_name: str = Field(description="ФИО")
    organization_id: uuid.UUID = Field(description="Организация, где педагог учитывается на дату отсчёта")
    organization_name: str | None = Field(description="Её краткое наименование")


class KpiExplain(BaseModel):
    indicator: str = Field(description="Код показателя")
    definition_version: int = Field(description="Версия определения")
    period: str = Field(description="Период")
    reference_date: date = Field(description="Дата отсчёта")
    population_measure: str = Field(description="Совокупность педагогов: учитываемые или молодые учитываемые")
    numerator_measure: str = Field(description="Мера числителя")
    numerator_filters: dict[str, Any] = Field(description="Фильтры числителя")
    denominator_measure: str | None = Field(description="Мера знаменателя")
    denominator_filters: dict[str, Any] = Field(description="Фильтры знаменателя")
    numerator: int = Field(description="Числитель: педагогов в совокупности, отвечающих мере числителя")
    denominator: int | None = Field(description="Знаменатель: педагогов совокупности (с условием знаменателя)")
    value: float | None = Field(description="Значение; пусто — нет данных")


class KpiDrilldownRecord(BaseModel):
    record_id: uuid.UUID = Field(
        description="Запись (документ, строка плана-графика, заседание, мероприятие, практика)"
    )
    title: str = Field(description="Название или тема записи")
    on: date | None = Field(description="Дата записи (плановая, проведения, публикации, документа)")
    organization_id: uuid.UUID | None = Field(description="Организация записи; пусто — запись самого муниципалитета")
    organization_name: str | None = Field(description="Её краткое наименование")
    municipality_id: uuid.UUID = Field(description="Муниципалитет записи")


class KpiDrilldown(BaseModel):
    items: list[KpiDrilldownItem] = Field(description="Педагоги по алфавиту (у показателей по педагогам)")
    records: list[KpiDrilldownRecord] = Field(
        default_factory=list,
        description="Учтённые записи, новые сначала (у показателей по записям: количества, доли записей, «да/нет»)",
    )
    total: int = Field(description="Сколько всего (педагогов или записей)")
    explain: KpiExplain = Field(description="Как получено значение")


HEADERS = list(KpiValueRow.model_fields)


class IndicatorCreate(InputModel):
    """A municipality's own indicator from the registered measures: filters are values checked against the
    measure's declared filters, never SQL."""

    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "code": "M-SPEAK-REG",
            "name": "Доля педагогов, выступавших на региональных мероприятиях",
            "description": "Учитываемые педагоги, выступавшие на мероприятиях регионального уровня и выше.",
            "unit": "percent",
            "numerator_measure": "events.participants",
            "numerator_filters": {"level_min": "regional", "roles": ["speaker"]},
            "denominator_measure": "teachers.counted",
        }
    )

    municipality_id: uuid.UUID | None = Field(
        default=None, description="Муниципалитет показателя (по умолчанию — муниципалитет пользователя)"
    )
    code: str = Field(
        min_length=2, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-_]*$", description="Код показателя"
    )
    name: str = Field(min_length=3, max_length=500, description="Наименование")
    description: str = Field(min_length=3, max_length=4000, description="Определение: что считается")
    unit: KpiUnit = Field(description="Единица: percent, count, yes_no")
    numerator_measure: str = Field(max_length=64, description="Мера числителя (код из /kpi/measures)")
    numerator_filters: dict[str, Any] = Field(default_factory=dict, description="Значения фильтров числителя")
    denominator_measure: str | None = Field(default=None, max_length=64, description="Мера знаменателя")
    denominator_filters: dict[str, Any] = Field(default_factory=dict, description="Значения фильтров знаменателя")
    decimals: int = Field(default=1, ge=0, le=6, description="Знаков после запятой")
    direction: Literal["higher", "lower"] = Field(default="higher", description="Больше или меньше — лучше")
    source: str | None = Field(default=None, max_length=500, description="Источник: документ и пункт")
    effective_from: date = Field(default=date(2000, 1, 1), description="Действует с")


class IndicatorPreview(IndicatorCreate):
    """An unsaved definition from the indicator editor and the period to compute it for: the same fields and checks
    as creating an indicator (the code, name and description may be left out while the form is being filled in),
    nothing stored."""

    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "name": "Доля проведённых заседаний ГМО по плану-графику",
            "description": "Проведённые заседания плана-графика ГМО / заседания плана-графика ГМО периода.",
            "unit": "percent",
            "numerator_measure": "associations.meetings_held_per_plan",
            "numerator_filters": {"level": "city"},
            "denominator_measure": "associations.meetings_planned",
            "denominator_filters": {"level": "city"},
            "period": "2025/2026",
        }
    )

    code: str | None = Field(  # type: ignore[assignment]
        default=None,
        min_length=2,
        max_length=32,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-_]*$",
        description="Код показателя (необязателен; пусто — «PREVIEW»)",
    )
    name: str | None = Field(  # type: ignore[assignment]
        default=None, min_length=3, max_length=500, description="Наименование (необязательно для предпросмотра)"
    )
    description: str | None = Field(  # type: ignore[assignment]
        default=None, min_length=3, max_length=4000, description="Определение (необязательно для предпросмотра)"
    )
    period: Period = Field(description="Период расчёта: учебный год «2025/2026», календарный год или полугодие")


# --- a municipality's set and targets -----------------------------------------------------------------------------

Code = Annotated[str, Field(min_length=1, max_length=32, pattern=CODE_PATTERN)]


class KpiSelectionRead(BaseModel):
    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    codes: list[Code] = Field(description="Коды показателей набора по порядку; пусто — набор ещё не выбран")
    version: int = Field(description="Версия набора для If-Match (0 — ещё не выбирался)")


class KpiSelectionUpdate(InputModel):
    """The municipality's set replaced as a whole, in the order given."""

    model_config = examples(
        {"municipality_id": EXAMPLE_MUNICIPALITY_ID, "codes": ["K-4.2.1", "K-4.3.1", "PD-3Y"]},
    )

    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    codes: list[Code] = Field(max_length=100, description="Коды показателей набора по порядку (пусто — снять выбор)")


class KpiTargetItem(BaseModel):
    code: Code = Field(description="Код показателя")
    target: float | None = Field(
        description="Цель: процент 0…100, да/нет — 0 или 1, количество ≥ 0; пусто (в PUT) — убрать цель"
    )


class KpiTargetItemIn(InputModel):
    code: Code = Field(description="Код показателя")
    target: float | None = Field(
        default=None,
        allow_inf_nan=False,
        ge=-1e9,
        le=1e9,
        description="Цель: процент 0…100, да/нет — 0 или 1, количество ≥ 0; пусто — убрать цель",
    )


class KpiTargetsRead(BaseModel):
    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    period: str = Field(description="Учебный год, «2025/2026»")
    items: list[KpiTargetItem] = Field(description="Цели по показателям (только заданные)")


class KpiTargetsUpdate(InputModel):
    """The targets of one academic year, replaced as a whole: the codes given with a number are set, those given
    empty or not given have no target."""

    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "period": "2025/2026",
            "items": [{"code": "K-4.2.1", "target": 15}, {"code": "PD-3Y", "target": None}],
        }
    )

    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    period: Period = Field(description="Учебный год «2025/2026»")
    items: list[KpiTargetItemIn] = Field(max_length=200, description="Цели по показателям")


# --- snapshots ----------------------------------------------------------------------------------------------------


class KpiSnapshotCreate(InputModel):
    model_config = examples(
        {"municipality_id": EXAMPLE_MUNICIPALITY_ID, "period": "2025/2026", "indicators": ["K-4.2.1", "PD-3Y"]}
    )

    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    period: Period = Field(description="Период: учебный год «2025/2026»")
    indicators: list[Code] | None = Field(
        default=None,
        max_length=100,
        description="Коды показателей; по умолчанию — набор муниципалитета, если не выбран — весь каталог",
    )


class KpiSnapshotReturn(InputModel):
    model_config = examples({"comment": "Не внесены выступления СОШ № 5 на городском семинаре"})

    comment: str = Field(min_length=1, max_length=2000, description="Что доработать (обязательно)")


class KpiSnapshotEvent(BaseModel):
    at: datetime = Field(description="Когда")
    action: Literal["created", "submitted", "approved", "returned", "superseded", "discarded"] = Field(
        description="Шаг: создан, отправлен, утверждён, возвращён, заменён новым, отменён"
    )
    by_name: str | None = Field(description="Кто")
    comment: str | None = Field(description="Комментарий")


class KpiSnapshotRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID = Field(description="Муниципалитет")
    municipality_name: str = Field(description="Наименование муниципалитета")
    period: str = Field(description="Период, «2025/2026»")
    status: SnapshotStatus = Field(
        description="draft — черновик; submitted — на утверждении; approved — утверждён; returned — возвращён на "
        "доработку; superseded — заменён новым утверждённым; discarded — отменён"
    )
    indicators: list[str] = Field(description="Коды показателей среза")
    reference_date: date = Field(description="Дата отсчёта расчёта")
    created_at: datetime = Field(description="Создан (значения рассчитаны в этот момент)")
    created_by_name: str | None = Field(description="Кто создал")
    submitted_at: datetime | None = Field(description="Когда отправлен на утверждение")
    submitted_by_name: str | None = Field(description="Кто отправил")
    decided_at: datetime | None = Field(description="Когда утверждён или возвращён")
    decided_by_name: str | None = Field(description="Кто утвердил или вернул")
    comment: str | None = Field(description="Последний комментарий (при возврате — что доработать)")
    supersedes_id: uuid.UUID | None = Field(description="Утверждённый срез, который этот заменил")
    superseded_by_id: uuid.UUID | None = Field(description="Срез, который заменил этот")
    version: int
    actions: list[SnapshotAction] = Field(description="Что вызывающий может сделать со срезом сейчас")


class KpiSnapshotDetail(KpiSnapshotRead):
    rows: list[KpiValueRow] = Field(description="Значения среза: итог муниципалитета и строки организаций")
    history: list[KpiSnapshotEvent] = Field(description="История среза по порядку")


class KpiSnapshotList(BaseModel):
    items: list[KpiSnapshotRead]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class SnapshotFilters:
    municipality_id: uuid.UUID | None
    period: Period | None
    status: str | None
