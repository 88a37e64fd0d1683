"""Mentoring (наставничество): a mentor and a mentee (both teachers), the form, the goal, the dates and the outcome.
A mentee has at most one ACTIVE pair — kept by a partial unique index, so two requests at once cannot both win."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

FORMS = ("teacher_teacher", "leader_teacher", "group", "student_teacher", "employer_teacher")
STATUSES = ("active", "finished", "cancelled")
ONE_ACTIVE_INDEX = "ix_mentoring_pairs_municipality_id_mentee_id_active"


class MentoringPair(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "mentoring_pairs"
    __table_args__ = (
        Index("ix_mentoring_pairs_municipality_id_mentee_id", "municipality_id", "mentee_id", "start_date"),
        Index("ix_mentoring_pairs_municipality_id_mentor_id", "municipality_id", "mentor_id", "status"),
        Index("ix_mentoring_pairs_municipality_id_start_date", "municipality_id", "start_date"),
        Index(
            ONE_ACTIVE_INDEX,
            "municipality_id",
            "mentee_id",
            unique=True,
            postgresql_where=text("status = 'active' AND archived_at IS NULL"),
        ),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
        CheckConstraint("mentor_id <> mentee_id", name="two_people"),
        CheckConstraint("status IN ('active', 'finished', 'cancelled')", name="status"),
        CheckConstraint("status = 'active' OR end_date IS NOT NULL", name="closed_has_end"),
        CheckConstraint(
            "form IN ('teacher_teacher', 'leader_teacher', 'group', 'student_teacher', 'employer_teacher')",
            name="form",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    mentor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    mentee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    form: Mapped[str] = mapped_column(String(32), default="teacher_teacher")
    goal: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date] = mapped_column(Date)
    # Z-MENTOR counts a pair on the date R when start_date <= R and (end_date IS NULL OR end_date >= R).
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    outcome: Mapped[str | None] = mapped_column(Text)
