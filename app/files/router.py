"""Files: upload (multipart, size limit, type by content), metadata, streamed download, archive."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status
from fastapi.responses import StreamingResponse

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import FILE_RESPONSES, stored_file_response
from app.core.schemas import EXAMPLE_MUNICIPALITY_ID, EXAMPLE_ORGANIZATION_ID, ArchiveRequest
from app.files import service
from app.files.permissions import FilePerm
from app.files.schemas import FileRead

router = APIRouter(prefix="/files", tags=["files"], responses=problem_responses(401, 403, 404, 422))


@router.post(
    "",
    operation_id="upload_file",
    status_code=status.HTTP_201_CREATED,
    response_model=FileRead,
    responses=problem_responses(413),
)
async def upload_file(
    session: SessionDep,
    principal: Annotated[Principal, require(FilePerm.WRITE)],
    file: Annotated[UploadFile, File(description="Файл: PDF, DOCX, XLSX, ODS, PNG, JPEG, CSV или TXT")],
    organization_id: Annotated[
        uuid.UUID | None,
        Form(description="Организация, которой принадлежит файл", examples=[EXAMPLE_ORGANIZATION_ID]),
    ] = None,
    municipality_id: Annotated[
        uuid.UUID | None,
        Form(
            description="Муниципалитет (если файл не относится к организации); по умолчанию — ваш",
            examples=[EXAMPLE_MUNICIPALITY_ID],
        ),
    ] = None,
) -> FileRead:
    """The type is decided by the content (magic bytes), not the name; the size is limited (FILES_MAX_BYTES)."""
    f = await service.upload(session, principal, file, organization_id, municipality_id)
    return service.to_read(f)


@router.get("/{file_id}", operation_id="get_file", response_model=FileRead)
async def get_file(
    file_id: uuid.UUID, session: SessionDep, principal: Annotated[Principal, require(FilePerm.READ)]
) -> FileRead:
    return service.to_read(await service.get_visible(session, principal, file_id, FilePerm.READ))


@router.get(
    "/{file_id}/content",
    operation_id="download_file",
    response_class=StreamingResponse,
    responses=FILE_RESPONSES,
)
async def download_file(
    file_id: uuid.UUID, session: SessionDep, principal: Annotated[Principal, require(FilePerm.READ)]
) -> StreamingResponse:
    """Streamed; `Content-Disposition` carries the Russian name (RFC 5987) and an ASCII fallback."""
    f, stream = await service.download(session, principal, file_id)
    return stored_file_response(stream, file_id=f.id, name=f.name, content_type=f.content_type, size=f.size)


@router.post(
    "/{file_id}/archive", operation_id="archive_file", response_model=FileRead, responses=problem_responses(409)
)
async def archive_file(
    file_id: uuid.UUID,
    body: ArchiveRequest,
    session: SessionDep,
    principal: Annotated[Principal, require(FilePerm.WRITE)],
) -> FileRead:
    return service.to_read(await service.archive(session, principal, file_id, body.reason))
