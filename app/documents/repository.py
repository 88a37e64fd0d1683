"""Every SQL statement of documents: who sees which document (the municipality all of its own; a school its own and
the municipality's approved ones; a teacher the approved ones of their school and municipality), the list's
filters, the checklist (organizations × required types, computed in one statement), the set-based «is there an
approved document of type X for Y and year Z» the KPIs read, and the required types of a municipality."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    Uuid,
    and_,
    any_,
    case,
    cast,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by, array_agg
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope, municipality_visible, organization_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.resource import Resource
from app.core.search import text_search
from app.documents.models import Document, DocumentRequirement
from app.documents.permissions import DocumentPerm
from app.documents.schemas import APPLIES_LABELS, STATUS_LABELS, TYPE_LABELS, DocumentFilters
from app.organizations import service as organizations
from app.teachers import service as teachers

D = Document
R = DocumentRequirement


def _approved() -> ColumnElement[bool]:
    return D.status == "approved"


def in_force(academic_year: Any) -> ColumnElement[bool]:
    """The document covers the academic year (its first year, up to its last one when it has one)."""
    return and_(D.academic_year <= academic_year, func.coalesce(D.last_academic_year, D.academic_year) >= academic_year)


def read_visible(scope: Scope) -> ColumnElement[bool]:
    """A document is readable by the municipality it belongs to (drafts too); by a school: its own documents and
    the approved documents of its municipality; by a teacher: the approved documents of the school they work at
    now and of their municipality."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if scope.municipality_ids:
        conds.append(D.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        schools = organizations.directory(Scope(organization_ids=scope.organization_ids), "reader_schools")
        conds.append(D.organization_id.in_(scope.organization_ids))
        conds.append(
            and_(
                D.organization_id.is_(None),
                _approved(),
                D.municipality_id.in_(select(schools.c.municipality_id)),
            )
        )
    if scope.teacher_ids:
        people = teachers.teacher_directory(date.today(), "reader_teachers")
        mine = select(people.c.organization_id).where(people.c.teacher_id.in_(scope.teacher_ids))
        munis = select(people.c.municipality_id).where(people.c.teacher_id.in_(scope.teacher_ids))
        conds.append(
            and_(
                _approved(),
                or_(
                    D.organization_id.in_(mine),
                    and_(D.organization_id.is_(None), D.municipality_id.in_(munis)),
                ),
            )
        )
    return or_(*conds) if conds else false()


def write_visible(scope: Scope) -> ColumnElement[bool]:
    """A document is kept by its municipality or by its own school."""
    return organization_visible(scope, D.organization_id, D.municipality_id)


AUDIT_FIELDS = (
    "organization_id",
    "type",
    "title",
    "academic_year",
    "last_academic_year",
    "number",
    "doc_date",
    "file_id",
    "url",
    "status",
    "note",
)
SORTS = {
    "title": D.title,
    "type": D.type,
    "academic_year": D.academic_year,
    "doc_date": D.doc_date,
    "status": D.status,
    "created_at": D.created_at,
    "updated_at": D.updated_at,
}
DEFAULT_ORDER = (D.academic_year.desc(), D.organization_id.nulls_first(), D.type, D.doc_date.desc().nulls_last(), D.id)

documents: Resource[Document] = Resource(
    model=Document,
    entity_type="document",
    not_found="Документ не найден",
    visible=read_visible,
    municipality_of=lambda d: d.municipality_id,
    sorts=SORTS,
    default_order=DEFAULT_ORDER,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)
# The same records as their keepers reach them (writes): the municipality's, or the school's own.
kept_documents: Resource[Document] = Resource(
    model=Document,
    entity_type="document",
    not_found="Документ не найден",
    visible=write_visible,
    municipality_of=lambda d: d.municipality_id,
    audit_fields=AUDIT_FIELDS,
    if_match_required=True,
)


def filters(f: DocumentFilters) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.academic_year is not None:
        out.append(in_force(f.academic_year.year))
    if f.municipality_id:
        out.append(D.municipality_id == f.municipality_id)
    if f.organization_id:
        out.append(D.organization_id == f.organization_id)
    if f.level == "municipality":
        out.append(D.organization_id.is_(None))
    elif f.level == "organization":
        out.append(D.organization_id.is_not(None))
    if f.type:
        out.append(D.type.in_(f.type))
    if f.status:
        out.append(D.status.in_(f.status))
    if f.q:
        out.append(text_search(f.q, D.title, D.number))
    return out


async def all_rows(session: AsyncSession, scope: Scope, f: DocumentFilters, sort: str | None, limit: int) -> list[Any]:
    """Up to `limit` documents of the list, in its order (exports)."""
    stmt = documents.list_query(scope, filters(f), sort=sort, include_archived=f.include_archived)
    return list((await session.scalars(stmt.limit(limit))).all())


async def kept_ids(session: AsyncSession, scope: Scope, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these documents are inside the write `scope` (what the caller may change)."""
    if not ids:
        return set()
    return set((await session.scalars(select(D.id).where(D.id.in_(ids), write_visible(scope)))).all())


# --- the checklist: organizations × required types, and the KPI question ------------------------------------------


def _active_requirement() -> ColumnElement[bool]:
    return and_(R.archived_at.is_(None), R.is_active.is_(True))


async def checklist(
    session: AsyncSession,
    scope: Scope,
    academic_year: int,
    municipality_id: uuid.UUID | None,
    organization_id: uuid.UUID | None,
) -> list[Any]:
    """One row per (organization of the scope × type required of it) and per (municipality of the scope × type
    required of the municipality): `municipality_id`, `organization_id` (NULL for the municipality), its name, the
    type, how many non-archived documents of that type and academic year there are, how many approved, and the
    best one (approved first, then the newest). One statement."""
    orgs = organizations.directory(scope, "checklist_organizations")
    org_targets = (
        select(
            R.municipality_id.label("municipality_id"),
            orgs.c.id.label("organization_id"),
            orgs.c.short_name.label("organization_name"),
            R.type.label("type"),
        )
        .select_from(R)
        .join(
            orgs,
            and_(
                orgs.c.municipality_id == R.municipality_id,
                or_(R.organization_types.is_(None), orgs.c.type_code == any_(R.organization_types)),
            ),
        )
        .where(_active_requirement(), R.applies_to == "organization")
    )
    muni_targets = select(
        R.municipality_id.label("municipality_id"),
        cast(null(), Uuid).label("organization_id"),
        cast(null(), String).label("organization_name"),
        R.type.label("type"),
    ).where(_active_requirement(), R.applies_to == "municipality", municipality_visible(scope, R.municipality_id))
    if organization_id is not None:
        org_targets = org_targets.where(orgs.c.id == organization_id)
        muni_targets = muni_targets.where(false())
    if municipality_id is not None:
        org_targets = org_targets.where(R.municipality_id == municipality_id)
        muni_targets = muni_targets.where(R.municipality_id == municipality_id)
    targets = union_all(org_targets, muni_targets).subquery("targets")
    best = (D.status == "approved").desc()
    cell = (
        select(
            func.count().label("present"),
            func.count().filter(_approved()).label("approved"),
            array_agg(aggregate_order_by(D.id, best, D.updated_at.desc()))[1].label("document_id"),
            array_agg(aggregate_order_by(D.title, best, D.updated_at.desc()))[1].label("document_title"),
        )
        .where(
            D.municipality_id == targets.c.municipality_id,
            D.organization_id.is_not_distinct_from(targets.c.organization_id),
            D.type == targets.c.type,
            in_force(academic_year),
            D.archived_at.is_(None),
        )
        .lateral("cell")
    )
    stmt = select(targets, cell).select_from(targets).join(cell, true())
    return list((await session.execute(stmt)).all())


async def present(
    session: AsyncSession, scope: Scope, types: Sequence[str], academic_year: int
) -> list[tuple[uuid.UUID, uuid.UUID | None, str]]:
    """Distinct (municipality_id, organization_id or NULL, type) that have an approved, not archived document of
    one of `types` for the academic year, inside the scope. One statement."""
    stmt = (
        select(D.municipality_id, D.organization_id, D.type)
        .where(
            read_visible(scope),
            D.type.in_(list(types)),
            in_force(academic_year),
            _approved(),
            D.archived_at.is_(None),
        )
        .distinct()
    )
    return [(r[0], r[1], r[2]) for r in (await session.execute(stmt)).all()]


# --- required types ---------------------------------------------------------------------------------------------


def requirement_visible(scope: Scope) -> ColumnElement[bool]:
    return municipality_visible(scope, R.municipality_id)


requirements: Resource[DocumentRequirement] = Resource(
    model=DocumentRequirement,
    entity_type="document_requirement",
    not_found="Требование не найдено",
    visible=requirement_visible,
    municipality_of=lambda r: r.municipality_id,
    sorts={"type": R.type, "applies_to": R.applies_to, "created_at": R.created_at, "updated_at": R.updated_at},
    default_order=(R.municipality_id, R.applies_to.desc(), R.type, R.id),
    audit_fields=("type", "applies_to", "organization_types", "is_active", "note"),
    if_match_required=True,
)


def requirement_filters(
    municipality_id: uuid.UUID | None, applies_to: str | None, active: bool | None
) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if municipality_id:
        out.append(R.municipality_id == municipality_id)
    if applies_to:
        out.append(R.applies_to == applies_to)
    if active is not None:
        out.append(R.is_active.is_(active))
    return out


async def requirement_exists(
    session: AsyncSession, municipality_id: uuid.UUID, type_: str, applies_to: str
) -> DocumentRequirement | None:
    stmt = select(R).where(
        R.municipality_id == municipality_id, R.type == type_, R.applies_to == applies_to, R.archived_at.is_(None)
    )
    return (await session.scalars(stmt.limit(1))).first()


# --- the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    return select(literal("document"), cast(D.id, String), D.title).where(
        D.id.in_(ids), read_visible(principal.scope(DocumentPerm.READ))
    )


def _audit_requirement_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Any:
    names = [(code, f"Обязательный документ: {label}") for code, label in TYPE_LABELS.items()]
    return select(
        literal("document_requirement"),
        cast(R.id, String),
        case(*((R.type == code, name) for code, name in names), else_=R.type),
    ).where(R.id.in_(ids), requirement_visible(principal.scope(DocumentPerm.REQUIREMENTS_READ)))


describe(
    AuditSubject(
        entity_type="document",
        label="Документ",
        field_labels={
            "organization_id": "Организация",
            "type": "Тип документа",
            "title": "Название",
            "academic_year": "Учебный год",
            "last_academic_year": "Действует по учебный год",
            "number": "Номер",
            "doc_date": "Дата документа",
            "file_id": "Файл",
            "url": "Ссылка",
            "status": "Статус",
            "note": "Комментарий",
        },
        value_labels={"type": TYPE_LABELS, "status": STATUS_LABELS},
        names=_audit_names,
        list_label="Документы",
        action_labels={"approve": "Утверждение", "download": "Скачивание"},
    )
)
describe(
    AuditSubject(
        entity_type="document_requirement",
        label="Обязательный документ",
        field_labels={
            "type": "Тип документа",
            "applies_to": "От кого требуется",
            "organization_types": "Типы организаций",
            "is_active": "Действует",
            "note": "Комментарий",
        },
        value_labels={"type": TYPE_LABELS, "applies_to": APPLIES_LABELS},
        names=_audit_requirement_names,
        list_label="Обязательные документы",
    )
)
