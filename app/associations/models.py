"""Methodological associations (методические объединения): city-level (ГМО) and school-level (ШМО) associations of
an academic year with their leader and members, the plan-schedule of meetings and the meetings held (with the
attendance of members, minutes and decisions). A held meeting may name the planned one it fulfils."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

LEVELS = ("city", "school")
ONE_OPEN_MEMBERSHIP_INDEX = "ix_association_members_municipality_id_open"


class Association(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "associations"
    __table_args__ = (
        Index("ix_associations_municipality_id_academic_year", "municipality_id", "academic_year", "level"),
        Index("ix_associations_municipality_id_organization_id", "municipality_id", "organization_id"),
        UniqueConstraint("id", "municipality_id", name="uq_associations_id_municipality_id"),
        CheckConstraint("level IN ('city', 'school')", name="level"),
        CheckConstraint("(level = 'school') = (organization_id IS NOT NULL)", name="organization_of_level"),
        CheckConstraint("academic_year BETWEEN 1990 AND 2100", name="academic_year"),
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_associations_organization_municipality",
        ),
        ForeignKeyConstraint(
            ["leader_teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_associations_leader_municipality",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    level: Mapped[str] = mapped_column(String(16))
    organization_id: Mapped[uuid.UUID | None] = mapped_column()  # the school of a ШМО; none for a ГМО
    title: Mapped[str] = mapped_column(String(300))
    subject_code: Mapped[str | None] = mapped_column(String(64), ForeignKey("ref_subjects.code"))
    problem: Mapped[str | None] = mapped_column(Text)  # the problem it works on (when not a subject)
    leader_teacher_id: Mapped[uuid.UUID | None] = mapped_column()
    academic_year: Mapped[int] = mapped_column(Integer)  # the year it starts in: 2025 for «2025/2026»

    members: Mapped[list[AssociationMember]] = relationship(
        lazy="raise", order_by="AssociationMember.joined_on", viewonly=True
    )


class AssociationMember(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "association_members"
    __table_args__ = (
        Index("ix_association_members_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("ix_association_members_municipality_id_association_id", "municipality_id", "association_id"),
        Index(
            ONE_OPEN_MEMBERSHIP_INDEX,
            "municipality_id",
            "association_id",
            "teacher_id",
            unique=True,
            postgresql_where=text("left_on IS NULL"),
        ),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="dates"),
        ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_association_members_association_municipality",
        ),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_association_members_teacher_municipality",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    association_id: Mapped[uuid.UUID] = mapped_column()
    teacher_id: Mapped[uuid.UUID] = mapped_column()
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class AssociationMeetingPlan(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """One line of the plan-schedule: a meeting planned for a date, with a topic and a form."""

    __tablename__ = "association_meeting_plans"
    __table_args__ = (
        Index("ix_association_meeting_plans_municipality_id_association_id", "municipality_id", "association_id"),
        Index("ix_association_meeting_plans_municipality_id_planned_date", "municipality_id", "planned_date"),
        UniqueConstraint("id", "municipality_id", name="uq_association_meeting_plans_id_municipality_id"),
        ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_association_meeting_plans_association_municipality",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    association_id: Mapped[uuid.UUID] = mapped_column()
    planned_date: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(500))
    form: Mapped[str | None] = mapped_column(String(200))  # «семинар-практикум», «круглый стол»…


class AssociationMeeting(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A meeting held: its date, topic, the plan line it fulfils (if any), minutes (text or a file), decisions."""

    __tablename__ = "association_meetings"
    __table_args__ = (
        Index("ix_association_meetings_municipality_id_association_id", "municipality_id", "association_id"),
        Index("ix_association_meetings_municipality_id_plan_id", "municipality_id", "plan_id"),
        UniqueConstraint("id", "municipality_id", name="uq_association_meetings_id_municipality_id"),
        ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_association_meetings_association_municipality",
        ),
        ForeignKeyConstraint(
            ["plan_id", "municipality_id"],
            ["association_meeting_plans.id", "association_meeting_plans.municipality_id"],
            name="fk_association_meetings_plan_municipality",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    association_id: Mapped[uuid.UUID] = mapped_column()
    plan_id: Mapped[uuid.UUID | None] = mapped_column()
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(500))
    form: Mapped[str | None] = mapped_column(String(200))
    minutes: Mapped[str | None] = mapped_column(Text)
    minutes_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("files.id"))
    decisions: Mapped[str | None] = mapped_column(Text)


class AssociationMeetingAttendance(IdMixin, Base):
    """Who of the members attended a meeting."""

    __tablename__ = "association_meeting_attendance"
    __table_args__ = (
        Index("ix_association_meeting_attendance_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        UniqueConstraint(
            "municipality_id",
            "meeting_id",
            "teacher_id",
            name="uq_association_meeting_attendance_meeting_teacher",
        ),
        ForeignKeyConstraint(
            ["meeting_id", "municipality_id"],
            ["association_meetings.id", "association_meetings.municipality_id"],
            name="fk_association_meeting_attendance_meeting_municipality",
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_association_meeting_attendance_teacher_municipality",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("municipalities.id", name="fk_association_meeting_attendance_municipality")
    )
    meeting_id: Mapped[uuid.UUID] = mapped_column()
    teacher_id: Mapped[uuid.UUID] = mapped_column()
