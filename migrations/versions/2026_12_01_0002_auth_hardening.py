"""Auth hardening: role assignments that agree with themselves, and credentials versions for tokens.

- `role_assignments`: a school's and a teacher's municipality must be the role's own (composite foreign keys onto
  unique `(id, municipality_id)` indexes of `organizations` and `teachers`), and each role has exactly the scope
  columns it needs (CHECK `scope` replaced). Existing rows are normalised first: columns a role does not use are
  cleared, and an assignment whose school or teacher lies in another municipality than the role's (the
  cross-municipality hole of issue 8) is deleted rather than "repaired", so no access survives the fix.
- `users.credentials_version`, `api_clients.credentials_version`: raised on a password / secret change or when the
  account is switched off; access tokens carry it (`cv`) and stop working once it moves.

Reviewed by hand. The unique indexes use IF NOT EXISTS because another migration of this release may add the same.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SCOPE = (
    "(role = 'sysadmin')"
    " OR (role IN ('department','methodologist') AND (municipality_id IS NOT NULL OR region_id IS NOT NULL))"
    " OR (role = 'school_admin' AND organization_id IS NOT NULL AND municipality_id IS NOT NULL)"
    " OR (role = 'association_leader' AND municipality_id IS NOT NULL)"
    " OR (role = 'teacher' AND teacher_id IS NOT NULL AND municipality_id IS NOT NULL)"
)
NEW_SCOPE = (
    "(role = 'sysadmin' AND num_nonnulls(region_id, municipality_id, organization_id, teacher_id) = 0)"
    " OR (role IN ('department','methodologist') AND num_nonnulls(region_id, municipality_id) = 1"
    " AND organization_id IS NULL AND teacher_id IS NULL)"
    " OR (role = 'school_admin' AND organization_id IS NOT NULL AND municipality_id IS NOT NULL"
    " AND region_id IS NULL AND teacher_id IS NULL)"
    " OR (role = 'association_leader' AND municipality_id IS NOT NULL"
    " AND region_id IS NULL AND organization_id IS NULL AND teacher_id IS NULL)"
    " OR (role = 'teacher' AND teacher_id IS NOT NULL AND municipality_id IS NOT NULL"
    " AND region_id IS NULL AND organization_id IS NULL)"
)


def upgrade() -> None:
    op.add_column("users", sa.Column("credentials_version", sa.Integer(), server_default="0", nullable=False))
    op.add_column("api_clients", sa.Column("credentials_version", sa.Integer(), server_default="0", nullable=False))

    # Normalise existing assignments to the stricter shape.
    op.execute(
        "DELETE FROM role_assignments ra USING organizations o"
        " WHERE ra.organization_id = o.id AND ra.municipality_id IS DISTINCT FROM o.municipality_id"
        " AND ra.role = 'school_admin'"
    )
    op.execute(
        "DELETE FROM role_assignments ra USING teachers t"
        " WHERE ra.teacher_id = t.id AND ra.municipality_id IS DISTINCT FROM t.municipality_id"
        " AND ra.role = 'teacher'"
    )
    op.execute(
        "UPDATE role_assignments SET region_id = NULL, municipality_id = NULL, organization_id = NULL,"
        " teacher_id = NULL WHERE role = 'sysadmin'"
    )
    op.execute(
        "UPDATE role_assignments SET organization_id = NULL, teacher_id = NULL,"
        " region_id = CASE WHEN municipality_id IS NULL THEN region_id END"
        " WHERE role IN ('department', 'methodologist')"
    )
    op.execute("UPDATE role_assignments SET region_id = NULL, teacher_id = NULL WHERE role = 'school_admin'")
    op.execute(
        "UPDATE role_assignments SET region_id = NULL, organization_id = NULL, teacher_id = NULL"
        " WHERE role = 'association_leader'"
    )
    op.execute("UPDATE role_assignments SET region_id = NULL, organization_id = NULL WHERE role = 'teacher'")

    op.create_index(
        op.f("uq_organizations_id_municipality_id"),
        "organizations",
        ["id", "municipality_id"],
        unique=True,
        if_not_exists=True,
    )
    op.create_index(
        op.f("uq_teachers_id_municipality_id"), "teachers", ["id", "municipality_id"], unique=True, if_not_exists=True
    )
    op.create_foreign_key(
        op.f("fk_role_assignments_organization_municipality"),
        "role_assignments",
        "organizations",
        ["organization_id", "municipality_id"],
        ["id", "municipality_id"],
    )
    op.create_foreign_key(
        op.f("fk_role_assignments_teacher_municipality"),
        "role_assignments",
        "teachers",
        ["teacher_id", "municipality_id"],
        ["id", "municipality_id"],
    )
    op.drop_constraint(op.f("ck_role_assignments_scope"), "role_assignments", type_="check")
    op.create_check_constraint(op.f("ck_role_assignments_scope"), "role_assignments", NEW_SCOPE)


def downgrade() -> None:
    op.drop_constraint(op.f("ck_role_assignments_scope"), "role_assignments", type_="check")
    op.create_check_constraint(op.f("ck_role_assignments_scope"), "role_assignments", OLD_SCOPE)
    op.drop_constraint(op.f("fk_role_assignments_teacher_municipality"), "role_assignments", type_="foreignkey")
    op.drop_constraint(op.f("fk_role_assignments_organization_municipality"), "role_assignments", type_="foreignkey")
    op.drop_index(op.f("uq_teachers_id_municipality_id"), table_name="teachers", if_exists=True)
    op.drop_index(op.f("uq_organizations_id_municipality_id"), table_name="organizations", if_exists=True)
    op.drop_column("api_clients", "credentials_version")
    op.drop_column("users", "credentials_version")
