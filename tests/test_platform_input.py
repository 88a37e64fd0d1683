"""Bad input never answers 500 and never leaks into logs: NUL characters, numbers out of range, unknown query
parameters, broken bodies and wrong methods all answer a Russian problem+json."""

from __future__ import annotations

import logging

import pytest

from tests.factories import make_tenant

PROBLEM = "application/problem+json"


def _is_422_problem(r) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == 422 and body["title"] == "Ошибка в данных"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/teachers?q=%D0%98%00",
        "/api/v1/teachers?external_system=a%00b",
        "/api/v1/organizations?q=%00",
        "/api/v1/municipalities?q=x%00",
        "/api/v1/audit-events?entity_type=%00",
        "/api/v1/users?q=%00",
        "/api/v1/teachers/export?q=%00",
    ],
)
async def test_nul_in_a_query_string_is_422(client, session, path: str) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.get(path, headers=t.headers("sysadmin"))
    _is_422_problem(r)
    assert r.json()["errors"][0]["code"] == "nul_character"
    assert r.json()["errors"][0]["field"].startswith("query.")


async def test_nul_in_the_unauthenticated_login_form_is_422(client) -> None:  # type: ignore[no-untyped-def]
    for data in (
        {"grant_type": "password", "username": "a\x00@b.ru", "password": "x"},
        {"grant_type": "password", "username": "a@b.ru", "password": "x\x00y"},
        {"grant_type": "refresh_token", "refresh_token": "\x00"},
        {"grant_type": "client_credentials", "client_id": "mms_\x00", "client_secret": "s"},
    ):
        r = await client.post("/api/v1/auth/token", data=data)
        _is_422_problem(r)
        assert r.json()["errors"][0]["code"] == "nul_character"


async def test_nul_in_a_json_string_is_422_and_nothing_is_saved(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    url = f"/api/v1/teachers/{t.teacher.id}"
    etag = (await client.get(url, headers=h)).headers["etag"]
    r = await client.patch(url, json={"last_name": "Ива\x00нова"}, headers={**h, "If-Match": etag})
    _is_422_problem(r)
    assert r.json()["errors"][0]["field"] == "body"
    r = await client.post(
        "/api/v1/organizations",
        json={"municipality_id": str(t.municipality.id), "type_code": "sosh", "name": "Школа\x00", "short_name": "x"},
        headers=h,
    )
    _is_422_problem(r)
    # a literal backslash-u text is not a NUL
    r = await client.patch(url, json={"middle_name": "\\u0000"}, headers={**h, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["middle_name"] == "\\u0000"


async def test_nul_in_a_multipart_text_field_is_not_a_500(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.post(
        "/api/v1/teachers/import",
        headers=t.headers("school_admin"),
        data={"organization_id": str(t.org.id), "dry_run": "true", "external_system": "hr\x00"},
        files={"file": ("t.csv", "Фамилия;Имя\nИванова;Мария\n".encode(), "text/csv")},
    )
    assert r.status_code < 500, r.text


@pytest.mark.parametrize("offset", [str(2**63), str(2**64), "99999999999999999999999999"])
async def test_offset_beyond_int64_is_422(client, session, offset: str) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    for path in ("/api/v1/teachers", "/api/v1/organizations", "/api/v1/regions", "/api/v1/audit-events"):
        r = await client.get(path, params={"offset": offset}, headers=t.headers("sysadmin"))
        _is_422_problem(r)
        assert r.json()["errors"][0]["field"] == "query.offset"
    r = await client.get("/api/v1/teachers", params={"offset": str(2**63 - 1)}, headers=t.headers("sysadmin"))
    assert r.status_code == 200 and r.json()["items"] == []


async def test_a_name_in_a_failing_search_is_in_no_log_record(client, session, caplog) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    caplog.set_level(logging.DEBUG)
    r = await client.get("/api/v1/teachers", params={"q": "Засекреченная\x00"}, headers=t.headers("department"))
    _is_422_problem(r)
    logged = "\n".join(
        rec.getMessage() + (logging.Formatter().formatException(rec.exc_info) if rec.exc_info else "")
        for rec in caplog.records
    )
    assert "Засекреченная" not in logged


async def test_database_errors_never_quote_sql_parameters(engine) -> None:  # type: ignore[no-untyped-def]
    """The engine hides parameters: an error raised (and logged by whoever catches it) has no name in it."""
    from sqlalchemy import text

    async with engine.connect() as conn:
        with pytest.raises(Exception) as info:
            await conn.execute(text("SELECT 1 / 0 WHERE :name <> ''"), {"name": "Смирнова Анна"})
    assert "Смирнова" not in str(info.value)
    assert "hidden" in str(info.value)


async def test_unhandled_errors_log_the_class_and_request_id_only(client, session, caplog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An unexpected database error whose driver message quotes a name (asyncpg does: "invalid input for query
    argument $1: 'Смирнова Анна'"): 500 problem, and the log has the class and request id, no message or traceback."""
    from sqlalchemy import text

    from app.teachers import service

    t = await make_tenant(session)

    async def broken_update(session, *_a, **_kw):  # type: ignore[no-untyped-def]
        await session.execute(text("SELECT CAST(:v AS integer)"), {"v": "Смирнова Анна"})

    monkeypatch.setattr(service, "update_teacher", broken_update)
    caplog.set_level(logging.DEBUG)
    h = t.headers("department")
    url = f"/api/v1/teachers/{t.teacher.id}"
    etag = (await client.get(url, headers=h)).headers["etag"]
    r = await client.patch(
        url, json={"last_name": "Петрова"}, headers={**h, "If-Match": etag, "X-Request-ID": "rid-500"}
    )
    assert r.status_code == 500
    assert r.headers["content-type"].startswith(PROBLEM) and r.json()["title"] == "Внутренняя ошибка сервера"
    assert r.json()["request_id"] == "rid-500"
    records = [rec for rec in caplog.records if "rid-500" in rec.getMessage() and rec.levelno >= logging.ERROR]
    assert records and "DBAPIError" in records[0].getMessage()
    for rec in caplog.records:
        assert "Смирнова" not in rec.getMessage()
        assert "Петрова" not in rec.getMessage()
        assert rec.exc_info is None or "Смирнова" not in logging.Formatter().formatException(rec.exc_info)


async def test_null_for_a_field_that_cannot_be_empty_is_a_field_error_not_a_conflict(client, session) -> None:  # type: ignore[no-untyped-def]
    """Found by schemathesis: `{"young_rule": null}` reached the database (NOT NULL) and answered 409."""
    from tests.factories import make_tenant

    t = await make_tenant(session)
    h = t.headers("department")
    for url, body in (
        (f"/api/v1/municipalities/{t.municipality.id}", {"young_rule": None}),
        (f"/api/v1/clients/{t.clients['client_kpi'].id}", {"name": None, "is_active": False}),
        (f"/api/v1/organizations/{t.org.id}", {"short_name": None}),
        (f"/api/v1/teachers/{t.teacher.id}", {"last_name": None}),
    ):
        resp = await client.patch(url, json=body, headers=h)
        assert resp.status_code == 422, (url, resp.text)
        [error] = [e for e in resp.json()["errors"] if e["code"] == "null_not_allowed"]
        assert error["field"] == f"body.{next(iter(body))}" and "не может быть пустым" in error["message"]
    # leaving a field out still means "unchanged", and clearable fields still take null
    ok = await client.patch(f"/api/v1/organizations/{t.org.id}", json={"address": None}, headers=h)
    assert ok.status_code == 200, ok.text
