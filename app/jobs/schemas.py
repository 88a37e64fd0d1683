"""Schemas of background jobs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from app.core.schemas import ReadModel

JobState = Literal["queued", "running", "succeeded", "failed"]


class JobRead(ReadModel):
    id: uuid.UUID = Field(description="Идентификатор задачи")
    kind: str = Field(description="Вид задачи, например `teachers_export` или `teachers_import`")
    kind_name: str = Field(description="Вид задачи по-русски")
    state: JobState = Field(description="Состояние: в очереди, выполняется, выполнена, ошибка")
    state_name: str = Field(description="Состояние по-русски")
    done: int = Field(description="Сколько единиц работы (строк) уже выполнено")
    total: int | None = Field(description="Сколько всего единиц работы; пусто — пока неизвестно")
    message: str | None = Field(description="Что делается сейчас (по-русски)")
    error: str | None = Field(description="Почему задача не выполнена (по-русски)")
    result: dict[str, Any] | None = Field(description="Итог задачи (например, отчёт импорта)")
    result_file_id: uuid.UUID | None = Field(description="Файл-результат (выгрузка, отчёт)")
    result_url: str | None = Field(description="Ссылка для скачивания файла-результата")
    municipality_id: uuid.UUID | None = Field(description="Муниципалитет, в котором выполняется задача")
    organization_id: uuid.UUID | None = Field(description="Организация, к которой относится задача")
    created_by_name: str | None = Field(description="Кто запустил задачу")
    created_at: datetime = Field(description="Когда задача поставлена в очередь (UTC)")
    started_at: datetime | None = Field(description="Когда задача начала выполняться (UTC)")
    finished_at: datetime | None = Field(description="Когда задача завершилась (UTC)")
    url: str = Field(description="Ссылка на эту задачу (для опроса состояния)")


class JobAccepted(ReadModel):
    """The answer 202 of an operation that went to the background."""

    job_id: uuid.UUID = Field(description="Идентификатор фоновой задачи")
    job_url: str = Field(description="Ссылка для опроса состояния задачи (`GET`)")
    message: str = Field(description="Пояснение для человека (по-русски)")
