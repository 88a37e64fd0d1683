"""The practice bank (банк лучших практик, методические продукты).

- `practices`: title, organization, kind, level (`ref_event_levels`), description, keywords, competence areas and
  subjects (codes), status (`draft` → `submitted` → `under_review` → `published` / `returned`), the review round,
  `submitted_at`, `published_at` (set once, on the first publication), the last return comment, and `search`: a
  generated `tsvector` of title, keywords and description in the `russian` configuration with a GIN index (the
  municipality filter uses the btree indexes; a GIN with `municipality_id` would need `btree_gin`).
- `practice_authors` (teachers), `practice_materials` (a file or a link), `practice_presentations` (an author's
  participation as a speaker at an event).
- `practice_reviews`: an expert (user) per review round, scores per criterion as JSON with the criteria as they
  stood, total, recommendation, comment.
- `practice_criteria`: the municipality's review criteria (code, name, max score, order, active); the default set
  is made by the application on first use.

Every table has `municipality_id` first in its btree indexes. Reviewed by hand.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_SQL = (
    "setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('russian'::regconfig, coalesce(keywords, '')), 'B') || "
    "setweight(to_tsvector('russian'::regconfig, coalesce(description, '')), 'C')"
)


def _record_columns(archivable: bool = True) -> list[sa.Column]:
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


def _practice_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["practice_id", "municipality_id"],
        ["practices.id", "practices.municipality_id"],
        ondelete="CASCADE",
        name=f"fk_{table}_practice",
    )


def upgrade() -> None:
    op.create_table(
        "practices",
        *_record_columns(),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("level", sa.String(64), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("keywords", sa.String(500), nullable=True),
        sa.Column("competence_areas", postgresql.ARRAY(sa.String(64)), server_default="{}", nullable=False),
        sa.Column("subjects", postgresql.ARRAY(sa.String(64)), server_default="{}", nullable=False),
        sa.Column("status", sa.String(16), server_default="draft", nullable=False),
        sa.Column("review_round", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("return_comment", sa.Text(), nullable=True),
        sa.Column("search", postgresql.TSVECTOR(), sa.Computed(SEARCH_SQL, persisted=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_practices"),
        sa.UniqueConstraint("id", "municipality_id", name="uq_practices_id_municipality_id"),
        sa.CheckConstraint(
            "kind IN ('lesson_plan', 'programme', 'technique', 'case', 'video')", name="ck_practices_kind"
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'under_review', 'published', 'returned')", name="ck_practices_status"
        ),
        sa.CheckConstraint("status <> 'published' OR published_at IS NOT NULL", name="ck_practices_published_has_date"),
        _muni_fk("practices"),
        sa.ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_practices_organization",
        ),
        sa.ForeignKeyConstraint(["level"], ["ref_event_levels.code"], name="fk_practices_level_ref_event_levels"),
    )
    op.create_index("ix_practices_municipality_id_status", "practices", ["municipality_id", "status"])
    op.create_index("ix_practices_municipality_id_organization_id", "practices", ["municipality_id", "organization_id"])
    op.create_index("ix_practices_municipality_id_published_at", "practices", ["municipality_id", "published_at"])
    op.create_index("ix_practices_search", "practices", ["search"], postgresql_using="gin")

    op.create_table(
        "practice_authors",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("practice_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_authors"),
        sa.UniqueConstraint("practice_id", "teacher_id", name="uq_practice_authors_practice_id_teacher_id"),
        _muni_fk("practice_authors"),
        _practice_fk("practice_authors"),
        sa.ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_practice_authors_teacher",
        ),
    )
    op.create_index(
        "ix_practice_authors_municipality_id_practice_id", "practice_authors", ["municipality_id", "practice_id"]
    )
    op.create_index(
        "ix_practice_authors_municipality_id_teacher_id", "practice_authors", ["municipality_id", "teacher_id"]
    )

    op.create_table(
        "practice_materials",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("practice_id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=True),
        sa.Column("url", sa.String(1000), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_materials"),
        sa.CheckConstraint("num_nonnulls(file_id, url) = 1", name="ck_practice_materials_target"),
        _muni_fk("practice_materials"),
        _practice_fk("practice_materials"),
        sa.ForeignKeyConstraint(["file_id"], ["files.id"], name="fk_practice_materials_file_id_files"),
    )
    op.create_index(
        "ix_practice_materials_municipality_id_practice_id", "practice_materials", ["municipality_id", "practice_id"]
    )

    op.create_table(
        "practice_presentations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("practice_id", sa.Uuid(), nullable=False),
        sa.Column("participation_id", sa.Uuid(), nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_presentations"),
        sa.UniqueConstraint(
            "practice_id", "participation_id", name="uq_practice_presentations_practice_id_participation_id"
        ),
        _muni_fk("practice_presentations"),
        _practice_fk("practice_presentations"),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participations.id"],
            name="fk_practice_presentations_participation_id_participations",
        ),
    )
    op.create_index(
        "ix_practice_presentations_municipality_id_practice_id",
        "practice_presentations",
        ["municipality_id", "practice_id"],
    )
    op.create_index(
        "ix_practice_presentations_municipality_id_participation_id",
        "practice_presentations",
        ["municipality_id", "participation_id"],
    )

    op.create_table(
        "practice_reviews",
        *_record_columns(archivable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("practice_id", sa.Uuid(), nullable=False),
        sa.Column("round", sa.SmallInteger(), nullable=False),
        sa.Column("reviewer_id", sa.Uuid(), nullable=False),
        sa.Column("reviewer_name", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), server_default="assigned", nullable=False),
        sa.Column("scores", postgresql.JSONB(), server_default="{}", nullable=False),
        sa.Column("criteria", postgresql.JSONB(), server_default="[]", nullable=False),
        sa.Column("total", sa.SmallInteger(), nullable=True),
        sa.Column("max_total", sa.SmallInteger(), nullable=True),
        sa.Column("recommendation", sa.String(16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_practice_reviews"),
        sa.UniqueConstraint(
            "practice_id", "round", "reviewer_id", name="uq_practice_reviews_practice_id_round_reviewer_id"
        ),
        sa.CheckConstraint("status IN ('assigned', 'done')", name="ck_practice_reviews_status"),
        sa.CheckConstraint(
            "recommendation IS NULL OR recommendation IN ('publish', 'revise', 'reject')",
            name="ck_practice_reviews_recommendation",
        ),
        sa.CheckConstraint(
            "status = 'assigned' OR (recommendation IS NOT NULL AND reviewed_at IS NOT NULL)",
            name="ck_practice_reviews_done",
        ),
        _muni_fk("practice_reviews"),
        _practice_fk("practice_reviews"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"], name="fk_practice_reviews_reviewer_id_users"),
    )
    op.create_index(
        "ix_practice_reviews_municipality_id_practice_id", "practice_reviews", ["municipality_id", "practice_id"]
    )
    op.create_index(
        "ix_practice_reviews_municipality_id_reviewer_id",
        "practice_reviews",
        ["municipality_id", "reviewer_id", "status"],
    )

    op.create_table(
        "practice_criteria",
        *_record_columns(archivable=False),
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("max_score", sa.SmallInteger(), server_default="3", nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_criteria"),
        sa.UniqueConstraint("municipality_id", "code", name="uq_practice_criteria_municipality_id_code"),
        sa.CheckConstraint("max_score BETWEEN 1 AND 100", name="ck_practice_criteria_max_score"),
        _muni_fk("practice_criteria"),
    )
    op.create_index(
        "ix_practice_criteria_municipality_id_sort_order", "practice_criteria", ["municipality_id", "sort_order"]
    )


def downgrade() -> None:
    op.drop_table("practice_criteria")
    op.drop_table("practice_reviews")
    op.drop_table("practice_presentations")
    op.drop_table("practice_materials")
    op.drop_table("practice_authors")
    op.drop_table("practices")
