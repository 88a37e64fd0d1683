"""Users, their role assignments, refresh tokens, machine clients, and failed sign-in records."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, CheckConstraint, DateTime, ForeignKey, ForeignKeyConstraint, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin, utcnow

ROLES = ("sysadmin", "department", "methodologist", "school_admin", "association_leader", "teacher")


class User(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    __tablename__ = "users"
    __table_args__ = (Index("ix_users_municipality_id_email", "municipality_id", "email"),)

    # Home tenant for listing; NULL for system and regional users.
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    email: Mapped[str] = mapped_column(String(254), unique=True)  # the login, stored lower-case
    full_name: Mapped[str] = mapped_column(String(300))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Raised when the password changes or the account is switched off: older access tokens (claim `cv`) stop working.
    credentials_version: Mapped[int] = mapped_column(default=0, server_default="0")

    roles: Mapped[list[RoleAssignment]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="RoleAssignment.created_at"
    )


class RoleAssignment(IdMixin, TimestampMixin, Base):
    __tablename__ = "role_assignments"
    __table_args__ = (
        Index("ix_role_assignments_user_id", "user_id"),
        CheckConstraint(
            "role IN ('sysadmin','department','methodologist','school_admin','association_leader','teacher')",
            name="role",
        ),
        # Each role has exactly the scope columns it needs (see app/auth/roles.py for the API's check).
        CheckConstraint(
            "(role = 'sysadmin' AND num_nonnulls(region_id, municipality_id, organization_id, teacher_id) = 0)"
            " OR (role IN ('department','methodologist') AND num_nonnulls(region_id, municipality_id) = 1"
            " AND organization_id IS NULL AND teacher_id IS NULL)"
            " OR (role = 'school_admin' AND organization_id IS NOT NULL AND municipality_id IS NOT NULL"
            " AND region_id IS NULL AND teacher_id IS NULL)"
            " OR (role = 'association_leader' AND municipality_id IS NOT NULL"
            " AND region_id IS NULL AND organization_id IS NULL AND teacher_id IS NULL)"
            " OR (role = 'teacher' AND teacher_id IS NOT NULL AND municipality_id IS NOT NULL"
            " AND region_id IS NULL AND organization_id IS NULL)",
            name="scope",
        ),
        # A school's or a teacher's municipality is the role's own: a role cannot span two municipalities.
        ForeignKeyConstraint(
            ["organization_id", "municipality_id"],
            ["organizations.id", "organizations.municipality_id"],
            name="fk_role_assignments_organization_municipality",
        ),
        ForeignKeyConstraint(
            ["teacher_id", "municipality_id"],
            ["teachers.id", "teachers.municipality_id"],
            name="fk_role_assignments_teacher_municipality",
        ),
        # An association leader's role names the association it leads (app/associations).
        ForeignKeyConstraint(
            ["association_id", "municipality_id"],
            ["associations.id", "associations.municipality_id"],
            name="fk_role_assignments_association_municipality",
        ),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))
    region_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("regions.id"))
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipalities.id"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    teacher_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teachers.id"))
    association_id: Mapped[uuid.UUID | None]  # the association an `association_leader` leads


class RefreshToken(IdMixin, Base):
    """Opaque refresh tokens, stored as SHA-256; one family per sign-in, rotated on every use."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("ix_refresh_tokens_family_id", "family_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[uuid.UUID]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiClient(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A machine client (integration) using the client-credentials grant, limited to one municipality."""

    __tablename__ = "api_clients"
    __table_args__ = (Index("ix_api_clients_municipality_id_name", "municipality_id", "name"),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    name: Mapped[str] = mapped_column(String(200))
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Raised on a new secret or when the client is switched off: older access tokens (claim `cv`) stop working.
    credentials_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class LoginFailure(IdMixin, Base):
    """Failed sign-ins by hashed key (`account:<login>` or `address:<ip>`), for throttling."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_hash_at", "key_hash", "at"),)

    key_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
