"""Schemas of stored files."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from app.core.schemas import ReadModel


class FileRead(ReadModel):
    id: uuid.UUID = Field(description="Идентификатор файла")
    municipality_id: uuid.UUID = Field(description="Муниципалитет, которому принадлежит файл")
    organization_id: uuid.UUID | None = Field(description="Организация, к которой относится файл")
    owner_type: str | None = Field(description="Вид записи, к которой приложен файл (например, `job`)")
    owner_id: uuid.UUID | None = Field(description="Запись, к которой приложен файл")
    name: str = Field(description="Имя файла, как его загрузили")
    content_type: str = Field(description="Тип содержимого, определённый по самому файлу")
    size: int = Field(description="Размер в байтах")
    sha256: str = Field(description="Контрольная сумма SHA-256 (hex)")
    created_by_name: str | None = Field(description="Кто загрузил или создал файл")
    created_at: datetime = Field(description="Когда файл загружен (UTC)")
    archived_at: datetime | None = Field(description="Когда файл архивирован; пусто — действующий")
    archive_reason: str | None = Field(description="Причина архивации")
    content_url: str = Field(description="Ссылка для скачивания содержимого")
