"""A series' analytical report: the methodologist's conclusions («Выводы») and the forms of work the series used
(«В рамках семинара использовались следующие формы работы: вебинары…»), both free text, one item per line, both
optional (the report shows «Выводы не заполнены» without them).

Reviewed by hand.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("event_series", sa.Column("forms_of_work", sa.Text(), nullable=True))
    op.add_column("event_series", sa.Column("conclusions", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("event_series", "conclusions")
    op.drop_column("event_series", "forms_of_work")
