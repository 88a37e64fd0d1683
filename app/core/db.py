"""Database engine, session-per-request, declarative base with a constraint naming convention."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends
from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    # Python-side values, so nothing has to be re-fetched after a flush (async sessions cannot lazy-load).
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )


class VersionedMixin:
    """Optimistic locking: the ORM adds `WHERE version = :old` to every UPDATE and bumps the number."""

    version: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.version}


class ArchivableMixin:
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    archive_reason: Mapped[str | None]


class Database:
    """Holds the engine; created once by the app's lifespan or the CLI."""

    engine: AsyncEngine | None = None
    sessionmaker: async_sessionmaker[AsyncSession] | None = None

    @classmethod
    def configure(cls, url: str, **kwargs: object) -> None:
        # No pre-ping: with asyncpg it costs three round trips (BEGIN; ping; ROLLBACK) on every request. A dropped
        # connection instead fails the one request that meets it and invalidates the pool; connections are also
        # recycled every 30 minutes so a restarted or fail-over server is picked up.
        # hide_parameters: database errors (logged or raised) never quote SQL parameters — names, search text, logins.
        options: dict[str, object] = {
            "pool_pre_ping": False,
            "pool_recycle": 1800,
            "pool_size": 10,
            "max_overflow": 10,
            "hide_parameters": True,
        }
        options.update(kwargs)
        cls.engine = create_async_engine(url, **options)  # type: ignore[arg-type]
        cls.sessionmaker = async_sessionmaker(cls.engine, expire_on_commit=False)

    @classmethod
    async def dispose(cls) -> None:
        if cls.engine is not None:
            await cls.engine.dispose()
        cls.engine = None
        cls.sessionmaker = None


async def get_session() -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit on success, roll back on any error.

    Used with `scope="function"` (SessionDep): the commit runs when the endpoint returns, BEFORE the response is
    sent, so a 2xx means the data is saved and a failed commit (unique/FK violation, stale version) is turned
    into a 409/412 problem by the error handlers instead of being lost after a 200."""
    assert Database.sessionmaker is not None, "database is not configured"
    session = Database.sessionmaker()
    try:
        yield session
        # A request that never touched the database (a read served from memory) has nothing to commit or release:
        # it skips the three round trips through the greenlet bridge.
        if session.in_transaction():
            await session.commit()
    except BaseException:
        if session.in_transaction():
            await session.rollback()
        raise
    finally:
        if session.in_transaction() or session.identity_map or session.new or session.deleted:
            await session.close()


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
