"""Reference dictionaries: small, read by every signed-in user, returned whole (no paging needed)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from sqlalchemy import select

from app.auth.permissions import Perm
from app.auth.principal import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.reference.models import EventLevel, OrganizationType, Position, QualificationCategory, Subject
from app.reference.schemas import DictionaryList, EventLevelList, PositionList

router = APIRouter(prefix="/reference", tags=["reference"], responses=problem_responses(401, 403))
Reader = Annotated[Principal, require(Perm.REFERENCE_READ)]


async def _all(session: SessionDep, model: Any) -> dict[str, Any]:
    rows = (
        await session.scalars(select(model).where(model.is_active.is_(True)).order_by(model.sort_order, model.name))
    ).all()
    return {"items": rows, "total": len(rows)}


@router.get("/organization-types", operation_id="list_organization_types", response_model=DictionaryList)
async def organization_types(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await _all(session, OrganizationType)


@router.get("/positions", operation_id="list_positions", response_model=PositionList)
async def positions(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await _all(session, Position)


@router.get("/subjects", operation_id="list_subjects", response_model=DictionaryList)
async def subjects(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await _all(session, Subject)


@router.get("/qualification-categories", operation_id="list_qualification_categories", response_model=DictionaryList)
async def qualification_categories(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await _all(session, QualificationCategory)


@router.get("/event-levels", operation_id="list_event_levels", response_model=EventLevelList)
async def event_levels(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await _all(session, EventLevel)
