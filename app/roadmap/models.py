"""Programmes and their roadmaps (дорожные карты): a programme with its stages, the roadmap's sections (each with
its task) and activities (number, title, timeframe and responsible as the order writes them, the schedule parsed
from the timeframe, the people and organizations matched, the KPI codes the activity should move), the dated
occurrences of each activity with their status, and the progress reports with their evidence."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import UUID as PgUUID
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

PROGRAMME_STATUSES = ("draft", "approved", "running", "finished")
SCHEDULE_KINDS = ("once", "recurring", "continuous", "unparsed")
OCCURRENCE_STATUSES = ("planned", "in_progress", "done", "overdue", "cancelled")
EVIDENCE_KINDS = ("event", "campaign", "document", "meeting")


class Programme(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "roadmap_programmes"
    __table_args__ = (
        Index("ix_roadmap_programmes_municipality_id_period_start", "municipality_id", "period_start"),
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint("status IN ('draft', 'approved', 'running', 'finished')", name="status"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    title: Mapped[str] = mapped_column(String(500))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    goal: Mapped[str | None] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)
    expected_results: Mapped[str | None] = mapped_column(Text)
    basis_text: Mapped[str | None] = mapped_column(Text)  # «приказ ООА от 17.08.2020 № 265-од»
    basis_document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")


class Stage(IdMixin, Base):
    __tablename__ = "roadmap_stages"
    __table_args__ = (
        Index("ix_roadmap_stages_municipality_id_programme_id", "municipality_id", "programme_id", "position"),
        CheckConstraint("ends_on >= starts_on", name="dates"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_programmes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class Section(IdMixin, TimestampMixin, Base):
    __tablename__ = "roadmap_sections"
    __table_args__ = (
        Index(
            "ix_roadmap_sections_municipality_id_programme_id_number",
            "municipality_id",
            "programme_id",
            "number",
            unique=True,
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_programmes.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    task: Mapped[str | None] = mapped_column(Text)


class Activity(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "roadmap_activities"
    __table_args__ = (
        Index(
            "ix_roadmap_activities_municipality_id_programme_id_number",
            "municipality_id",
            "programme_id",
            "number",
            unique=True,
        ),
        Index("ix_roadmap_activities_municipality_id_section_id", "municipality_id", "section_id", "position"),
        Index(
            "ix_roadmap_activities_municipality_id_kpi_codes",
            "municipality_id",
            "kpi_codes",
            postgresql_where=text("cardinality(kpi_codes) > 0"),
        ),
        CheckConstraint("schedule_kind IN ('once', 'recurring', 'continuous', 'unparsed')", name="schedule_kind"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_programmes.id"))
    section_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_sections.id"))
    number: Mapped[str] = mapped_column(String(16))  # as written: «1.1», «2.5»
    position: Mapped[int] = mapped_column(Integer, default=0)  # order inside the roadmap
    title: Mapped[str] = mapped_column(Text)
    timeframe_text: Mapped[str] = mapped_column(Text, default="")  # as written
    schedule_kind: Mapped[str] = mapped_column(String(16), default="unparsed")
    starts_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    rrule: Mapped[str | None] = mapped_column(String(200))
    window_months: Mapped[int] = mapped_column(Integer, default=0)
    until: Mapped[date | None] = mapped_column(Date)
    schedule_note: Mapped[str | None] = mapped_column(Text)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    review_reasons: Mapped[list[str]] = mapped_column(JSONB, default=list)
    schedule_set_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    responsible_text: Mapped[str] = mapped_column(Text, default="")  # as written
    # [{text, kind: user|teacher|organization|role, id, name, role}] — what the import matched, in order
    responsibles: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    responsible_user_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(PgUUID(as_uuid=True)), default=list)
    responsible_teacher_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(PgUUID(as_uuid=True)), default=list)
    responsible_organization_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(PgUUID(as_uuid=True)), default=list)
    kpi_codes: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)


class Occurrence(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "roadmap_occurrences"
    __table_args__ = (
        Index("ix_roadmap_occurrences_municipality_id_activity_id", "municipality_id", "activity_id", "starts_on"),
        Index("ix_roadmap_occurrences_municipality_id_due_on", "municipality_id", "due_on", "status"),
        CheckConstraint("due_on >= starts_on", name="dates"),
        CheckConstraint("status IN ('planned', 'in_progress', 'done', 'overdue', 'cancelled')", name="status"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    programme_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_programmes.id"))
    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_activities.id"))
    starts_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_on: Mapped[date | None] = mapped_column(Date)
    reminded_on: Mapped[date | None] = mapped_column(Date)  # the nightly reminder was sent (once per occurrence)


class Report(IdMixin, TimestampMixin, ArchivableMixin, Base):
    __tablename__ = "roadmap_reports"
    __table_args__ = (
        Index("ix_roadmap_reports_municipality_id_occurrence_id", "municipality_id", "occurrence_id", "reported_on"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    activity_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_activities.id"))
    occurrence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("roadmap_occurrences.id"))
    reported_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    links: Mapped[list[str]] = mapped_column(JSONB, default=list)
    file_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(PgUUID(as_uuid=True)), default=list)
    # [{kind: event|campaign|document|meeting, id, title}] — records that already exist in the municipality
    records: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    author_id: Mapped[uuid.UUID | None] = mapped_column(PgUUID(as_uuid=True))
    author_name: Mapped[str | None] = mapped_column(String(300))
