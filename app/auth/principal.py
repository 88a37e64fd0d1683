"""The one scoping gate: who the caller is (a person or a machine client) and, per permission, what it may see.

`scopes_for` turns a principal's role assignments (or a client's scopes and municipality) into a `Scope` per
permission — the municipalities, organizations and own teacher record it reaches. Every repository query of tenant
data filters with that scope (`app.core.access` builds the SQL conditions); nothing else decides reach. The bearer
token is resolved here once per request (registered with `app.core.access.get_principal`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fastapi import Request
from sqlalchemy import JSON, Boolean, Uuid, bindparam, cast, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from app.auth.models import ApiClient, RefreshToken, RoleAssignment, User
from app.auth.permissions import CLIENT_SCOPES, ROLE_PERMISSIONS, Reach
from app.core.access import (
    Principal,
    PrincipalDep,
    Scope,
    get_principal,
    require,
    set_actor_loader,
    set_principal_resolver,
)
from app.core.errors import Unauthorized
from app.core.tokens import InvalidToken, decode_access_token
from app.tenants import service as tenants

__all__ = ["Grant", "Principal", "PrincipalDep", "Scope", "get_principal", "require", "scopes_for"]


@dataclass(frozen=True)
class Grant:
    role: str
    region_id: uuid.UUID | None
    municipality_ids: frozenset[uuid.UUID]
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    association_id: uuid.UUID | None = None


def _scope_of(grants: Iterable[Grant], perm: str) -> Scope:
    munis: set[uuid.UUID] = set()
    orgs: set[uuid.UUID] = set()
    teachers: set[uuid.UUID] = set()
    associations: set[uuid.UUID] = set()
    for g in grants:
        reach = ROLE_PERMISSIONS[g.role].get(perm)
        if reach is None:
            continue
        if g.role == "sysadmin":
            return Scope(all=True)
        if reach is Reach.MUNICIPALITY or g.role in ("department", "methodologist"):
            munis |= g.municipality_ids
        elif g.role == "school_admin" and g.organization_id:
            orgs.add(g.organization_id)
        elif g.role == "teacher" and g.teacher_id:
            teachers.add(g.teacher_id)
        elif g.role == "association_leader" and g.association_id:
            associations.add(g.association_id)
    return Scope(
        municipality_ids=frozenset(munis),
        organization_ids=frozenset(orgs),
        teacher_ids=frozenset(teachers),
        association_ids=frozenset(associations),
    )


def scopes_for(
    grants: list[Grant] | None = None,
    client_scopes: Iterable[str] = (),
    client_municipality_id: uuid.UUID | None = None,
) -> tuple[frozenset[str], dict[str, Scope]]:
    """THE gate: the permissions a principal holds and, for each, the scope of tenant data it reaches."""
    if grants is None:  # a machine client: its granted scopes, inside its one municipality
        perms = frozenset().union(*(CLIENT_SCOPES.get(s, set()) for s in client_scopes))
        muni = frozenset({client_municipality_id}) if client_municipality_id else frozenset()
        return perms, {p: Scope(municipality_ids=muni) for p in perms}
    perms = frozenset(p for g in grants for p in ROLE_PERMISSIONS[g.role])
    return perms, {p: _scope_of(grants, p) for p in perms}


@lru_cache(maxsize=4096)
def _scopes_of_grants(grants: tuple[Grant, ...]) -> tuple[frozenset[str], dict[str, Scope]]:
    """`scopes_for` of a set of grants, remembered: many requests carry the same few role sets (read-only use)."""
    return scopes_for(list(grants))


# role, region, municipality, organization, teacher and (optionally) the association a leader's role names
RoleRow = tuple[Any, ...]


async def user_principal(
    session: AsyncSession, user_id: uuid.UUID, full_name: str | None, roles: Iterable[RoleRow]
) -> Principal:
    """A person's principal from their role assignments (role, region, municipality, organization, teacher,
    association)."""
    grants = []
    for role, region_id, municipality_id, organization_id, teacher_id, *rest in roles:
        association_id = rest[0] if rest else None
        munis: frozenset[uuid.UUID] = frozenset()
        if municipality_id:
            munis = frozenset({municipality_id})
        elif region_id:
            munis = await tenants.municipality_ids_of_region(session, region_id)
        grants.append(Grant(role, region_id, munis, organization_id, teacher_id, association_id))
    grants.sort(
        key=lambda g: (
            g.role,
            str(g.region_id),
            sorted(map(str, g.municipality_ids)),
            str(g.organization_id),
            str(g.association_id),
        )
    )
    perms, scopes = _scopes_of_grants(tuple(grants))
    return Principal(
        kind="user",
        id=user_id,
        name=full_name,
        permissions=perms,
        scopes=scopes,
        roles=frozenset(g.role for g in grants),
        teacher_id=next((g.teacher_id for g in grants if g.role == "teacher"), None),
        association_ids=frozenset(g.association_id for g in grants if g.association_id),
        tenant_ids=frozenset().union(*(g.municipality_ids for g in grants)),
    )


async def load_user_principal(session: AsyncSession, user: User) -> Principal:
    roles = [
        (r.role, r.region_id, r.municipality_id, r.organization_id, r.teacher_id, r.association_id) for r in user.roles
    ]
    return await user_principal(session, user.id, user.full_name, roles)


@lru_cache(maxsize=1)
def _token_user_query() -> Any:
    """What a user's bearer token needs, in one statement built once: the user, whether the token's sign-in session
    is still open (not logged out, not revoked after a refresh-token reuse or a password change), and the roles."""
    session_open = or_(
        bindparam("no_session", type_=Boolean),
        exists().where(
            RefreshToken.family_id == bindparam("session_id", type_=Uuid),
            RefreshToken.user_id == User.id,
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at > func.now(),
        ),
    )
    roles = (
        select(
            func.coalesce(
                func.json_agg(
                    func.json_build_array(
                        RoleAssignment.role,
                        RoleAssignment.region_id,
                        RoleAssignment.municipality_id,
                        RoleAssignment.organization_id,
                        RoleAssignment.teacher_id,
                        RoleAssignment.association_id,
                    )
                ),
                cast(literal("[]"), JSON),
            )
        )
        .where(RoleAssignment.user_id == User.id)
        .scalar_subquery()
    )
    return select(
        User.full_name,
        User.is_active,
        User.archived_at,
        User.credentials_version,
        session_open.label("session_open"),
        roles.label("roles"),
    ).where(User.id == bindparam("user_id", type_=Uuid))


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def client_principal(client: ApiClient, granted: Iterable[str]) -> Principal:
    granted = frozenset(granted)
    perms, scopes = scopes_for(None, granted, client.municipality_id)
    return Principal(
        kind="client",
        id=client.id,
        name=client.name,
        permissions=perms,
        scopes=scopes,
        tenant_ids=frozenset({client.municipality_id}) if client.municipality_id else frozenset(),
        client_scopes=frozenset(granted),
    )


async def resolve_token(request: Request, session: AsyncSession, raw: str) -> Principal:
    try:
        claims = decode_access_token(raw)
    except InvalidToken as e:
        raise Unauthorized("Сессия истекла или токен недействителен", code="invalid_token") from e
    kind, _, subject = str(claims.get("sub", "")).partition(":")
    try:
        subject_id = uuid.UUID(subject)
        session_id = uuid.UUID(str(claims["sid"])) if claims.get("sid") is not None else None
        credentials_version = int(claims["cv"])
    except (KeyError, TypeError, ValueError) as e:
        raise Unauthorized("Недействительный токен", code="invalid_token") from e
    ip = request.client.host if request.client else None
    request_id = getattr(request.state, "request_id", None)  # set (and checked) by the request middleware
    if kind == "user":
        # One statement, run as a plain row (no ORM objects): every authenticated request pays for it.
        conn = await session.connection()
        params = {"user_id": subject_id, "session_id": session_id, "no_session": session_id is None}
        row = (await conn.execute(_token_user_query(), params)).one_or_none()
        if row is None or not row.is_active or row.archived_at is not None:
            raise Unauthorized("Учётная запись отключена", code="invalid_token")
        if not row.session_open or row.credentials_version != credentials_version:
            raise Unauthorized("Сессия завершена, войдите снова", code="invalid_token")
        roles = [(r[0], _uuid(r[1]), _uuid(r[2]), _uuid(r[3]), _uuid(r[4]), _uuid(r[5])) for r in row.roles]
        principal = await user_principal(session, subject_id, row.full_name, roles)
        principal.session_id = session_id
    elif kind == "client":
        client = await session.get(ApiClient, subject_id)
        if client is None or not client.is_active or client.archived_at is not None:
            raise Unauthorized("Клиент отключён", code="invalid_token")
        if client.credentials_version != credentials_version:
            raise Unauthorized("Секрет клиента сменён, получите новый токен", code="invalid_token")
        granted = set(str(claims.get("scope", "")).split()) & set(client.scopes)
        principal = client_principal(client, granted)
    else:
        raise Unauthorized("Недействительный токен", code="invalid_token")
    principal.ip = ip
    principal.request_id = request_id
    return principal


async def load_actor(
    session: AsyncSession, actor_type: str, actor_id: uuid.UUID, client_scopes: frozenset[str]
) -> Principal | None:
    """A stored actor (a background job's starter) as they are now, or None if they can no longer act."""
    if actor_type == "user":
        user = await session.scalar(select(User).where(User.id == actor_id).options(joinedload(User.roles)))
        if user is None or not user.is_active or user.archived_at is not None:
            return None
        return await load_user_principal(session, user)
    if actor_type == "client":
        client = await session.get(ApiClient, actor_id)
        if client is None or not client.is_active or client.archived_at is not None:
            return None
        return client_principal(client, set(client_scopes) & set(client.scopes))
    return None


set_principal_resolver(resolve_token)
set_actor_loader(load_actor)
