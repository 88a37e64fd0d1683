"""Documents and required document types: the types with their Russian names (and the Kislovodsk criterion each
answers), input with examples, the read models with `actions`, the list's filters and the checklist."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from app.core.periods import Period, PeriodKind
from app.core.schemas import (
    EXAMPLE_MUNICIPALITY_ID,
    EXAMPLE_ORGANIZATION_ID,
    InputModel,
    ReadModel,
    examples,
    patch_field,
)

DocumentType = Literal[
    "regulation",
    "programme",
    "roadmap",
    "work_plan",
    "association_plan",
    "attestation_plan",
    "pd_plan",
    "association_monitoring",
    "deficit_monitoring",
    "monitoring_report",
    "analytical_report",
    "recommendations",
    "order",
    "minutes",
    "other",
]
DocumentStatus = Literal["draft", "approved"]
AppliesTo = Literal["organization", "municipality"]
ChecklistState = Literal["approved", "draft", "missing"]

# The document types (code → Russian name), in the order people pick them. The Kislovodsk programme of the
# methodological service (2021–2024) asks «наличие …» of these for each school and for the municipality.
TYPE_LABELS: dict[str, str] = {
    "regulation": "Положение",
    "programme": "Программа",
    "roadmap": "Дорожная карта",
    "work_plan": "План работы на учебный год",
    "association_plan": "План-график заседаний методических объединений",
    "attestation_plan": "План-график аттестации педагогических работников на 5 лет",
    "pd_plan": "План-график повышения квалификации педагогических работников",
    "association_monitoring": "Мониторинг деятельности методических объединений",
    "deficit_monitoring": "Мониторинг профессиональных потребностей и дефицитов",
    "monitoring_report": "Отчёт о мониторинге",
    "analytical_report": "Аналитическая справка",
    "recommendations": "Адресные рекомендации по результатам мониторингов",
    "order": "Приказ (распоряжение)",
    "minutes": "Протокол",
    "other": "Иной документ",
}
TYPE_CRITERIA: dict[str, str] = {
    "work_plan": "Кострома, п. 3.9: план работы ММС на учебный год",
    "programme": "Кисловодск, критерий 1: программа развития ШМО, программы профессионального развития педагогов",
    "regulation": "Кисловодск, критерий 1: муниципальное положение о ГМО",
    "roadmap": "Кисловодск, критерий 1: дорожные карты профессионального развития педагогов",
    "association_plan": "Кисловодск, критерий 1: план-график заседаний ГМО / ШМО на учебный год",
    "association_monitoring": "Кисловодск, критерий 1: мониторинг деятельности ГМО / ШМО",
    "deficit_monitoring": "Кисловодск, критерий 2: мониторинг профессиональных потребностей и дефицитов",
    "attestation_plan": "Кисловодск, критерий 3: план-график аттестации на 5 лет",
    "pd_plan": "Кисловодск, критерий 4: план-график повышения квалификации",
    "recommendations": "Кисловодск, критерий 5: адресные рекомендации по результатам мониторингов",
}
STATUS_LABELS = {"draft": "черновик", "approved": "утверждён"}
APPLIES_LABELS = {"organization": "каждая организация", "municipality": "муниципалитет"}
STATE_LABELS = {"approved": "есть, утверждён", "draft": "есть черновик", "missing": "нет"}

LAST_YEAR = (
    "Для документа, действующего несколько лет (программа на 2021–2024 годы, план-график на 5 лет): последний "
    "учебный год действия; пусто — только первый. Документ учитывается в каждом учебном году действия"
)
TYPE_DESCRIPTION = "Тип документа: " + ", ".join(f"`{c}` — {n}" for c, n in TYPE_LABELS.items())


def _academic(v: Period | None) -> Period | None:
    if v is not None and v.kind is not PeriodKind.academic_year:
        raise ValueError("Укажите учебный год, например «2021/2022»")
    return v


@dataclass(frozen=True)
class DocumentFilters:
    """The document list's filters (also of its export)."""

    academic_year: Period | None
    municipality_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    level: AppliesTo | None
    type: list[str] | None
    status: list[str] | None
    q: str | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = "задан" if key == "q" else str(value) if isinstance(value, Period | uuid.UUID) else value
        return out


class _Content(InputModel):
    @model_validator(mode="after")
    def _file_or_link(self):  # type: ignore[no-untyped-def]
        if getattr(self, "file_id", None) is not None and getattr(self, "url", None):
            raise ValueError("Укажите либо файл, либо ссылку — не то и другое сразу")
        return self


URL_PATTERN = r"^https?://\S+$"


class DocumentCreate(_Content):
    model_config = examples(
        {
            "organization_id": EXAMPLE_ORGANIZATION_ID,
            "type": "attestation_plan",
            "title": "План-график аттестации педагогических работников на 2021–2026 годы",
            "academic_year": "2021/2022",
            "number": "01-10/112",
            "doc_date": "2021-08-30",
            "url": "https://school.example.ru/docs/attestation-plan-2021.pdf",
        }
    )

    municipality_id: uuid.UUID | None = Field(
        default=None, description="Муниципалитет; по умолчанию — муниципалитет организации или ваш единственный"
    )
    organization_id: uuid.UUID | None = Field(
        default=None,
        description="Организация; пусто — документ муниципалитета (администратор школы — всегда своя школа)",
    )
    type: DocumentType = Field(description=TYPE_DESCRIPTION)
    title: str = Field(min_length=2, max_length=500, description="Название документа")
    academic_year: Period = Field(description="Учебный год, например «2021/2022» (для многолетнего — первый)")
    last_academic_year: Period | None = Field(default=None, description=LAST_YEAR)
    number: str | None = Field(default=None, max_length=100, description="Номер (приказа, протокола)")
    doc_date: date | None = Field(default=None, description="Дата документа")
    file_id: uuid.UUID | None = Field(default=None, description="Файл (загруженный через `POST /files`)")
    url: str | None = Field(default=None, max_length=1000, pattern=URL_PATTERN, description="Или ссылка на документ")
    note: str | None = Field(default=None, max_length=4000, description="Комментарий")

    @field_validator("academic_year", "last_academic_year")
    @classmethod
    def _year(cls, v: Period | None) -> Period | None:
        return _academic(v)

    @model_validator(mode="after")
    def _years(self):  # type: ignore[no-untyped-def]
        if self.last_academic_year is not None and self.last_academic_year.year < self.academic_year.year:
            raise ValueError("Последний учебный год действия раньше первого")
        return self


class DocumentUpdate(_Content):
    model_config = examples({"title": "План-график аттестации педагогических работников (уточнённый)"})

    type: DocumentType = patch_field(description="Тип документа")
    title: str = patch_field(min_length=2, max_length=500, description="Название документа")
    academic_year: Period = patch_field(description="Учебный год (для многолетнего — первый)")
    last_academic_year: Period | None = Field(default=None, description=LAST_YEAR)
    number: str | None = Field(default=None, max_length=100, description="Номер")
    doc_date: date | None = Field(default=None, description="Дата документа")
    file_id: uuid.UUID | None = Field(default=None, description="Файл; другой файл снимает утверждение")
    url: str | None = Field(default=None, max_length=1000, pattern=URL_PATTERN, description="Ссылка")
    note: str | None = Field(default=None, max_length=4000, description="Комментарий")

    @field_validator("academic_year", "last_academic_year")
    @classmethod
    def _year(cls, v: Period | None) -> Period | None:
        return _academic(v)


class DocumentRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    organization_id: uuid.UUID | None = Field(description="Организация; пусто — документ муниципалитета")
    organization_name: str | None = Field(default=None, description="Организация (краткое название)")
    type: str = Field(description="Тип документа (код)")
    type_label: str = Field(default="", description="Тип документа (по-русски)")
    title: str
    academic_year: str = Field(description="Учебный год, например «2021/2022» (для многолетнего — первый)")
    last_academic_year: str | None = Field(default=None, description=LAST_YEAR)
    years_label: str = Field(default="", description="Годы действия: «2021/2022» или «2021/2022 – 2023/2024»")
    number: str | None = Field(description="Номер (приказа, протокола)")
    doc_date: date | None = Field(description="Дата документа")
    file_id: uuid.UUID | None = Field(description="Файл документа")
    file_url: str | None = Field(default=None, description="Где скачать файл (для всех, кто видит документ)")
    url: str | None = Field(description="Ссылка на документ")
    status: str = Field(description="`draft` — черновик, `approved` — утверждён")
    status_label: str = Field(default="", description="Статус (по-русски)")
    approved_at: datetime | None = Field(description="Когда утверждён")
    approved_by_name: str | None = Field(description="Кто отметил утверждение")
    note: str | None = Field(description="Комментарий")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    warnings: list[str] = Field(default_factory=list, description="Предупреждения на русском языке")
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с документом: `update`, `approve`, `archive`"
    )


class DocumentTypeRead(ReadModel):
    code: str
    name: str
    criterion: str | None = Field(default=None, description="Какой критерий (показатель) отвечает на «наличие»")


# --- required document types -------------------------------------------------------------------------------------


class RequirementCreate(InputModel):
    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "type": "attestation_plan",
            "applies_to": "organization",
            "organization_types": ["sosh", "oosh", "gymnasium", "lyceum"],
            "note": "Кисловодск, критерий 3",
        }
    )

    municipality_id: uuid.UUID | None = Field(default=None, description="Муниципалитет; по умолчанию — ваш")
    type: DocumentType = Field(description=TYPE_DESCRIPTION)
    applies_to: AppliesTo = Field(
        description="`organization` — от каждой организации, `municipality` — от самого муниципалитета"
    )
    organization_types: list[str] | None = Field(
        default=None,
        max_length=20,
        description="Только для организаций этих типов (коды справочника типов организаций); пусто — для всех",
    )
    is_active: bool = Field(default=True, description="Действует (неактивное требование не проверяется)")
    note: str | None = Field(default=None, max_length=2000, description="Основание, комментарий")


class RequirementUpdate(InputModel):
    model_config = examples({"organization_types": ["sosh", "gymnasium", "lyceum"]}, {"is_active": False})

    organization_types: list[str] | None = Field(default=None, max_length=20, description="Типы организаций")
    is_active: bool = patch_field(description="Действует")
    note: str | None = Field(default=None, max_length=2000, description="Комментарий")


class RequirementRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    type: str
    type_label: str = Field(default="", description="Тип документа (по-русски)")
    applies_to: str = Field(description="`organization` — от каждой организации, `municipality` — от муниципалитета")
    applies_to_label: str = Field(default="", description="От кого требуется (по-русски)")
    organization_types: list[str] | None = Field(description="Только для организаций этих типов; пусто — для всех")
    is_active: bool = Field(description="Действует")
    note: str | None = Field(description="Основание, комментарий")
    version: int
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    archive_reason: str | None
    actions: list[str] = Field(default_factory=list, description="`update`, `archive`")


# --- the checklist ------------------------------------------------------------------------------------------------


class ChecklistCell(ReadModel):
    type: str
    state: ChecklistState = Field(description="`approved` — утверждён, `draft` — только черновик, `missing` — нет")
    document_id: uuid.UUID | None = Field(default=None, description="Документ (утверждённый, если он есть)")
    document_title: str | None = Field(default=None, description="Название этого документа")


class ChecklistRow(ReadModel):
    municipality_id: uuid.UUID
    organization_id: uuid.UUID | None = Field(description="Организация; пусто — строка муниципалитета")
    organization_name: str = Field(description="Организация (или «Муниципалитет …»)")
    cells: list[ChecklistCell] = Field(description="Требуемые типы; тип, не требуемый от организации, пропущен")
    required: int = Field(description="Сколько документов требуется от строки")
    approved: int = Field(description="Из них есть утверждённые")
    missing: int = Field(description="Нет ни одного документа")


class Checklist(ReadModel):
    academic_year: str = Field(description="Учебный год, например «2021/2022»")
    types: list[DocumentTypeRead] = Field(description="Столбцы: требуемые типы документов")
    rows: list[ChecklistRow] = Field(description="Строки: муниципалитет и организации с требуемыми документами")
    required: int = Field(description="Всего требуемых документов")
    approved: int = Field(description="Из них есть утверждённые")
    draft: int = Field(description="Есть только черновик")
    missing: int = Field(description="Нет ни одного")
