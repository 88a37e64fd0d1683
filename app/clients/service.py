"""Machine clients (integrations): reads inside the caller's municipality with what the caller may do, audited
writes; the secret is shown once, and switching a client off or rotating its secret ends its tokens at once."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.clients import repository as repo
from app.clients.models import ApiClient
from app.clients.permissions import ClientPerm
from app.clients.schemas import ClientCreate, ClientRead, ClientUpdate, ClientWithSecret
from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import NotFound
from app.core.pagination import Page, PageParams
from app.core.passwords import new_secret, sha256_hex
from app.tenants import service as tenants

EDITABLE_FIELDS = frozenset(ClientUpdate.model_fields)


def actions(principal: Principal, client: ApiClient) -> list[str]:
    """What this caller may do with this client, by the rules the writes use."""
    if client.archived_at is not None:
        return []
    if not principal.scope(ClientPerm.WRITE).covers_municipality(client.municipality_id):
        return []
    return ["update", "rotate_secret", "archive"]


def readonly_fields(principal: Principal, client: ApiClient) -> list[str]:
    return [] if actions(principal, client) else sorted(EDITABLE_FIELDS)


def to_read(principal: Principal, client: ApiClient) -> ClientRead:
    out = ClientRead.model_validate(client)
    out.actions = actions(principal, client)
    out.readonly_fields = readonly_fields(principal, client)
    return out


def _with_secret(principal: Principal, client: ApiClient, secret: str) -> ClientWithSecret:
    return ClientWithSecret(**to_read(principal, client).model_dump(), client_secret=secret)


async def list_clients(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    q: str | None,
    municipality_id: uuid.UUID | None,
    include_archived: bool,
) -> Page[ClientRead]:
    items, total = await repo.clients.list(
        session,
        principal.scope(ClientPerm.READ),
        page,
        repo.filters(q, municipality_id),
        include_archived=include_archived,
    )
    return Page(items=[to_read(principal, c) for c in items], total=total, limit=page.limit, offset=page.offset)


async def get_visible(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, perm: str = ClientPerm.READ
) -> ApiClient:
    return await repo.clients.get(session, principal.scope(perm), client_id)


async def get_client(session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> ClientRead:
    return to_read(principal, await get_visible(session, principal, client_id))


async def create_client(session: AsyncSession, principal: Principal, body: ClientCreate) -> ClientWithSecret:
    if not principal.scope(ClientPerm.WRITE).covers_municipality(
        body.municipality_id
    ) or not await tenants.municipality_exists(session, body.municipality_id):
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
    return _with_secret(principal, client, secret)


async def update_client(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, body: ClientUpdate, if_match: str | None
) -> ClientRead:
    client = await get_visible(session, principal, client_id, ClientPerm.WRITE)
    repo.clients.check_version(client, if_match)
    if body.scopes is not None:
        body.scopes = sorted(set(body.scopes))
    if body.is_active is False and client.is_active:
        client.credentials_version += 1  # its access tokens stop working at once
    await repo.clients.update(session, principal, client, body, if_match)
    return to_read(principal, client)


async def rotate_secret(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, if_match: str | None
) -> ClientWithSecret:
    client = await get_visible(session, principal, client_id, ClientPerm.WRITE)
    repo.clients.check_version(client, if_match)
    secret = new_secret(32)
    client.secret_hash = sha256_hex(secret)
    client.credentials_version += 1  # tokens got with the old secret stop working at once
    await session.flush()
    await repo.clients.audit(
        session, principal, "update", client, {"secret": {"before": "***", "after": "*** (новый)"}}
    )
    return _with_secret(principal, client, secret)


async def archive_client(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, reason: str, if_match: str | None
) -> ClientRead:
    client = await get_visible(session, principal, client_id, ClientPerm.WRITE)
    repo.clients.check_version(client, if_match)
    client.is_active = False
    client.credentials_version += 1
    await repo.clients.archive(session, principal, client, reason, if_match)
    return to_read(principal, client)
