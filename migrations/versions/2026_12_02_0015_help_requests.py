"""Help requests (адресная методическая помощь) and notifications inside the SPA.

- `municipalities.help_response_days`: a new help request not taken within this many working days is overdue
  (1…30, default 3).
- `help_requests`: who asks (school, teacher or none — the school itself, the account that made it), topic (a
  competence area of `ref_competence_areas`), description, desired form, opened date; state `new` → `in_progress`
  (taken by a methodologist, `assignee_id`) → `closed` (resolution `full` / `partial` / `none` with a comment,
  `closed_at`); reopening keeps the consultations and counts (`reopen_count`, `reopened_at`).
- `help_consultations`: consultations given on a request (date, form, who, notes).
- `notifications`: a message to one user with an SPA link; `read_at` when read.

Every table has `municipality_id` first in its indexes. Reviewed by hand.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("municipalities", sa.Column("help_response_days", sa.Integer(), server_default="3", nullable=False))
    op.create_check_constraint(
        "ck_municipalities_help_response_days", "municipalities", "help_response_days BETWEEN 1 AND 30"
    )

    op.create_table(
        "help_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=True),
        sa.Column("requested_by_id", sa.Uuid(), nullable=True),
        sa.Column("topic_code", sa.String(64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("desired_form", sa.String(16), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("resolution_comment", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reopen_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("reopened_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('new', 'in_progress', 'closed')", name="ck_help_requests_state"),
        sa.CheckConstraint(
            "desired_form IN ('consultation', 'visit', 'materials')", name="ck_help_requests_desired_form"
        ),
        sa.CheckConstraint(
            "resolution IS NULL OR resolution IN ('full', 'partial', 'none')", name="ck_help_requests_resolution"
        ),
        sa.CheckConstraint(
            "(state = 'closed') = (resolution IS NOT NULL AND closed_at IS NOT NULL)",
            name="ck_help_requests_closed_has_resolution",
        ),
        sa.CheckConstraint("state = 'new' OR assignee_id IS NOT NULL", name="ck_help_requests_taken_has_assignee"),
        sa.CheckConstraint("reopen_count >= 0", name="ck_help_requests_reopen_count"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_help_requests_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organizations.id"], name="fk_help_requests_organization_id_organizations"
        ),
        sa.ForeignKeyConstraint(["teacher_id"], ["teachers.id"], name="fk_help_requests_teacher_id_teachers"),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"], name="fk_help_requests_requested_by_id_users"),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], name="fk_help_requests_assignee_id_users"),
        sa.ForeignKeyConstraint(
            ["topic_code"], ["ref_competence_areas.code"], name="fk_help_requests_topic_code_ref_competence_areas"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_help_requests"),
    )
    op.create_index(
        "ix_help_requests_municipality_id_state_opened_on", "help_requests", ["municipality_id", "state", "opened_on"]
    )
    op.create_index(
        "ix_help_requests_municipality_id_organization_id", "help_requests", ["municipality_id", "organization_id"]
    )
    op.create_index("ix_help_requests_municipality_id_teacher_id", "help_requests", ["municipality_id", "teacher_id"])
    op.create_index(
        "ix_help_requests_municipality_id_assignee_id", "help_requests", ["municipality_id", "assignee_id", "state"]
    )

    op.create_table(
        "help_consultations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("consultant_id", sa.Uuid(), nullable=True),
        sa.Column("consultant_name", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "form IN ('consultation', 'online', 'visit', 'materials', 'group')", name="ck_help_consultations_form"
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_help_consultations_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["help_requests.id"], name="fk_help_consultations_request_id_help_requests"
        ),
        sa.ForeignKeyConstraint(["consultant_id"], ["users.id"], name="fk_help_consultations_consultant_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_help_consultations"),
    )
    op.create_index(
        "ix_help_consultations_municipality_id_request_id",
        "help_consultations",
        ["municipality_id", "request_id", "held_on"],
    )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("link", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_notifications_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_notifications_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
    )
    op.create_index(
        "ix_notifications_municipality_id_user_id_read_at", "notifications", ["municipality_id", "user_id", "read_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_notifications_municipality_id_user_id_read_at", table_name="notifications")
    op.drop_table("notifications")
    op.drop_index("ix_help_consultations_municipality_id_request_id", table_name="help_consultations")
    op.drop_table("help_consultations")
    for name in (
        "ix_help_requests_municipality_id_assignee_id",
        "ix_help_requests_municipality_id_teacher_id",
        "ix_help_requests_municipality_id_organization_id",
        "ix_help_requests_municipality_id_state_opened_on",
    ):
        op.drop_index(name, table_name="help_requests")
    op.drop_table("help_requests")
    op.drop_constraint("ck_municipalities_help_response_days", "municipalities", type_="check")
    op.drop_column("municipalities", "help_response_days")
