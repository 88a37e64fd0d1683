"""The FastAPI application: routers under /api/v1, problem+json errors, access log without personal data,
and the built SPA served at / with client-side routes falling back to index.html."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from starlette.staticfiles import StaticFiles

from app.audit.router import router as audit_router
from app.auth.clients import router as clients_router
from app.auth.router import router as auth_router
from app.auth.users import router as users_router
from app.core.db import Database
from app.core.errors import install_error_handlers
from app.core.health import router as health_router
from app.core.settings import get_settings
from app.organizations.router import router as organizations_router
from app.reference.router import router as reference_router
from app.teachers.router import router as teachers_router
from app.tenants.router import router as tenants_router

API_PREFIX = "/api/v1"
access_log = logging.getLogger("mms.access")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    settings.check_production_ready()
    embedded = None
    if Database.engine is None:
        url = settings.database_url
        if url is None:
            from app.core.embedded_pg import start_embedded

            embedded, url = start_embedded(settings.data_dir)
        Database.configure(url)
        owned = True
    else:
        owned = False  # configured by tests or the CLI
    try:
        yield
    finally:
        if owned:
            await Database.dispose()
        if embedded is not None:
            from app.core.embedded_pg import stop_embedded

            stop_embedded(embedded)


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title="Муниципальная методическая служба — API",
        version="1.0.0",
        description=(
            "REST API методической службы: организации, педагоги, диагностика дефицитов, маршруты, "
            "мероприятия, показатели. Ошибки — RFC 9457 `application/problem+json` с полем `code`. "
            "Списки — `limit`/`offset`, `total` в ответе. Изменения — с `If-Match` (ETag), 412 при конфликте."
        ),
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        docs_url="/docs",
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
        swagger_ui_parameters={"persistAuthorization": False},
    )
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag"],
        )

    @app.middleware("http")
    async def request_context(request: Request, call_next):  # type: ignore[no-untyped-def]
        # Only method, path (UUIDs, never names) and status are logged: query strings may hold personal data.
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        start = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Request-ID"] = request_id
        if request.url.path.startswith(API_PREFIX):
            response.headers.setdefault("Cache-Control", "no-store")
        access_log.info(
            "%s %s %s %.1fms rid=%s",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - start) * 1000,
            request_id,
        )
        return response

    api = APIRouter(prefix=API_PREFIX)
    for r in (
        health_router,
        auth_router,
        tenants_router,
        organizations_router,
        teachers_router,
        reference_router,
        users_router,
        clients_router,
        audit_router,
    ):
        api.include_router(r)
    app.include_router(api)

    @app.api_route(
        f"{API_PREFIX}/{{path:path}}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    async def api_not_found(path: str) -> JSONResponse:
        return JSONResponse(
            {"type": "about:blank", "title": "Не найдено", "status": 404, "code": "not_found"},
            status_code=404,
            media_type="application/problem+json",
        )

    _mount_spa(app, settings.frontend_dist)
    return app


def _mount_spa(app: FastAPI, dist: Path) -> None:
    dist = dist.resolve()
    index = dist / "index.html"
    if not index.exists():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> FileResponse:
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist in candidate.parents:
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


app = create_app()
