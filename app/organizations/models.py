"""Organizations of a municipality: schools, kindergartens, additional education, methodological centres…"""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin


class Organization(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "organizations"
    __table_args__ = (
        Index("ix_organizations_municipality_id_name", "municipality_id", "name"),
        Index("ix_organizations_municipality_id_type_code", "municipality_id", "type_code"),
        CheckConstraint(
            "innovation_level IS NULL OR innovation_level IN ('municipal', 'regional', 'federal')",
            name="innovation_level",
        ),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    type_code: Mapped[str] = mapped_column(ForeignKey("ref_organization_types.code"))
    name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str] = mapped_column(String(200))
    inn: Mapped[str | None] = mapped_column(String(12))
    address: Mapped[str | None] = mapped_column(String(500))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    is_low_results: Mapped[bool] = mapped_column(default=False, server_default="false")  # ШНОР
    is_unfavourable: Mapped[bool] = mapped_column(default=False, server_default="false")  # ШФНСУ
    innovation_level: Mapped[str | None] = mapped_column(String(16))  # инновационная площадка
    is_resource_center: Mapped[bool] = mapped_column(default=False, server_default="false")
    # Providers of professional development courses: state/municipal (273-ФЗ, from 2025-09-01).
    is_state_owned: Mapped[bool] = mapped_column(default=True, server_default="true")
