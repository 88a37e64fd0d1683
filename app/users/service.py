"""User accounts: reads inside the caller's scope with what the caller may do with each account, audited writes
(roles checked against the granter's scope), and the end of every session when a password changes or an account
is switched off."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import resolve_roles, role_reads
from app.auth.schemas import RoleAssignmentIn
from app.core.access import Principal
from app.core.audit_trail import diff, record
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError
from app.core.pagination import Page, PageParams
from app.core.passwords import hash_password
from app.users import repository as repo
from app.users.models import RoleAssignment, User
from app.users.permissions import UserPerm
from app.users.schemas import UserCreate, UserRead, UserUpdate

EDITABLE_FIELDS = frozenset(UserUpdate.model_fields)
ROLE_KEYS = ("role", "region_id", "municipality_id", "organization_id", "teacher_id", "association_id")


def _may_write(principal: Principal, user: User) -> bool:
    """The write scope's condition (`repository.visible`) on a loaded account."""
    scope = principal.scope(UserPerm.WRITE)
    return scope.all or any(
        m in scope.municipality_ids for m in (user.municipality_id, *(r.municipality_id for r in user.roles))
    )


def actions(principal: Principal, user: User) -> list[str]:
    """What this caller may do with this account, by the rules the writes use."""
    if user.archived_at is not None or not _may_write(principal, user):
        return []
    return ["update"] if user.id == principal.id else ["update", "archive"]


def readonly_fields(principal: Principal, user: User) -> list[str]:
    """All fields without the right to change the account; one's own account cannot be switched off."""
    if "update" not in actions(principal, user):
        return sorted(EDITABLE_FIELDS)
    return ["is_active"] if user.id == principal.id else []


async def to_read(session: AsyncSession, principal: Principal, user: User) -> UserRead:
    return UserRead(
        id=user.id,
        municipality_id=user.municipality_id,
        email=user.email,
        full_name=user.full_name,
        is_active=user.is_active,
        last_login_at=user.last_login_at,
        roles=await role_reads(session, user.roles),
        version=user.version,
        archived_at=user.archived_at,
        actions=actions(principal, user),
        readonly_fields=readonly_fields(principal, user),
    )


async def _resolve_roles(
    session: AsyncSession, principal: Principal, roles: list[RoleAssignmentIn]
) -> list[dict[str, Any]]:
    """Each assignment as it will be stored, checked against the granter's scope (see app/auth/roles.py)."""
    return await resolve_roles(session, principal.scope(UserPerm.WRITE), roles)


async def list_users(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    q: str | None,
    role: str | None,
    municipality_id: uuid.UUID | None,
    include_archived: bool,
) -> Page[UserRead]:
    items, total = await repo.users.list(
        session,
        principal.scope(UserPerm.READ),
        page,
        repo.filters(q, role, municipality_id),
        include_archived=include_archived,
    )
    return Page(
        items=[await to_read(session, principal, u) for u in items], total=total, limit=page.limit, offset=page.offset
    )


async def get_visible(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, perm: str = UserPerm.READ
) -> User:
    return await repo.users.get(session, principal.scope(perm), user_id)


async def get_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> UserRead:
    return await to_read(session, principal, await get_visible(session, principal, user_id))


async def create_user(session: AsyncSession, principal: Principal, body: UserCreate) -> UserRead:
    email = body.email.lower()
    if await repo.email_taken(session, email):
        raise Conflict(
            "Пользователь с таким логином уже есть",
            code="email_taken",
            errors=[FieldError(field="body.email", code="taken", message="Логин занят")],
        )
    roles = await _resolve_roles(session, principal, body.roles)
    user = User(
        email=email,
        full_name=body.full_name,
        password_hash=await hash_password(body.password),
        municipality_id=next((r["municipality_id"] for r in roles if r.get("municipality_id")), None),
        roles=[RoleAssignment(**r) for r in roles],
    )
    session.add(user)
    await session.flush()
    await record(
        session,
        principal,
        "create",
        "user",
        user.id,
        user.municipality_id,
        {"email": email, "full_name": body.full_name, "roles": [r["role"] for r in roles]},
    )
    return await to_read(session, principal, user)


def _snapshot(user: User) -> dict[str, Any]:
    return {"full_name": user.full_name, "is_active": user.is_active, "roles": sorted(r.role for r in user.roles)}


async def update_user(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, body: UserUpdate, if_match: str | None
) -> UserRead:
    user = await get_visible(session, principal, user_id, UserPerm.WRITE)
    repo.users.check_version(user, if_match)
    before = _snapshot(user)
    if user.id == principal.id and body.is_active is False:
        raise Conflict("Нельзя отключить собственную учётную запись", code="self_deactivate")
    if body.full_name is not None:
        user.full_name = body.full_name
    if body.is_active is not None:
        user.is_active = body.is_active
    if body.roles is not None:
        roles = await _resolve_roles(session, principal, body.roles)
        current = sorted(tuple(str(getattr(r, k)) for k in ROLE_KEYS) for r in user.roles)
        wanted = sorted(tuple(str(r.get(k)) for k in ROLE_KEYS) for r in roles)
        if current != wanted:  # the SPA always sends the roles: rewrite them only when they differ
            user.roles = [RoleAssignment(**r) for r in roles]
    changes = diff(before, _snapshot(user))
    if body.password is not None:
        user.password_hash = await hash_password(body.password)
        changes["password"] = {"before": "***", "after": "***"}
    if body.password is not None or (body.is_active is False and before["is_active"]):
        # A new password or a switched-off account ends every open session and access token of that user.
        user.credentials_version += 1
        await repo.revoke_sessions(session, user.id)
    if changes:
        user.updated_at = utcnow()  # role/password changes live elsewhere: move the version too
        await session.flush()
        await record(session, principal, "update", "user", user.id, user.municipality_id, changes)
    return await to_read(session, principal, user)


async def archive_user(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, reason: str, if_match: str | None
) -> UserRead:
    user = await get_visible(session, principal, user_id, UserPerm.WRITE)
    if user.id == principal.id:
        raise Conflict("Нельзя архивировать собственную учётную запись", code="self_archive")
    await repo.users.archive(session, principal, user, reason, if_match)  # first: it checks the version
    user.is_active = False
    user.credentials_version += 1  # its access tokens stop working at once
    await repo.revoke_sessions(session, user.id)
    return await to_read(session, principal, user)


async def names_in_municipality(
    session: AsyncSession, municipality_id: uuid.UUID, ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Names of colleagues of a municipality (for other modules naming a responsible person on their records): only
    accounts of that municipality are named, so a record never points at someone of another tenant."""
    return await repo.names_in_municipality(session, municipality_id, ids)


@dataclass(frozen=True)
class RoleLink:
    """One role of an account and what it is tied to (for rules of other modules, e.g. a reviewer's school)."""

    role: str
    municipality_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None


async def role_links(session: AsyncSession, user_id: uuid.UUID) -> list[RoleLink]:
    """The roles of an active account (empty for an archived or switched-off one)."""
    return [RoleLink(*r) for r in await repo.role_links(session, user_id)]


async def holders_in_municipality(
    session: AsyncSession, municipality_id: uuid.UUID, roles: list[str]
) -> list[tuple[uuid.UUID, str]]:
    """Active accounts holding one of `roles` in the municipality: (id, full name), by name (pickers of people
    with a permission, e.g. the experts of the practice bank)."""
    return await repo.holders_in_municipality(session, municipality_id, roles)


async def active_user_ids_with_roles(
    session: AsyncSession, municipality_id: uuid.UUID, roles: list[str]
) -> list[uuid.UUID]:
    """Active accounts holding one of `roles` in the municipality (for notifications of other modules)."""
    return [uid for uid, _ in await repo.holders_in_municipality(session, municipality_id, roles)]


async def active_user_ids_of_teacher(session: AsyncSession, teacher_id: uuid.UUID) -> list[uuid.UUID]:
    """Active accounts of this teacher (for notifications addressed to the teacher)."""
    return await repo.active_ids_of_teacher(session, teacher_id)
