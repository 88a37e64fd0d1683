from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field, model_validator

from app.core.schemas import InputModel, ReadModel, examples

Role = Literal["sysadmin", "department", "methodologist", "school_admin", "association_leader", "teacher"]
ClientScope = Literal["kpi:read", "teachers:read", "teachers:write", "organizations:read"]


class TokenResponse(ReadModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Срок жизни токена доступа, секунд")
    refresh_token: str | None = None
    scope: str | None = None


class LogoutRequest(InputModel):
    model_config = examples({"refresh_token": "Zb1x9V0cQ2kz8rN4pH7sT3wLmA6yE5uD"})

    refresh_token: str = Field(min_length=10, max_length=200)


class RoleAssignmentIn(InputModel):
    role: Role
    region_id: uuid.UUID | None = None
    municipality_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    teacher_id: uuid.UUID | None = None
    association_id: uuid.UUID | None = Field(
        default=None, description="Руководитель методобъединения: объединение, которым он руководит"
    )

    @model_validator(mode="after")
    def _scope(self) -> RoleAssignmentIn:
        ok = {
            "sysadmin": True,
            "department": bool(self.municipality_id or self.region_id),
            "methodologist": bool(self.municipality_id or self.region_id),
            "school_admin": bool(self.organization_id),
            "association_leader": bool(self.municipality_id or self.association_id),
            "teacher": bool(self.teacher_id),
        }[self.role]
        if not ok:
            raise ValueError("Для роли не указана область: муниципалитет/регион, организация или педагог")
        return self


class RoleAssignmentRead(ReadModel):
    role: Role
    role_title: str | None = None
    region_id: uuid.UUID | None
    municipality_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    association_id: uuid.UUID | None = Field(default=None, description="Методическое объединение руководителя")
    scope_name: str | None = Field(default=None, description="Название области: муниципалитет, школа, регион")


ReachLevel = Literal["all", "municipality", "organization", "own"]


class MeRead(ReadModel):
    kind: Literal["user", "client"]
    id: uuid.UUID
    name: str
    email: str | None = None
    roles: list[RoleAssignmentRead]
    permissions: list[str]
    reach: dict[str, ReachLevel] = Field(
        default_factory=dict,
        description="Как далеко действует каждое право: `all` — вся система, `municipality` — муниципалитет(ы), "
        "`organization` — своя организация, `own` — только своя карточка. Интерфейс решает по нему, что показывать "
        "(а не по названиям ролей)",
    )
    municipality_ids: list[uuid.UUID]
    organization_ids: list[uuid.UUID] = Field(
        default_factory=list, description="Организации, к которым права дают доступ на уровне школы"
    )
    teacher_id: uuid.UUID | None = None
