"""Notifications: the read model and the unread count."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.core.schemas import ReadModel


class NotificationRead(ReadModel):
    id: uuid.UUID
    kind: str = Field(description="Вид уведомления, например `help_request_new`")
    title: str = Field(description="Заголовок")
    body: str | None = Field(description="Текст")
    link: str | None = Field(description="Путь экрана в приложении, к которому относится уведомление")
    created_at: datetime
    read_at: datetime | None = Field(description="Когда прочитано; пусто — не прочитано")


class UnreadCount(BaseModel):
    unread: int = Field(description="Сколько непрочитанных уведомлений")
