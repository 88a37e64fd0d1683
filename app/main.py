"""The FastAPI application: routers under /api/v1, problem+json errors, access log without personal data,
and the built SPA served at / with client-side routes falling back to index.html."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.associations.router import router as associations_router
from app.attestation.router import router as attestation_router
from app.audit.router import router as audit_router
from app.auth.router import router as auth_router
from app.clients.router import router as clients_router
from app.core.db import Database
from app.core.errors import allowed_methods, install_error_handlers, unhandled_error
from app.core.guards import RejectNulMiddleware, reject_unknown_query_params
from app.core.health import router as health_router
from app.core.openapi import install_openapi
from app.core.settings import API_PREFIX, get_settings
from app.courses.router import router as courses_router
from app.diagnostics.router import assignments_router as diagnostic_assignments_router
from app.diagnostics.router import campaigns_router as diagnostic_campaigns_router
from app.diagnostics.router import corporate_router as corporate_deficits_router
from app.diagnostics.router import frameworks_router as diagnostic_frameworks_router
from app.diagnostics.router import profiles_router as deficit_profiles_router
from app.diagnostics.router import router as diagnostic_instruments_router
from app.documents.router import requirements_router as document_requirements_router
from app.documents.router import router as documents_router
from app.events.awards_router import router as awards_router
from app.events.feeds_router import router as calendar_feeds_router
from app.events.participation_router import router as participations_router
from app.events.router import materials_router as event_materials_router
from app.events.router import router as events_router
from app.events.router import series_router as event_series_router
from app.files.router import router as files_router
from app.growth.router import router as growth_router
from app.help_requests.router import router as help_requests_router
from app.jobs.router import router as jobs_router
from app.kpi.router import router as kpi_router
from app.mentoring.router import router as mentoring_router
from app.notifications.router import router as notifications_router
from app.organizations.router import router as organizations_router
from app.practices.router import router as practices_router
from app.reference.router import router as reference_router
from app.routes.router import router as individual_routes_router
from app.teachers.router import router as teachers_router
from app.tenants.router import router as tenants_router
from app.users.router import router as users_router

# The SPA loads only its own scripts, styles and fonts (no CDN); styles allow inline attributes (UI kit).
SPA_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Swagger UI (/docs) starts from one inline script; everything else is still self-hosted.
DOCS_CSP = SPA_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
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
    worker = None
    if settings.worker_in_server and Database.engine is not None:
        from app.jobs.queue import start_inline_worker

        worker = start_inline_worker(
            Database.engine.url.render_as_string(hide_password=False), settings.jobs_worker_concurrency
        )
    # Everything loaded so far (modules, routes, schemas, SQL constructs) lives as long as the process: move it out
    # of the garbage collector's sight, so collections during requests only walk what requests allocate (measured:
    # the teacher list's rows cost a fifth of their time in full collections walking the start-up objects).
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await worker
        if owned:
            await Database.dispose()
        if embedded is not None:
            from app.core.embedded_pg import stop_embedded

            stop_embedded(embedded)


class RequestContextMiddleware:
    """Request id, security headers, no-store for the API, and an access log line without personal data.

    A plain ASGI middleware (not BaseHTTPMiddleware): it only edits the response start message, so it adds
    no task or stream per request. Only method, path (UUIDs, never names) and status are logged: query
    strings may hold personal data.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        headers = Headers(scope=scope)
        given = headers.get("x-request-id", "")
        # A caller's id is kept only if it is a plain token: it goes into logs and the audit trail.
        request_id = given if REQUEST_ID_RE.fullmatch(given) else uuid.uuid4().hex
        path: str = scope["path"]
        status = 500
        started = False
        scope.setdefault("state", {})["request_id"] = request_id  # the audit log records the same id

        async def send_with_headers(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                out = MutableHeaders(scope=message)
                out["X-Request-ID"] = request_id
                for name, value in SECURITY_HEADERS.items():
                    out.setdefault(name, value)
                if path.startswith(API_PREFIX):
                    out.setdefault("Cache-Control", "no-store")
                else:
                    if path.startswith("/assets/") and status == 200:
                        out["Cache-Control"] = "public, max-age=31536000, immutable"  # content-hashed file names
                    out.setdefault("Content-Security-Policy", DOCS_CSP if path == "/docs" else SPA_CSP)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            # Answered and logged here (class and request id only) instead of re-raised to the server, whose
            # traceback log would quote the exception's message: SQL parameters, names, search text.
            if not started:
                await unhandled_error(exc, request_id)(scope, receive, send_with_headers)
            else:
                unhandled_error(exc, request_id)
        finally:
            access_log.info(
                "%s %s %s %.1fms rid=%s",
                scope["method"],
                path,
                status,
                (time.perf_counter() - start) * 1000,
                request_id,
            )


class CompressStaticMiddleware:
    """Gzip for the SPA bundle and the Swagger UI files (megabytes over school networks); API responses stay
    uncompressed (no compression of pages that carry secrets, and no CPU spent on small JSON)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=1024, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(("/assets/", "/api-docs/")):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)


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
        docs_url=None,  # served below from self-hosted assets
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
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

    app.add_middleware(RejectNulMiddleware)
    app.add_middleware(CompressStaticMiddleware)
    app.add_middleware(RequestContextMiddleware)

    api = APIRouter(prefix=API_PREFIX, dependencies=[Depends(reject_unknown_query_params)])
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
        jobs_router,
        files_router,
        courses_router,
        attestation_router,
        mentoring_router,
        events_router,
        event_series_router,
        event_materials_router,
        participations_router,
        awards_router,
        calendar_feeds_router,
        growth_router,
        documents_router,
        document_requirements_router,
        practices_router,
        associations_router,
        notifications_router,
        help_requests_router,
        diagnostic_frameworks_router,
        diagnostic_instruments_router,
        diagnostic_campaigns_router,
        diagnostic_assignments_router,
        deficit_profiles_router,
        corporate_deficits_router,
        individual_routes_router,
        kpi_router,
    ):
        api.include_router(r)
    app.include_router(api)
    install_openapi(app)

    @app.api_route(
        f"{API_PREFIX}/{{path:path}}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    async def api_not_found(path: str, request: Request) -> JSONResponse:
        if allowed_methods(request):  # a known path, another method: 405 with every method of the path
            raise StarletteHTTPException(405)
        return JSONResponse(
            {"type": "about:blank", "title": "Не найдено", "status": 404, "code": "not_found"},
            status_code=404,
            media_type="application/problem+json",
        )

    _mount_docs(app, settings.frontend_dist)
    _mount_spa(app, settings.frontend_dist, serve_source_maps=not settings.is_production)
    return app


def _mount_docs(app: FastAPI, dist: Path) -> None:
    """Interactive API docs (Swagger UI) from the assets the SPA build ships: no CDN, works offline."""
    assets = dist.resolve() / "api-docs"

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        if not (assets / "swagger-ui-bundle.js").is_file():
            return HTMLResponse(
                "<!doctype html><html lang='ru'><meta charset='utf-8'><title>Документация API</title>"
                "<p>Интерактивная документация появится после сборки интерфейса (<code>make build-frontend</code>)."
                f" Описание API: <a href='{API_PREFIX}/openapi.json'>{API_PREFIX}/openapi.json</a>.</p></html>",
                status_code=503,
            )
        return get_swagger_ui_html(
            openapi_url=f"{API_PREFIX}/openapi.json",
            title="Методическая служба — API",
            swagger_js_url="/api-docs/swagger-ui-bundle.js",
            swagger_css_url="/api-docs/swagger-ui.css",
            swagger_favicon_url="/favicon.svg",
            swagger_ui_parameters={"persistAuthorization": False, "validatorUrl": None},
        )


class _AssetFiles(StaticFiles):
    """The SPA's assets; in production without source maps (a build made with SOURCEMAP=1 must not publish the
    full source through them)."""

    def __init__(self, *, serve_source_maps: bool, **kw: Any) -> None:
        super().__init__(**kw)
        self.serve_source_maps = serve_source_maps

    async def get_response(self, path: str, scope: Scope) -> Response:
        if not self.serve_source_maps and path.endswith(".map"):
            raise StarletteHTTPException(404)
        return await super().get_response(path, scope)


def _mount_spa(app: FastAPI, dist: Path, serve_source_maps: bool = True) -> None:
    dist = dist.resolve()
    index = dist / "index.html"
    if not index.exists():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", _AssetFiles(directory=dist / "assets", serve_source_maps=serve_source_maps), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> Response:
        if not serve_source_maps and path.endswith(".map"):
            raise StarletteHTTPException(404)
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist in candidate.parents:
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


app = create_app()
