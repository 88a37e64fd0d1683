"""One entry of a teacher's professional growth (a course, an attestation, a mentoring pair, an event and its role,
an award), the shape every module that keeps such records gives them in, so the teacher's timeline and portfolio
(`app.growth`) read them without knowing their tables."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

TimelineKind = Literal["event", "course", "attestation", "mentoring", "award"]


class TimelineEntry(BaseModel):
    kind: TimelineKind = Field(description="Вид записи: мероприятие, курсы, аттестация, наставничество, награда")
    kind_label: str = Field(description="Вид записи по-русски")
    record_id: uuid.UUID = Field(description="Запись своего раздела (например, курс или пара наставничества)")
    start: date = Field(description="Дата (начала)")
    end: date | None = Field(default=None, description="Дата окончания, если это период")
    title: str = Field(description="Что это: тема, программа, категория")
    detail: str | None = Field(default=None, description="Роль, уровень, результат, организатор — кратко")
    hours: float | None = Field(default=None, description="Часы (курсы, мероприятия с часами)")
