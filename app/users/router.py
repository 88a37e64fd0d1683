"""User accounts and their role assignments (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.auth.schemas import Role
from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep
from app.core.schemas import ArchiveRequest
from app.users import service
from app.users.permissions import UserPerm
from app.users.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"], responses=problem_responses(401, 403, 422))


@router.get("", operation_id="list_users", response_model=Page[UserRead])
async def list_users(
    session: SessionDep,
    principal: Annotated[Principal, require(UserPerm.READ)],
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по имени или логину")] = None,
    role: Role | None = None,
    municipality_id: uuid.UUID | None = None,
    include_archived: bool = False,
) -> Page[UserRead]:
    return await service.list_users(
        session, principal, page, q=q, role=role, municipality_id=municipality_id, include_archived=include_archived
    )


@router.post(
    "",
    operation_id="create_user",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=problem_responses(409),
)
async def create_user(
    body: UserCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(UserPerm.WRITE)],
) -> UserRead:
    return await service.create_user(session, principal, body)


@router.get("/{user_id}", operation_id="get_user", response_model=UserRead, responses=problem_responses(404))
async def get_user(
    user_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(UserPerm.READ)],
    response: Response,
) -> UserRead:
    user = await service.get_user(session, principal, user_id)
    set_etag(response, user.version)
    return user


@router.patch(
    "/{user_id}", operation_id="update_user", response_model=UserRead, responses=problem_responses(404, 409, 412, 428)
)
async def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(UserPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> UserRead:
    user = await service.update_user(session, principal, user_id, body, if_match)
    set_etag(response, user.version)
    return user


@router.post(
    "/{user_id}/archive",
    operation_id="archive_user",
    response_model=UserRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_user(
    user_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(UserPerm.WRITE)],
    if_match: IfMatchRequired = None,
) -> UserRead:
    return await service.archive_user(session, principal, user_id, body.reason, if_match)
