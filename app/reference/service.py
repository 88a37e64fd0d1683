"""Reference dictionaries: whole lists for the pickers, checks of codes (a bad code is a 422 on its field, not a
409), code ↔ name lookups for importers and views."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import FieldError, Unprocessable
from app.core.search import fold
from app.reference import repository as repo
from app.reference.models import (
    CompetenceArea,
    EventLevel,
    OrganizationType,
    Position,
    QualificationCategory,
    Subject,
)

DICTIONARIES = {
    "organization-types": OrganizationType,
    "positions": Position,
    "subjects": Subject,
    "qualification-categories": QualificationCategory,
    "event-levels": EventLevel,
    "competence-areas": CompetenceArea,
}


async def dictionary(session: AsyncSession, name: str) -> dict[str, Any]:
    rows = await repo.active(session, DICTIONARIES[name])
    return {"items": rows, "total": len(rows)}


async def ensure_organization_type(session: AsyncSession, code: str, field: str) -> None:
    await ensure_codes(session, OrganizationType, [code], field)


async def ensure_codes(session: AsyncSession, model: Any, codes: list[str], field: str) -> None:
    wanted = set(codes)
    if not wanted:
        return
    found = await repo.existing_codes(session, model, wanted)
    missing = sorted(wanted - found)
    if missing:
        raise Unprocessable(
            "Значение не найдено в справочнике",
            errors=[FieldError(field=field, message=f"Нет в справочнике: {', '.join(missing)}", code="unknown_code")],
        )


async def name_index(session: AsyncSession, model: Any) -> dict[str, str]:
    """folded name (lower case, ё = е) → code, for importers that receive Russian names."""
    rows = await repo.code_names(session, model)
    return {fold(name): code for code, name in rows}


_NAMES: dict[str, dict[str, str]] = {}


async def reference_names(session: AsyncSession, model: Any) -> dict[str, str]:
    """code → name of a dictionary, cached per process: dictionaries change only through migrations."""
    cached = _NAMES.get(model.__tablename__)
    if cached is None:
        cached = dict(await repo.code_names(session, model))
        _NAMES[model.__tablename__] = cached
    return cached


async def ensure_positions(session: AsyncSession, codes: list[str], field: str) -> None:
    """422 on `field` unless every code is a position of the dictionary."""
    await ensure_codes(session, Position, codes, field)


async def ensure_subjects(session: AsyncSession, codes: list[str], field: str) -> None:
    """422 on `field` unless every code is a subject of the dictionary."""
    await ensure_codes(session, Subject, codes, field)


async def position_names(session: AsyncSession) -> dict[str, str]:
    return await reference_names(session, Position)


async def subject_names(session: AsyncSession) -> dict[str, str]:
    return await reference_names(session, Subject)


async def ensure_competence_areas(session: AsyncSession, codes: list[str], field: str) -> None:
    """422 on `field` unless every code is a competence area of the dictionary."""
    await ensure_codes(session, CompetenceArea, codes, field)


async def competence_area_names(session: AsyncSession) -> dict[str, str]:
    return await reference_names(session, CompetenceArea)


async def ensure_event_levels(session: AsyncSession, codes: list[str], field: str) -> None:
    """422 on `field` unless every code is an event level of the dictionary (school … international)."""
    await ensure_codes(session, EventLevel, codes, field)


async def event_level_names(session: AsyncSession) -> dict[str, str]:
    return await reference_names(session, EventLevel)
