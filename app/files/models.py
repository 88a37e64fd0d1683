"""Stored files (documents attached to records): metadata here, the bytes in the configured storage."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, IdMixin, utcnow


class StoredFile(IdMixin, Base):
    __tablename__ = "files"
    __table_args__ = (
        Index("ix_files_municipality_id_owner_type_owner_id", "municipality_id", "owner_type", "owner_id"),
        Index("ix_files_municipality_id_created_at", "municipality_id", "created_at"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    # The school the file belongs to (a school administrator sees their school's files), if any.
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    # The record the file is attached to (e.g. "job" + its id, later an event or a diagnostic), if any.
    owner_type: Mapped[str | None] = mapped_column(String(40))
    owner_id: Mapped[uuid.UUID | None]
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300))
    created_by_type: Mapped[str] = mapped_column(String(16))  # user | client | system
    created_by_id: Mapped[uuid.UUID | None]
    created_by_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    archive_reason: Mapped[str | None] = mapped_column(String(500))
