"""Diagnostics results: `municipalities.diagnostics_min_group` — corporate deficits of a group smaller than this
(2…50, default 5) show no figures to anyone below the methodologist role (small-group suppression). Reviewed by
hand.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "municipalities", sa.Column("diagnostics_min_group", sa.Integer(), server_default="5", nullable=False)
    )
    op.create_check_constraint(
        "ck_municipalities_diagnostics_min_group", "municipalities", "diagnostics_min_group BETWEEN 2 AND 50"
    )


def downgrade() -> None:
    op.drop_constraint("ck_municipalities_diagnostics_min_group", "municipalities", type_="check")
    op.drop_column("municipalities", "diagnostics_min_group")
