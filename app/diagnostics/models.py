"""Diagnostics of professional deficits (диагностика профессиональных дефицитов): a versioned competence framework
(areas from the `ref_competence_areas` dictionary, mapped to the labour functions of the professional standard
«Педагог»), versioned instruments (sections by area, typed items and the scoring scale kept as validated JSONB; a
published version is immutable, editing makes a new version), campaigns (мониторинги) assigning an instrument
version to a target group for a window, the teachers' assignments with their answers, reminders, and the deficit
profile — one row per area of a submitted assignment. The shipped framework and instruments have `municipality_id`
NULL (like the KPI catalogue); every other table carries `municipality_id` first in its indexes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

INSTRUMENT_KINDS = {
    "deficit": "диагностика профессиональных дефицитов",
    "adaptation": "мониторинг адаптации молодых педагогов",
    "topic_survey": "опрос о темах (потребности)",
}
INSTRUMENT_STATUSES = {"draft": "черновик", "published": "опубликован"}
ASSIGNMENT_STATUSES = {"assigned": "не начато", "in_progress": "начато", "submitted": "отправлено"}
BANDS = {"deficit": "дефицит", "partial": "частичный дефицит", "none": "дефицита нет"}


class DiagFramework(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """One version of a competence framework (code + version unique per owner)."""

    __tablename__ = "diag_frameworks"
    __table_args__ = (
        Index("ix_diag_frameworks_municipality_id_code", "municipality_id", "code", "framework_version"),
        Index(
            "uq_diag_frameworks_catalogue_code_version",
            "code",
            "framework_version",
            unique=True,
            postgresql_where=text("municipality_id IS NULL"),
        ),
    )

    # NULL: shipped with the application for every municipality; set: that municipality's own framework.
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    code: Mapped[str] = mapped_column(String(64))
    framework_version: Mapped[int] = mapped_column(SmallInteger, default=1)
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)


class DiagFrameworkArea(IdMixin, Base):
    """An area of a framework: a competence area of the dictionary and the labour functions it covers."""

    __tablename__ = "diag_framework_areas"
    __table_args__ = (
        Index("ix_diag_framework_areas_municipality_id_framework_id", "municipality_id", "framework_id", "sort_order"),
        Index("uq_diag_framework_areas_framework_id_area_code", "framework_id", "area_code", unique=True),
    )

    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    framework_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_frameworks.id", ondelete="CASCADE"))
    area_code: Mapped[str] = mapped_column(ForeignKey("ref_competence_areas.code"))
    labour_functions: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    description: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class DiagInstrument(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """One version of an instrument. Versions of one instrument share `family_id`; a published version is
    immutable (its content is what submitted answers were scored with). `sections` and `scale` are JSONB
    validated by the application (`schemas.InstrumentContent`)."""

    __tablename__ = "diag_instruments"
    __table_args__ = (
        Index("ix_diag_instruments_municipality_id_family_id", "municipality_id", "family_id", "instrument_version"),
        Index("uq_diag_instruments_family_id_version", "family_id", "instrument_version", unique=True),
        CheckConstraint("kind IN ('deficit', 'adaptation', 'topic_survey')", name="kind"),
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        CheckConstraint("(status = 'published') = (published_at IS NOT NULL)", name="published_at"),
    )

    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    family_id: Mapped[uuid.UUID] = mapped_column()
    instrument_version: Mapped[int] = mapped_column(SmallInteger, default=1)
    framework_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("diag_frameworks.id"))
    kind: Mapped[str] = mapped_column(String(16), default="deficit")
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    scale: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    copied_from_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("diag_instruments.id"))


class DiagCampaign(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A campaign (мониторинг): an instrument version for a target group in a window; assignments are made when the
    window opens (at creation when it is open already, else by the nightly job), and a yearly campaign makes its
    next year's copy when it closes."""

    __tablename__ = "diag_campaigns"
    __table_args__ = (
        Index("ix_diag_campaigns_municipality_id_opens_on", "municipality_id", "opens_on"),
        Index("ix_diag_campaigns_municipality_id_instrument_id", "municipality_id", "instrument_id"),
        Index("uq_diag_campaigns_repeated_from_id", "repeated_from_id", unique=True),
        CheckConstraint("closes_on >= opens_on", name="window"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    instrument_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_instruments.id"))
    title: Mapped[str] = mapped_column(String(500))
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    # {"organization_ids": [...], "position_codes": [...], "subject_codes": [...], "young_only": bool}
    target: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    repeat_yearly: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    repeated_from_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("diag_campaigns.id"))
    launched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class DiagAssignment(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A teacher's assignment in a campaign: answers saved as they go (JSONB keyed by item code), one submission."""

    __tablename__ = "diag_assignments"
    __table_args__ = (
        Index("ix_diag_assignments_municipality_id_campaign_id", "municipality_id", "campaign_id", "organization_id"),
        Index("ix_diag_assignments_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("uq_diag_assignments_campaign_id_teacher_id", "campaign_id", "teacher_id", unique=True),
        CheckConstraint("status IN ('assigned', 'in_progress', 'submitted')", name="status"),
        CheckConstraint("(status = 'submitted') = (submitted_at IS NOT NULL)", name="submitted_at"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_campaigns.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    # The teacher's main workplace when assigned: completion is counted per organization.
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    status: Mapped[str] = mapped_column(String(16), default="assigned")
    answers: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reminder_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DiagReminder(IdMixin, Base):
    """A reminder sent about an unfinished assignment (who, when)."""

    __tablename__ = "diag_reminders"
    __table_args__ = (Index("ix_diag_reminders_municipality_id_assignment_id", "municipality_id", "assignment_id"),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    assignment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_assignments.id"))
    sent_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DiagProfileArea(IdMixin, Base):
    """The deficit profile of a submitted assignment: per area the score, the maximum, the percentage and the band
    (computed once on submission with the instrument version's scale)."""

    __tablename__ = "diag_profile_areas"
    __table_args__ = (
        Index("ix_diag_profile_areas_municipality_id_campaign_id", "municipality_id", "campaign_id", "organization_id"),
        Index("ix_diag_profile_areas_municipality_id_teacher_id", "municipality_id", "teacher_id", "submitted_at"),
        Index("uq_diag_profile_areas_assignment_id_area_code", "assignment_id", "area_code", unique=True),
        CheckConstraint("band IN ('deficit', 'partial', 'none')", name="band"),
        CheckConstraint("max_score > 0 AND score >= 0 AND score <= max_score", name="score"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    assignment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_assignments.id"))
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_campaigns.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    area_code: Mapped[str] = mapped_column(ForeignKey("ref_competence_areas.code"))
    score: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    max_score: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    percent: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    band: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
