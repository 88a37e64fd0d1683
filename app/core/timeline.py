"""One entry of a teacher's professional growth (a course, an attestation, a mentoring pair, an event and its role,
an award, an authored practice, a methodological association, help received), the shape every module that keeps
such records gives them in, and the registry of those modules' `timeline` functions — so the teacher's timeline and
portfolio (`app.growth`) read them without knowing their tables nor importing the modules (some sit above growth).

A module registers its source when imported (`register_source("courses", timeline)` at the end of its service);
`app.main` imports every module's router, hence its service, so the server, the CLI and the tests see all of them.
Each source returns only what the caller may read of its records."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal

TimelineKind = Literal["event", "course", "attestation", "mentoring", "award", "practice", "association", "help"]


class TimelineEntry(BaseModel):
    kind: TimelineKind = Field(
        description="Вид записи: мероприятие, курсы, аттестация, наставничество, награда, практика (методическая "
        "разработка), методическое объединение (членство, заседание), методическая помощь (закрытое обращение)"
    )
    kind_label: str = Field(description="Вид записи по-русски")
    record_id: uuid.UUID = Field(description="Запись своего раздела (например, курс или пара наставничества)")
    start: date = Field(description="Дата (начала)")
    end: date | None = Field(default=None, description="Дата окончания, если это период")
    title: str = Field(description="Что это: тема, программа, категория")
    detail: str | None = Field(default=None, description="Роль, уровень, результат, организатор — кратко")
    hours: float | None = Field(default=None, description="Часы (курсы, мероприятия с часами)")


TimelineSource = Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[list[TimelineEntry]]]

_SOURCES: dict[str, TimelineSource] = {}


def register_source(name: str, fn: TimelineSource) -> None:
    """A module's `timeline(session, principal, teacher_id)`, under the module's name (registering the same name
    again replaces it: a reloaded module does not count twice)."""
    _SOURCES[name] = fn


def sources() -> dict[str, TimelineSource]:
    """The registered sources by name, in the order they were registered."""
    return dict(_SOURCES)
