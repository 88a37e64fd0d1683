from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, InputModel, ReadModel, examples, patch_field

InnovationLevel = Literal["municipal", "regional", "federal"]


class OrganizationBase(InputModel):
    type_code: str = Field(max_length=64, description="Код типа из справочника organization-types")
    name: str = Field(min_length=2, max_length=500, description="Полное наименование")
    short_name: str = Field(min_length=2, max_length=200, description="Краткое наименование")
    inn: str | None = Field(default=None, pattern=r"^\d{10}(\d{2})?$", description="ИНН (10 или 12 цифр)")
    address: str | None = Field(default=None, max_length=500)
    parent_id: uuid.UUID | None = None
    is_low_results: bool = Field(default=False, description="Школа с низкими образовательными результатами (ШНОР)")
    is_unfavourable: bool = Field(default=False, description="Школа в неблагоприятных социальных условиях (ШФНСУ)")
    innovation_level: InnovationLevel | None = Field(default=None, description="Инновационная площадка: уровень")
    is_resource_center: bool = False
    is_state_owned: bool = Field(default=True, description="Государственная или муниципальная организация")


class OrganizationCreate(OrganizationBase):
    model_config = examples(
        {
            "municipality_id": EXAMPLE_MUNICIPALITY_ID,
            "type_code": "sosh",
            "name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 22»",
            "short_name": "СОШ № 22",
            "inn": "4401012345",
            "address": "г. Кострома, ул. Советская, 1",
        }
    )

    municipality_id: uuid.UUID


class OrganizationUpdate(InputModel):
    model_config = examples({"address": "г. Кострома, ул. Советская, 1", "short_name": "СОШ № 22"})

    type_code: str = patch_field(max_length=64)
    name: str = patch_field(min_length=2, max_length=500)
    short_name: str = patch_field(min_length=2, max_length=200)
    inn: str | None = Field(default=None, pattern=r"^\d{10}(\d{2})?$")
    address: str | None = Field(default=None, max_length=500)
    parent_id: uuid.UUID | None = None
    is_low_results: bool = patch_field()
    is_unfavourable: bool = patch_field()
    innovation_level: InnovationLevel | None = None
    is_resource_center: bool = patch_field()
    is_state_owned: bool = patch_field()


class OrganizationRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    type_code: str
    name: str
    short_name: str
    inn: str | None
    address: str | None
    parent_id: uuid.UUID | None
    is_low_results: bool
    is_unfavourable: bool
    innovation_level: str | None
    is_resource_center: bool
    is_state_owned: bool
    version: int
    archived_at: datetime | None
    archive_reason: str | None
    teacher_count: int | None = Field(default=None, description="Педагогов с действующей занятостью (в карточке)")
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `archive`"
    )
    readonly_fields: list[str] = Field(
        default_factory=list, description="Поля, которые вам нельзя менять в этой записи (PATCH ответит 403)"
    )
