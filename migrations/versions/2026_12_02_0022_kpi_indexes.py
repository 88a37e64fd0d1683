"""KPI speed (issue 12): the index the KPI population reads.

- `ix_employments_municipality_id_main`: the main employments per (municipality, teacher), the latest started
  first, then by organization, with `end_date` included — `teachers.repository.population` (the counted teachers
  on the reference date R, the denominator of every share) reads the main jobs covering R of a municipality or a
  region in one index-only pass already in DISTINCT ON order (no sort), instead of one LATERAL index probe + sort
  per teacher. Partial (`kind = 'main'`): part-time jobs never count.

Measured with bench/kpi_scale.py (region: 50 municipalities, 40,000 teachers): one share for the region went from
~250–300 ms to ~50–80 ms of database time; see bench/README.md.

Reviewed by hand.

Revision ID: 0022
Revises: 0023
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_employments_municipality_id_main",
        "employments",
        ["municipality_id", "teacher_id", sa.text("start_date DESC"), "organization_id"],
        postgresql_include=["end_date"],
        postgresql_where=sa.text("kind = 'main'"),
    )


def downgrade() -> None:
    op.drop_index("ix_employments_municipality_id_main", table_name="employments")
