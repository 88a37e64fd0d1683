"""Professional development courses (повышение квалификации, профессиональная переподготовка) a teacher has
completed: the programme, the provider (an organization of the dictionary or a name) with its ownership at the time,
hours, dates, format and the certificate (удостоверение) number."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin


class Course(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "courses"
    __table_args__ = (
        Index("ix_courses_municipality_id_teacher_id", "municipality_id", "teacher_id", "end_date"),
        Index("ix_courses_municipality_id_end_date", "municipality_id", "end_date"),
        CheckConstraint("end_date >= start_date", name="dates"),
        CheckConstraint("hours BETWEEN 1 AND 3000", name="hours"),
        CheckConstraint("program_kind IN ('advanced_training', 'retraining')", name="program_kind"),
        CheckConstraint("format IS NULL OR format IN ('offline', 'online', 'mixed')", name="format"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    title: Mapped[str] = mapped_column(String(500))
    program_kind: Mapped[str] = mapped_column(String(24), default="advanced_training")
    provider_organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    # The provider's name and ownership as they were when the course was recorded (the organization's card may
    # change later; the eligibility of a past course does not).
    provider_name: Mapped[str | None] = mapped_column(String(500))  # NULL: not known (an integration's data)
    provider_state_owned: Mapped[bool | None] = mapped_column(Boolean)
    hours: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    # PD-3Y counts a course by its end date: after R − 3 years and not after R.
    end_date: Mapped[date] = mapped_column(Date)
    format: Mapped[str | None] = mapped_column(String(16))
    document_number: Mapped[str | None] = mapped_column(String(100))
    # Competence areas the programme develops (ref_competence_areas codes): individual routes propose programmes
    # that other teachers took for an area, and a route's action can be closed by the teacher's own course.
    competence_areas: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
