"""Migrations: an empty database upgrades to head, downgrades to base and upgrades again."""

from __future__ import annotations

import asyncio
import os

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.migrations import downgrade, head_revision, upgrade
from tests.conftest import _with_db


def _tables(url: str) -> set[str]:
    async def go() -> set[str]:
        eng = create_async_engine(url)
        async with eng.connect() as conn:
            rows = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            out = {r[0] for r in rows}
        await eng.dispose()
        return out

    return asyncio.run(go())


def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    name = f"mms_migr_{os.getpid()}"

    async def admin(sql: str) -> None:
        eng = create_async_engine(_with_db(database_url, "postgres"), isolation_level="AUTOCOMMIT")
        async with eng.connect() as conn:
            await conn.execute(text(sql))
        await eng.dispose()

    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = _with_db(database_url, name)
    try:
        upgrade(url)
        assert {"teachers", "organizations", "audit_events", "ref_positions"} <= _tables(url)
        downgrade(url, "base")
        assert _tables(url) <= {"alembic_version"}
        upgrade(url)
        assert "teachers" in _tables(url)
        assert head_revision() is not None
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
