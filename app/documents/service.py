"""Documents of schools and of the municipality, and the checklist of the documents each municipality requires.

Rules:
- A document belongs to a school (`organization_id`) or to the municipality (no organization). A school
  administrator keeps their school's documents only; the municipality keeps all of its own and its schools'.
- Content: a stored file (`file_id`, uploaded through the files module, of the same municipality) **or** a link
  (`url`), never both (422 `file_or_link`). A draft may have neither; approval needs one (422 `nothing_to_approve`).
- Approval is its own action (`POST /documents/{id}/approve`, If-Match required, audited as «Утверждение»).
- Editing an approved document: changing what the approval was given to — the type, the academic year, the number,
  the date, the file or the link — returns it to draft (a warning says so, the audit entry shows the status
  change); the title and the comment are not essential and keep it approved.
- Only an approved, not archived document counts — in the checklist and for the KPIs (`documents_present`): a
  document of another academic year, a draft or an archived one does not.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, Scope
from app.core.audit_trail import record
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from app.core.exports import Column, render, render_xlsx
from app.core.pagination import Page, PageParams
from app.core.periods import Period
from app.documents import repository as repo
from app.documents.models import DOCUMENT_TYPES, Document, DocumentRequirement
from app.documents.permissions import DocumentPerm
from app.documents.schemas import (
    APPLIES_LABELS,
    STATE_LABELS,
    STATUS_LABELS,
    TYPE_CRITERIA,
    TYPE_LABELS,
    Checklist,
    ChecklistCell,
    ChecklistRow,
    DocumentCreate,
    DocumentFilters,
    DocumentRead,
    DocumentTypeRead,
    DocumentUpdate,
    RequirementCreate,
    RequirementRead,
    RequirementUpdate,
)
from app.files import service as files
from app.files.permissions import FilePerm
from app.organizations import service as organizations
from app.reference import service as reference
from app.tenants import service as tenants

MAX_EXPORT_ROWS = 50_000
# What an approval is given to: changing one of these returns an approved document to draft.
ESSENTIAL_FIELDS = frozenset({"type", "academic_year", "last_academic_year", "number", "doc_date", "file_id", "url"})
MUNICIPAL_DOCUMENT = (
    "Это документ муниципалитета: изменить его могут методист или управление образования. "
    "Документы своей школы вы ведёте сами."
)


def years_label(d: Document) -> str:
    first = Period.academic_year(d.academic_year).code
    if d.last_academic_year and d.last_academic_year != d.academic_year:
        return f"{first} – {Period.academic_year(d.last_academic_year).code}"
    return first


def _unprocessable(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, code=code, errors=[FieldError(field=field, message=message, code=code)])


def document_types() -> list[DocumentTypeRead]:
    return [DocumentTypeRead(code=c, name=TYPE_LABELS[c], criterion=TYPE_CRITERIA.get(c)) for c in DOCUMENT_TYPES]


# --- reads ---


def _read(d: Document, names: dict[uuid.UUID, str], kept: set[uuid.UUID]) -> DocumentRead:
    out = DocumentRead.model_validate(
        {
            **{k: getattr(d, k) for k in DocumentRead.model_fields if hasattr(d, k) and "academic_year" not in k},
            "academic_year": Period.academic_year(d.academic_year).code,
            "last_academic_year": Period.academic_year(d.last_academic_year).code if d.last_academic_year else None,
        }
    )
    out.years_label = years_label(d)
    out.organization_name = names.get(d.organization_id) if d.organization_id else None
    out.type_label = TYPE_LABELS.get(d.type, d.type)
    out.status_label = STATUS_LABELS.get(d.status, d.status)
    out.file_url = f"/api/v1/documents/{d.id}/file" if d.file_id else None
    if d.status == "draft" and d.archived_at is None and d.file_id is None and not d.url:
        out.warnings.append("Приложите файл или укажите ссылку: без них документ нельзя утвердить")
    if d.archived_at is None and d.id in kept:
        out.actions = ["update", "archive"]
        if d.status == "draft":
            out.actions.insert(1, "approve")
    return out


async def _kept(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not principal.has(DocumentPerm.WRITE):
        return set()
    return await repo.kept_ids(session, principal.scope(DocumentPerm.WRITE), ids)


async def _reads(session: AsyncSession, principal: Principal, items: Sequence[Document]) -> list[DocumentRead]:
    names = await organizations.names(session, {d.organization_id for d in items if d.organization_id})
    kept = await _kept(session, principal, [d.id for d in items])
    return [_read(d, names, kept) for d in items]


def _check_year(period: Period | None, field: str) -> None:
    if period is not None and period.kind.value != "academic_year":
        raise _unprocessable(field, "Укажите учебный год, например «2021/2022»", "bad_period")


async def list_documents(
    session: AsyncSession, principal: Principal, f: DocumentFilters, page: PageParams
) -> Page[DocumentRead]:
    _check_year(f.academic_year, "query.academic_year")
    items, total = await repo.documents.list(
        session,
        principal.scope(DocumentPerm.READ),
        page,
        repo.filters(f),
        include_archived=f.include_archived,
    )
    return Page(items=await _reads(session, principal, items), total=total, limit=page.limit, offset=page.offset)


async def read_document(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, warnings: Sequence[str] = ()
) -> DocumentRead:
    d = await repo.documents.get(session, principal.scope(DocumentPerm.READ), document_id)
    out = (await _reads(session, principal, [d]))[0]
    out.warnings[:0] = list(warnings)
    return out


# --- writes ---


async def _owner(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID | None, municipality_id: uuid.UUID | None
) -> tuple[uuid.UUID, uuid.UUID | None]:
    """The municipality and school of a new document. A school administrator records for their school (theirs by
    default); the municipality's documents carry no school. An organization outside the caller's reach answers as
    one that does not exist (422 `unknown_organization`)."""
    scope = principal.scope(DocumentPerm.WRITE)
    if organization_id is None and not scope.all and not scope.municipality_ids and len(scope.organization_ids) == 1:
        organization_id = next(iter(scope.organization_ids))
    if organization_id is not None:
        try:
            org = await organizations.get_visible(session, principal, organization_id, DocumentPerm.WRITE)
        except NotFound:
            raise _unprocessable("body.organization_id", "Организация не найдена", "unknown_organization") from None
        if org.archived_at is not None:
            raise _unprocessable("body.organization_id", "Организация в архиве", "archived_organization")
        if municipality_id is not None and municipality_id != org.municipality_id:
            raise _unprocessable(
                "body.municipality_id", "Организация относится к другому муниципалитету", "bad_municipality"
            )
        return org.municipality_id, org.id
    municipality_id = municipality_id or principal.single_municipality_id()
    if municipality_id is None:
        raise _unprocessable("body.municipality_id", "Укажите муниципалитет или организацию", "missing")
    if not scope.covers_municipality(municipality_id):
        if municipality_id in principal.tenant_ids and scope.organization_ids:
            raise Forbidden(MUNICIPAL_DOCUMENT, code="municipal_record")
        raise _unprocessable("body.municipality_id", "Муниципалитет не найден", "unknown_municipality")
    if not await tenants.municipality_exists(session, municipality_id):
        raise _unprocessable("body.municipality_id", "Муниципалитет не найден", "unknown_municipality")
    return municipality_id, None


async def _check_file(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, file_id: uuid.UUID | None
) -> None:
    """The file is one the caller may read, of the document's municipality, not archived."""
    if file_id is None:
        return
    try:
        f = await files.get_visible(session, principal, file_id, FilePerm.READ)
    except NotFound:
        f = None
    if f is None or f.municipality_id != municipality_id or f.archived_at is not None:
        raise _unprocessable("body.file_id", "Файл не найден", "unknown_file")


async def create_document(session: AsyncSession, principal: Principal, body: DocumentCreate) -> DocumentRead:
    municipality_id, organization_id = await _owner(session, principal, body.organization_id, body.municipality_id)
    await _check_file(session, principal, municipality_id, body.file_id)
    values = body.model_dump(exclude={"municipality_id", "organization_id", "academic_year", "last_academic_year"})
    last = body.last_academic_year.year if body.last_academic_year else None
    d = Document(
        municipality_id=municipality_id,
        organization_id=organization_id,
        academic_year=body.academic_year.year,
        last_academic_year=last if last != body.academic_year.year else None,
        status="draft",
        **values,
    )
    await repo.kept_documents.create(session, principal, d)
    return await read_document(session, principal, d.id)


async def _kept_document(session: AsyncSession, principal: Principal, document_id: uuid.UUID) -> Document:
    """The document inside the caller's write scope. A school administrator touching a municipal document they may
    read gets 403 saying whose it is; anything else outside the scope is 404."""
    try:
        return await repo.kept_documents.get(session, principal.scope(DocumentPerm.WRITE), document_id)
    except NotFound:
        seen = await repo.documents.get(session, principal.scope(DocumentPerm.READ), document_id)  # 404 if unseen
        if seen.organization_id is None and principal.has(DocumentPerm.WRITE):
            raise Forbidden(MUNICIPAL_DOCUMENT, code="municipal_record") from None
        raise


def _not_archived(d: Document) -> None:
    if d.archived_at is not None:
        raise Conflict("Документ в архиве: изменить его нельзя", code="archived")


async def update_document(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, body: DocumentUpdate, if_match: str | None
) -> DocumentRead:
    d = await _kept_document(session, principal, document_id)
    repo.kept_documents.check_version(d, if_match)
    _not_archived(d)
    fields = set(body.model_fields_set)
    for required in ("type", "title", "academic_year"):
        if required in fields and getattr(body, required) is None:
            raise _unprocessable(f"body.{required}", "Поле не может быть пустым", "null_not_allowed")
    values: dict[str, Any] = {k: getattr(body, k) for k in fields}
    if "academic_year" in values:
        values["academic_year"] = values["academic_year"].year
    if "last_academic_year" in values:
        values["last_academic_year"] = values["last_academic_year"].year if values["last_academic_year"] else None
    first = values.get("academic_year", d.academic_year)
    last = values.get("last_academic_year", d.last_academic_year)
    if last is not None and last < first:
        raise _unprocessable(
            "body.last_academic_year", "Последний учебный год действия раньше первого", "bad_last_academic_year"
        )
    if last == first and "last_academic_year" in values:
        values["last_academic_year"] = None
    # a new file replaces the link and a new link the file (the form sends one of them)
    if values.get("file_id") is not None:
        values.setdefault("url", None)
    if values.get("url"):
        values.setdefault("file_id", None)
    file_id, url = values.get("file_id", d.file_id), values.get("url", d.url)
    if file_id is not None and url:
        raise _unprocessable("body.url", "Укажите либо файл, либо ссылку — не то и другое сразу", "file_or_link")
    if "file_id" in values and values["file_id"] != d.file_id:
        await _check_file(session, principal, d.municipality_id, values["file_id"])
    warnings: list[str] = []
    changed = {k for k, v in values.items() if getattr(d, k) != v}
    if d.status == "approved":
        if file_id is None and not url:
            raise _unprocessable(
                "body.file_id", "У утверждённого документа должен быть файл или ссылка", "nothing_to_approve"
            )
        essential = sorted(changed & ESSENTIAL_FIELDS)
        if essential:
            values.update(status="draft", approved_at=None, approved_by_name=None)
            warnings.append(
                "Изменены реквизиты или содержание утверждённого документа: он снова черновик, утвердите его"
            )
    await repo.kept_documents.update(session, principal, d, values, if_match)
    return await read_document(session, principal, d.id, warnings)


async def approve_document(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, if_match: str | None
) -> DocumentRead:
    d = await _kept_document(session, principal, document_id)
    repo.kept_documents.check_version(d, if_match, required=True)
    _not_archived(d)
    if d.status == "approved":
        raise Conflict("Документ уже утверждён", code="already_approved")
    if d.file_id is None and not d.url:
        raise Unprocessable(
            "Приложите файл или укажите ссылку: без них документ нельзя утвердить", code="nothing_to_approve"
        )
    d.status = "approved"
    d.approved_at = utcnow()
    d.approved_by_name = principal.name
    d.updated_at = utcnow()
    await session.flush()
    await repo.kept_documents.audit(
        session, principal, "approve", d, {"status": {"before": "draft", "after": "approved"}}
    )
    return await read_document(session, principal, d.id)


async def archive_document(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, reason: str, if_match: str | None
) -> DocumentRead:
    d = await _kept_document(session, principal, document_id)
    await repo.kept_documents.archive(session, principal, d, reason, if_match)
    return await read_document(session, principal, d.id)


async def document_file(session: AsyncSession, principal: Principal, document_id: uuid.UUID) -> tuple[Any, bytes]:
    """The document's file for whoever may read the document (a teacher reads an approved plan of their school
    without access to the school's other files); audited as a download of the document."""
    d = await repo.documents.get(session, principal.scope(DocumentPerm.READ), document_id)
    if d.file_id is None:
        raise NotFound("У документа нет файла")
    f = await files.get_stored(session, d.file_id)
    if f.archived_at is not None:
        raise NotFound("Файл документа в архиве")
    await repo.documents.audit(session, principal, "download", d, {"name": f.name})
    return f, await files.read_bytes(f)


# --- exports ---

DOCUMENT_COLUMNS = [
    Column("№", 6, "number"),
    Column("Учебный год", 12),
    Column("Организация", 32),
    Column("Тип документа", 36),
    Column("Название", 60),
    Column("Номер", 14),
    Column("Дата", 12, "date"),
    Column("Статус", 12),
    Column("Утверждён", 18),
    Column("Файл или ссылка", 40),
    Column("В архиве", 10),
]


def _check_size(rows: int) -> None:
    if rows > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )


async def export_documents(
    session: AsyncSession, principal: Principal, f: DocumentFilters, sort: str | None, fmt: str
) -> bytes:
    _check_year(f.academic_year, "query.academic_year")
    items = await repo.all_rows(session, principal.scope(DocumentPerm.READ), f, sort, MAX_EXPORT_ROWS + 1)
    _check_size(len(items))
    names = await organizations.names(session, {d.organization_id for d in items if d.organization_id})
    table = [
        [
            i,
            years_label(d),
            names.get(d.organization_id, "") if d.organization_id else "Муниципалитет",
            TYPE_LABELS.get(d.type, d.type),
            d.title,
            d.number,
            d.doc_date,
            STATUS_LABELS.get(d.status, d.status),
            f"{d.approved_at:%d.%m.%Y}" + (f", {d.approved_by_name}" if d.approved_by_name else "")
            if d.approved_at
            else "",
            d.url or ("файл" if d.file_id else ""),
            "да" if d.archived_at else "",
        ]
        for i, d in enumerate(items, start=1)
    ]
    await record(
        session,
        principal,
        "export",
        "document",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, DOCUMENT_COLUMNS, table, "Документы")  # type: ignore[arg-type]


# --- the checklist ---


def _state(row: Any) -> str:
    if row.approved:
        return "approved"
    return "draft" if row.present else "missing"


async def checklist(
    session: AsyncSession,
    principal: Principal,
    academic_year: Period,
    municipality_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> Checklist:
    """Organizations (and the municipality) × the types required of them, for the academic year: approved, only a
    draft, or missing. Computed in one statement inside the caller's checklist scope."""
    _check_year(academic_year, "query.academic_year")
    rows = await repo.checklist(
        session, principal.scope(DocumentPerm.CHECKLIST), academic_year.year, municipality_id, organization_id
    )
    order = {t: i for i, t in enumerate(DOCUMENT_TYPES)}
    muni_names = await tenants.municipality_names(session, {r.municipality_id for r in rows})
    grouped: dict[tuple[uuid.UUID, uuid.UUID | None], list[Any]] = {}
    for r in rows:
        grouped.setdefault((r.municipality_id, r.organization_id), []).append(r)
    out_rows = []
    for (muni, org), cells in grouped.items():
        cells.sort(key=lambda r: order.get(r.type, 99))
        name = cells[0].organization_name if org else f"Муниципалитет: {muni_names.get(muni, '')}".strip()
        states = [_state(c) for c in cells]
        out_rows.append(
            ChecklistRow(
                municipality_id=muni,
                organization_id=org,
                organization_name=name,
                cells=[
                    ChecklistCell(
                        type=c.type,
                        state=s,  # type: ignore[arg-type]
                        document_id=c.document_id if c.present else None,
                        document_title=c.document_title if c.present else None,
                    )
                    for c, s in zip(cells, states, strict=True)
                ],
                required=len(cells),
                approved=states.count("approved"),
                missing=states.count("missing"),
            )
        )
    out_rows.sort(
        key=lambda r: (muni_names.get(r.municipality_id, ""), r.organization_id is not None, r.organization_name)
    )
    types = sorted({r.type for r in rows}, key=lambda t: order.get(t, 99))
    states = [_state(r) for r in rows]
    return Checklist(
        academic_year=academic_year.code,
        types=[DocumentTypeRead(code=t, name=TYPE_LABELS.get(t, t), criterion=TYPE_CRITERIA.get(t)) for t in types],
        rows=out_rows,
        required=len(rows),
        approved=states.count("approved"),
        draft=states.count("draft"),
        missing=states.count("missing"),
    )


CELL_MARKS = {"approved": "✓", "draft": "черновик", "missing": "нет"}


async def export_checklist(
    session: AsyncSession,
    principal: Principal,
    academic_year: Period,
    fmt: str,
    municipality_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
) -> bytes:
    """The checklist as a grid (organizations × required types: ✓ / черновик / нет / — not required), and in XLSX
    a second sheet with one row per required document."""
    data = await checklist(session, principal, academic_year, municipality_id, organization_id)
    codes = [t.code for t in data.types]
    grid_columns = [
        Column("№", 6, "number"),
        Column("Организация", 36),
        *(Column(TYPE_LABELS.get(c, c), 18) for c in codes),
        Column("Требуется", 10, "number"),
        Column("Утверждено", 10, "number"),
        Column("Нет", 10, "number"),
    ]
    grid = []
    flat = []
    for i, r in enumerate(data.rows, start=1):
        by_type = {c.type: c for c in r.cells}
        grid.append(
            [
                i,
                r.organization_name,
                *(CELL_MARKS[by_type[c].state] if c in by_type else "—" for c in codes),
                r.required,
                r.approved,
                r.missing,
            ]
        )
        flat.extend(
            [r.organization_name, TYPE_LABELS.get(c.type, c.type), STATE_LABELS[c.state], c.document_title]
            for c in r.cells
        )
    await record(
        session,
        principal,
        "export",
        "document",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(grid), "filters": {"list": "checklist", "academic_year": data.academic_year}},
    )
    title = f"Документы {data.academic_year.replace('/', '-')}"
    if fmt == "csv":
        return await run_in_threadpool(render, "csv", grid_columns, grid, title)
    flat_columns = [
        Column("Организация", 36),
        Column("Тип документа", 40),
        Column("Состояние", 18),
        Column("Документ", 60),
    ]
    return await run_in_threadpool(render_xlsx, [(title, grid_columns, grid), ("По документам", flat_columns, flat)])


# --- for the KPIs (the next issue): «is there an approved document of type X for Y and year Z» ---


async def documents_present(
    session: AsyncSession, scope: Scope, types: Sequence[str], academic_year: int | Period
) -> list[tuple[uuid.UUID, uuid.UUID | None, str]]:
    """Rows (municipality_id, organization_id or None for the municipality's own, type) that have an approved, not
    archived document of one of `types` for the academic year (`2021` or `Period` «2021/2022»), inside `scope` —
    the Kislovodsk «наличие» criteria. One set-based statement, however many organizations."""
    year = academic_year.year if isinstance(academic_year, Period) else academic_year
    return await repo.present(session, scope, types, year)


# --- required types ---


def _requirement_read(principal: Principal, r: DocumentRequirement) -> RequirementRead:
    out = RequirementRead.model_validate(r)
    out.type_label = TYPE_LABELS.get(r.type, r.type)
    out.applies_to_label = APPLIES_LABELS.get(r.applies_to, r.applies_to)
    if r.archived_at is None and principal.scope(DocumentPerm.REQUIREMENTS_WRITE).covers_municipality(
        r.municipality_id
    ):
        out.actions = ["update", "archive"]
    return out


async def list_requirements(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    municipality_id: uuid.UUID | None,
    applies_to: str | None,
    active: bool | None,
    include_archived: bool,
) -> Page[RequirementRead]:
    items, total = await repo.requirements.list(
        session,
        principal.scope(DocumentPerm.REQUIREMENTS_READ),
        page,
        repo.requirement_filters(municipality_id, applies_to, active),
        include_archived=include_archived,
    )
    return Page(
        items=[_requirement_read(principal, r) for r in items], total=total, limit=page.limit, offset=page.offset
    )


async def read_requirement(session: AsyncSession, principal: Principal, requirement_id: uuid.UUID) -> RequirementRead:
    r = await repo.requirements.get(session, principal.scope(DocumentPerm.REQUIREMENTS_READ), requirement_id)
    return _requirement_read(principal, r)


async def _check_org_types(session: AsyncSession, codes: list[str] | None) -> list[str] | None:
    if not codes:
        return None
    for code in codes:
        await reference.ensure_organization_type(session, code, "body.organization_types")
    return sorted(set(codes))


async def create_requirement(session: AsyncSession, principal: Principal, body: RequirementCreate) -> RequirementRead:
    scope = principal.scope(DocumentPerm.REQUIREMENTS_WRITE)
    municipality_id = body.municipality_id or principal.single_municipality_id()
    if municipality_id is None:
        raise _unprocessable("body.municipality_id", "Укажите муниципалитет", "missing")
    if not scope.covers_municipality(municipality_id) or not await tenants.municipality_exists(
        session, municipality_id
    ):
        raise _unprocessable("body.municipality_id", "Муниципалитет не найден", "unknown_municipality")
    if body.applies_to == "municipality" and body.organization_types:
        raise _unprocessable(
            "body.organization_types",
            "Типы организаций указываются только для документов организаций",
            "not_applicable",
        )
    org_types = await _check_org_types(session, body.organization_types)
    if await repo.requirement_exists(session, municipality_id, body.type, body.applies_to):
        raise Conflict(
            f"«{TYPE_LABELS.get(body.type, body.type)}» уже в перечне обязательных документов "
            f"({APPLIES_LABELS[body.applies_to]}): измените то требование",
            code="requirement_exists",
        )
    r = DocumentRequirement(
        municipality_id=municipality_id,
        type=body.type,
        applies_to=body.applies_to,
        organization_types=org_types,
        is_active=body.is_active,
        note=body.note,
    )
    await repo.requirements.create(session, principal, r)
    return _requirement_read(principal, r)


async def update_requirement(
    session: AsyncSession,
    principal: Principal,
    requirement_id: uuid.UUID,
    body: RequirementUpdate,
    if_match: str | None,
) -> RequirementRead:
    r = await repo.requirements.get(session, principal.scope(DocumentPerm.REQUIREMENTS_WRITE), requirement_id)
    repo.requirements.check_version(r, if_match)
    if r.archived_at is not None:
        raise Conflict("Требование в архиве: изменить его нельзя", code="archived")
    fields = set(body.model_fields_set)
    if "is_active" in fields and body.is_active is None:
        raise _unprocessable("body.is_active", "Поле не может быть пустым", "null_not_allowed")
    values: dict[str, Any] = {k: getattr(body, k) for k in fields}
    if "organization_types" in values:
        if r.applies_to == "municipality" and values["organization_types"]:
            raise _unprocessable(
                "body.organization_types",
                "Типы организаций указываются только для документов организаций",
                "not_applicable",
            )
        values["organization_types"] = await _check_org_types(session, values["organization_types"])
    await repo.requirements.update(session, principal, r, values, if_match)
    return _requirement_read(principal, r)


async def archive_requirement(
    session: AsyncSession, principal: Principal, requirement_id: uuid.UUID, reason: str, if_match: str | None
) -> RequirementRead:
    r = await repo.requirements.get(session, principal.scope(DocumentPerm.REQUIREMENTS_WRITE), requirement_id)
    await repo.requirements.archive(session, principal, r, reason, if_match)
    return _requirement_read(principal, r)
