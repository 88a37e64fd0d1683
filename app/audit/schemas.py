"""The audit log's entries as read: raw `changes` and display-ready Russian texts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from app.core.schemas import ReadModel


class AuditChangeRead(ReadModel):
    field: str = Field(description="Поле (как в `changes`)")
    field_label: str = Field(description="Название поля по-русски")
    before_text: str | None = Field(description="Было, как читает человек; null — значение записано без «было»")
    after_text: str | None = Field(description="Стало (или записанное значение), как читает человек")


class AuditEventRead(ReadModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None
    occurred_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_name: str | None
    action: str
    entity_type: str
    entity_id: uuid.UUID | None
    changes: dict[str, Any] | None = Field(
        description="Поле → {before, after} (или значение); null, если запись о педагоге, которого вам не видно"
    )
    request_id: str | None
    ip: str | None
    actor_label: str = Field(description="Кто: имя пользователя, «Интеграция «…»» или «Система»")
    action_label: str = Field(description="Действие по-русски")
    entity_type_label: str = Field(description="Вид записи по-русски")
    entity_label: str = Field(
        description="Название записи (ФИО педагога — только тем, кому педагог виден; иначе вид записи)"
    )
    change_list: list[AuditChangeRead] = Field(description="Изменения по полям, готовые к показу")
