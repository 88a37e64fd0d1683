"""Machine clients (integrations): create, partial update, the read, and the secret shown once."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from app.auth.schemas import ClientScope
from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, InputModel, ReadModel, examples, patch_field


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
    actions: list[str] = Field(
        default_factory=list, description="Что вы можете сделать с этой записью: `update`, `rotate_secret`, `archive`"
    )
    readonly_fields: list[str] = Field(
        default_factory=list, description="Поля, которые вам нельзя менять в этой записи"
    )


class ClientWithSecret(ClientRead):
    client_secret: str = Field(description="Показывается один раз; храните его в секрете")
