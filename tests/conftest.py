"""Test harness: a real PostgreSQL (TEST_DATABASE_URL, or the embedded server), schema built by the migrations,
every test inside a transaction that is rolled back."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

os.environ.setdefault("ENVIRONMENT", "test")
os.environ.setdefault("LOGIN_MAX_FAILURES_PER_ADDRESS", "1000")

from app.core.db import Database, get_session
from app.core.migrations import upgrade
from app.main import create_app

ROOT = Path(__file__).resolve().parents[1]


def _server_url() -> tuple[str, object | None]:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        from app.core.settings import Settings

        return Settings(database_url=url).database_url or url, None
    from app.core.embedded_pg import start_embedded

    server, url = start_embedded(ROOT / "var" / "test-pg")
    return url, server


def _with_db(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + name
    return base + (("?" + query) if query else "")


@pytest.fixture(scope="session")
def database_url() -> str:
    """A fresh database per test run on the chosen server, migrated to head."""
    url, _server = _server_url()
    name = f"mms_test_{os.getpid()}"

    async def create() -> None:
        admin = create_async_engine(_with_db(url, "postgres"), isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await admin.dispose()

    asyncio.run(create())
    test_url = _with_db(url, name)
    upgrade(test_url)
    yield test_url

    async def drop() -> None:
        admin = create_async_engine(_with_db(url, "postgres"), isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()

    asyncio.run(drop())


@pytest.fixture(scope="session")
async def engine(database_url: str):  # type: ignore[no-untyped-def]
    Database.configure(database_url)
    yield Database.engine
    await Database.dispose()


@pytest.fixture
async def session(engine) -> AsyncIterator[AsyncSession]:  # type: ignore[no-untyped-def]
    """A session inside an outer transaction that is always rolled back; the app's commits become savepoints."""
    async with engine.connect() as conn:
        trans = await conn.begin()
        s = AsyncSession(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
        try:
            yield s
        finally:
            await s.close()
            await trans.rollback()


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    return create_app()


@pytest.fixture
async def client(app, session: AsyncSession) -> AsyncIterator[AsyncClient]:  # type: ignore[no-untyped-def]
    async def override() -> AsyncIterator[AsyncSession]:
        # Like the real dependency: the request's work commits (to a savepoint) or rolls back as a whole.
        nested = await session.begin_nested()
        try:
            yield session
            if nested.is_active:
                await nested.commit()
        except BaseException:
            if nested.is_active:
                await nested.rollback()
            raise

    app.dependency_overrides[get_session] = override
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c
    app.dependency_overrides.clear()


@pytest.fixture
async def raw_client(app, engine) -> AsyncIterator[AsyncClient]:  # type: ignore[no-untyped-def]
    """A client on real, committed transactions (for concurrency tests): data must be tenant-unique."""
    app.dependency_overrides.clear()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
        yield c


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"
