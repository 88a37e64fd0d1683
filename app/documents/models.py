"""Documents of schools and of the municipality (type, academic year, number and date, a stored file or a link,
draft/approved) and the set of document types a municipality requires of itself and of its organizations."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

DOCUMENT_TYPES = (
    "regulation",
    "programme",
    "roadmap",
    "work_plan",
    "association_plan",
    "attestation_plan",
    "pd_plan",
    "association_monitoring",
    "deficit_monitoring",
    "monitoring_report",
    "analytical_report",
    "recommendations",
    "order",
    "minutes",
    "other",
)
TYPES_SQL = ", ".join(f"'{t}'" for t in DOCUMENT_TYPES)
ONE_REQUIREMENT_INDEX = "ix_document_requirements_municipality_id_type_applies_to"


class Document(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_municipality_id_academic_year_type", "municipality_id", "academic_year", "type"),
        Index("ix_documents_municipality_id_organization_id", "municipality_id", "organization_id", "academic_year"),
        CheckConstraint(f"type IN ({TYPES_SQL})", name="type"),
        CheckConstraint("status IN ('draft', 'approved')", name="status"),
        CheckConstraint("academic_year BETWEEN 1990 AND 2100", name="academic_year"),
        CheckConstraint(
            "last_academic_year IS NULL OR last_academic_year BETWEEN academic_year AND 2100", name="last_academic_year"
        ),
        CheckConstraint("num_nonnulls(file_id, url) <= 1", name="file_or_link"),
        CheckConstraint("status = 'draft' OR num_nonnulls(file_id, url) = 1", name="approved_has_content"),
        CheckConstraint("(status = 'approved') = (approved_at IS NOT NULL)", name="approved_at"),
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_documents_organization",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    # NULL: a document of the municipality (the department's, the methodological service's).
    organization_id: Mapped[uuid.UUID | None]
    type: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(500))
    academic_year: Mapped[int] = mapped_column(SmallInteger)  # the year it starts in: 2021 for «2021/2022»
    # A document in force for several academic years (a programme 2021–2024, a 5-year plan, a regulation): the last
    # of them; NULL — only `academic_year`. It counts in every academic year from the first to the last.
    last_academic_year: Mapped[int | None] = mapped_column(SmallInteger)
    number: Mapped[str | None] = mapped_column(String(100))
    doc_date: Mapped[date | None] = mapped_column(Date)
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("files.id"))
    url: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_name: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class DocumentRequirement(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """One document type the municipality requires every academic year: of itself (`municipality`) or of each of its
    organizations (`organization`, optionally only of some organization types, e.g. schools)."""

    __tablename__ = "document_requirements"
    __table_args__ = (
        Index(
            ONE_REQUIREMENT_INDEX,
            "municipality_id",
            "type",
            "applies_to",
            unique=True,
            postgresql_where=text("archived_at IS NULL"),
        ),
        CheckConstraint(f"type IN ({TYPES_SQL})", name="type"),
        CheckConstraint("applies_to IN ('organization', 'municipality')", name="applies_to"),
        CheckConstraint("applies_to = 'organization' OR organization_types IS NULL", name="organization_types"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    type: Mapped[str] = mapped_column(String(40))
    applies_to: Mapped[str] = mapped_column(String(16))
    # NULL: every organization of the municipality; else only these organization types (ref_organization_types).
    organization_types: Mapped[list[str] | None] = mapped_column(ARRAY(String(64)))
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")
    note: Mapped[str | None] = mapped_column(Text)
