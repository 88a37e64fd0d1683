"""Region → municipality: the tenants. A municipality is the unit of data isolation."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin


class Region(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(8), unique=True)  # subject code of the Federation, e.g. "44"
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Municipality(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "municipalities"
    __table_args__ = (
        CheckConstraint("young_age_limit BETWEEN 18 AND 70", name="young_age_limit"),
        CheckConstraint("young_experience_limit BETWEEN 0 AND 20", name="young_experience_limit"),
        CheckConstraint("young_rule IN ('or', 'and')", name="young_rule"),
        CheckConstraint("mentoring_max_mentees BETWEEN 1 AND 20", name="mentoring_max_mentees"),
        CheckConstraint("help_response_days BETWEEN 1 AND 30", name="help_response_days"),
        CheckConstraint("diagnostics_min_group BETWEEN 2 AND 50", name="diagnostics_min_group"),
    )

    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    okato: Mapped[str | None] = mapped_column(String(16))
    # "Young teacher" has no federal definition: each municipality sets its own rule.
    young_age_limit: Mapped[int] = mapped_column(default=35, server_default="35")
    young_experience_limit: Mapped[int] = mapped_column(default=3, server_default="3")
    young_rule: Mapped[str] = mapped_column(String(3), default="or", server_default="or")
    # Mentoring (наставничество) is organised by each municipality's own regulation: how many mentees one mentor
    # leads at once, and whether a young teacher may be a mentor.
    mentoring_max_mentees: Mapped[int] = mapped_column(default=3, server_default="3")
    mentoring_young_mentors_allowed: Mapped[bool] = mapped_column(default=False, server_default="false")
    # Help requests: a new request not taken within this many working days is overdue.
    help_response_days: Mapped[int] = mapped_column(default=3, server_default="3")
    # Diagnostics: corporate deficits of a smaller group show no figures below the methodologist role.
    diagnostics_min_group: Mapped[int] = mapped_column(default=5, server_default="5")
