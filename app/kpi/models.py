"""Indicator passports as data: the shipped catalogue (`municipality_id` NULL) and a municipality's own indicators.
A passport names its numerator and optional denominator as registered measures with validated filter values
(JSONB), never SQL."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Numeric, SmallInteger, String, Text, text
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
