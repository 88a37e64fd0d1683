"""Background jobs as the application sees them: who started what, in which tenant, how far it got, what came out.

The queue itself is procrastinate's (tables `procrastinate_*` on the same database); this table is ours, so the
progress and results are tenant-scoped, audited and readable through the API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, IdMixin, utcnow

JOB_STATES = ("queued", "running", "succeeded", "failed")


class Job(IdMixin, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_municipality_id_created_by_id_created_at", "municipality_id", "created_by_id", "created_at"),
        Index("ix_jobs_municipality_id_state", "municipality_id", "state"),
        CheckConstraint("state IN ('queued', 'running', 'succeeded', 'failed')", name="state"),
        CheckConstraint("done >= 0 AND (total IS NULL OR total >= 0)", name="progress"),
    )

    # The tenant the job works in (None only for a system-wide job of the system administrator).
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    message: Mapped[str | None] = mapped_column(String(500))
    params: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    result_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("files.id"))
    error: Mapped[str | None] = mapped_column(Text)  # in Russian, for the person who started it
    created_by_type: Mapped[str] = mapped_column(String(16))  # user | client | system
    created_by_id: Mapped[uuid.UUID | None]
    created_by_name: Mapped[str | None] = mapped_column(String(200))
    queue_job_id: Mapped[int | None] = mapped_column(BigInteger)  # procrastinate_jobs.id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
