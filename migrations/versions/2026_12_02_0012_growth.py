"""Each teacher's professional growth: mentoring pairs, attestation applications and decisions, professional
development courses; the municipality's mentoring settings.

- `municipalities`: `mentoring_max_mentees` (active mentees one mentor leads at once, 1…20, default 3) and
  `mentoring_young_mentors_allowed` (may a young teacher be a mentor, default no).
- `mentoring_pairs`: mentor × mentee (teachers), form, goal, dates, status, outcome. A mentee has at most one active
  pair: a partial unique index (`status = 'active' AND archived_at IS NULL`), so two requests at once cannot both
  make one. Z-MENTOR counts the pairs covering a date by `start_date` / `end_date`.
- `attestations`: an application (teacher, category sought, date applied) and its decision (date, result, order
  number). One undecided application per teacher (partial unique index). K-4.3.2 counts applications for `first`
  or `highest` by `applied_on`.
- `courses`: a teacher's course (programme, provider organization or name with its ownership, hours, dates,
  format, certificate number). PD-3Y counts a course by `end_date` (after R − 3 years, not after R).

Every table has `municipality_id` first in its indexes. Reviewed by hand.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column]:
    """IdMixin, VersionedMixin, ArchivableMixin, TimestampMixin."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def upgrade() -> None:
    op.add_column(
        "municipalities", sa.Column("mentoring_max_mentees", sa.Integer(), server_default="3", nullable=False)
    )
    op.add_column(
        "municipalities",
        sa.Column("mentoring_young_mentors_allowed", sa.Boolean(), server_default="false", nullable=False),
    )
    op.create_check_constraint(
        "ck_municipalities_mentoring_max_mentees", "municipalities", "mentoring_max_mentees BETWEEN 1 AND 20"
    )

    op.create_table(
        "mentoring_pairs",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("mentor_id", sa.Uuid(), nullable=False),
        sa.Column("mentee_id", sa.Uuid(), nullable=False),
        sa.Column("form", sa.String(32), nullable=False),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ck_mentoring_pairs_dates"),
        sa.CheckConstraint("mentor_id <> mentee_id", name="ck_mentoring_pairs_two_people"),
        sa.CheckConstraint("status IN ('active', 'finished', 'cancelled')", name="ck_mentoring_pairs_status"),
        sa.CheckConstraint("status = 'active' OR end_date IS NOT NULL", name="ck_mentoring_pairs_closed_has_end"),
        sa.CheckConstraint(
            "form IN ('teacher_teacher', 'leader_teacher', 'group', 'student_teacher', 'employer_teacher')",
            name="ck_mentoring_pairs_form",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_mentoring_pairs_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(["mentor_id"], ["teachers.id"], name="fk_mentoring_pairs_mentor_id_teachers"),
        sa.ForeignKeyConstraint(["mentee_id"], ["teachers.id"], name="fk_mentoring_pairs_mentee_id_teachers"),
        sa.PrimaryKeyConstraint("id", name="pk_mentoring_pairs"),
    )
    op.create_index(
        "ix_mentoring_pairs_municipality_id_mentee_id",
        "mentoring_pairs",
        ["municipality_id", "mentee_id", "start_date"],
    )
    op.create_index(
        "ix_mentoring_pairs_municipality_id_mentor_id", "mentoring_pairs", ["municipality_id", "mentor_id", "status"]
    )
    op.create_index(
        "ix_mentoring_pairs_municipality_id_start_date", "mentoring_pairs", ["municipality_id", "start_date"]
    )
    op.create_index(
        "ix_mentoring_pairs_municipality_id_mentee_id_active",
        "mentoring_pairs",
        ["municipality_id", "mentee_id"],
        unique=True,
        postgresql_where=sa.text("status = 'active' AND archived_at IS NULL"),
    )

    op.create_table(
        "attestations",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("category_sought", sa.String(16), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("result", sa.String(16), nullable=True),
        sa.Column("order_number", sa.String(100), nullable=True),
        sa.CheckConstraint(
            "category_sought IN ('first', 'highest', 'conformity')", name="ck_attestations_category_sought"
        ),
        sa.CheckConstraint("result IS NULL OR result IN ('granted', 'refused')", name="ck_attestations_result"),
        sa.CheckConstraint("(result IS NULL) = (decided_on IS NULL)", name="ck_attestations_decision_complete"),
        sa.CheckConstraint("decided_on IS NULL OR decided_on >= applied_on", name="ck_attestations_dates"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_attestations_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(["teacher_id"], ["teachers.id"], name="fk_attestations_teacher_id_teachers"),
        sa.PrimaryKeyConstraint("id", name="pk_attestations"),
    )
    op.create_index(
        "ix_attestations_municipality_id_teacher_id", "attestations", ["municipality_id", "teacher_id", "applied_on"]
    )
    op.create_index("ix_attestations_municipality_id_applied_on", "attestations", ["municipality_id", "applied_on"])
    op.create_index(
        "ix_attestations_municipality_id_teacher_id_pending",
        "attestations",
        ["municipality_id", "teacher_id"],
        unique=True,
        postgresql_where=sa.text("result IS NULL AND archived_at IS NULL"),
    )

    op.create_table(
        "courses",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("program_kind", sa.String(24), nullable=False),
        sa.Column("provider_organization_id", sa.Uuid(), nullable=True),
        sa.Column("provider_name", sa.String(500), nullable=True),
        sa.Column("provider_state_owned", sa.Boolean(), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("format", sa.String(16), nullable=True),
        sa.Column("document_number", sa.String(100), nullable=True),
        sa.CheckConstraint("end_date >= start_date", name="ck_courses_dates"),
        sa.CheckConstraint("hours BETWEEN 1 AND 3000", name="ck_courses_hours"),
        sa.CheckConstraint("program_kind IN ('advanced_training', 'retraining')", name="ck_courses_program_kind"),
        sa.CheckConstraint("format IS NULL OR format IN ('offline', 'online', 'mixed')", name="ck_courses_format"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_courses_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(["teacher_id"], ["teachers.id"], name="fk_courses_teacher_id_teachers"),
        sa.ForeignKeyConstraint(
            ["provider_organization_id"], ["organizations.id"], name="fk_courses_provider_organization_id_organizations"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_courses"),
    )
    op.create_index("ix_courses_municipality_id_teacher_id", "courses", ["municipality_id", "teacher_id", "end_date"])
    op.create_index("ix_courses_municipality_id_end_date", "courses", ["municipality_id", "end_date"])


def downgrade() -> None:
    op.drop_table("courses")
    op.drop_table("attestations")
    op.drop_table("mentoring_pairs")
    op.drop_constraint("ck_municipalities_mentoring_max_mentees", "municipalities", type_="check")
    op.drop_column("municipalities", "mentoring_young_mentors_allowed")
    op.drop_column("municipalities", "mentoring_max_mentees")
