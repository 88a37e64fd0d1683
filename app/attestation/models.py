"""Attestation (аттестация) of teachers: an application for a qualification category (first, highest) or for
conformity with the position, and its decision (date, granted or refused, the order). A granted decision is written
into the teacher's category history by the teachers module (expiry by the rules in force)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

CATEGORIES = ("first", "highest", "conformity")
RESULTS = ("granted", "refused")
ONE_PENDING_INDEX = "ix_attestations_municipality_id_teacher_id_pending"


class Attestation(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "attestations"
    __table_args__ = (
        Index("ix_attestations_municipality_id_teacher_id", "municipality_id", "teacher_id", "applied_on"),
        Index("ix_attestations_municipality_id_applied_on", "municipality_id", "applied_on"),
        Index(
            ONE_PENDING_INDEX,
            "municipality_id",
            "teacher_id",
            unique=True,
            postgresql_where=text("result IS NULL AND archived_at IS NULL"),
        ),
        CheckConstraint("category_sought IN ('first', 'highest', 'conformity')", name="category_sought"),
        CheckConstraint("result IS NULL OR result IN ('granted', 'refused')", name="result"),
        CheckConstraint("(result IS NULL) = (decided_on IS NULL)", name="decision_complete"),
        CheckConstraint("decided_on IS NULL OR decided_on >= applied_on", name="dates"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    # K-4.3.2 counts applications for `first` or `highest` by `applied_on` (any outcome).
    category_sought: Mapped[str] = mapped_column(String(16))
    applied_on: Mapped[date] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(16))
    order_number: Mapped[str | None] = mapped_column(String(100))
