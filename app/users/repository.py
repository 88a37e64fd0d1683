"""Every SQL statement of user accounts: who a caller sees (accounts of their municipality, or holding a role in
it), the list's filters, the login's uniqueness, the revocation of a user's sessions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, exists, false, literal, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.permissions import ROLE_TITLES_RU
from app.core.access import Principal, Scope
from app.core.audit_trail import AuditSubject, describe
from app.core.db import utcnow
from app.core.resource import Resource
from app.core.search import text_search
from app.users.models import RefreshToken, RoleAssignment, User


def visible(scope: Scope) -> ColumnElement[bool]:
    if scope.all:
        return true()
    if not scope.municipality_ids:
        return false()
    return or_(
        User.municipality_id.in_(scope.municipality_ids),
        exists().where(RoleAssignment.user_id == User.id, RoleAssignment.municipality_id.in_(scope.municipality_ids)),
    )


users: Resource[User] = Resource(
    model=User,
    entity_type="user",
    not_found="Пользователь не найден",
    visible=visible,
    municipality_of=lambda u: u.municipality_id,
    sorts={"full_name": User.full_name, "email": User.email, "last_login_at": User.last_login_at},
    default_order=(User.full_name, User.id),
    if_match_required=True,  # a change of an account (roles, password, on/off) is a change of access
)


def filters(q: str | None, role: str | None, municipality_id: uuid.UUID | None) -> list[Any]:
    out: list[Any] = []
    if q:
        out.append(text_search(q, User.full_name, User.email))
    if role:
        out.append(exists().where(RoleAssignment.user_id == User.id, RoleAssignment.role == role))
    if municipality_id:
        out.append(User.municipality_id == municipality_id)
    return out


async def email_taken(session: AsyncSession, email: str) -> bool:
    return await session.scalar(select(User.id).where(User.email == email)) is not None


async def revoke_sessions(session: AsyncSession, user_id: uuid.UUID) -> None:
    """End every open sign-in session (refresh-token family) of a user."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def names_in_municipality(
    session: AsyncSession, municipality_id: uuid.UUID, ids: set[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Full names of the active accounts among `ids` that belong to the municipality (or hold a role in it)."""
    if not ids:
        return {}
    rows = await session.execute(
        select(User.id, User.full_name).where(
            User.id.in_(ids),
            User.archived_at.is_(None),
            or_(
                User.municipality_id == municipality_id,
                exists().where(RoleAssignment.user_id == User.id, RoleAssignment.municipality_id == municipality_id),
            ),
        )
    )
    return {uid: name for uid, name in rows.all()}


async def role_links(session: AsyncSession, user_id: uuid.UUID) -> list[tuple[str, Any, Any, Any]]:
    """(role, municipality, organization, teacher) of each role of an active account."""
    rows = await session.execute(
        select(
            RoleAssignment.role,
            RoleAssignment.municipality_id,
            RoleAssignment.organization_id,
            RoleAssignment.teacher_id,
        )
        .join(User, User.id == RoleAssignment.user_id)
        .where(RoleAssignment.user_id == user_id, User.archived_at.is_(None), User.is_active.is_(True))
    )
    return [tuple(r) for r in rows.all()]  # type: ignore[misc]


async def holders_in_municipality(
    session: AsyncSession, municipality_id: uuid.UUID, roles: Sequence[str]
) -> list[tuple[uuid.UUID, str]]:
    """Active accounts with one of `roles` in the municipality: (id, full name), by name."""
    if not roles:
        return []
    rows = await session.execute(
        select(User.id, User.full_name)
        .where(
            User.archived_at.is_(None),
            User.is_active.is_(True),
            exists().where(
                RoleAssignment.user_id == User.id,
                RoleAssignment.role.in_(list(roles)),
                RoleAssignment.municipality_id == municipality_id,
            ),
        )
        .order_by(User.full_name, User.id)
    )
    return [(uid, name) for uid, name in rows.all()]


async def active_ids_of_teacher(session: AsyncSession, teacher_id: uuid.UUID) -> list[uuid.UUID]:
    """Active accounts signed in as this teacher (a teacher role naming the teacher record)."""
    stmt = select(User.id).where(
        User.archived_at.is_(None),
        User.is_active.is_(True),
        exists().where(RoleAssignment.user_id == User.id, RoleAssignment.teacher_id == teacher_id),
    )
    return list((await session.scalars(stmt)).all())


# --- how user accounts read in the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    return select(literal("user"), cast(User.id, String), User.full_name).where(User.id.in_(ids))


describe(
    AuditSubject(
        entity_type="user",
        label="Пользователь",
        field_labels={
            "full_name": "ФИО",
            "email": "Логин",
            "roles": "Роли",
            "is_active": "Учётная запись активна",
            "password": "Пароль",
        },
        value_labels={"roles": ROLE_TITLES_RU},
        names=_audit_names,
    )
)
