"""Help requests (обращения за адресной методической помощью): a teacher, or a school for a teacher or for itself,
asks the municipal methodological service for help on a competence area; a methodologist takes it, records
consultations and closes it as resolved fully, partly or not at all; the requesting side may reopen it within 14
days. Kostroma's K-4.1.2 counts teachers whose every request was resolved «в полном объёме»."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

FORMS = ("consultation", "visit", "materials")
CONSULTATION_FORMS = ("consultation", "online", "visit", "materials", "group")
STATES = ("new", "in_progress", "closed")
RESOLUTIONS = ("full", "partial", "none")


class HelpRequest(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "help_requests"
    __table_args__ = (
        Index("ix_help_requests_municipality_id_state_opened_on", "municipality_id", "state", "opened_on"),
        Index("ix_help_requests_municipality_id_organization_id", "municipality_id", "organization_id"),
        Index("ix_help_requests_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("ix_help_requests_municipality_id_assignee_id", "municipality_id", "assignee_id", "state"),
        CheckConstraint("state IN ('new', 'in_progress', 'closed')", name="state"),
        CheckConstraint("desired_form IN ('consultation', 'visit', 'materials')", name="desired_form"),
        CheckConstraint("resolution IS NULL OR resolution IN ('full', 'partial', 'none')", name="resolution"),
        CheckConstraint(
            "(state = 'closed') = (resolution IS NOT NULL AND closed_at IS NOT NULL)", name="closed_has_resolution"
        ),
        CheckConstraint("state = 'new' OR assignee_id IS NOT NULL", name="taken_has_assignee"),
        CheckConstraint("reopen_count >= 0", name="reopen_count"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    # The school the request comes from (the teacher's workplace when made, or the school asking for itself).
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"))
    # The teacher who needs help; empty when the school asks for itself.
    teacher_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teachers.id"))
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    topic_code: Mapped[str] = mapped_column(ForeignKey("ref_competence_areas.code"))
    description: Mapped[str] = mapped_column(Text)
    desired_form: Mapped[str] = mapped_column(String(16), default="consultation")
    opened_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="new")
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolution_comment: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HelpConsultation(IdMixin, TimestampMixin, Base):
    """A consultation given on a request (date, form, who, notes): kept when the request is closed and reopened."""

    __tablename__ = "help_consultations"
    __table_args__ = (
        Index("ix_help_consultations_municipality_id_request_id", "municipality_id", "request_id", "held_on"),
        CheckConstraint("form IN ('consultation', 'online', 'visit', 'materials', 'group')", name="form"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("help_requests.id"))
    held_on: Mapped[date] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(16))
    consultant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    consultant_name: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
