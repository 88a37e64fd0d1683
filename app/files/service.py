"""Stored files: upload with a size limit and a content type check, tenant-scoped reads, streamed download,
archive — each audited. Other modules attach files through `store_file` and read them through `get_visible`."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from fastapi import UploadFile
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import Conflict, NotFound, PayloadTooLarge, Unprocessable
from app.core.settings import API_PREFIX, get_settings
from app.files import repository, sniff
from app.files.models import StoredFile
from app.files.permissions import FilePerm
from app.files.schemas import FileRead
from app.files.storage import get_storage
from app.organizations import service as organizations
from app.tenants import service as tenants


def content_url(file_id: uuid.UUID) -> str:
    return f"{API_PREFIX}/files/{file_id}/content"


def to_read(f: StoredFile) -> FileRead:
    fields = {name: getattr(f, name) for name in FileRead.model_fields if name != "content_url"}
    return FileRead.model_validate({**fields, "content_url": content_url(f.id)})


def visible(principal: Principal, perm: str) -> ColumnElement[bool]:
    """Files of the municipalities and schools in the principal's scope for `perm`, and files they created."""
    holder = principal.has(perm)
    return repository.visible(
        principal.scope(perm), principal.kind if holder else None, principal.id if holder else None
    )


async def get_visible(session: AsyncSession, principal: Principal, file_id: uuid.UUID, perm: str) -> StoredFile:
    holder = principal.has(perm)
    f = await repository.get_visible(
        session, file_id, principal.scope(perm), principal.kind if holder else None, principal.id if holder else None
    )
    if f is None:
        raise NotFound("Файл не найден")
    return f


async def get_stored(session: AsyncSession, file_id: uuid.UUID) -> StoredFile:
    """A file by id for the code that stored it (e.g. a background job reading back its upload)."""
    return await repository.get(session, file_id)


def clean_name(name: str | None) -> str:
    name = "".join(ch for ch in (name or "") if ch.isprintable() and ch not in '/\\"').strip()
    return (name or "файл")[-255:]


async def store_file(
    session: AsyncSession,
    principal: Principal | None,
    *,
    municipality_id: uuid.UUID,
    name: str,
    content: bytes,
    content_type: str,
    organization_id: uuid.UUID | None = None,
    owner_type: str | None = None,
    owner_id: uuid.UUID | None = None,
) -> StoredFile:
    """Save bytes the application made itself (an export, a report) as a file of the tenant (audited)."""
    file_id = uuid.uuid4()
    key = f"{municipality_id}/{file_id}"
    await get_storage().put(key, content)
    f = StoredFile(
        id=file_id,
        municipality_id=municipality_id,
        organization_id=organization_id,
        owner_type=owner_type,
        owner_id=owner_id,
        name=clean_name(name),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_key=key,
        created_by_type=getattr(principal, "kind", "system"),
        created_by_id=getattr(principal, "id", None),
        created_by_name=getattr(principal, "name", None),
    )
    repository.add(session, f)
    await session.flush()
    await record(
        session,
        principal,
        "create",
        "file",
        f.id,
        municipality_id,
        {"name": f.name, "size": f.size, "content_type": content_type, "owner_type": owner_type},
    )
    return f


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(256 * 1024):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(
                f"Файл больше {limit // (1024 * 1024)} МБ — загрузите файл поменьше", code="file_too_large"
            )
        chunks.append(chunk)
    return b"".join(chunks)


async def _target(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID | None, municipality_id: uuid.UUID | None
) -> tuple[uuid.UUID, uuid.UUID | None]:
    """The tenant of an upload: the given school (in the caller's scope; a school administrator's own by default),
    or the municipality (given, or the caller's only one)."""
    scope = principal.scope(FilePerm.WRITE)
    if organization_id is None and municipality_id is None and not scope.municipality_ids and not scope.all:
        if len(scope.organization_ids) == 1:  # a school administrator: their school's file
            organization_id = next(iter(scope.organization_ids))
    if organization_id is not None:
        org = await organizations.get_visible(session, principal, organization_id, FilePerm.WRITE)  # 404 outside
        return org.municipality_id, org.id
    municipality_id = municipality_id or principal.single_municipality_id()
    if municipality_id is None:
        raise Unprocessable(
            "Укажите организацию или муниципалитет, которому принадлежит файл", code="file_tenant_required"
        )
    if not scope.covers_municipality(municipality_id) or not await tenants.municipality_exists(
        session, municipality_id
    ):
        raise NotFound("Муниципалитет не найден")
    return municipality_id, None


async def upload(
    session: AsyncSession,
    principal: Principal,
    file: UploadFile,
    organization_id: uuid.UUID | None,
    municipality_id: uuid.UUID | None,
) -> StoredFile:
    muni, org = await _target(session, principal, organization_id, municipality_id)
    return await store_upload(session, principal, file, municipality_id=muni, organization_id=org)


async def store_upload(
    session: AsyncSession,
    principal: Principal,
    file: UploadFile,
    *,
    municipality_id: uuid.UUID,
    organization_id: uuid.UUID | None = None,
    owner_type: str | None = None,
    owner_id: uuid.UUID | None = None,
) -> StoredFile:
    """An uploaded file, checked (size, type by content, extension), stored for a tenant the caller's module has
    already decided on (e.g. the minutes of a meeting the caller keeps); audited."""
    content = await _read_limited(file, get_settings().files_max_bytes)
    if not content:
        raise Unprocessable("Файл пустой", code="file_empty")
    name = clean_name(file.filename)
    content_type = sniff.detect(content, name)
    if content_type is None:
        raise Unprocessable(
            f"Такой тип файла не принимается: загрузите {sniff.ALLOWED_RU}", code="file_type_not_allowed"
        )
    if not sniff.extension_matches(content_type, name):
        raise Unprocessable(
            "Содержимое файла не соответствует его расширению — проверьте, тот ли это файл",
            code="file_type_mismatch",
        )
    return await store_file(
        session,
        principal,
        municipality_id=municipality_id,
        organization_id=organization_id,
        name=name,
        content=content,
        content_type=content_type,
        owner_type=owner_type,
        owner_id=owner_id,
    )


async def download(session: AsyncSession, principal: Principal, file_id: uuid.UUID) -> tuple[StoredFile, Any]:
    """The file and a stream of its bytes; the download is audited."""
    f = await get_visible(session, principal, file_id, FilePerm.READ)
    if f.archived_at is not None:
        raise NotFound("Файл в архиве")
    await record(session, principal, "download", "file", f.id, f.municipality_id, {"name": f.name})
    return f, _stream(f.storage_key)


async def download_attached(
    session: AsyncSession, principal: Principal, file_id: uuid.UUID, municipality_id: uuid.UUID
) -> tuple[StoredFile, Any]:
    """A file attached to a record the caller may read (the owning module has checked that record: an event's
    material for its participants, a published practice's material for the municipality). The file must belong to
    the record's municipality; the download is audited like any other."""
    f = await get_stored(session, file_id)
    if f.municipality_id != municipality_id or f.archived_at is not None:
        raise NotFound("Файл не найден")
    await record(session, principal, "download", "file", f.id, f.municipality_id, {"name": f.name})
    return f, _stream(f.storage_key)


async def _stream(key: str) -> AsyncIterator[bytes]:
    async for chunk in get_storage().stream(key):
        yield chunk


async def read_bytes(f: StoredFile) -> bytes:
    return await get_storage().read(f.storage_key)


async def archive(session: AsyncSession, principal: Principal, file_id: uuid.UUID, reason: str) -> StoredFile:
    f = await get_visible(session, principal, file_id, FilePerm.WRITE)
    if f.archived_at is not None:
        raise Conflict("Файл уже в архиве", code="already_archived")
    f.archived_at = datetime.now(UTC)
    f.archive_reason = reason
    await session.flush()
    await record(session, principal, "archive", "file", f.id, f.municipality_id, {"name": f.name, "reason": reason})
    return f
