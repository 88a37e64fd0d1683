"""Methodological events and series, participation, awards, calendar feeds.

- `event_series`, `events` (with `level_rank`, a stored generated column from the level code: school 1 … international
  7, so "level ≥ municipal" is `level_rank >= 2`), their responsible people/organizations and materials;
- `participations`: teacher × event × role; one active row per (event, teacher, role) by a unique partial index
  (WHERE archived_at IS NULL), so concurrent duplicates fail in the database too;
- `awards`: letters of thanks, diplomas, honorary certificates;
- `calendar_feeds`: SHA-256 of opaque iCalendar subscription tokens;
- the event-level dictionary's codes follow the API: `intermunicipal` → `inter_municipal`, `interregional` →
  `inter_regional`.

Every tenant table has municipality_id first in its indexes; references to organizations, teachers, events and series
are composite with municipality_id, so a row never points into another municipality.

Reviewed by hand.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVEL_RANK_SQL = (
    "CASE level WHEN 'school' THEN 1 WHEN 'municipal' THEN 2 WHEN 'inter_municipal' THEN 3 WHEN 'regional' THEN 4 "
    "WHEN 'inter_regional' THEN 5 WHEN 'federal' THEN 6 WHEN 'international' THEN 7 END"
)
TYPES = (
    "'seminar', 'webinar', 'pds_session', 'conference', 'master_class', 'round_table', 'consultation', 'contest', "
    "'project', 'course'"
)
LEVELS = "'school', 'municipal', 'inter_municipal', 'regional', 'inter_regional', 'federal', 'international'"
LEVEL_CODES = [("intermunicipal", "inter_municipal"), ("interregional", "inter_regional")]


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
    ]


def _org_fk(table: str, column: str, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column, "municipality_id"], ["organizations.id", "organizations.municipality_id"], name=f"fk_{table}_{name}"
    )


def upgrade() -> None:
    for old, new in LEVEL_CODES:
        op.execute(sa.text("UPDATE ref_event_levels SET code = :new WHERE code = :old").bindparams(old=old, new=new))

    op.create_table(
        "event_series",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("academic_year", sa.SmallInteger(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("tasks", sa.Text(), nullable=True),
        sa.Column("audience_note", sa.String(1000), nullable=True),
        sa.Column("order_number", sa.String(100), nullable=True),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("organizer_organization_id", sa.Uuid(), nullable=True),
        sa.Column("organizer_name", sa.String(500), nullable=True),
        sa.Column("owner_organization_id", sa.Uuid(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint("academic_year BETWEEN 1990 AND 2100", name="ck_event_series_academic_year"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_event_series_municipality_id_municipalities"
        ),
        _org_fk("event_series", "owner_organization_id", "owner_organization"),
        _org_fk("event_series", "organizer_organization_id", "organizer_organization"),
        sa.PrimaryKeyConstraint("id", name="pk_event_series"),
        sa.UniqueConstraint("id", "municipality_id", name="uq_event_series_id_municipality_id"),
    )
    op.create_index(
        "ix_event_series_municipality_id_academic_year", "event_series", ["municipality_id", "academic_year"]
    )
    op.create_index(
        "ix_event_series_municipality_id_owner_organization_id",
        "event_series",
        ["municipality_id", "owner_organization_id"],
    )

    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("series_id", sa.Uuid(), nullable=True),
        sa.Column("session_number", sa.SmallInteger(), nullable=True),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("level", sa.String(24), nullable=False),
        sa.Column("level_rank", sa.SmallInteger(), sa.Computed(LEVEL_RANK_SQL, persisted=True), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(500), nullable=True),
        sa.Column("url", sa.String(1000), nullable=True),
        sa.Column("organizer_organization_id", sa.Uuid(), nullable=True),
        sa.Column("organizer_name", sa.String(500), nullable=True),
        sa.Column("owner_organization_id", sa.Uuid(), nullable=True),
        sa.Column("audience_positions", postgresql.ARRAY(sa.String(64)), server_default="{}", nullable=False),
        sa.Column("audience_subjects", postgresql.ARRAY(sa.String(64)), server_default="{}", nullable=False),
        sa.Column("audience_young", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("audience_note", sa.String(1000), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(f"type IN ({TYPES})", name="ck_events_type"),
        sa.CheckConstraint(f"level IN ({LEVELS})", name="ck_events_level"),
        sa.CheckConstraint("format IN ('offline', 'online', 'mixed')", name="ck_events_format"),
        sa.CheckConstraint("status IN ('planned', 'held', 'cancelled')", name="ck_events_status"),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_events_dates"),
        sa.CheckConstraint("end_time IS NULL OR start_time IS NOT NULL", name="ck_events_times"),
        sa.CheckConstraint("session_number IS NULL OR session_number > 0", name="ck_events_session_number"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_events_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["series_id", "municipality_id"],
            ["event_series.id", "event_series.municipality_id"],
            name="fk_events_series",
        ),
        _org_fk("events", "owner_organization_id", "owner_organization"),
        _org_fk("events", "organizer_organization_id", "organizer_organization"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("id", "municipality_id", name="uq_events_id_municipality_id"),
    )
    op.create_index("ix_events_municipality_id_start_date", "events", ["municipality_id", "start_date"])
    op.create_index("ix_events_municipality_id_level_rank_type", "events", ["municipality_id", "level_rank", "type"])
    op.create_index("ix_events_municipality_id_series_id", "events", ["municipality_id", "series_id"])
    op.create_index(
        "ix_events_municipality_id_owner_organization_id", "events", ["municipality_id", "owner_organization_id"]
    )
    op.create_index(
        "ix_events_municipality_id_organizer_organization_id",
        "events",
        ["municipality_id", "organizer_organization_id"],
    )

    op.create_table(
        "event_responsibles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("teacher_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("kind IN ('person', 'organization')", name="ck_event_responsibles_kind"),
        sa.CheckConstraint(
            "(kind = 'organization' AND organization_id IS NOT NULL AND user_id IS NULL AND teacher_id IS NULL)"
            " OR (kind = 'person' AND organization_id IS NULL AND num_nonnulls(user_id, teacher_id) <= 1)",
            name="ck_event_responsibles_target",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_event_responsibles_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "municipality_id"],
            ["events.id", "events.municipality_id"],
            ondelete="CASCADE",
            name="fk_event_responsibles_event",
        ),
        _org_fk("event_responsibles", "organization_id", "organization"),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_event_responsibles_teacher",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_event_responsibles_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_event_responsibles"),
    )
    op.create_index(
        "ix_event_responsibles_municipality_id_event_id", "event_responsibles", ["municipality_id", "event_id"]
    )
    op.create_index(
        "ix_event_responsibles_municipality_id_organization_id",
        "event_responsibles",
        ["municipality_id", "organization_id"],
    )

    op.create_table(
        "event_materials",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=True),
        sa.Column("url", sa.String(1000), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("num_nonnulls(file_id, url) = 1", name="ck_event_materials_target"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_event_materials_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "municipality_id"],
            ["events.id", "events.municipality_id"],
            ondelete="CASCADE",
            name="fk_event_materials_event",
        ),
        sa.ForeignKeyConstraint(["file_id"], ["files.id"], name="fk_event_materials_file_id_files"),
        sa.PrimaryKeyConstraint("id", name="pk_event_materials"),
    )
    op.create_index("ix_event_materials_municipality_id_event_id", "event_materials", ["municipality_id", "event_id"])

    op.create_table(
        "participations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("result", sa.String(16), nullable=True),
        sa.Column("hours", sa.Numeric(6, 1), nullable=True),
        sa.Column("certificate_number", sa.String(100), nullable=True),
        sa.Column("intends_to_apply", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("attendance", sa.String(16), server_default="registered", nullable=False),
        sa.Column("presentation_title", sa.String(500), nullable=True),
        sa.Column("note", sa.String(500), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "role IN ('listener', 'speaker', 'organizer', 'jury', 'contestant')", name="ck_participations_role"
        ),
        sa.CheckConstraint(
            "result IS NULL OR (role = 'contestant' AND result IN ('winner', 'prize_winner', 'participant'))",
            name="ck_participations_result",
        ),
        sa.CheckConstraint("attendance IN ('registered', 'attended', 'absent')", name="ck_participations_attendance"),
        sa.CheckConstraint("hours IS NULL OR hours >= 0", name="ck_participations_hours"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_participations_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "municipality_id"], ["events.id", "events.municipality_id"], name="fk_participations_event"
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_participations_teacher",
        ),
        _org_fk("participations", "organization_id", "organization"),
        sa.PrimaryKeyConstraint("id", name="pk_participations"),
    )
    op.create_index("ix_participations_municipality_id_event_id", "participations", ["municipality_id", "event_id"])
    op.create_index("ix_participations_municipality_id_teacher_id", "participations", ["municipality_id", "teacher_id"])
    op.create_index(
        "ix_participations_municipality_id_organization_id", "participations", ["municipality_id", "organization_id"]
    )
    op.create_index(
        "uq_participations_municipality_id_event_id_teacher_id_role",
        "participations",
        ["municipality_id", "event_id", "teacher_id", "role"],
        unique=True,
        postgresql_where=sa.text("archived_at IS NULL"),
    )

    op.create_table(
        "awards",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("recipient_name", sa.String(300), nullable=True),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("series_id", sa.Uuid(), nullable=True),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(500), nullable=True),
        sa.Column("order_number", sa.String(100), nullable=True),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint("kind IN ('letter_of_thanks', 'diploma', 'honorary_certificate')", name="ck_awards_kind"),
        sa.CheckConstraint("num_nonnulls(teacher_id, organization_id) >= 1", name="ck_awards_recipient"),
        sa.CheckConstraint("num_nonnulls(event_id, series_id) <= 1", name="ck_awards_subject"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_awards_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"], ["teachers.id", "teachers.municipality_id"], name="fk_awards_teacher"
        ),
        _org_fk("awards", "organization_id", "organization"),
        sa.ForeignKeyConstraint(
            ["event_id", "municipality_id"], ["events.id", "events.municipality_id"], name="fk_awards_event"
        ),
        sa.ForeignKeyConstraint(
            ["series_id", "municipality_id"],
            ["event_series.id", "event_series.municipality_id"],
            name="fk_awards_series",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_awards"),
    )
    op.create_index("ix_awards_municipality_id_awarded_on", "awards", ["municipality_id", "awarded_on"])
    op.create_index("ix_awards_municipality_id_teacher_id", "awards", ["municipality_id", "teacher_id"])
    op.create_index("ix_awards_municipality_id_organization_id", "awards", ["municipality_id", "organization_id"])
    op.create_index("ix_awards_municipality_id_event_id", "awards", ["municipality_id", "event_id"])
    op.create_index("ix_awards_municipality_id_series_id", "awards", ["municipality_id", "series_id"])

    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_by_type", sa.String(16), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('municipality', 'teacher')", name="ck_calendar_feeds_kind"),
        sa.CheckConstraint("(kind = 'teacher') = (teacher_id IS NOT NULL)", name="ck_calendar_feeds_teacher"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_calendar_feeds_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_calendar_feeds_teacher",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_calendar_feeds"),
        sa.UniqueConstraint("token_hash", name="uq_calendar_feeds_token_hash"),
    )
    op.create_index(
        "ix_calendar_feeds_municipality_id_created_by_id", "calendar_feeds", ["municipality_id", "created_by_id"]
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds")
    op.drop_table("awards")
    op.drop_table("participations")
    op.drop_table("event_materials")
    op.drop_table("event_responsibles")
    op.drop_table("events")
    op.drop_table("event_series")
    for old, new in LEVEL_CODES:
        op.execute(sa.text("UPDATE ref_event_levels SET code = :old WHERE code = :new").bindparams(old=old, new=new))
