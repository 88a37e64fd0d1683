"""Every SQL statement of the files module: which stored files a scope (or their creator) may see, and lookups."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Scope
from app.files.models import StoredFile


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
