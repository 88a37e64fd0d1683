"""Access in general terms, with no knowledge of any module: permissions as `resource:action` strings declared
by the modules (each module's `permissions.py` calls `declare`), the typed `Principal` a request acts as, the
`Scope` of tenant data it may see and the SQL conditions built from a scope, and the `require(perm)` route
dependency.

Who a principal is and what its roles reach is decided in `app/auth/principal.py`, which registers itself here
(`set_principal_resolver`): that module is the one gate turning a principal into scopes; every repository query of
tenant data takes a `Scope` and filters with the builders below (or a module's own builder made of them).
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlowPassword, OAuthFlows
from fastapi.security import OAuth2
from sqlalchemy import ColumnElement, false, or_, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.cache import TtlCache
from app.core.db import SessionDep
from app.core.errors import Forbidden, Unauthorized

# --- permissions --------------------------------------------------------------------------------------------------


class Reach(StrEnum):
    """How far a grant reaches from its role assignment: exactly the assignment (a school, one's own record), or
    the whole municipality of the assignment (e.g. a school admin reads the organizations of their city)."""

    ASSIGNED = "assigned"
    MUNICIPALITY = "municipality"


ROLES = ("sysadmin", "department", "methodologist", "school_admin", "association_leader", "teacher")

# Filled by the modules' permissions.py (`declare`): permission → Russian title; role → permission → reach;
# machine-client scope → permissions it carries.
PERMISSION_TITLES: dict[str, str] = {}
ROLE_GRANTS: dict[str, dict[str, Reach]] = {role: {} for role in ROLES}
CLIENT_SCOPE_GRANTS: dict[str, set[str]] = {}


def declare(
    titles: Mapping[str, str],
    grants: Mapping[str, Mapping[str, Reach]],
    client_scopes: Mapping[str, Iterable[str]] | None = None,
) -> None:
    """A module declares its permissions (`resource:action` → title), which roles hold them and how far, and which
    machine-client scopes carry them. The system administrator holds every permission."""
    for perm, title in titles.items():
        PERMISSION_TITLES[str(perm)] = title
        ROLE_GRANTS["sysadmin"][str(perm)] = Reach.ASSIGNED
    for role, perms in grants.items():
        for perm, reach in perms.items():
            if str(perm) not in PERMISSION_TITLES:
                raise ValueError(f"{perm}: declare its title first")
            ROLE_GRANTS[role][str(perm)] = reach
    for scope, perms in (client_scopes or {}).items():
        CLIENT_SCOPE_GRANTS.setdefault(scope, set()).update(str(p) for p in perms)
    _password_flow_scopes.update(PERMISSION_TITLES)


# --- scope --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a principal may see for one permission. Default deny: an empty scope matches nothing."""

    all: bool = False
    municipality_ids: frozenset[uuid.UUID] = frozenset()
    organization_ids: frozenset[uuid.UUID] = frozenset()
    teacher_ids: frozenset[uuid.UUID] = frozenset()
    # Records of these methodological associations (an association leader's role names the one it leads).
    association_ids: frozenset[uuid.UUID] = frozenset()

    @property
    def empty(self) -> bool:
        return not (
            self.all or self.municipality_ids or self.organization_ids or self.teacher_ids or self.association_ids
        )

    def covers_municipality(self, municipality_id: uuid.UUID | None) -> bool:
        return self.all or (municipality_id is not None and municipality_id in self.municipality_ids)

    def covers_organization(self, organization_id: uuid.UUID | None, municipality_id: uuid.UUID | None) -> bool:
        return self.covers_municipality(municipality_id) or (
            organization_id is not None and organization_id in self.organization_ids
        )

    def school_only(self, municipality_id: uuid.UUID) -> frozenset[uuid.UUID] | None:
        """The organizations a school-level holder has, or None when the scope covers the whole municipality."""
        return None if self.covers_municipality(municipality_id) else self.organization_ids


def municipality_visible(scope: Scope, municipality_col: Any) -> ColumnElement[bool]:
    """Rows of tenant data whose municipality lies in the scope."""
    if scope.all:
        return true()
    if not scope.municipality_ids:
        return false()
    return municipality_col.in_(scope.municipality_ids)


def organization_visible(scope: Scope, id_col: Any, municipality_col: Any) -> ColumnElement[bool]:
    """Rows of an organization: its municipality is in the scope, or it is one of the scope's organizations."""
    if scope.all:
        return true()
    conds = []
    if scope.municipality_ids:
        conds.append(municipality_col.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(id_col.in_(scope.organization_ids))
    return or_(*conds) if conds else false()


# --- principal ----------------------------------------------------------------------------------------------------


@dataclass
class Principal:
    """The typed caller (a person or a machine client), resolved once per request with its scopes computed."""

    kind: str  # "user" | "client"
    id: uuid.UUID
    name: str
    permissions: frozenset[str] = frozenset()
    scopes: Mapping[str, Scope] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()
    teacher_id: uuid.UUID | None = None
    association_ids: frozenset[uuid.UUID] = frozenset()  # the associations its leader roles name
    tenant_ids: frozenset[uuid.UUID] = frozenset()  # every municipality it touches in any way
    client_scopes: frozenset[str] = frozenset()  # a machine client's granted scopes (kept for its background jobs)
    ip: str | None = None
    request_id: str | None = None
    # The sign-in session (refresh-token family) the access token belongs to; None for tokens made outside a sign-in.
    session_id: uuid.UUID | None = None

    def has(self, perm: str) -> bool:
        return perm in self.permissions

    def require(self, perm: str) -> None:
        if not self.has(perm):
            raise Forbidden(f"Нет права «{perm}»", code="forbidden")

    def scope(self, perm: str) -> Scope:
        return self.scopes.get(perm, Scope())

    @property
    def is_sysadmin(self) -> bool:
        return "sysadmin" in self.roles

    def single_municipality_id(self) -> uuid.UUID | None:
        """The municipality of a principal confined to one (for audit entries of list-wide actions)."""
        return next(iter(self.tenant_ids)) if len(self.tenant_ids) == 1 else None


_password_flow_scopes: dict[str, str] = {}
oauth2_scheme = OAuth2(
    flows=OAuthFlows(
        # People get permissions from their roles; listed here so each operation can name the one it requires.
        password=OAuthFlowPassword(tokenUrl="/api/v1/auth/token", scopes={}),
        clientCredentials=OAuthFlowClientCredentials(tokenUrl="/api/v1/auth/token", scopes={}),
    ),
    scheme_name="OAuth2",
    auto_error=False,
)
# The declared permissions and client scopes appear in the OpenAPI as modules declare them.
_password_flow_scopes = oauth2_scheme.model.flows.password.scopes  # type: ignore[union-attr]
CLIENT_SCOPE_TITLES: dict[str, str] = oauth2_scheme.model.flows.clientCredentials.scopes  # type: ignore[union-attr]

Resolver = Callable[[Request, AsyncSession, str], Awaitable[Principal]]
_resolver: list[Resolver] = []


def system_principal() -> Principal:
    """The system itself (scheduled jobs such as the nightly ones): every declared permission, everywhere. Its audit
    entries read «Система»."""
    perms = frozenset(PERMISSION_TITLES)
    return Principal(
        kind="system",
        id=uuid.UUID(int=0),
        name="Система",
        permissions=perms,
        scopes={p: Scope(all=True) for p in perms},
    )


def set_principal_resolver(resolver: Resolver) -> None:
    """Called once by app/auth/principal.py: how a bearer token becomes a Principal."""
    _resolver[:] = [resolver]


ActorLoader = Callable[[AsyncSession, str, uuid.UUID, frozenset[str]], Awaitable["Principal | None"]]
_actor_loader: list[ActorLoader] = []


def set_actor_loader(loader: ActorLoader) -> None:
    """Called once by app/auth/principal.py: how a stored actor (a job's starter) becomes a Principal again."""
    _actor_loader[:] = [loader]


async def load_actor(
    session: AsyncSession, actor_type: str, actor_id: uuid.UUID, client_scopes: frozenset[str] = frozenset()
) -> Principal | None:
    """The user or machine client as they are now (roles, switched off), or None if they can no longer act."""
    if not _actor_loader:  # pragma: no cover - app.main always imports app.auth
        return None
    return await _actor_loader[0](session, actor_type, actor_id, client_scopes)


async def get_principal(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    if not token:
        raise Unauthorized("Войдите в систему")
    raw = token.removeprefix("Bearer ").strip() if token.lower().startswith("bearer ") else token
    if not _resolver:  # pragma: no cover - app.main always imports app.auth
        raise Unauthorized("Вход не настроен")
    return await _resolver[0](request, session, raw)


PrincipalDep = Annotated[Principal, Depends(get_principal)]

# Principals of bearer tokens remembered for a few seconds, for the routes that opt in (`require(..., cached=True)`:
# aggregate reads polled by integrations, never personal data). A token revoked or a role withdrawn reaches those
# routes at most PRINCIPAL_CACHE_SECONDS later in other workers; every other route resolves the token each time.
PRINCIPAL_CACHE_SECONDS = 5.0
principal_cache: TtlCache[Principal] = TtlCache(PRINCIPAL_CACHE_SECONDS, maxsize=10_000)


async def get_principal_cached(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    key = hashlib.sha256((token or "").encode()).digest()
    hit = principal_cache.get(key) if token else None
    if hit is None:
        hit = await get_principal(request, session, token)
        principal_cache.put(key, hit)
    return dataclasses.replace(
        hit,
        ip=request.client.host if request.client else None,
        request_id=getattr(request.state, "request_id", None),
    )


PrincipalCachedDep = Annotated[Principal, Depends(get_principal_cached)]


def require(perm: str, cached: bool = False) -> Any:
    """Route dependency: the principal must hold `perm` (403 otherwise). `cached`: the token's principal may be
    remembered for PRINCIPAL_CACHE_SECONDS (aggregate reads polled by integrations only).

    Declared as an OAuth2 security scope, so the OpenAPI names the permission each operation requires, and
    the authorization matrix test reads it from the route table (`required_permission`).
    """

    if cached:

        async def _dep(principal: PrincipalCachedDep) -> Principal:
            principal.require(perm)
            return principal

    else:

        async def _dep(principal: PrincipalDep) -> Principal:  # type: ignore[misc]
            principal.require(perm)
            return principal

    _dep.__name__ = f"require_{str(perm).replace(':', '_')}"
    _dep.required_permission = perm  # type: ignore[attr-defined]
    return Security(_dep, scopes=[str(perm)])
