"""Audit log: who did what, when, to which record, with before/after values; reads of personal data too."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, IdMixin, utcnow


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_municipality_id_occurred_at", "municipality_id", "occurred_at"),
        Index("ix_audit_events_municipality_id_entity", "municipality_id", "entity_type", "entity_id"),
    )

    municipality_id: Mapped[uuid.UUID | None]
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    actor_type: Mapped[str] = mapped_column(String(16))  # user | client | system
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(32))  # create | update | archive | read | import | login …
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None]
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))
