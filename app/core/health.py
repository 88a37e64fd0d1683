"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from app.core.db import Database

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str
    database: bool
    migrations_at_head: bool
    revision: str | None = None


@router.get("/health", operation_id="health", response_model=Health)
async def health() -> Health:
    return Health(status="ok")


@router.get("/ready", operation_id="ready", response_model=Ready, responses={503: {"model": Ready}})
async def ready() -> JSONResponse:
    from app.core.migrations import head_revision

    db_ok, revision = False, None
    try:
        assert Database.engine is not None
        async with Database.engine.connect() as conn:
            revision = await conn.scalar(text("SELECT version_num FROM alembic_version LIMIT 1"))
            db_ok = True
    except Exception:
        db_ok = False
    at_head = db_ok and revision == head_revision()
    body = Ready(
        status="ok" if at_head else "unavailable",
        database=db_ok,
        migrations_at_head=at_head,
        revision=revision,
    )
    return JSONResponse(body.model_dump(), status_code=200 if at_head else 503)
