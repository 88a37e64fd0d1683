"""A teacher's growth: the timeline by academic year and the portfolio file (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import MEDIA_TYPES, content_disposition
from app.growth import service
from app.growth.schemas import TeacherGrowth
from app.teachers.permissions import TeacherPerm

router = APIRouter(prefix="/teachers", tags=["growth"], responses=problem_responses(401, 403, 404, 422))


@router.get("/{teacher_id}/growth", operation_id="get_teacher_growth", response_model=TeacherGrowth)
async def get_teacher_growth(
    teacher_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
) -> TeacherGrowth:
    """Events and roles, courses, attestation, mentoring and awards of the teacher by academic year with hours;
    each kind shows what the caller may read of it (a teacher sees their own)."""
    return await service.growth(session, principal, teacher_id)


@router.get(
    "/{teacher_id}/portfolio",
    operation_id="export_teacher_portfolio",
    response_class=Response,
    responses={200: {"description": "Портфолио педагога (DOCX, одна страница)", "content": {MEDIA_TYPES["docx"]: {}}}},
)
async def export_teacher_portfolio(
    teacher_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(TeacherPerm.READ)],
) -> Response:
    """The one-page portfolio «Профессиональный рост педагога» as DOCX (audited as an export of the teacher)."""
    content, name = await service.portfolio_docx(session, principal, teacher_id)
    return Response(
        content,
        media_type=MEDIA_TYPES["docx"],
        headers={"Content-Disposition": content_disposition(f"Портфолио — {name}.docx", "portfolio.docx")},
    )
