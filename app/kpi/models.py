"""Indicator passports as data: the shipped catalogue (`municipality_id` NULL) and a municipality's own indicators.
A passport names its numerator and optional denominator as registered measures with validated filter values
(JSONB), never SQL."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Numeric, SmallInteger, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

UNITS = {"percent": "процент", "count": "количество", "yes_no": "да/нет"}
PERIODICITIES = {"academic_year": "учебный год", "year": "календарный год", "half_year": "полугодие"}
DIRECTIONS = {"higher": "больше — лучше", "lower": "меньше — лучше"}


class KpiIndicator(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """One version of an indicator's passport (code + version unique per owner; `effective_from`/`to` say which
    version a period uses)."""

    __tablename__ = "kpi_indicators"
    __table_args__ = (
        Index("ix_kpi_indicators_municipality_id_code", "municipality_id", "code"),
        Index(
            "uq_kpi_indicators_catalogue_code_version",
            "code",
            "definition_version",
            unique=True,
            postgresql_where=text("municipality_id IS NULL"),
        ),
        Index(
            "uq_kpi_indicators_municipality_id_code_version",
            "municipality_id",
            "code",
            "definition_version",
            unique=True,
            postgresql_where=text("municipality_id IS NOT NULL"),
        ),
        CheckConstraint("unit IN ('percent', 'count', 'yes_no')", name="unit"),
        CheckConstraint("periodicity IN ('academic_year', 'year', 'half_year')", name="periodicity"),
        CheckConstraint("direction IN ('higher', 'lower')", name="direction"),
        CheckConstraint("decimals BETWEEN 0 AND 6", name="decimals"),
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="dates"),
    )

    # NULL: the shipped catalogue every municipality may use; set: that municipality's own indicator.
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(16))
    periodicity: Mapped[str] = mapped_column(String(16), default="academic_year")
    numerator_measure: Mapped[str] = mapped_column(String(64))
    numerator_filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    denominator_measure: Mapped[str | None] = mapped_column(String(64))
    denominator_filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    factor: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal(1))
    decimals: Mapped[int] = mapped_column(SmallInteger, default=1)
    direction: Mapped[str] = mapped_column(String(8), default="higher")
    source: Mapped[str | None] = mapped_column(String(500))
    definition_version: Mapped[int] = mapped_column(SmallInteger, default=1)
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)


# --- a municipality's set, its targets, approved snapshots ---------------------------------------------------------

SNAPSHOT_STATUSES = {
    "draft": "черновик",
    "submitted": "на утверждении",
    "approved": "утверждён",
    "returned": "возвращён на доработку",
    "superseded": "заменён новым",
    "discarded": "отменён",
}
OPEN_SNAPSHOT_STATUSES = ("draft", "submitted")


class KpiSelectionSet(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The head of a municipality's chosen set of indicators: its version (If-Match of `PUT /kpi/selection`)."""

    __tablename__ = "kpi_selection_sets"
    __table_args__ = (Index("uq_kpi_selection_sets_municipality_id", "municipality_id", unique=True),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))


class KpiSelection(IdMixin, Base):
    """One indicator of a municipality's set, in the order the municipality chose."""

    __tablename__ = "kpi_selections"
    __table_args__ = (Index("uq_kpi_selections_municipality_id_code", "municipality_id", "code", unique=True),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    code: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(SmallInteger)


class KpiTarget(IdMixin, TimestampMixin, Base):
    """A municipality's target of one indicator for one academic year (its starting year: 2025 for 2025/2026)."""

    __tablename__ = "kpi_targets"
    __table_args__ = (
        Index("uq_kpi_targets_municipality_id_year_code", "municipality_id", "academic_year", "code", unique=True),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    code: Mapped[str] = mapped_column(String(32))
    academic_year: Mapped[int] = mapped_column(SmallInteger)
    target: Mapped[Decimal] = mapped_column(Numeric(14, 4))


class KpiSnapshot(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A period's values of a municipality, frozen: computed when created, submitted by a methodologist, approved
    (or returned) by the department. One open (draft or submitted) per municipality and period; approving one
    supersedes the approved one before it. `history` lists the steps (at, action, by_name, comment)."""

    __tablename__ = "kpi_snapshots"
    __table_args__ = (
        Index("ix_kpi_snapshots_municipality_id_period", "municipality_id", "period", "status"),
        Index(
            "uq_kpi_snapshots_municipality_id_period_open",
            "municipality_id",
            "period",
            unique=True,
            postgresql_where=text("status IN ('draft', 'submitted')"),
        ),
        Index(
            "uq_kpi_snapshots_municipality_id_period_approved",
            "municipality_id",
            "period",
            unique=True,
            postgresql_where=text("status = 'approved'"),
        ),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'returned', 'superseded', 'discarded')", name="status"
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    period: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    reference_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    indicators: Mapped[list[str]] = mapped_column(JSONB, default=list)
    created_by_id: Mapped[uuid.UUID | None]
    created_by_name: Mapped[str | None] = mapped_column(String(300))
    submitted_by_id: Mapped[uuid.UUID | None]
    submitted_by_name: Mapped[str | None] = mapped_column(String(300))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[uuid.UUID | None]
    decided_by_name: Mapped[str | None] = mapped_column(String(300))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str | None] = mapped_column(Text)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("kpi_snapshots.id"))
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("kpi_snapshots.id"))
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)


class KpiSnapshotValue(IdMixin, Base):
    """One frozen row of a snapshot: an indicator for the municipality (total) or one of its organizations."""

    __tablename__ = "kpi_snapshot_values"
    __table_args__ = (
        Index("ix_kpi_snapshot_values_municipality_id_snapshot_id", "municipality_id", "snapshot_id", "indicator"),
        CheckConstraint("unit_kind IN ('organization', 'municipality')", name="unit_kind"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    snapshot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kpi_snapshots.id", ondelete="CASCADE"))
    indicator: Mapped[str] = mapped_column(String(32))
    definition_version: Mapped[int] = mapped_column(SmallInteger)
    unit: Mapped[str] = mapped_column(String(16))
    decimals: Mapped[int] = mapped_column(SmallInteger)
    direction: Mapped[str] = mapped_column(String(8))
    unit_kind: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[uuid.UUID]
    unit_name: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(SmallInteger)
    numerator: Mapped[int]
    denominator: Mapped[int | None]
    value: Mapped[Decimal | None] = mapped_column(Numeric(20, 6))
    target: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
