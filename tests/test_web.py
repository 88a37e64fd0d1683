"""How the server hands out the SPA and the API docs: client routes fall back to index.html, security headers,
and Swagger UI from self-hosted assets (closed school networks have no CDN)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from app.core.settings import get_settings
from app.main import create_app


@pytest.fixture
async def web(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncClient]:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "api-docs").mkdir()
    (dist / "index.html").write_text("<!doctype html><title>SPA</title><div id=root></div>", encoding="utf-8")
    (dist / "assets" / "app.js").write_text("console.log(1);\n" * 200, encoding="utf-8")
    (dist / "api-docs" / "swagger-ui-bundle.js").write_text("/* swagger */", encoding="utf-8")
    (dist / "api-docs" / "swagger-ui.css").write_text("/* swagger */", encoding="utf-8")
    monkeypatch.setenv("FRONTEND_DIST", str(dist))
    get_settings.cache_clear()
    try:
        app = create_app()
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            yield c
    finally:
        get_settings.cache_clear()


async def test_client_routes_fall_back_to_index_with_a_strict_csp(web: AsyncClient) -> None:
    r = await web.get("/teachers/0b7f6a52-8a38-4b0e-9d0e-0f3c8b9f1a11/edit")
    assert r.status_code == 200
    assert "<div id=root>" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    asset = await web.get("/assets/app.js", headers={"Accept-Encoding": "gzip"})
    assert asset.status_code == 200 and asset.text == "console.log(1);\n" * 200
    assert asset.headers["content-encoding"] == "gzip"  # the bundle travels compressed
    assert "immutable" in asset.headers["cache-control"]  # hashed names: cached for a year


async def test_unknown_api_path_is_problem_json_not_the_spa(web: AsyncClient) -> None:
    r = await web.get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["cache-control"] == "no-store"
    assert "content-encoding" not in r.headers


async def test_docs_use_self_hosted_swagger_ui(web: AsyncClient) -> None:
    r = await web.get("/docs")
    assert r.status_code == 200
    assert "/api-docs/swagger-ui-bundle.js" in r.text
    assert "/api-docs/swagger-ui.css" in r.text
    assert "cdn." not in r.text and "https://" not in r.text
    assert "/api/v1/openapi.json" in r.text
    js = await web.get("/api-docs/swagger-ui-bundle.js")
    assert js.status_code == 200


async def test_docs_without_a_built_spa_say_how_to_build_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTEND_DIST", str(tmp_path / "missing"))
    get_settings.cache_clear()
    try:
        app = create_app()
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as c:
            r = await c.get("/docs")
    finally:
        get_settings.cache_clear()
    assert r.status_code == 503
    assert "make build-frontend" in r.text


async def test_request_id_is_echoed_only_when_it_is_a_plain_token(web: AsyncClient) -> None:
    ok = await web.get("/api/v1/health", headers={"X-Request-ID": "abc-123"})
    assert ok.headers["x-request-id"] == "abc-123"
    forged = await web.get("/api/v1/health", headers={"X-Request-ID": "x" * 65})
    assert len(forged.headers["x-request-id"]) == 32  # replaced by our own id (it goes into logs and audit)
