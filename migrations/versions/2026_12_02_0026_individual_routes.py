"""Individual development routes (ИОМ): routes drawn from a submitted diagnostic (at most one not archived per
assignment), their goals per competence area and the actions under each goal with deadline, status and evidence.
Every table has `municipality_id` first in its first index. Reviewed by hand.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    def muni(table: str) -> sa.Column:
        fk = sa.ForeignKey("municipalities.id", name=f"fk_{table}_municipality_id_municipalities")
        return sa.Column("municipality_id", sa.Uuid(), fk, nullable=False)

    def fk(table: str, column: str, target: str, **kw: object) -> sa.ForeignKey:
        return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}", **kw)  # type: ignore[arg-type]

    t = "individual_routes"
    op.create_table(
        t,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        muni(t),
        sa.Column("teacher_id", sa.Uuid(), fk(t, "teacher_id", "teachers"), nullable=False),
        sa.Column("organization_id", sa.Uuid(), fk(t, "organization_id", "organizations")),
        sa.Column("assignment_id", sa.Uuid(), fk(t, "assignment_id", "diag_assignments"), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), fk(t, "campaign_id", "diag_campaigns"), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("approved_by_id", sa.Uuid(), fk(t, "approved_by_id", "users")),
        sa.Column("approved_by_name", sa.String(300)),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True)),
        sa.Column("archive_reason", sa.String()),
        sa.CheckConstraint(
            "status IN ('draft', 'approved', 'in_progress', 'completed')", name="ck_individual_routes_status"
        ),
        sa.CheckConstraint("status = 'draft' OR approved_at IS NOT NULL", name="ck_individual_routes_approved_at"),
    )
    op.create_index("ix_individual_routes_municipality_id_status", t, ["municipality_id", "status"])
    op.create_index("ix_individual_routes_municipality_id_teacher_id", t, ["municipality_id", "teacher_id"])
    op.create_index("ix_individual_routes_municipality_id_organization_id", t, ["municipality_id", "organization_id"])
    op.create_index("ix_individual_routes_municipality_id_campaign_id", t, ["municipality_id", "campaign_id"])
    op.create_index(
        "uq_individual_routes_assignment_id_active",
        t,
        ["assignment_id"],
        unique=True,
        postgresql_where=sa.text("archived_at IS NULL"),
    )

    g = "route_goals"
    op.create_table(
        g,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{g}"),
        muni(g),
        sa.Column("route_id", sa.Uuid(), fk(g, "route_id", "individual_routes", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "area_code",
            sa.String(64),
            sa.ForeignKey("ref_competence_areas.code", name=f"fk_{g}_area_code_ref_competence_areas"),
        ),
        sa.Column("band", sa.String(16)),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("band IS NULL OR band IN ('deficit', 'partial', 'none')", name=f"ck_{g}_band"),
    )
    op.create_index(f"ix_{g}_municipality_id_route_id", g, ["municipality_id", "route_id", "sort_order"])

    a = "route_actions"
    op.create_table(
        a,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{a}"),
        muni(a),
        sa.Column("route_id", sa.Uuid(), fk(a, "route_id", "individual_routes", ondelete="CASCADE"), nullable=False),
        sa.Column("goal_id", sa.Uuid(), fk(a, "goal_id", "route_goals", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref_id", sa.Uuid()),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("deadline", sa.Date()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.Column("done_by_name", sa.String(300)),
        sa.Column("evidence_url", sa.String(1000)),
        sa.Column("evidence_file_id", sa.Uuid(), fk(a, "evidence_file_id", "files")),
        sa.Column("evidence_participation_id", sa.Uuid(), fk(a, "evidence_participation_id", "participations")),
        sa.Column("evidence_course_id", sa.Uuid(), fk(a, "evidence_course_id", "courses")),
        sa.Column("evidence_note", sa.String(2000)),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("kind IN ('event', 'course', 'practice', 'mentor', 'self_study')", name=f"ck_{a}_kind"),
        sa.CheckConstraint("status IN ('planned', 'done')", name=f"ck_{a}_status"),
        sa.CheckConstraint("(status = 'done') = (done_at IS NOT NULL)", name=f"ck_{a}_done_at"),
    )
    op.create_index(f"ix_{a}_municipality_id_route_id", a, ["municipality_id", "route_id", "status"])
    op.create_index(f"ix_{a}_goal_id", a, ["goal_id", "sort_order"])


def downgrade() -> None:
    op.drop_table("route_actions")
    op.drop_table("route_goals")
    op.drop_table("individual_routes")
