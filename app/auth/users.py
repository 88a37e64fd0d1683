"""Management of user accounts and their role assignments (sysadmin; department within its municipality)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import RefreshToken, RoleAssignment, User
from app.auth.permissions import ROLE_TITLES_RU, AuthPerm
from app.auth.roles import resolve_roles
from app.auth.schemas import Role, RoleAssignmentIn, RoleAssignmentRead, UserCreate, UserRead, UserUpdate
from app.core.access import Principal, Scope, require
from app.core.audit_trail import diff, record
from app.core.concurrency import IfMatch, set_etag
from app.core.db import SessionDep, utcnow
from app.core.errors import Conflict, FieldError, NotFound, problem_responses
from app.core.pagination import Page, PageDep, apply_sort, paginate
from app.core.passwords import hash_password
from app.core.resource import Resource, check_version
from app.core.schemas import ArchiveRequest
from app.core.search import text_search
from app.organizations.models import Organization
from app.tenants.models import Municipality, Region

router = APIRouter(prefix="/users", tags=["users"], responses=problem_responses(401, 403, 422))


async def role_reads(session: AsyncSession, roles: Sequence[RoleAssignment]) -> list[RoleAssignmentRead]:
    """Role assignments with a human-readable scope name (municipality, school or region)."""
    org_ids = {r.organization_id for r in roles if r.organization_id}
    muni_ids = {r.municipality_id for r in roles if r.municipality_id}
    region_ids = {r.region_id for r in roles if r.region_id}
    orgs = (
        dict(
            (
                await session.execute(
                    select(Organization.id, Organization.short_name).where(Organization.id.in_(org_ids))
                )
            ).all()
        )
        if org_ids
        else {}
    )
    munis = (
        dict(
            (
                await session.execute(select(Municipality.id, Municipality.name).where(Municipality.id.in_(muni_ids)))
            ).all()
        )
        if muni_ids
        else {}
    )
    regions = (
        dict((await session.execute(select(Region.id, Region.name).where(Region.id.in_(region_ids)))).all())
        if region_ids
        else {}
    )
    out = []
    for r in roles:
        name = (
            orgs.get(r.organization_id)
            or munis.get(r.municipality_id)
            or regions.get(r.region_id)
            or ("Вся система" if r.role == "sysadmin" else None)
        )
        out.append(
            RoleAssignmentRead(
                role=r.role,
                role_title=ROLE_TITLES_RU.get(r.role),
                region_id=r.region_id,  # type: ignore[arg-type]
                municipality_id=r.municipality_id,
                organization_id=r.organization_id,
                teacher_id=r.teacher_id,
                scope_name=name,
            )
        )
    return out


async def _to_read(session: AsyncSession, user: User) -> UserRead:
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
    )


def _user_visible(scope: Scope):  # type: ignore[no-untyped-def]
    if scope.all:
        return User.id.is_not(None)
    if not scope.municipality_ids:
        return User.id.is_(None)
    return or_(
        User.municipality_id.in_(scope.municipality_ids),
        exists().where(RoleAssignment.user_id == User.id, RoleAssignment.municipality_id.in_(scope.municipality_ids)),
    )


users: Resource[User] = Resource(
    model=User,
    entity_type="user",
    not_found="Пользователь не найден",
    visible=_user_visible,
    municipality_of=lambda u: u.municipality_id,
)


async def _get_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID, perm: str) -> User:
    user = await session.scalar(select(User).where(User.id == user_id, _user_visible(principal.scope(perm))))
    if user is None:
        raise NotFound("Пользователь не найден")
    return user


async def _resolve_roles(session: AsyncSession, principal: Principal, roles: list[RoleAssignmentIn]) -> list[dict]:
    """Each assignment as it will be stored, checked against the granter's scope (see app/auth/roles.py)."""
    return await resolve_roles(session, principal.scope(AuthPerm.USERS_WRITE), roles)


@router.get("", operation_id="list_users", response_model=Page[UserRead])
async def list_users(
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.USERS_READ)],
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Поиск по имени или логину")] = None,
    role: Role | None = None,
    municipality_id: uuid.UUID | None = None,
    include_archived: bool = False,
) -> Page[UserRead]:
    stmt = select(User).where(_user_visible(principal.scope(AuthPerm.USERS_READ)))
    if q:
        stmt = stmt.where(text_search(q, User.full_name, User.email))
    if role:
        stmt = stmt.where(exists().where(RoleAssignment.user_id == User.id, RoleAssignment.role == role))
    if municipality_id:
        stmt = stmt.where(User.municipality_id == municipality_id)
    if not include_archived:
        stmt = stmt.where(User.archived_at.is_(None))
    stmt = apply_sort(
        stmt,
        page.sort,
        {"full_name": User.full_name, "email": User.email, "last_login_at": User.last_login_at},
        [User.full_name, User.id],
    )
    items, total = await paginate(session, stmt, page)
    return Page(items=[await _to_read(session, u) for u in items], total=total, limit=page.limit, offset=page.offset)


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
    principal: Annotated[Principal, require(AuthPerm.USERS_WRITE)],
) -> UserRead:
    email = body.email.lower()
    if await session.scalar(select(User.id).where(User.email == email)):
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
    return await _to_read(session, user)


@router.get("/{user_id}", operation_id="get_user", response_model=UserRead, responses=problem_responses(404))
async def get_user(
    user_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.USERS_READ)],
    response: Response,
) -> UserRead:
    user = await _get_user(session, principal, user_id, AuthPerm.USERS_READ)
    set_etag(response, user.version)
    return await _to_read(session, user)


@router.patch(
    "/{user_id}", operation_id="update_user", response_model=UserRead, responses=problem_responses(404, 409, 412)
)
async def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.USERS_WRITE)],
    response: Response,
    if_match: IfMatch = None,
) -> UserRead:
    user = await _get_user(session, principal, user_id, AuthPerm.USERS_WRITE)
    check_version(if_match, user.version)
    before = {
        "full_name": user.full_name,
        "is_active": user.is_active,
        "roles": sorted(r.role for r in user.roles),
    }
    if user.id == principal.id and body.is_active is False:
        raise Conflict("Нельзя отключить собственную учётную запись", code="self_deactivate")
    if body.full_name is not None:
        user.full_name = body.full_name
    if body.is_active is not None:
        user.is_active = body.is_active
    if body.roles is not None:
        roles = await _resolve_roles(session, principal, body.roles)
        scope_keys = ("role", "region_id", "municipality_id", "organization_id", "teacher_id")
        current = sorted(tuple(str(getattr(r, k)) for k in scope_keys) for r in user.roles)
        wanted = sorted(tuple(str(r.get(k)) for k in scope_keys) for r in roles)
        if current != wanted:  # the SPA always sends the roles: rewrite them only when they differ
            user.roles = [RoleAssignment(**r) for r in roles]
    changes = diff(
        before,
        {
            "full_name": user.full_name,
            "is_active": user.is_active,
            "roles": sorted(r.role for r in user.roles),
        },
    )
    if body.password is not None:
        user.password_hash = await hash_password(body.password)
        changes["password"] = {"before": "***", "after": "***"}
    if body.password is not None or (body.is_active is False and before["is_active"]):
        # A new password or a switched-off account ends every open session and access token of that user.
        user.credentials_version += 1
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    if changes:
        user.updated_at = utcnow()  # role/password changes live elsewhere: move the version too
        await session.flush()
        await record(session, principal, "update", "user", user.id, user.municipality_id, changes)
    set_etag(response, user.version)
    return await _to_read(session, user)


@router.post(
    "/{user_id}/archive",
    operation_id="archive_user",
    response_model=UserRead,
    responses=problem_responses(404, 409, 412),
)
async def archive_user(
    user_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(AuthPerm.USERS_WRITE)],
    if_match: IfMatch = None,
) -> UserRead:
    user = await _get_user(session, principal, user_id, AuthPerm.USERS_WRITE)
    if user.id == principal.id:
        raise Conflict("Нельзя архивировать собственную учётную запись", code="self_archive")
    check_version(if_match, user.version)  # before any change: revoking the sessions below flushes the user
    user.is_active = False
    user.credentials_version += 1  # its access tokens stop working at once
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    await users.archive(session, principal, user, body.reason, None)
    return await _to_read(session, user)
