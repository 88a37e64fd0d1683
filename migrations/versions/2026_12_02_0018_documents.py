"""Documents of schools and of the municipality, and the document types each municipality requires.

- `documents`: municipality, organization (NULL — the municipality's own document; composite FK with the
  municipality), type (the code list of `app.documents.models.DOCUMENT_TYPES`, Russian names in the code),
  title, academic year (the year it starts in) and, for a document in force for several years (a programme
  2021–2024, a 5-year plan), the last academic year it covers, number and date, a stored file (`files`) or a link — at most
  one of them, and an approved document has one —, status draft/approved with `approved_at` set exactly when
  approved, a comment; versioned and archivable.
- `document_requirements`: a type the municipality requires every academic year of itself (`municipality`) or of
  each of its organizations (`organization`, optionally only of some organization types); one live requirement per
  municipality × type × applies_to (partial unique index).

Every table has `municipality_id` first in its indexes. Reviewed by hand.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TYPES = (
    "'regulation', 'programme', 'roadmap', 'work_plan', 'association_plan', 'attestation_plan', 'pd_plan', "
    "'association_monitoring', 'deficit_monitoring', 'monitoring_report', 'analytical_report', 'recommendations', "
    "'order', 'minutes', 'other'"
)


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
    op.create_table(
        "documents",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("academic_year", sa.SmallInteger(), nullable=False),
        sa.Column("last_academic_year", sa.SmallInteger(), nullable=True),
        sa.Column("number", sa.String(100), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("file_id", sa.Uuid(), nullable=True),
        sa.Column("url", sa.String(1000), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by_name", sa.String(200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"type IN ({TYPES})", name="ck_documents_type"),
        sa.CheckConstraint("status IN ('draft', 'approved')", name="ck_documents_status"),
        sa.CheckConstraint("academic_year BETWEEN 1990 AND 2100", name="ck_documents_academic_year"),
        sa.CheckConstraint(
            "last_academic_year IS NULL OR last_academic_year BETWEEN academic_year AND 2100",
            name="ck_documents_last_academic_year",
        ),
        sa.CheckConstraint("num_nonnulls(file_id, url) <= 1", name="ck_documents_file_or_link"),
        sa.CheckConstraint(
            "status = 'draft' OR num_nonnulls(file_id, url) = 1", name="ck_documents_approved_has_content"
        ),
        sa.CheckConstraint("(status = 'approved') = (approved_at IS NOT NULL)", name="ck_documents_approved_at"),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_documents_municipality_id_municipalities"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_documents_organization",
        ),
        sa.ForeignKeyConstraint(["file_id"], ["files.id"], name="fk_documents_file_id_files"),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index(
        "ix_documents_municipality_id_academic_year_type", "documents", ["municipality_id", "academic_year", "type"]
    )
    op.create_index(
        "ix_documents_municipality_id_organization_id",
        "documents",
        ["municipality_id", "organization_id", "academic_year"],
    )

    op.create_table(
        "document_requirements",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("applies_to", sa.String(16), nullable=False),
        sa.Column("organization_types", postgresql.ARRAY(sa.String(64)), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"type IN ({TYPES})", name="ck_document_requirements_type"),
        sa.CheckConstraint(
            "applies_to IN ('organization', 'municipality')", name="ck_document_requirements_applies_to"
        ),
        sa.CheckConstraint(
            "applies_to = 'organization' OR organization_types IS NULL",
            name="ck_document_requirements_organization_types",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name="fk_document_requirements_municipality_id_municipalities"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_document_requirements"),
    )
    op.create_index(
        "ix_document_requirements_municipality_id_type_applies_to",
        "document_requirements",
        ["municipality_id", "type", "applies_to"],
        unique=True,
        postgresql_where=sa.text("archived_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("document_requirements")
    op.drop_table("documents")
