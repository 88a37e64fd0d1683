"""Every SQL statement of the files module: which stored files a scope (or their creator) may see, and lookups."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, false, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import AuditReader, AuditSubject, describe
from app.files import sniff
from app.files.models import StoredFile
from app.files.permissions import FilePerm


def visible(scope: Scope, actor_type: str | None, actor_id: uuid.UUID | None) -> ColumnElement[bool]:
    """Files of the municipalities and schools inside `scope`, and the files the actor created themselves."""
    if scope.all:
        return true()
    conds: list[ColumnElement[bool]] = []
    if actor_type and actor_id:
        conds.append(and_(StoredFile.created_by_type == actor_type, StoredFile.created_by_id == actor_id))
    if scope.municipality_ids:
        conds.append(StoredFile.municipality_id.in_(scope.municipality_ids))
    if scope.organization_ids:
        conds.append(StoredFile.organization_id.in_(scope.organization_ids))
    return or_(*conds) if conds else false()


async def get_visible(
    session: AsyncSession, file_id: uuid.UUID, scope: Scope, actor_type: str | None, actor_id: uuid.UUID | None
) -> StoredFile | None:
    return await session.scalar(
        select(StoredFile).where(StoredFile.id == file_id, visible(scope, actor_type, actor_id))
    )


async def get(session: AsyncSession, file_id: uuid.UUID) -> StoredFile:
    return await session.get_one(StoredFile, file_id)


def add(session: AsyncSession, f: StoredFile) -> None:
    session.add(f)


# --- how files read in the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    """A file's name only for those who may see the file (as `service.get_visible` decides)."""
    holder = principal.has(FilePerm.READ)
    scope = principal.scope(FilePerm.READ)
    condition = visible(scope, principal.kind if holder else None, principal.id if holder else None)
    return select(literal("file"), cast(StoredFile.id, String), StoredFile.name).where(
        StoredFile.id.in_(ids), condition
    )


def _size(value: Any, reader: AuditReader) -> str:
    """12345 → «12,1 КБ»."""
    if not isinstance(value, int) or isinstance(value, bool):
        return reader.text("", value)
    for unit, factor in (("ГБ", 1 << 30), ("МБ", 1 << 20), ("КБ", 1 << 10)):
        if value >= factor:
            return f"{value / factor:.1f} {unit}".replace(".", ",")
    return f"{value} байт"


describe(
    AuditSubject(
        entity_type="file",
        label="Файл",
        field_labels={"name": "Имя файла", "size": "Размер", "content_type": "Тип файла", "owner_type": "Назначение"},
        value_labels={
            "content_type": {
                sniff.PDF: "PDF",
                sniff.DOCX: "документ Word (DOCX)",
                sniff.XLSX: "Excel (XLSX)",
                sniff.ODS: "таблица ODS",
                sniff.PNG: "изображение PNG",
                sniff.JPEG: "изображение JPEG",
                sniff.CSV: "CSV",
                sniff.TXT: "текст",
            },
            "owner_type": {"job": "результат фоновой задачи"},
        },
        names=_audit_names,
        formatters={"size": _size},
        action_labels={"download": "Скачивание"},
    )
)
