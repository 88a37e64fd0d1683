"""Documents: types, list with filters and its export, the checklist of required documents and its export, card,
create, update, approve, archive, the document's file; the municipality's required document types (HTTP only;
rules in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from app.core.access import Principal, require
from app.core.concurrency import IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import attachment, content_disposition, export_responses
from app.core.pagination import Page, PageDep
from app.core.periods import Period
from app.core.schemas import ArchiveRequest
from app.documents import measures as _measures  # noqa: F401  (registers this module's KPI measures)
from app.documents import service
from app.documents.permissions import DocumentPerm
from app.documents.schemas import (
    AppliesTo,
    Checklist,
    DocumentCreate,
    DocumentFilters,
    DocumentRead,
    DocumentStatus,
    DocumentType,
    DocumentTypeRead,
    DocumentUpdate,
    RequirementCreate,
    RequirementRead,
    RequirementUpdate,
)

router = APIRouter(prefix="/documents", tags=["documents"], responses=problem_responses(401, 403, 422))
requirements_router = APIRouter(
    prefix="/document-requirements", tags=["documents"], responses=problem_responses(401, 403, 422)
)

Format = Annotated[Literal["xlsx", "csv"], Query(description="Формат файла")]
Sort = Annotated[str | None, Query(pattern=r"^-?[a-z_]+$", description="Как в списке")]
AcademicYear = Annotated[
    Period | None,
    Query(description="Учебный год, например «2021/2022»: документы, действующие в нём (многолетние — тоже)"),
]


async def document_filters(
    academic_year: AcademicYear = None,
    municipality_id: Annotated[uuid.UUID | None, Query(description="Муниципалитет")] = None,
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация")] = None,
    level: Annotated[
        AppliesTo | None,
        Query(description="`municipality` — только документы муниципалитета, `organization` — только организаций"),
    ] = None,
    type: Annotated[list[DocumentType] | None, Query(description="Типы документов")] = None,
    status: Annotated[list[DocumentStatus] | None, Query(description="Статусы: `draft`, `approved`")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Поиск по названию и номеру")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные документы")] = False,
) -> DocumentFilters:
    return DocumentFilters(
        academic_year,
        municipality_id,
        organization_id,
        level,
        list(type) if type else None,
        list(status) if status else None,
        q.strip() if q and q.strip() else None,
        include_archived,
    )


FiltersDep = Annotated[DocumentFilters, Depends(document_filters)]
ChecklistYear = Annotated[Period, Query(description="Учебный год, например «2021/2022»", examples=["2021/2022"])]
ChecklistMuni = Annotated[uuid.UUID | None, Query(description="Только этот муниципалитет")]
ChecklistOrg = Annotated[uuid.UUID | None, Query(description="Только эта организация")]


@router.get("/types", operation_id="list_document_types", response_model=list[DocumentTypeRead])
async def list_document_types(
    principal: Annotated[Principal, require(DocumentPerm.READ)],
) -> list[DocumentTypeRead]:
    """The document types with their Russian names and the criterion («наличие …») each one answers."""
    return service.document_types()


@router.get("", operation_id="list_documents", response_model=Page[DocumentRead])
async def list_documents(
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.READ)],
    page: PageDep,
    filters: FiltersDep,
) -> Page[DocumentRead]:
    """Documents inside the caller's reach: the municipality sees all of its own and its schools' (drafts too); a
    school its own and the municipality's approved ones; a teacher the approved ones of their school and
    municipality. Sort: `academic_year`, `doc_date`, `title`, `type`, `status`, `created_at`, `updated_at`."""
    return await service.list_documents(session, principal, filters, page)


@router.get(
    "/export",
    operation_id="export_documents",
    response_class=Response,
    responses=export_responses("Документы по фильтрам списка: XLSX или CSV (UTF-8 с BOM, «;»)"),
)
async def export_documents(
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.READ)],
    filters: FiltersDep,
    format: Format = "xlsx",
    sort: Sort = None,
) -> Response:
    """The list with the same filters and order as `GET /documents`, as a spreadsheet (audited)."""
    content = await service.export_documents(session, principal, filters, sort, format)
    return attachment(content, format, f"Документы {date.today():%d.%m.%Y}", "documents")


@router.get("/checklist", operation_id="get_document_checklist", response_model=Checklist)
async def get_document_checklist(
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.CHECKLIST)],
    academic_year: ChecklistYear,
    municipality_id: ChecklistMuni = None,
    organization_id: ChecklistOrg = None,
) -> Checklist:
    """For the academic year: each organization of the caller's reach (and the municipality itself) × each document
    type its municipality requires of it — `approved` (an approved, not archived document of that type and year),
    `draft` (only a draft) or `missing`. A document of another year or an archived one does not count."""
    return await service.checklist(session, principal, academic_year, municipality_id, organization_id)


@router.get(
    "/checklist/export",
    operation_id="export_document_checklist",
    response_class=Response,
    responses=export_responses("Наличие обязательных документов: организации × типы (XLSX или CSV)"),
)
async def export_document_checklist(
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.CHECKLIST)],
    academic_year: ChecklistYear,
    municipality_id: ChecklistMuni = None,
    organization_id: ChecklistOrg = None,
    format: Format = "xlsx",
) -> Response:
    """The checklist as a grid: ✓ — approved, «черновик», «нет», «—» — not required of that organization (audited)."""
    content = await service.export_checklist(
        session, principal, academic_year, format, municipality_id, organization_id
    )
    name = f"Наличие документов {academic_year.code.replace('/', '-')}"
    return attachment(content, format, name, "documents-checklist")


@router.post(
    "",
    operation_id="create_document",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentRead,
    responses=problem_responses(404, 409),
)
async def create_document(
    body: DocumentCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.WRITE)],
    response: Response,
) -> DocumentRead:
    """A new document is a draft. A file (`file_id`, uploaded first through `POST /files`) or a link (`url`), not
    both (422 `file_or_link`); a draft may have neither. A school administrator records for their school; a
    document without an organization is the municipality's."""
    doc = await service.create_document(session, principal, body)
    set_etag(response, doc.version)
    return doc


@router.get(
    "/{document_id}", operation_id="get_document", response_model=DocumentRead, responses=problem_responses(404)
)
async def get_document(
    document_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.READ)],
    response: Response,
) -> DocumentRead:
    doc = await service.read_document(session, principal, document_id)
    set_etag(response, doc.version)
    return doc


@router.get(
    "/{document_id}/file",
    operation_id="download_document_file",
    response_class=Response,
    responses={
        200: {"description": "Файл документа", "content": {"application/octet-stream": {}}},
        **problem_responses(404),
    },
)
async def download_document_file(
    document_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.READ)],
) -> Response:
    """The document's file, for whoever may read the document (audited)."""
    f, content = await service.document_file(session, principal, document_id)
    ext = f.name[f.name.rfind(".") :] if "." in f.name else ""
    ascii_ext = ext if ext.isascii() and len(ext) <= 10 else ""
    return Response(
        content,
        media_type=f.content_type + ("; charset=utf-8" if f.content_type.startswith("text/") else ""),
        headers={
            "Content-Disposition": content_disposition(f.name, f"document-{document_id}{ascii_ext}"),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.patch(
    "/{document_id}",
    operation_id="update_document",
    response_model=DocumentRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def update_document(
    document_id: uuid.UUID,
    body: DocumentUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> DocumentRead:
    """Only the fields sent change; `If-Match` is required. Changing the type, the year, the number, the date, the
    file or the link of an approved document returns it to draft (a warning says so); the title and the comment
    keep it approved."""
    doc = await service.update_document(session, principal, document_id, body, if_match)
    set_etag(response, doc.version)
    return doc


@router.post(
    "/{document_id}/approve",
    operation_id="approve_document",
    response_model=DocumentRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def approve_document(
    document_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> DocumentRead:
    """Approve a draft that has a file or a link (422 `nothing_to_approve` otherwise; 409 `already_approved`)."""
    doc = await service.approve_document(session, principal, document_id, if_match)
    set_etag(response, doc.version)
    return doc


@router.post(
    "/{document_id}/archive",
    operation_id="archive_document",
    response_model=DocumentRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_document(
    document_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> DocumentRead:
    """Archival instead of deletion, with a reason (an archived document counts nowhere)."""
    doc = await service.archive_document(session, principal, document_id, body.reason, if_match)
    set_etag(response, doc.version)
    return doc


# --- required document types ---


@requirements_router.get("", operation_id="list_document_requirements", response_model=Page[RequirementRead])
async def list_document_requirements(
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.REQUIREMENTS_READ)],
    page: PageDep,
    municipality_id: Annotated[uuid.UUID | None, Query(description="Муниципалитет")] = None,
    applies_to: Annotated[AppliesTo | None, Query(description="От кого требуется")] = None,
    active: Annotated[bool | None, Query(description="Только действующие (или только недействующие)")] = None,
    include_archived: Annotated[bool, Query(description="Показать и архивные")] = False,
) -> Page[RequirementRead]:
    """The document types the municipality requires every academic year. Sort: `type`, `applies_to`, `created_at`,
    `updated_at`."""
    return await service.list_requirements(
        session, principal, page, municipality_id, applies_to, active, include_archived
    )


@requirements_router.post(
    "",
    operation_id="create_document_requirement",
    status_code=status.HTTP_201_CREATED,
    response_model=RequirementRead,
    responses=problem_responses(409),
)
async def create_document_requirement(
    body: RequirementCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.REQUIREMENTS_WRITE)],
    response: Response,
) -> RequirementRead:
    """One type per municipality and `applies_to` (409 `requirement_exists`)."""
    r = await service.create_requirement(session, principal, body)
    set_etag(response, r.version)
    return r


@requirements_router.get(
    "/{requirement_id}",
    operation_id="get_document_requirement",
    response_model=RequirementRead,
    responses=problem_responses(404),
)
async def get_document_requirement(
    requirement_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.REQUIREMENTS_READ)],
    response: Response,
) -> RequirementRead:
    r = await service.read_requirement(session, principal, requirement_id)
    set_etag(response, r.version)
    return r


@requirements_router.patch(
    "/{requirement_id}",
    operation_id="update_document_requirement",
    response_model=RequirementRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def update_document_requirement(
    requirement_id: uuid.UUID,
    body: RequirementUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.REQUIREMENTS_WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> RequirementRead:
    r = await service.update_requirement(session, principal, requirement_id, body, if_match)
    set_etag(response, r.version)
    return r


@requirements_router.post(
    "/{requirement_id}/archive",
    operation_id="archive_document_requirement",
    response_model=RequirementRead,
    responses=problem_responses(404, 409, 412, 428),
)
async def archive_document_requirement(
    requirement_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(DocumentPerm.REQUIREMENTS_WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> RequirementRead:
    r = await service.archive_requirement(session, principal, requirement_id, body.reason, if_match)
    set_etag(response, r.version)
    return r
