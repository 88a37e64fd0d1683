"""Methodological associations (ГМО / ШМО): the association of an academic year (city level, or school level with
its school), its members, the plan-schedule of meetings, the meetings held with attendance, minutes and decisions;
and the foreign key of `role_assignments.association_id` (an association leader's role names the association).

- `associations`: level `city` / `school` (a school association names its organization, a city one none), title,
  subject (dictionary) or problem, leader (a teacher), academic year (the year it starts in).
- `association_members`: teacher × association with joined/left dates; one open membership per teacher and
  association (partial unique index).
- `association_meeting_plans`: planned date, topic, form.
- `association_meetings`: held date, topic, form, the plan line it fulfils (nullable), minutes text or file,
  decisions; `association_meeting_attendance`: which members came.

Every table has `municipality_id` first in its indexes; references are composite with the municipality, so a record
never points into another municipality. Reviewed by hand.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns(archivable: bool = True) -> list[sa.Column]:
    """IdMixin, VersionedMixin, ArchivableMixin, TimestampMixin."""
    cols = [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]
    if archivable:
        cols += [
            sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("archive_reason", sa.String(), nullable=True),
        ]
    return cols


def _muni_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["municipality_id"], ["municipalities.id"], name=f"fk_{table}_municipality_id_municipalities"
    )


def upgrade() -> None:
    op.create_table(
        "associations",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("subject_code", sa.String(64), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("leader_teacher_id", sa.Uuid(), nullable=True),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.CheckConstraint("level IN ('city', 'school')", name="ck_associations_level"),
        sa.CheckConstraint(
            "(level = 'school') = (organization_id IS NOT NULL)", name="ck_associations_organization_of_level"
        ),
        sa.CheckConstraint("academic_year BETWEEN 1990 AND 2100", name="ck_associations_academic_year"),
        _muni_fk("associations"),
        sa.ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_associations_organization_municipality",
        ),
        sa.ForeignKeyConstraint(
            ["leader_teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_associations_leader_municipality",
        ),
        sa.ForeignKeyConstraint(
            ["subject_code"], ["ref_subjects.code"], name="fk_associations_subject_code_ref_subjects"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_associations"),
        sa.UniqueConstraint("id", "municipality_id", name="uq_associations_id_municipality_id"),
    )
    op.create_index(
        "ix_associations_municipality_id_academic_year", "associations", ["municipality_id", "academic_year", "level"]
    )
    op.create_index(
        "ix_associations_municipality_id_organization_id", "associations", ["municipality_id", "organization_id"]
    )

    op.create_table(
        "association_members",
        *_record_columns(archivable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("association_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="ck_association_members_dates"),
        _muni_fk("association_members"),
        sa.ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_association_members_association_municipality",
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_association_members_teacher_municipality",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_association_members"),
    )
    op.create_index(
        "ix_association_members_municipality_id_teacher_id", "association_members", ["municipality_id", "teacher_id"]
    )
    op.create_index(
        "ix_association_members_municipality_id_association_id",
        "association_members",
        ["municipality_id", "association_id"],
    )
    op.create_index(
        "ix_association_members_municipality_id_open",
        "association_members",
        ["municipality_id", "association_id", "teacher_id"],
        unique=True,
        postgresql_where=sa.text("left_on IS NULL"),
    )

    op.create_table(
        "association_meeting_plans",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("association_id", sa.Uuid(), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(500), nullable=False),
        sa.Column("form", sa.String(200), nullable=True),
        _muni_fk("association_meeting_plans"),
        sa.ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_association_meeting_plans_association_municipality",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_association_meeting_plans"),
        sa.UniqueConstraint("id", "municipality_id", name="uq_association_meeting_plans_id_municipality_id"),
    )
    op.create_index(
        "ix_association_meeting_plans_municipality_id_association_id",
        "association_meeting_plans",
        ["municipality_id", "association_id"],
    )
    op.create_index(
        "ix_association_meeting_plans_municipality_id_planned_date",
        "association_meeting_plans",
        ["municipality_id", "planned_date"],
    )

    op.create_table(
        "association_meetings",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("association_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(500), nullable=False),
        sa.Column("form", sa.String(200), nullable=True),
        sa.Column("minutes", sa.Text(), nullable=True),
        sa.Column("minutes_file_id", sa.Uuid(), nullable=True),
        sa.Column("decisions", sa.Text(), nullable=True),
        _muni_fk("association_meetings"),
        sa.ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_association_meetings_association_municipality",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id", "municipality_id"],
            ["association_meeting_plans.id", "association_meeting_plans.municipality_id"],
            name="fk_association_meetings_plan_municipality",
        ),
        sa.ForeignKeyConstraint(
            ["minutes_file_id"], ["files.id"], name="fk_association_meetings_minutes_file_id_files"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_association_meetings"),
        sa.UniqueConstraint("id", "municipality_id", name="uq_association_meetings_id_municipality_id"),
    )
    op.create_index(
        "ix_association_meetings_municipality_id_association_id",
        "association_meetings",
        ["municipality_id", "association_id"],
    )
    op.create_index(
        "ix_association_meetings_municipality_id_plan_id", "association_meetings", ["municipality_id", "plan_id"]
    )

    op.create_table(
        "association_meeting_attendance",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_association_meeting_attendance_municipality"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id", "municipality_id"],
            ["association_meetings.id", "association_meetings.municipality_id"],
            name="fk_association_meeting_attendance_meeting_municipality",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_association_meeting_attendance_teacher_municipality",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_association_meeting_attendance"),
        sa.UniqueConstraint(
            "municipality_id",
            "meeting_id",
            "teacher_id",
            name="uq_association_meeting_attendance_meeting_teacher",
        ),
    )
    op.create_index(
        "ix_association_meeting_attendance_municipality_id_teacher_id",
        "association_meeting_attendance",
        ["municipality_id", "teacher_id"],
    )

    # An association leader's role names the association it leads (in the role's municipality).
    op.create_foreign_key(
        "fk_role_assignments_association_municipality",
        "role_assignments",
        "associations",
        ["association_id", "municipality_id"],
        ["id", "municipality_id"],
    )


def downgrade() -> None:
    op.drop_constraint("fk_role_assignments_association_municipality", "role_assignments", type_="foreignkey")
    op.execute("UPDATE role_assignments SET association_id = NULL")
    op.drop_table("association_meeting_attendance")
    op.drop_table("association_meetings")
    op.drop_table("association_meeting_plans")
    op.drop_table("association_members")
    op.drop_table("associations")
