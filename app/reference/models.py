"""Reference dictionaries shared by all tenants; loaded and extended by migrations."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base


class _Dictionary:
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    sort_order: Mapped[int] = mapped_column(default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")


class OrganizationType(_Dictionary, Base):
    __tablename__ = "ref_organization_types"


class Position(_Dictionary, Base):
    """Pedagogical positions (постановление Правительства РФ № 225 от 21.02.2022) and school managers."""

    __tablename__ = "ref_positions"
    is_pedagogical: Mapped[bool] = mapped_column(default=True, server_default="true")


class Subject(_Dictionary, Base):
    __tablename__ = "ref_subjects"


class QualificationCategory(_Dictionary, Base):
    """Categories under приказ Минпросвещения № 196 от 24.03.2023."""

    __tablename__ = "ref_qualification_categories"


class EventLevel(_Dictionary, Base):
    """Ordered levels: school < municipal < inter-municipal < regional < inter-regional < federal < international."""

    __tablename__ = "ref_event_levels"
    rank: Mapped[int] = mapped_column(default=0, server_default="0")


class CompetenceArea(_Dictionary, Base):
    """Areas of a teacher's professional competence: the topic of a help request, the tags of a practice."""

    __tablename__ = "ref_competence_areas"
