"""Every SQL statement of the reference dictionaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession


async def active(session: AsyncSession, model: Any) -> Sequence[Any]:
    return (
        await session.scalars(select(model).where(model.is_active.is_(True)).order_by(model.sort_order, model.name))
    ).all()


async def existing_codes(session: AsyncSession, model: Any, codes: set[str]) -> set[str]:
    return set((await session.scalars(select(model.code).where(model.code.in_(codes)))).all())


async def code_names(session: AsyncSession, model: Any) -> list[tuple[str, str]]:
    return [(c, n) for c, n in (await session.execute(select(model.code, model.name))).all()]
