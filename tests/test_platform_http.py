"""The framework's own answers are in the house style too: a broken body or multipart is a Russian problem+json,
and 405 names every method of the path in `Allow`."""

from __future__ import annotations

import pytest

from tests.factories import make_tenant

PROBLEM = "application/problem+json"


async def test_broken_multipart_is_a_russian_400(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    for content_type in ("multipart/form-data", "multipart/form-data; boundary="):
        r = await client.post(
            "/api/v1/teachers/import",
            content=b"--xx\r\nbroken",
            headers={**t.headers("school_admin"), "Content-Type": content_type},
        )
        assert r.status_code == 400, r.text
        assert r.headers["content-type"].startswith(PROBLEM)
        body = r.json()
        assert body["code"] == "bad_body"
        assert body["title"] == "Некорректный запрос"
        assert body["detail"].startswith("Не удалось разобрать тело запроса")
        assert "boundary" not in body["detail"].split(":")[0]  # no English from the parser


async def test_broken_json_is_a_russian_422(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.post(
        "/api/v1/organizations",
        content=b'{"name": "x",',
        headers={**t.headers("department"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["errors"][0]["message"] == "Некорректный JSON"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/v1/teachers/0b7f6a52-8a38-4b0e-9d0e-0f3c8b9f1a11", "GET, PATCH"),
        ("PUT", "/api/v1/teachers", "GET, POST"),
        ("OPTIONS", "/api/v1/teachers", "GET, POST"),
        ("DELETE", "/api/v1/organizations", "GET, POST"),
        ("POST", "/api/v1/health", "GET"),
        ("GET", "/api/v1/auth/token", "POST"),
    ],
)
async def test_405_allow_lists_every_method_of_the_path(client, method: str, path: str, allow: str) -> None:  # type: ignore[no-untyped-def]
    r = await client.request(method, path)
    assert r.status_code == 405, r.text
    assert r.headers["allow"] == allow
    assert r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["code"] == "method_not_allowed" and r.json()["title"] == "Метод не поддерживается"


async def test_unknown_api_path_is_still_404(client) -> None:  # type: ignore[no-untyped-def]
    r = await client.delete("/api/v1/no-such-thing/1")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
