"""Checking a role assignment before it is saved: which ids each role takes, that every id lies inside the
granter's scope, and that the ids agree with each other (a school's and a teacher's municipality is the role's).

Used by the users API and by `python -m app create-user`; the records named come through their modules' services.
An id outside the granter's scope and an id that does not exist give the same error, so the answer never tells
whether another tenant's record exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import RoleAssignment
from app.auth.permissions import ROLE_TITLES_RU
from app.auth.schemas import RoleAssignmentIn, RoleAssignmentRead
from app.core.access import Scope
from app.core.errors import FieldError, Unprocessable
from app.organizations import service as organizations
from app.teachers import service as teachers
from app.tenants import service as tenants

# Which scope ids a role takes; any other id given for it is an error (never silently dropped or widened).
ROLE_FIELDS: dict[str, frozenset[str]] = {
    "sysadmin": frozenset(),
    "department": frozenset({"region_id", "municipality_id"}),
    "methodologist": frozenset({"region_id", "municipality_id"}),
    "school_admin": frozenset({"municipality_id", "organization_id"}),
    "association_leader": frozenset({"municipality_id", "association_id"}),
    "teacher": frozenset({"municipality_id", "teacher_id"}),
}
SCOPE_FIELDS = ("region_id", "municipality_id", "organization_id", "teacher_id", "association_id")

NOT_FOUND = {
    "region_id": "Регион не найден",
    "municipality_id": "Муниципалитет не найден",
    "organization_id": "Организация не найдена",
    "teacher_id": "Педагог не найден",
    "association_id": "Методическое объединение не найдено",
}
NOT_APPLICABLE = {
    "region_id": "регион",
    "municipality_id": "муниципалитет",
    "organization_id": "организация",
    "teacher_id": "педагог",
    "association_id": "методическое объединение",
}

# The municipality of an association (None when there is none), registered by app/associations, which sits above
# auth: a leader's role names the association it leads.
AssociationLookup = Callable[[AsyncSession, uuid.UUID], Awaitable[uuid.UUID | None]]
_association_municipality: list[AssociationLookup] = []


def set_association_lookup(lookup: AssociationLookup) -> None:
    _association_municipality[:] = [lookup]


def _error(field: str, code: str, message: str) -> Unprocessable:
    return Unprocessable(errors=[FieldError(field=field, code=code, message=message)])


async def resolve_role(session: AsyncSession, scope: Scope, r: RoleAssignmentIn, field: str) -> dict[str, Any]:
    """The assignment as it will be stored, or Unprocessable naming the field at fault."""
    data: dict[str, Any] = {"role": r.role, **{k: getattr(r, k) for k in SCOPE_FIELDS}}
    for k in SCOPE_FIELDS:
        if data[k] is not None and k not in ROLE_FIELDS[r.role]:
            raise _error(f"{field}.{k}", "not_applicable", f"Для этой роли не указывается {NOT_APPLICABLE[k]}")
    if r.role == "sysadmin" or (data["region_id"] and not data["municipality_id"]):
        if not scope.all:
            raise _error(field, "not_allowed", "Эту роль может выдать только администратор системы")

    def unknown(k: str) -> Unprocessable:
        return _error(f"{field}.{k}", "unknown", NOT_FOUND[k])

    municipality_id: uuid.UUID | None = data["municipality_id"]
    if data["organization_id"]:
        org_municipality = await organizations.municipality_of(session, data["organization_id"])
        if org_municipality is None or not scope.covers_municipality(org_municipality):
            raise unknown("organization_id")
        if municipality_id and municipality_id != org_municipality:
            if not scope.covers_municipality(municipality_id):
                raise unknown("municipality_id")
            raise _error(f"{field}.organization_id", "mismatch", "Организация не относится к этому муниципалитету")
        municipality_id = org_municipality
    if data["teacher_id"]:
        teacher_municipality = await teachers.municipality_of(session, data["teacher_id"])
        if teacher_municipality is None or not scope.covers_municipality(teacher_municipality):
            raise unknown("teacher_id")
        if municipality_id and municipality_id != teacher_municipality:
            if not scope.covers_municipality(municipality_id):
                raise unknown("municipality_id")
            raise _error(f"{field}.teacher_id", "mismatch", "Педагог не относится к этому муниципалитету")
        municipality_id = teacher_municipality
    if data["association_id"]:
        lookup = _association_municipality[0] if _association_municipality else None
        association_municipality = await lookup(session, data["association_id"]) if lookup else None
        if association_municipality is None or not scope.covers_municipality(association_municipality):
            raise unknown("association_id")
        if municipality_id and municipality_id != association_municipality:
            raise _error(
                f"{field}.association_id", "mismatch", "Методическое объединение не относится к этому муниципалитету"
            )
        municipality_id = association_municipality
    if municipality_id:
        region_id = await tenants.municipality_region(session, municipality_id)
        if region_id is None or not scope.covers_municipality(municipality_id):
            raise unknown("municipality_id")
        if data["region_id"] and data["region_id"] != region_id:
            raise _error(f"{field}.region_id", "mismatch", "Муниципалитет не относится к этому региону")
        data["region_id"] = None  # a municipal role: the municipality implies its region
    elif data["region_id"] and not await tenants.region_exists(session, data["region_id"]):
        raise unknown("region_id")
    data["municipality_id"] = municipality_id
    return data


async def resolve_roles(session: AsyncSession, scope: Scope, roles: list[RoleAssignmentIn]) -> list[dict[str, Any]]:
    return [await resolve_role(session, scope, r, f"body.roles.{i}") for i, r in enumerate(roles)]


async def role_reads(session: AsyncSession, roles: Sequence[RoleAssignment]) -> list[RoleAssignmentRead]:
    """Role assignments with a human-readable scope name (municipality, school or region)."""
    orgs = await organizations.names(session, {r.organization_id for r in roles if r.organization_id})
    munis = await tenants.municipality_names(session, {r.municipality_id for r in roles if r.municipality_id})
    regions = await tenants.region_names(session, {r.region_id for r in roles if r.region_id})
    out = []
    for r in roles:
        name = (
            orgs.get(r.organization_id)  # type: ignore[arg-type]
            or munis.get(r.municipality_id)  # type: ignore[arg-type]
            or regions.get(r.region_id)  # type: ignore[arg-type]
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
                association_id=r.association_id,
                scope_name=name,
            )
        )
    return out
