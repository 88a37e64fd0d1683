from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import Field

from app.core.schemas import EXAMPLE_REGION_ID, InputModel, ReadModel, examples, patch_field


class RegionCreate(InputModel):
    model_config = examples({"code": "44", "name": "Костромская область"})

    code: str = Field(min_length=1, max_length=8, description="Код субъекта РФ")
    name: str = Field(min_length=2, max_length=200)


class RegionUpdate(InputModel):
    model_config = examples({"name": "Костромская область"})

    code: str = patch_field(min_length=1, max_length=8)
    name: str = patch_field(min_length=2, max_length=200)


class RegionRead(ReadModel):
    id: uuid.UUID
    code: str
    name: str
    version: int
    archived_at: datetime | None


class MunicipalityCreate(InputModel):
    model_config = examples(
        {"region_id": EXAMPLE_REGION_ID, "name": "г. Кострома", "young_age_limit": 35, "young_experience_limit": 3}
    )

    region_id: uuid.UUID
    name: str = Field(min_length=2, max_length=200)
    okato: str | None = Field(default=None, max_length=16)
    young_age_limit: int = Field(default=35, ge=18, le=70, description="Молодой педагог: возраст меньше")
    young_experience_limit: int = Field(default=3, ge=0, le=20, description="Молодой педагог: стаж меньше (лет)")
    young_rule: Literal["or", "and"] = Field(default="or", description="Сочетание условий: или / и")
    mentoring_max_mentees: int = Field(
        default=3, ge=1, le=20, description="Наставничество: сколько наставляемых одновременно у одного наставника"
    )
    mentoring_young_mentors_allowed: bool = Field(
        default=False, description="Наставничество: может ли молодой педагог быть наставником"
    )
    help_response_days: int = Field(
        default=3, ge=1, le=30, description="Обращения за помощью: срок ответа в рабочих днях (потом — просрочено)"
    )
    diagnostics_min_group: int = Field(
        default=5, ge=2, le=50, description="Диагностика: группы меньше скольких педагогов скрыты в сводных цифрах"
    )


class MunicipalityUpdate(InputModel):
    model_config = examples({"young_age_limit": 35, "young_experience_limit": 3, "young_rule": "or"})

    name: str = patch_field(min_length=2, max_length=200)
    okato: str | None = Field(default=None, max_length=16)
    young_age_limit: int = patch_field(ge=18, le=70)
    young_experience_limit: int = patch_field(ge=0, le=20)
    young_rule: Literal["or", "and"] = patch_field()
    mentoring_max_mentees: int = patch_field(ge=1, le=20)
    mentoring_young_mentors_allowed: bool = patch_field()
    help_response_days: int = patch_field(
        ge=1, le=30, description="Обращения за помощью: срок ответа в рабочих днях (потом — просрочено)"
    )
    diagnostics_min_group: int = patch_field(
        ge=2, le=50, description="Диагностика: группы меньше скольких педагогов скрыты в сводных цифрах"
    )


class MunicipalityRead(ReadModel):
    id: uuid.UUID
    region_id: uuid.UUID
    name: str
    okato: str | None
    young_age_limit: int
    young_experience_limit: int
    young_rule: str
    mentoring_max_mentees: int
    mentoring_young_mentors_allowed: bool
    help_response_days: int = Field(description="Обращения за помощью: срок ответа в рабочих днях")
    diagnostics_min_group: int = Field(
        default=5, description="Диагностика: группы меньше скольких педагогов скрыты в сводных цифрах"
    )
    version: int
    archived_at: datetime | None
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `archive`"
    )
    readonly_fields: list[str] = Field(
        default_factory=list, description="Поля, которые вам нельзя менять в этой записи"
    )


@dataclass(frozen=True)
class MentoringRules:
    """A municipality's mentoring settings, for the mentoring module (`service.mentoring_rules`)."""

    max_mentees: int
    young_mentors_allowed: bool
