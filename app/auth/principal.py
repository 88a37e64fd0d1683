"""The typed principal (a person or a machine client), resolved once per request, and its data scopes.

This is the one place that turns a principal into what it may see: `Principal.scope(perm)` gives the set of
municipalities, organizations and teacher records for a permission, and the `*_visible` helpers turn that into
SQL conditions used by every repository query. Default deny: an empty scope matches nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlowPassword, OAuthFlows
from fastapi.security import OAuth2
from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from app.auth.models import ApiClient, RefreshToken, User
from app.auth.permissions import CLIENT_SCOPES, PERM_TITLES_RU, ROLE_PERMISSIONS, Perm, Reach
from app.core.db import SessionDep
from app.core.errors import Forbidden, Unauthorized
from app.core.tokens import InvalidToken, decode_access_token
from app.teachers.models import employed_on
from app.tenants.models import Municipality


@dataclass(frozen=True)
class Scope:
    all: bool = False
    municipality_ids: frozenset[uuid.UUID] = frozenset()
    organization_ids: frozenset[uuid.UUID] = frozenset()
    teacher_ids: frozenset[uuid.UUID] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.all or self.municipality_ids or self.organization_ids or self.teacher_ids)

    def covers_municipality(self, municipality_id: uuid.UUID | None) -> bool:
        return self.all or (municipality_id is not None and municipality_id in self.municipality_ids)


@dataclass(frozen=True)
class Grant:
    role: str
    region_id: uuid.UUID | None
    municipality_ids: frozenset[uuid.UUID]
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID | None


@dataclass
class Principal:
    kind: str  # "user" | "client"
    id: uuid.UUID
    name: str
    grants: list[Grant] = field(default_factory=list)
    client_scopes: frozenset[str] = frozenset()
    client_municipality_id: uuid.UUID | None = None
    ip: str | None = None
    request_id: str | None = None
    # The sign-in session (refresh-token family) the access token belongs to; None for tokens made outside a sign-in.
    session_id: uuid.UUID | None = None
    # The signed-in user's row, kept referenced so the request's session finds it in its (weak) identity map.
    user: User | None = field(default=None, repr=False, compare=False)

    @property
    def permissions(self) -> set[Perm]:
        if self.kind == "client":
            return (
                set().union(*(CLIENT_SCOPES.get(s, set()) for s in self.client_scopes)) if self.client_scopes else set()
            )
        perms: set[Perm] = set()
        for g in self.grants:
            perms |= set(ROLE_PERMISSIONS[g.role])
        return perms

    def has(self, perm: Perm) -> bool:
        return perm in self.permissions

    def require(self, perm: Perm) -> None:
        if not self.has(perm):
            raise Forbidden(f"Нет права «{perm.value}»", code="forbidden")

    @property
    def is_sysadmin(self) -> bool:
        return any(g.role == "sysadmin" for g in self.grants)

    @property
    def teacher_id(self) -> uuid.UUID | None:
        return next((g.teacher_id for g in self.grants if g.role == "teacher"), None)

    def scope(self, perm: Perm) -> Scope:
        if self.kind == "client":
            if perm in self.permissions and self.client_municipality_id:
                return Scope(municipality_ids=frozenset({self.client_municipality_id}))
            return Scope()
        munis: set[uuid.UUID] = set()
        orgs: set[uuid.UUID] = set()
        teachers: set[uuid.UUID] = set()
        for g in self.grants:
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
        return Scope(
            municipality_ids=frozenset(munis),
            organization_ids=frozenset(orgs),
            teacher_ids=frozenset(teachers),
        )

    def single_municipality_id(self) -> uuid.UUID | None:
        """The municipality of a principal confined to one (for audit entries of list-wide actions)."""
        ids = self.tenant_ids()
        return next(iter(ids)) if len(ids) == 1 else None

    def tenant_ids(self) -> frozenset[uuid.UUID]:
        """Every municipality this principal touches in any way (for its home screen and audit)."""
        if self.kind == "client":
            return frozenset({self.client_municipality_id}) if self.client_municipality_id else frozenset()
        out: set[uuid.UUID] = set()
        for g in self.grants:
            out |= g.municipality_ids
        return frozenset(out)


def municipality_visible(scope: Scope, municipality_col: Any) -> ColumnElement[bool]:
    if scope.all:
        return true()
    if not scope.municipality_ids:
        return false()
    return municipality_col.in_(scope.municipality_ids)


def organization_visible(scope: Scope, org_cls: Any) -> ColumnElement[bool]:
    if scope.all:
        return true()
    conds = []
    if scope.municipality_ids:
        conds.append(org_cls.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(org_cls.id.in_(scope.organization_ids))
    return or_(*conds) if conds else false()


def teacher_visible(scope: Scope, teacher_cls: Any, employment_cls: Any, on: date | None = None) -> ColumnElement[bool]:
    """A teacher is visible to a school if they currently work there (main or part-time)."""
    if scope.all:
        return true()
    on = on or date.today()
    conds = []
    if scope.municipality_ids:
        conds.append(teacher_cls.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(
            exists().where(
                and_(
                    employment_cls.teacher_id == teacher_cls.id,
                    employment_cls.municipality_id == teacher_cls.municipality_id,
                    employment_cls.organization_id.in_(scope.organization_ids),
                    employed_on(employment_cls, on),
                )
            )
        )
    if scope.teacher_ids:
        conds.append(teacher_cls.id.in_(scope.teacher_ids))
    return or_(*conds) if conds else false()


oauth2_scheme = OAuth2(
    flows=OAuthFlows(
        # People get permissions from their roles; listed here so each operation can name the one it requires.
        password=OAuthFlowPassword(tokenUrl="/api/v1/auth/token", scopes=dict(PERM_TITLES_RU)),
        clientCredentials=OAuthFlowClientCredentials(
            tokenUrl="/api/v1/auth/token",
            scopes={
                "kpi:read": "Чтение показателей (KPI)",
                "teachers:read": "Чтение педагогов",
                "teachers:write": "Запись и импорт педагогов",
                "organizations:read": "Чтение организаций",
            },
        ),
    ),
    scheme_name="OAuth2",
    auto_error=False,
)


async def _municipalities_of_region(session: AsyncSession, region_id: uuid.UUID) -> frozenset[uuid.UUID]:
    rows = await session.scalars(select(Municipality.id).where(Municipality.region_id == region_id))
    return frozenset(rows.all())


async def load_user_principal(session: AsyncSession, user: User) -> Principal:
    grants = []
    for ra in user.roles:
        munis: frozenset[uuid.UUID] = frozenset()
        if ra.municipality_id:
            munis = frozenset({ra.municipality_id})
        elif ra.region_id:
            munis = await _municipalities_of_region(session, ra.region_id)
        grants.append(Grant(ra.role, ra.region_id, munis, ra.organization_id, ra.teacher_id))
    return Principal(kind="user", id=user.id, name=user.full_name, grants=grants, user=user)


async def get_principal(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    if not token:
        raise Unauthorized("Войдите в систему")
    raw = token.removeprefix("Bearer ").strip() if token.lower().startswith("bearer ") else token
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
        # One query: the user, their roles, and whether the token's sign-in session is still open (not logged out,
        # not revoked after a refresh-token reuse or a password change).
        session_open = (
            exists().where(
                RefreshToken.family_id == session_id,
                RefreshToken.user_id == User.id,
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > func.now(),
            )
            if session_id is not None
            else true()
        )
        row = (
            (
                await session.execute(
                    select(User, session_open.label("session_open"))
                    .where(User.id == subject_id)
                    .options(joinedload(User.roles))
                )
            )
            .unique()
            .one_or_none()
        )
        user = row[0] if row else None
        if user is None or not user.is_active or user.archived_at is not None:
            raise Unauthorized("Учётная запись отключена", code="invalid_token")
        if not row[1] or user.credentials_version != credentials_version:
            raise Unauthorized("Сессия завершена, войдите снова", code="invalid_token")
        principal = await load_user_principal(session, user)
        principal.session_id = session_id
    elif kind == "client":
        client = await session.get(ApiClient, subject_id)
        if client is None or not client.is_active or client.archived_at is not None:
            raise Unauthorized("Клиент отключён", code="invalid_token")
        if client.credentials_version != credentials_version:
            raise Unauthorized("Секрет клиента сменён, получите новый токен", code="invalid_token")
        granted = set(str(claims.get("scope", "")).split()) & set(client.scopes)
        principal = Principal(
            kind="client",
            id=client.id,
            name=client.name,
            client_scopes=frozenset(granted),
            client_municipality_id=client.municipality_id,
        )
    else:
        raise Unauthorized("Недействительный токен", code="invalid_token")
    principal.ip = ip
    principal.request_id = request_id
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(perm: Perm) -> Any:
    """Route dependency: the principal must hold `perm` (403 otherwise).

    Declared as an OAuth2 security scope, so the OpenAPI names the permission each operation requires, and
    the authorization matrix test reads it from the route table (`required_permission`).
    """

    async def _dep(principal: PrincipalDep) -> Principal:
        principal.require(perm)
        return principal

    _dep.__name__ = f"require_{perm.name.lower()}"
    _dep.required_permission = perm  # type: ignore[attr-defined]
    return Security(_dep, scopes=[perm.value])
