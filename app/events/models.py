"""Methodological events (seminars, sessions of a standing seminar, conferences, contests…) and their series,
teachers' participation in them, awards, and revocable calendar-feed tokens.

Every table is tenant data (`municipality_id`, first in every index). Enumerations are checked strings; an event's
level also has a numeric rank computed by the database (`level_rank`), so "level ≥ municipal" or "municipal …
regional" is one integer comparison in the KPI queries. One active row per (event, teacher, role) is kept by a
unique partial index, so concurrent duplicates are refused by the database too.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin, utcnow

# --- vocabulary: code → Russian label, in the order people read them ---------------------------------------------

EVENT_TYPES = {
    "seminar": "семинар",
    "webinar": "вебинар",
    "pds_session": "заседание постоянно действующего семинара",
    "conference": "конференция",
    "master_class": "мастер-класс",
    "round_table": "круглый стол",
    "consultation": "консультация",
    "contest": "конкурс",
    "project": "проект",
    "course": "курсы",
}
EVENT_LEVELS = {
    "school": "школьный",
    "municipal": "муниципальный",
    "inter_municipal": "межмуниципальный",
    "regional": "региональный",
    "inter_regional": "межрегиональный",
    "federal": "федеральный",
    "international": "международный",
}
LEVEL_RANKS = {code: rank for rank, code in enumerate(EVENT_LEVELS, start=1)}
EVENT_FORMATS = {"offline": "очно", "online": "дистанционно (онлайн)", "mixed": "смешанный формат"}
EVENT_STATUSES = {"planned": "запланировано", "held": "проведено", "cancelled": "отменено"}
PARTICIPATION_ROLES = {
    "listener": "слушатель",
    "speaker": "выступающий (представляет практику)",
    "organizer": "организатор",
    "jury": "член жюри (эксперт)",
    "contestant": "участник конкурса",
}
CONTEST_RESULTS = {"winner": "победитель", "prize_winner": "призёр", "participant": "участник"}
ATTENDANCE = {"registered": "записан", "attended": "присутствовал", "absent": "отсутствовал"}
AWARD_KINDS = {
    "letter_of_thanks": "благодарственное письмо",
    "diploma": "диплом",
    "honorary_certificate": "почётная грамота",
}
FEED_KINDS = {"municipality": "мероприятия муниципалитета", "teacher": "мероприятия педагога"}


def _in(column: str, values: dict[str, str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


# The rank of a level, computed by the database from the code (kept in step with LEVEL_RANKS; the migration
# writes the same expression).
LEVEL_RANK_SQL = "CASE level " + " ".join(f"WHEN '{c}' THEN {r}" for c, r in LEVEL_RANKS.items()) + " END"


class EventSeries(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A series of sessions (a standing seminar, a school of young teachers…) set up by an order."""

    __tablename__ = "event_series"
    __table_args__ = (
        Index("ix_event_series_municipality_id_academic_year", "municipality_id", "academic_year"),
        Index("ix_event_series_municipality_id_owner_organization_id", "municipality_id", "owner_organization_id"),
        UniqueConstraint("id", "municipality_id", name="uq_event_series_id_municipality_id"),
        CheckConstraint("academic_year BETWEEN 1990 AND 2100", name="academic_year"),
        ForeignKeyConstraint(
            ["owner_organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_event_series_owner_organization",
        ),
        ForeignKeyConstraint(
            ["organizer_organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_event_series_organizer_organization",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    title: Mapped[str] = mapped_column(String(500))
    academic_year: Mapped[int] = mapped_column(SmallInteger)  # the year it starts in: 2021 for «2021/2022»
    goal: Mapped[str | None] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)
    audience_note: Mapped[str | None] = mapped_column(String(1000))
    order_number: Mapped[str | None] = mapped_column(String(100))
    order_date: Mapped[date | None] = mapped_column(Date)
    organizer_organization_id: Mapped[uuid.UUID | None]
    organizer_name: Mapped[str | None] = mapped_column(String(500))
    # For the analytical report: the forms of work used and the methodologist's conclusions, one item per line.
    forms_of_work: Mapped[str | None] = mapped_column(Text)
    conclusions: Mapped[str | None] = mapped_column(Text)
    # The school that keeps this record (a school's own series); NULL: a municipal record.
    owner_organization_id: Mapped[uuid.UUID | None]


class Event(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_municipality_id_start_date", "municipality_id", "start_date"),
        Index("ix_events_municipality_id_level_rank_type", "municipality_id", "level_rank", "type"),
        Index("ix_events_municipality_id_series_id", "municipality_id", "series_id"),
        Index("ix_events_municipality_id_owner_organization_id", "municipality_id", "owner_organization_id"),
        Index("ix_events_municipality_id_organizer_organization_id", "municipality_id", "organizer_organization_id"),
        UniqueConstraint("id", "municipality_id", name="uq_events_id_municipality_id"),
        CheckConstraint(_in("type", EVENT_TYPES), name="type"),
        CheckConstraint(_in("level", EVENT_LEVELS), name="level"),
        CheckConstraint(_in("format", EVENT_FORMATS), name="format"),
        CheckConstraint(_in("status", EVENT_STATUSES), name="status"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
        CheckConstraint("end_time IS NULL OR start_time IS NOT NULL", name="times"),
        CheckConstraint("session_number IS NULL OR session_number > 0", name="session_number"),
        ForeignKeyConstraint(
            ["series_id", "municipality_id"],
            ["event_series.id", "event_series.municipality_id"],
            name="fk_events_series",
        ),
        ForeignKeyConstraint(
            ["owner_organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_events_owner_organization",
        ),
        ForeignKeyConstraint(
            ["organizer_organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_events_organizer_organization",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    series_id: Mapped[uuid.UUID | None]
    session_number: Mapped[int | None] = mapped_column(SmallInteger)  # its number in the series
    type: Mapped[str] = mapped_column(String(24))
    level: Mapped[str] = mapped_column(String(24))
    level_rank: Mapped[int] = mapped_column(SmallInteger, Computed(LEVEL_RANK_SQL, persisted=True))
    format: Mapped[str] = mapped_column(String(16), default="offline")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    title: Mapped[str] = mapped_column(String(500))
    content: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)  # local time of the municipality
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(1000))
    organizer_organization_id: Mapped[uuid.UUID | None]
    organizer_name: Mapped[str | None] = mapped_column(String(500))  # an organizer outside the municipality
    # The school that recorded the event for its teachers; NULL: a municipal record.
    owner_organization_id: Mapped[uuid.UUID | None]
    audience_positions: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
    audience_subjects: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
    audience_young: Mapped[bool] = mapped_column(default=False, server_default="false")
    audience_note: Mapped[str | None] = mapped_column(String(1000))
    # Competence areas the event helps with (ref_competence_areas codes): individual routes propose it for them.
    competence_areas: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")

    responsibles: Mapped[list[EventResponsible]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="EventResponsible.sort_order"
    )
    materials: Mapped[list[EventMaterial]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="EventMaterial.sort_order"
    )


class EventResponsible(IdMixin, Base):
    """A responsible person (a user, a teacher, or a name as the order writes it) or organization of an event.
    `name` keeps the name as it stood when recorded (an order is a document of its date)."""

    __tablename__ = "event_responsibles"
    __table_args__ = (
        Index("ix_event_responsibles_municipality_id_event_id", "municipality_id", "event_id"),
        Index("ix_event_responsibles_municipality_id_organization_id", "municipality_id", "organization_id"),
        CheckConstraint("kind IN ('person', 'organization')", name="kind"),
        CheckConstraint(
            "(kind = 'organization' AND organization_id IS NOT NULL AND user_id IS NULL AND teacher_id IS NULL)"
            " OR (kind = 'person' AND organization_id IS NULL AND num_nonnulls(user_id, teacher_id) <= 1)",
            name="target",
        ),
        ForeignKeyConstraint(
            ["event_id", "municipality_id"],
            ["events.id", "events.municipality_id"],
            ondelete="CASCADE",
            name="fk_event_responsibles_event",
        ),
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_event_responsibles_organization",
        ),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_event_responsibles_teacher",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    event_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    teacher_id: Mapped[uuid.UUID | None]
    organization_id: Mapped[uuid.UUID | None]
    name: Mapped[str] = mapped_column(String(500))
    # A position or a role: «заместитель заведующего МБУ ГЦОКО», «управленческая команда школы».
    note: Mapped[str | None] = mapped_column(String(500))
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)


class EventMaterial(IdMixin, Base):
    """A material of an event: a stored file (files module) or a link."""

    __tablename__ = "event_materials"
    __table_args__ = (
        Index("ix_event_materials_municipality_id_event_id", "municipality_id", "event_id"),
        CheckConstraint("num_nonnulls(file_id, url) = 1", name="target"),
        ForeignKeyConstraint(
            ["event_id", "municipality_id"],
            ["events.id", "events.municipality_id"],
            ondelete="CASCADE",
            name="fk_event_materials_event",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    event_id: Mapped[uuid.UUID]
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("files.id"))
    url: Mapped[str | None] = mapped_column(String(1000))
    title: Mapped[str] = mapped_column(String(300))
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)


class Participation(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A teacher at an event in one role. KPIs count distinct teachers over these rows joined to their events."""

    __tablename__ = "participations"
    __table_args__ = (
        Index("ix_participations_municipality_id_event_id", "municipality_id", "event_id"),
        Index("ix_participations_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("ix_participations_municipality_id_organization_id", "municipality_id", "organization_id"),
        Index(
            "uq_participations_municipality_id_event_id_teacher_id_role",
            "municipality_id",
            "event_id",
            "teacher_id",
            "role",
            unique=True,
            postgresql_where=sql_text("archived_at IS NULL"),
        ),
        CheckConstraint(_in("role", PARTICIPATION_ROLES), name="role"),
        CheckConstraint(f"result IS NULL OR (role = 'contestant' AND {_in('result', CONTEST_RESULTS)})", name="result"),
        CheckConstraint(_in("attendance", ATTENDANCE), name="attendance"),
        CheckConstraint("hours IS NULL OR hours >= 0", name="hours"),
        ForeignKeyConstraint(
            ["event_id", "municipality_id"], ["events.id", "events.municipality_id"], name="fk_participations_event"
        ),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_participations_teacher",
        ),
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_participations_organization",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    event_id: Mapped[uuid.UUID]
    teacher_id: Mapped[uuid.UUID]
    # The teacher's main organization on the event's date (for reports per organization), when known.
    organization_id: Mapped[uuid.UUID | None]
    role: Mapped[str] = mapped_column(String(16))
    result: Mapped[str | None] = mapped_column(String(16))
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1))
    certificate_number: Mapped[str | None] = mapped_column(String(100))
    intends_to_apply: Mapped[bool] = mapped_column(default=False, server_default="false")
    attendance: Mapped[str] = mapped_column(String(16), default="registered", server_default="registered")
    presentation_title: Mapped[str | None] = mapped_column(String(500))  # the practice a speaker presented
    note: Mapped[str | None] = mapped_column(String(500))


class Award(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A letter of thanks, a diploma or an honorary certificate to a teacher or an organization (for an event or a
    series). A person named in the act who is not in the registry (a school's head) is `recipient_name` with the
    organization."""

    __tablename__ = "awards"
    __table_args__ = (
        Index("ix_awards_municipality_id_awarded_on", "municipality_id", "awarded_on"),
        Index("ix_awards_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("ix_awards_municipality_id_organization_id", "municipality_id", "organization_id"),
        Index("ix_awards_municipality_id_event_id", "municipality_id", "event_id"),
        Index("ix_awards_municipality_id_series_id", "municipality_id", "series_id"),
        CheckConstraint(_in("kind", AWARD_KINDS), name="kind"),
        CheckConstraint("num_nonnulls(teacher_id, organization_id) >= 1", name="recipient"),
        CheckConstraint("num_nonnulls(event_id, series_id) <= 1", name="subject"),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"], ["teachers.id", "teachers.municipality_id"], name="fk_awards_teacher"
        ),
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_awards_organization",
        ),
        ForeignKeyConstraint(
            ["event_id", "municipality_id"], ["events.id", "events.municipality_id"], name="fk_awards_event"
        ),
        ForeignKeyConstraint(
            ["series_id", "municipality_id"],
            ["event_series.id", "event_series.municipality_id"],
            name="fk_awards_series",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    kind: Mapped[str] = mapped_column(String(32))
    teacher_id: Mapped[uuid.UUID | None]
    organization_id: Mapped[uuid.UUID | None]
    recipient_name: Mapped[str | None] = mapped_column(String(300))
    event_id: Mapped[uuid.UUID | None]
    series_id: Mapped[uuid.UUID | None]
    awarded_on: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(500))
    order_number: Mapped[str | None] = mapped_column(String(100))
    order_date: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str | None] = mapped_column(Text)


class CalendarFeed(IdMixin, Base):
    """An opaque, revocable token for an iCalendar subscription (calendar apps send no Bearer token). Only the
    token's SHA-256 is stored; the feed answers only while its creator may still see what it lists."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (
        Index("ix_calendar_feeds_municipality_id_created_by_id", "municipality_id", "created_by_id"),
        UniqueConstraint("token_hash", name="uq_calendar_feeds_token_hash"),
        CheckConstraint(_in("kind", FEED_KINDS), name="kind"),
        CheckConstraint("(kind = 'teacher') = (teacher_id IS NOT NULL)", name="teacher"),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_calendar_feeds_teacher",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    kind: Mapped[str] = mapped_column(String(16))
    teacher_id: Mapped[uuid.UUID | None]
    title: Mapped[str] = mapped_column(String(300))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_by_type: Mapped[str] = mapped_column(String(16))  # user | client
    created_by_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
