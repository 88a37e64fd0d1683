"""Tables of the practice bank: a practice (with a generated Russian `tsvector` for full-text search), its authors,
materials and the speakers' participations where it was presented, the expert reviews, and the municipality's
review criteria. Every table is tenant data with `municipality_id` first in its btree indexes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

KINDS = {
    "lesson_plan": "конспект (технологическая карта) урока",
    "programme": "программа",
    "technique": "методика, технология",
    "case": "кейс",
    "video": "видеоматериал",
}
STATUSES = {
    "draft": "черновик",
    "submitted": "подана на экспертизу",
    "under_review": "на экспертизе",
    "published": "опубликована",
    "returned": "возвращена на доработку",
}
RECOMMENDATIONS = {"publish": "опубликовать", "revise": "доработать", "reject": "отклонить"}
REVIEW_STATUSES = {"assigned": "назначена", "done": "проведена"}

# The text the search reads: title, description, and the keywords; Russian stemming («проектной» ≈ «проектная»).
SEARCH_SQL = (
    "setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('russian'::regconfig, coalesce(keywords, '')), 'B') || "
    "setweight(to_tsvector('russian'::regconfig, coalesce(description, '')), 'C')"
)


def _in(column: str, values: dict[str, str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Practice(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A methodological product. `published_at` is set once, on the first publication, and never moves."""

    __tablename__ = "practices"
    __table_args__ = (
        UniqueConstraint("id", "municipality_id", name="uq_practices_id_municipality_id"),
        Index("ix_practices_municipality_id_status", "municipality_id", "status"),
        Index("ix_practices_municipality_id_organization_id", "municipality_id", "organization_id"),
        Index("ix_practices_municipality_id_published_at", "municipality_id", "published_at"),
        Index("ix_practices_search", "search", postgresql_using="gin"),
        CheckConstraint(_in("kind", KINDS), name="kind"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint("status <> 'published' OR published_at IS NOT NULL", name="published_has_date"),
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_practices_organization",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    organization_id: Mapped[uuid.UUID]
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(64), ForeignKey("ref_event_levels.code"))
    description: Mapped[str | None] = mapped_column(Text)
    keywords: Mapped[str | None] = mapped_column(String(500))
    competence_areas: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
    subjects: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
    status: Mapped[str] = mapped_column(String(16), default="draft", server_default="draft")
    review_round: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    return_comment: Mapped[str | None] = mapped_column(Text)
    search: Mapped[str] = mapped_column(TSVECTOR, Computed(SEARCH_SQL, persisted=True), deferred=True)

    authors: Mapped[list[PracticeAuthor]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="PracticeAuthor.sort_order"
    )
    materials: Mapped[list[PracticeMaterial]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="PracticeMaterial.sort_order"
    )
    presentations: Mapped[list[PracticePresentation]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="PracticePresentation.sort_order"
    )


def _child_fk(table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["practice_id", "municipality_id"],
        ["practices.id", "practices.municipality_id"],
        ondelete="CASCADE",
        name=f"fk_{table}_practice",
    )


class PracticeAuthor(IdMixin, Base):
    __tablename__ = "practice_authors"
    __table_args__ = (
        Index("ix_practice_authors_municipality_id_practice_id", "municipality_id", "practice_id"),
        Index("ix_practice_authors_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        UniqueConstraint("practice_id", "teacher_id", name="uq_practice_authors_practice_id_teacher_id"),
        _child_fk("practice_authors"),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_practice_authors_teacher",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    practice_id: Mapped[uuid.UUID]
    teacher_id: Mapped[uuid.UUID]
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)


class PracticeMaterial(IdMixin, Base):
    """A material of a practice: a stored file (files module) or a link."""

    __tablename__ = "practice_materials"
    __table_args__ = (
        Index("ix_practice_materials_municipality_id_practice_id", "municipality_id", "practice_id"),
        CheckConstraint("num_nonnulls(file_id, url) = 1", name="target"),
        _child_fk("practice_materials"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    practice_id: Mapped[uuid.UUID]
    file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("files.id"))
    url: Mapped[str | None] = mapped_column(String(1000))
    title: Mapped[str] = mapped_column(String(300))
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)


class PracticePresentation(IdMixin, Base):
    """The practice presented at an event: the author's participation as a speaker (events module)."""

    __tablename__ = "practice_presentations"
    __table_args__ = (
        Index("ix_practice_presentations_municipality_id_practice_id", "municipality_id", "practice_id"),
        Index("ix_practice_presentations_municipality_id_participation_id", "municipality_id", "participation_id"),
        UniqueConstraint(
            "practice_id", "participation_id", name="uq_practice_presentations_practice_id_participation_id"
        ),
        _child_fk("practice_presentations"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    practice_id: Mapped[uuid.UUID]
    participation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("participations.id"))
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)


class PracticeReview(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An expert review of one round: assigned to a reviewer (a user with the expert permission), then done with
    a score per criterion (`scores`: code → score, with the criteria as they stood in `criteria`), the total, a
    recommendation and a comment."""

    __tablename__ = "practice_reviews"
    __table_args__ = (
        Index("ix_practice_reviews_municipality_id_practice_id", "municipality_id", "practice_id"),
        Index("ix_practice_reviews_municipality_id_reviewer_id", "municipality_id", "reviewer_id", "status"),
        UniqueConstraint(
            "practice_id", "round", "reviewer_id", name="uq_practice_reviews_practice_id_round_reviewer_id"
        ),
        CheckConstraint(_in("status", REVIEW_STATUSES), name="status"),
        CheckConstraint(f"recommendation IS NULL OR {_in('recommendation', RECOMMENDATIONS)}", name="recommendation"),
        CheckConstraint("status = 'assigned' OR (recommendation IS NOT NULL AND reviewed_at IS NOT NULL)", name="done"),
        _child_fk("practice_reviews"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    practice_id: Mapped[uuid.UUID]
    round: Mapped[int] = mapped_column(SmallInteger)
    reviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    reviewer_name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="assigned", server_default="assigned")
    scores: Mapped[dict[str, int]] = mapped_column(JSONB, default=dict, server_default="{}")
    criteria: Mapped[list[dict[str, object]]] = mapped_column(JSONB, default=list, server_default="[]")
    total: Mapped[int | None] = mapped_column(SmallInteger)
    max_total: Mapped[int | None] = mapped_column(SmallInteger)
    recommendation: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PracticeCriterion(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A criterion of the municipality's review set (актуальность, новизна…), scored 0…`max_score`."""

    __tablename__ = "practice_criteria"
    __table_args__ = (
        UniqueConstraint("municipality_id", "code", name="uq_practice_criteria_municipality_id_code"),
        Index("ix_practice_criteria_municipality_id_sort_order", "municipality_id", "sort_order"),
        CheckConstraint("max_score BETWEEN 1 AND 100", name="max_score"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    max_score: Mapped[int] = mapped_column(SmallInteger, default=3, server_default="3")
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")
