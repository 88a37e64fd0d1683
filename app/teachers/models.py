"""Teachers (personal data under 152-ФЗ) with employment history, subjects, categories and external ids."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    and_,
    or_,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

if TYPE_CHECKING:
    from app.organizations.models import Organization
    from app.tenants.models import Municipality


class Teacher(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "teachers"
    __table_args__ = (Index("ix_teachers_municipality_id_last_name", "municipality_id", "last_name", "first_name"),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)
    teaching_since: Mapped[date | None] = mapped_column(Date)  # start of pedagogical experience
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))

    employments: Mapped[list[Employment]] = relationship(
        back_populates="teacher", lazy="raise", cascade="all, delete-orphan", order_by="Employment.start_date"
    )
    subjects: Mapped[list[TeacherSubject]] = relationship(lazy="raise", cascade="all, delete-orphan")
    categories: Mapped[list[TeacherCategory]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="TeacherCategory.granted_on"
    )
    external_ids: Mapped[list[TeacherExternalId]] = relationship(lazy="raise", cascade="all, delete-orphan")
    # Read-only, loaded together with the card (its young-teacher rule), never lazily.
    municipality: Mapped[Municipality] = relationship(lazy="raise", viewonly=True)


class Employment(IdMixin, TimestampMixin, Base):
    __tablename__ = "employments"
    __table_args__ = (
        Index("ix_employments_municipality_id_organization_id", "municipality_id", "organization_id"),
        Index("ix_employments_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        # The KPI population (teachers.repository.population): main jobs in the order DISTINCT ON picks them,
        # index-only (migration 0022).
        Index(
            "ix_employments_municipality_id_main",
            "municipality_id",
            "teacher_id",
            text("start_date DESC"),
            "organization_id",
            postgresql_include=["end_date"],
            postgresql_where=text("kind = 'main'"),
        ),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
        CheckConstraint("kind IN ('main', 'internal_part_time', 'external_part_time')", name="kind"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"))
    position_code: Mapped[str] = mapped_column(ForeignKey("ref_positions.code"))
    kind: Mapped[str] = mapped_column(String(24), default="main")
    rate: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    teacher: Mapped[Teacher] = relationship(back_populates="employments", lazy="raise")
    organization: Mapped[Organization] = relationship(lazy="raise", viewonly=True)


class TeacherSubject(Base):
    __tablename__ = "teacher_subjects"
    __table_args__ = (Index("ix_teacher_subjects_municipality_id_subject_code", "municipality_id", "subject_code"),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), primary_key=True)
    subject_code: Mapped[str] = mapped_column(ForeignKey("ref_subjects.code"), primary_key=True)


class TeacherCategory(IdMixin, TimestampMixin, Base):
    """One grant of a qualification category; the latest grant is the current category."""

    __tablename__ = "teacher_categories"
    __table_args__ = (
        Index("ix_teacher_categories_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("ix_teacher_categories_municipality_id_expires_on", "municipality_id", "expires_on"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    category_code: Mapped[str] = mapped_column(ForeignKey("ref_qualification_categories.code"))
    granted_on: Mapped[date] = mapped_column(Date)
    legal_basis: Mapped[str | None] = mapped_column(String(300))  # e.g. «приказ ДО № 123 от 12.05.2022»
    # Derived from category and date by the rules in force (see app.teachers.rules); NULL = no expiry.
    expires_on: Mapped[date | None] = mapped_column(Date)


class TeacherExternalId(IdMixin, Base):
    __tablename__ = "teacher_external_ids"
    __table_args__ = (
        UniqueConstraint("municipality_id", "system", "external_id"),
        Index("ix_teacher_external_ids_municipality_id_teacher_id", "municipality_id", "teacher_id"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    system: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(100))


def employed_on(employment: Any, on: Any) -> ColumnElement[bool]:
    """SQL: this employment row (the class or an alias of it) is current on the date `on`."""
    return and_(employment.start_date <= on, or_(employment.end_date.is_(None), employment.end_date >= on))


# --- home statistics kept per organization --------------------------------------------------------------------------
# The home page's counts (teachers, young, categories expiring/expired) for a whole region read ~1,500 summary rows,
# not 40,000 teachers × their jobs × their categories. A summary row is valid for one day (`computed_on`, since
# youth and expiry move with the date) and one data version of its municipality: triggers of the migration bump
# `TeacherStatsVersion` in the same transaction as any write to teachers, employments, categories or the
# municipality's rules, so a stale row is never read; the next read recomputes the municipalities it finds stale
# (set-based, one statement for all of them) and a nightly job recomputes every municipality for the new day.


class TeacherStatsVersion(Base):
    """The data version of a municipality's teachers (bumped by database triggers, never by the application)."""

    __tablename__ = "teacher_stats_versions"

    municipality_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class TeacherStatsMunicipality(Base):
    """A municipality's home figures (distinct teachers) and the stamp that makes its organizations' rows valid."""

    __tablename__ = "teacher_stats_municipalities"

    municipality_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    computed_on: Mapped[date] = mapped_column(Date)
    source_version: Mapped[int] = mapped_column(BigInteger)
    warning_days: Mapped[int] = mapped_column(Integer)
    teachers: Mapped[int] = mapped_column(Integer)
    young_teachers: Mapped[int] = mapped_column(Integer)
    categories_expiring: Mapped[int] = mapped_column(Integer)
    categories_expired: Mapped[int] = mapped_column(Integer)


class TeacherStatsOrganization(Base):
    """One organization's home figures (valid while its municipality's row is)."""

    __tablename__ = "teacher_stats_organizations"

    municipality_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    teachers: Mapped[int] = mapped_column(Integer)
    young_teachers: Mapped[int] = mapped_column(Integer)
    categories_expiring: Mapped[int] = mapped_column(Integer)
    categories_expired: Mapped[int] = mapped_column(Integer)
