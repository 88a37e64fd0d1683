"""Reference dictionaries: small, read by every signed-in user, returned whole (no paging needed)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.reference import service
from app.reference.permissions import ReferencePerm
from app.reference.schemas import DictionaryList, EventLevelList, PositionList

router = APIRouter(prefix="/reference", tags=["reference"], responses=problem_responses(401, 403))
Reader = Annotated[Principal, require(ReferencePerm.READ)]


@router.get("/organization-types", operation_id="list_organization_types", response_model=DictionaryList)
async def organization_types(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await service.dictionary(session, "organization-types")


@router.get("/positions", operation_id="list_positions", response_model=PositionList)
async def positions(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await service.dictionary(session, "positions")


@router.get("/subjects", operation_id="list_subjects", response_model=DictionaryList)
async def subjects(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await service.dictionary(session, "subjects")


@router.get("/qualification-categories", operation_id="list_qualification_categories", response_model=DictionaryList)
async def qualification_categories(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await service.dictionary(session, "qualification-categories")


@router.get("/event-levels", operation_id="list_event_levels", response_model=EventLevelList)
async def event_levels(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await service.dictionary(session, "event-levels")


@router.get("/competence-areas", operation_id="list_competence_areas", response_model=DictionaryList)
async def competence_areas(session: SessionDep, _: Reader) -> dict[str, Any]:
    return await service.dictionary(session, "competence-areas")
