"""Events and courses tagged with competence areas (codes of `ref_competence_areas`, like practices), so that an
individual route proposes, for a deficit area, the upcoming events and the programmes that help with it.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("events", "courses")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("competence_areas", postgresql.ARRAY(sa.String(64)), server_default="{}", nullable=False),
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "competence_areas")
