"""Machine clients (integrations): created by sysadmin or the department; the secret is shown once."""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import select

from app.auth.models import ApiClient
from app.auth.permissions import AuthPerm
from app.auth.schemas import ClientCreate, ClientRead, ClientUpdate, ClientWithSecret
from app.core.access import Principal, municipality_visible, require
from app.core.audit_trail import record
from app.core.concurrency import IfMatch, set_etag
from app.core.db import SessionDep
from app.core.errors import NotFound, problem_responses
from app.core.pagination import Page, PageDep, apply_sort, paginate
from app.core.passwords import new_secret, sha256_hex
from app.core.resource import Resource, check_version
from app.core.schemas import ArchiveRequest
from app.core.search import text_search
from app.tenants.models import Municipality

router = APIRouter(prefix="/clients", tags=["clients"], responses=problem_responses(401, 403, 422))


clients: Resource[ApiClient] = Resource(
    model=ApiClient,
    entity_type="api_client",
    not_found="Клиент не найден",
    visible=lambda scope: municipality_visible(scope, ApiClient.municipality_id),
    municipality_of=lambda c: c.municipality_id,
)


async def _get_client(session: SessionDep, principal: Principal, client_id: uuid.UUID, perm: str) -> ApiClient:
    client = await session.scalar(
        select(ApiClient).where(
            ApiClient.id == client_id, municipality_visible(principal.scope(perm), ApiClient.municipality_id)
        )
    )
    if client is None:
        raise NotFound("Клиент не найден")
    return client


@router.get("", operation_id="list_clients", response_model=Page[ClientRead])
async def list_clients(
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.CLIENTS_READ)],
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по названию или client_id")] = None,
    municipality_id: uuid.UUID | None = None,
    include_archived: bool = False,
) -> Page[ClientRead]:
    stmt = select(ApiClient).where(
        municipality_visible(principal.scope(AuthPerm.CLIENTS_READ), ApiClient.municipality_id)
    )
    if q:
        stmt = stmt.where(text_search(q, ApiClient.name, ApiClient.client_id))
    if municipality_id:
        stmt = stmt.where(ApiClient.municipality_id == municipality_id)
    if not include_archived:
        stmt = stmt.where(ApiClient.archived_at.is_(None))
    stmt = apply_sort(
        stmt,
        page.sort,
        {"name": ApiClient.name, "created_at": ApiClient.created_at},
        [ApiClient.name, ApiClient.id],
    )
    items, total = await paginate(session, stmt, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


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
    principal: Annotated[Principal, require(AuthPerm.CLIENTS_WRITE)],
) -> ClientWithSecret:
    if not principal.scope(AuthPerm.CLIENTS_WRITE).covers_municipality(body.municipality_id) or (
        await session.get(Municipality, body.municipality_id) is None
    ):
        raise NotFound("Муниципалитет не найден")
    secret = new_secret(32)
    client = ApiClient(
        municipality_id=body.municipality_id,
        name=body.name,
        client_id=f"mms_{secrets.token_hex(8)}",
        secret_hash=sha256_hex(secret),
        scopes=sorted(set(body.scopes)),
        created_by=principal.id,
    )
    session.add(client)
    await session.flush()
    await record(
        session,
        principal,
        "create",
        "api_client",
        client.id,
        client.municipality_id,
        {"name": client.name, "scopes": client.scopes, "client_id": client.client_id},
    )
    return ClientWithSecret(**ClientRead.model_validate(client).model_dump(), client_secret=secret)


@router.get("/{client_id}", operation_id="get_client", response_model=ClientRead, responses=problem_responses(404))
async def get_client(
    client_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.CLIENTS_READ)],
    response: Response,
) -> ApiClient:
    client = await _get_client(session, principal, client_id, AuthPerm.CLIENTS_READ)
    set_etag(response, client.version)
    return client


@router.patch(
    "/{client_id}",
    operation_id="update_client",
    response_model=ClientRead,
    responses=problem_responses(404, 412),
)
async def update_client(
    client_id: uuid.UUID,
    body: ClientUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.CLIENTS_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> ApiClient:
    client = await _get_client(session, principal, client_id, AuthPerm.CLIENTS_WRITE)
    if body.scopes is not None:
        body.scopes = sorted(set(body.scopes))
    if body.is_active is False and client.is_active:
        client.credentials_version += 1  # its access tokens stop working at once
    await clients.update(session, principal, client, body, if_match)
    set_etag(response, client.version)
    return client


@router.post(
    "/{client_id}/rotate-secret",
    operation_id="rotate_client_secret",
    response_model=ClientWithSecret,
    responses=problem_responses(404, 412),
)
async def rotate_secret(
    client_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.CLIENTS_WRITE)],
    if_match: IfMatch = None,
) -> ClientWithSecret:
    client = await _get_client(session, principal, client_id, AuthPerm.CLIENTS_WRITE)
    check_version(if_match, client.version)
    secret = new_secret(32)
    client.secret_hash = sha256_hex(secret)
    client.credentials_version += 1  # tokens got with the old secret stop working at once
    await session.flush()
    await record(
        session,
        principal,
        "update",
        "api_client",
        client.id,
        client.municipality_id,
        {"secret": {"before": "***", "after": "*** (новый)"}},
    )
    return ClientWithSecret(**ClientRead.model_validate(client).model_dump(), client_secret=secret)


@router.post(
    "/{client_id}/archive",
    operation_id="archive_client",
    response_model=ClientRead,
    responses=problem_responses(404, 409, 412),
)
async def archive_client(
    client_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.CLIENTS_WRITE)],
    if_match: IfMatch = None,
) -> ApiClient:
    client = await _get_client(session, principal, client_id, AuthPerm.CLIENTS_WRITE)
    clients.check_version(client, if_match)
    client.is_active = False
    client.credentials_version += 1
    await clients.archive(session, principal, client, body.reason, if_match)
    return client
