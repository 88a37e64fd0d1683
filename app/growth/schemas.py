"""The teacher's growth timeline as the API returns it."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from app.core.timeline import TimelineEntry


class GrowthYear(BaseModel):
    academic_year: str = Field(description="Учебный год, например `2022/2023`", examples=["2022/2023"])
    hours: float = Field(description="Часов за год (курсы и мероприятия с часами)")
    entries: list[TimelineEntry] = Field(description="Записи года, новые сверху")


class TeacherGrowth(BaseModel):
    teacher_id: uuid.UUID
    teacher_name: str = Field(description="ФИО педагога")
    organization_name: str | None = Field(default=None, description="Место основной работы сейчас")
    position_name: str | None = Field(default=None, description="Должность сейчас")
    category: str | None = Field(default=None, description="Текущая квалификационная категория")
    hours_total: float = Field(description="Часов за все годы")
    years: list[GrowthYear] = Field(description="По учебным годам, от нового к старому")
