"""Teachers' input and read schemas, the list's typed filters and the import's form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from fastapi import UploadFile
from pydantic import Field, field_validator, model_validator

from app.core.schemas import EXAMPLE_ORGANIZATION_ID, InputModel, ReadModel, examples, patch_field

EmploymentKind = Literal["main", "internal_part_time", "external_part_time"]
KIND_RU: dict[str, str] = {
    "main": "основное",
    "internal_part_time": "внутреннее совместительство",
    "external_part_time": "внешнее совместительство",
}
CategoryWarning = Literal["expired", "expiring"]
EMAIL_RE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE_RE = r"^\+?[0-9 ()\-]{5,20}$"
CategoryStatus = Literal["expiring", "expired", "valid", "none"]


@dataclass(frozen=True)
class TeacherFilters:
    """The teacher list's filters (also of its export and of the export job)."""

    q: str | None
    municipality_id: uuid.UUID | None
    organization_id: list[uuid.UUID] | None
    position: list[str] | None
    subject: list[str] | None
    category: list[str] | None
    category_status: CategoryStatus | None
    young: bool | None
    external_system: str | None
    include_archived: bool

    def summary(self) -> dict[str, object]:
        """The filters for the audit log of an export (the search text is not kept: it may be a name)."""
        out: dict[str, object] = {}
        for key, value in self.__dict__.items():
            if value in (None, False, []):
                continue
            out[key] = "задан" if key == "q" else value
        return out


@dataclass(frozen=True)
class ImportForm:
    """The import's multipart form: the HR file and whose file it is."""

    file: UploadFile
    organization_id: uuid.UUID
    external_system: str | None


class EmploymentIn(InputModel):
    organization_id: uuid.UUID
    position_code: str = Field(max_length=64)
    kind: EmploymentKind = Field(default="main", description="Основное место работы или совместительство")
    rate: Decimal | None = Field(default=None, ge=0, le=3, description="Ставка")
    start_date: date
    end_date: date | None = None

    @model_validator(mode="after")
    def _dates(self) -> EmploymentIn:
        if self.end_date and self.end_date < self.start_date:
            raise ValueError("Дата окончания раньше даты начала")
        return self


class CategoryIn(InputModel):
    category_code: str = Field(max_length=64)
    granted_on: date
    legal_basis: str | None = Field(default=None, max_length=300, description="Приказ: номер и дата")

    @field_validator("granted_on")
    @classmethod
    def _not_future(cls, v: date) -> date:
        if v > date.today():
            raise ValueError("Дата присвоения не может быть в будущем")
        return v


class ExternalIdIn(InputModel):
    system: str = Field(min_length=1, max_length=100, description="Система-источник, например «hr:<школа>»")
    external_id: str = Field(min_length=1, max_length=100)


class _PersonFields(InputModel):
    @field_validator("birth_date", check_fields=False)
    @classmethod
    def _birth(cls, v: date | None) -> date | None:
        if v is not None:
            if v > date.today():
                raise ValueError("Дата рождения не может быть в будущем")
            if v.year < 1920:
                raise ValueError("Проверьте дату рождения")
        return v

    @field_validator("teaching_since", check_fields=False)
    @classmethod
    def _since(cls, v: date | None) -> date | None:
        if v is not None and v > date.today():
            raise ValueError("Дата начала стажа не может быть в будущем")
        return v


class TeacherCreate(_PersonFields):
    model_config = examples(
        {
            "last_name": "Смирнова",
            "first_name": "Анна",
            "middle_name": "Сергеевна",
            "birth_date": "1994-03-12",
            "teaching_since": "2018-09-01",
            "email": "smirnova@school22.example.ru",
            "employments": [
                {
                    "organization_id": EXAMPLE_ORGANIZATION_ID,
                    "position_code": "teacher",
                    "kind": "main",
                    "rate": "1",
                    "start_date": "2018-09-01",
                }
            ],
            "subjects": ["mathematics"],
            "categories": [{"category_code": "first", "granted_on": "2022-12-20", "legal_basis": "Приказ № 1234"}],
        }
    )

    municipality_id: uuid.UUID | None = Field(default=None, description="По умолчанию — муниципалитет организации")
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    middle_name: str | None = Field(default=None, max_length=100)
    birth_date: date | None = None
    teaching_since: date | None = Field(default=None, description="Начало педагогического стажа")
    email: str | None = Field(default=None, pattern=EMAIL_RE, max_length=254)
    phone: str | None = Field(default=None, pattern=PHONE_RE)
    employments: list[EmploymentIn] = Field(min_length=1, description="Места работы (хотя бы одно)")
    subjects: list[str] = Field(default_factory=list, description="Коды предметов")
    categories: list[CategoryIn] = Field(default_factory=list, description="История квалификационных категорий")
    external_ids: list[ExternalIdIn] = Field(default_factory=list)


class TeacherUpdate(_PersonFields):
    model_config = examples({"phone": "+7 900 123-45-67", "subjects": ["mathematics", "computer_science"]})

    last_name: str = patch_field(min_length=1, max_length=100)
    first_name: str = patch_field(min_length=1, max_length=100)
    middle_name: str | None = Field(default=None, max_length=100)
    birth_date: date | None = None
    teaching_since: date | None = None
    email: str | None = Field(default=None, pattern=EMAIL_RE, max_length=254)
    phone: str | None = Field(default=None, pattern=PHONE_RE)
    employments: list[EmploymentIn] = patch_field(min_length=1, description="Заменяет историю")
    subjects: list[str] = patch_field()
    categories: list[CategoryIn] = patch_field(description="Заменяет историю категорий")
    external_ids: list[ExternalIdIn] = patch_field()


class EmploymentRead(ReadModel):
    id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str | None = None
    position_code: str
    position_name: str | None = None
    kind: EmploymentKind
    rate: Decimal | None
    start_date: date
    end_date: date | None
    is_current: bool = False


class CategoryRead(ReadModel):
    id: uuid.UUID
    category_code: str
    category_name: str | None = None
    granted_on: date
    legal_basis: str | None
    expires_on: date | None = Field(description="Окончание срока; null — бессрочно (приказ № 196)")


class ExternalIdRead(ReadModel):
    system: str
    external_id: str


class TeacherListItem(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    last_name: str
    first_name: str
    middle_name: str | None
    current_organization_id: uuid.UUID | None = None
    current_organization_name: str | None = None
    current_position_code: str | None = None
    current_position_name: str | None = None
    subjects: list[str] = []
    category_code: str | None = None
    category_expires_on: date | None = None
    category_warning: CategoryWarning | None = None
    is_young: bool = False
    version: int
    archived_at: datetime | None


class TeacherRead(TeacherListItem):
    birth_date: date | None
    teaching_since: date | None
    email: str | None
    phone: str | None
    age: int | None = None
    experience_years: int | None = None
    archive_reason: str | None
    employments: list[EmploymentRead] = []
    categories: list[CategoryRead] = []
    external_ids: list[ExternalIdRead] = []
    warnings: list[str] = Field(default_factory=list, description="Предупреждения на русском языке")
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `archive`"
    )
    readonly_fields: list[str] = Field(
        default_factory=list, description="Поля, которые вам нельзя менять в этой записи (PATCH ответит 403/404)"
    )


class TeacherStats(ReadModel):
    teachers: int
    young_teachers: int
    categories_expiring: int = Field(description="Категории, истекающие в ближайшие 6 месяцев")
    categories_expired: int
    organizations: int


class OrganizationTeacherStats(ReadModel):
    """One organization's line of the home-page breakdown (a teacher counts in every organization they work in)."""

    organization_id: uuid.UUID
    organization_name: str
    teachers: int
    young_teachers: int
    categories_expiring: int = Field(description="Категории, истекающие в ближайшие 6 месяцев")
    categories_expired: int


class ImportIssue(ReadModel):
    line: int = Field(description="Номер строки в файле (как в Excel)")
    column: str | None = Field(default=None, description="Колонка файла")
    value: str | None = Field(default=None, description="Значение ячейки (сокращённое)")
    message: str = Field(description="Что не так, по-русски")


class ImportReport(ReadModel):
    dry_run: bool
    applied: bool
    total_rows: int
    valid_rows: int = Field(description="Строки, которые загружаются")
    invalid_rows: int = Field(default=0, description="Строки с ошибками")
    skipped_rows: int = Field(default=0, description="Строки с ошибками, пропущенные при загрузке верных строк")
    to_create: int = Field(description="Новые педагоги")
    to_update: int = Field(description="Педагоги этой организации, найденные по табельному номеру (или ФИО)")
    to_add_employment: int = Field(
        default=0, description="Педагоги других организаций муниципалитета: добавляется второе место работы"
    )
    errors: list[ImportIssue]
    notices: list[ImportIssue] = Field(default_factory=list, description="Сведения по строкам, не ошибки")
    mapped_columns: dict[str, str] = Field(description="Заголовок файла → поле")
    unmapped_columns: list[str] = Field(description="Колонки файла, которые не распознаны и не загружаются")
    external_system: str


@dataclass(frozen=True)
class TeacherFacts:
    """What another module needs to know about a teacher it links a record to (through `service.teacher_facts`):
    the tenant, the name, archived or not, and the municipality's young-teacher rule to apply on any date."""

    id: uuid.UUID
    municipality_id: uuid.UUID
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date | None
    teaching_since: date | None
    archived: bool
    young_age_limit: int
    young_experience_limit: int
    young_rule: str

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        """«Иванова М. П.»"""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()


@dataclass(frozen=True)
class PersonQuery:
    """One row of another module's file to match to a teacher: the full name with the birth date, and/or the
    personnel number in a numbering (`hr:<organization id>`)."""

    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date | None
    external_id: str | None = None


@dataclass(frozen=True)
class PersonMatch:
    teacher_id: uuid.UUID | None
    error: str | None = None
