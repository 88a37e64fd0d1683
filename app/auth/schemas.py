from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, InputModel, ReadModel, examples, patch_field

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

    @model_validator(mode="after")
    def _scope(self) -> RoleAssignmentIn:
        ok = {
            "sysadmin": True,
            "department": bool(self.municipality_id or self.region_id),
            "methodologist": bool(self.municipality_id or self.region_id),
            "school_admin": bool(self.organization_id),
            "association_leader": bool(self.municipality_id),
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
    scope_name: str | None = Field(default=None, description="Название области: муниципалитет, школа, регион")


class UserCreate(InputModel):
    model_config = examples(
        {
            "email": "methodist@kostroma.example.ru",
            "full_name": "Орлова Елена Викторовна",
            "password": "надёжный-пароль-2026",
            "roles": [{"role": "methodologist", "municipality_id": EXAMPLE_MUNICIPALITY_ID}],
        }
    )

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254, description="Логин (эл. почта)")
    full_name: str = Field(min_length=3, max_length=300)
    password: str = Field(min_length=10, max_length=200, description="Не короче 10 символов")
    roles: list[RoleAssignmentIn] = Field(min_length=1)


class UserUpdate(InputModel):
    model_config = examples({"full_name": "Орлова Елена Викторовна", "is_active": True})

    full_name: str = patch_field(min_length=3, max_length=300)
    password: str = patch_field(min_length=10, max_length=200)
    is_active: bool = patch_field()
    roles: list[RoleAssignmentIn] = patch_field(min_length=1)


class UserRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None
    email: str
    full_name: str
    is_active: bool
    last_login_at: datetime | None
    roles: list[RoleAssignmentRead]
    version: int
    archived_at: datetime | None


class MeRead(ReadModel):
    kind: Literal["user", "client"]
    id: uuid.UUID
    name: str
    email: str | None = None
    roles: list[RoleAssignmentRead]
    permissions: list[str]
    municipality_ids: list[uuid.UUID]
    teacher_id: uuid.UUID | None = None


class ClientCreate(InputModel):
    model_config = examples(
        {"municipality_id": EXAMPLE_MUNICIPALITY_ID, "name": "Региональная система мониторинга", "scopes": ["kpi:read"]}
    )

    municipality_id: uuid.UUID
    name: str = Field(min_length=3, max_length=200, description="Название интеграции")
    scopes: list[ClientScope] = Field(min_length=1)


class ClientUpdate(InputModel):
    model_config = examples({"name": "Региональная система мониторинга", "scopes": ["kpi:read", "teachers:read"]})

    name: str = patch_field(min_length=3, max_length=200)
    scopes: list[ClientScope] = patch_field(min_length=1)
    is_active: bool = patch_field()


class ClientRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID
    name: str
    client_id: str
    scopes: list[str]
    is_active: bool
    last_used_at: datetime | None
    created_at: datetime
    version: int
    archived_at: datetime | None


class ClientWithSecret(ClientRead):
    client_secret: str = Field(description="Показывается один раз; храните его в секрете")
