"""Machine clients (integrations): created by sysadmin or the department; the secret is shown once (HTTP only;
rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from app.clients import service
from app.clients.permissions import ClientPerm
from app.clients.schemas import ClientCreate, ClientRead, ClientUpdate, ClientWithSecret
from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page, PageDep
from app.core.schemas import ArchiveRequest

router = APIRouter(prefix="/clients", tags=["clients"], responses=problem_responses(401, 403, 422))


@router.get("", operation_id="list_clients", response_model=Page[ClientRead])
async def list_clients(
    session: SessionDep,
    principal: Annotated[Principal, require(ClientPerm.READ)],
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию или client_id")] = None,
    municipality_id: uuid.UUID | None = None,
    include_archived: bool = False,
) -> Page[ClientRead]:
    return await service.list_clients(
        session, principal, page, q=q, municipality_id=municipality_id, include_archived=include_archived
    )


@router.post(
    "",
    operation_id="create_client",
    status_code=status.HTTP_201_CREATED,
    response_model=ClientWithSecret,
    responses=problem_responses(404),
)
async def create_client(
    body: ClientCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(ClientPerm.WRITE)],
) -> ClientWithSecret:
    return await service.create_client(session, principal, body)


@router.get("/{client_id}", operation_id="get_client", response_model=ClientRead, responses=problem_responses(404))
async def get_client(
    client_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(ClientPerm.READ)],
    response: Response,
) -> ClientRead:
    client = await service.get_client(session, principal, client_id)
    set_etag(response, client.version)
    return client


@router.patch(
    "/{client_id}",
    operation_id="update_client",
    response_model=ClientRead,
    responses=problem_responses(404, 412, 428),
)
async def update_client(
    client_id: uuid.UUID,
    body: ClientUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(ClientPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> ClientRead:
    client = await service.update_client(session, principal, client_id, body, if_match)
    set_etag(response, client.version)
    return client


@router.post(
    "/{client_id}/rotate-secret",
    operation_id="rotate_client_secret",
    response_model=ClientWithSecret,
    responses=problem_responses(404, 412, 428),
)
async def rotate_secret(
    client_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(ClientPerm.WRITE)],
    if_match: IfMatchRequired = None,
) -> ClientWithSecret:
    return await service.rotate_secret(session, principal, client_id, if_match)


@router.post(
    "/{client_id}/archive",
    operation_id="archive_client",
    response_model=ClientRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_client(
    client_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(ClientPerm.WRITE)],
    if_match: IfMatchRequired = None,
) -> ClientRead:
    return await service.archive_client(session, principal, client_id, body.reason, if_match)
