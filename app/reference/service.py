"""Checks of codes against reference dictionaries, so a bad code is a 422 on its field, not a 409."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import FieldError, Unprocessable
from app.core.search import fold


async def ensure_codes(session: AsyncSession, model: Any, codes: list[str], field: str) -> None:
    wanted = set(codes)
    if not wanted:
        return
    found = set((await session.scalars(select(model.code).where(model.code.in_(wanted)))).all())
    missing = sorted(wanted - found)
    if missing:
        raise Unprocessable(
            "Значение не найдено в справочнике",
            errors=[FieldError(field=field, message=f"Нет в справочнике: {', '.join(missing)}", code="unknown_code")],
        )


async def name_index(session: AsyncSession, model: Any) -> dict[str, str]:
    """folded name (lower case, ё = е) → code, for importers that receive Russian names."""
    rows = (await session.execute(select(model.code, model.name))).all()
    return {fold(name): code for code, name in rows}


_NAMES: dict[str, dict[str, str]] = {}


async def reference_names(session: AsyncSession, model: Any) -> dict[str, str]:
    """code → name of a dictionary, cached per process: dictionaries change only through migrations."""
    cached = _NAMES.get(model.__tablename__)
    if cached is None:
        cached = dict((await session.execute(select(model.code, model.name))).all())
        _NAMES[model.__tablename__] = cached
    return cached
