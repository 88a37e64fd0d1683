"""Source maps (the full SPA source) are not published in production."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from app.core.settings import get_settings
from app.main import create_app

ROOT = Path(__file__).resolve().parents[1]


async def _client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environment: str) -> AsyncIterator[AsyncClient]:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>SPA</title><div id=root></div>", encoding="utf-8")
    (dist / "assets" / "index-abc123.js").write_text("console.log(1);\n//# sourceMappingURL=index-abc123.js.map\n")
    (dist / "assets" / "index-abc123.js.map").write_text('{"version":3,"sourcesContent":["const secret = 1"]}')
    (dist / "app.js.map").write_text('{"version":3}')
    monkeypatch.setenv("FRONTEND_DIST", str(dist))
    monkeypatch.setenv("ENVIRONMENT", environment)
    get_settings.cache_clear()
    try:
        async with AsyncClient(transport=ASGITransport(app=create_app()), base_url="http://test") as c:
            yield c
    finally:
        get_settings.cache_clear()


@pytest.fixture
async def production(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncClient]:
    async for c in _client(tmp_path, monkeypatch, "production"):
        yield c


@pytest.fixture
async def development(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[AsyncClient]:
    async for c in _client(tmp_path, monkeypatch, "development"):
        yield c


async def test_source_maps_are_404_in_production(production: AsyncClient) -> None:
    assert (await production.get("/assets/index-abc123.js")).status_code == 200
    for path in ("/assets/index-abc123.js.map", "/app.js.map", "/assets/missing.js.map"):
        r = await production.get(path)
        assert r.status_code == 404, path
        assert "sourcesContent" not in r.text and "<div id=root>" not in r.text


async def test_source_maps_are_served_in_development(development: AsyncClient) -> None:
    r = await development.get("/assets/index-abc123.js.map")
    assert r.status_code == 200 and "sourcesContent" in r.text


def test_the_production_build_makes_no_source_maps() -> None:
    config = (ROOT / "frontend" / "vite.config.ts").read_text(encoding="utf-8")
    assert "sourcemap: true" not in config
    assert "sourcemap: process.env.SOURCEMAP === '1'" in config
