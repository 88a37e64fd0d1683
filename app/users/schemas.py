"""User accounts: create, partial update and the read with the roles named."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from app.auth.schemas import RoleAssignmentIn, RoleAssignmentRead
from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, InputModel, ReadModel, examples, patch_field


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
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `archive`"
    )
    readonly_fields: list[str] = Field(
        default_factory=list, description="Поля, которые вам нельзя менять в этой записи"
    )
