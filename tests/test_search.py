"""Text search in every list: case-insensitive, «ё» and «е» are the same letter (users type either)."""

from __future__ import annotations

import pytest

from tests.factories import make_teacher, make_tenant

FEDOROVA_QUERIES = ["Фёдорова", "Федорова", "ФЁД", "фед", "ФЕДОРОВА МАРИЯ"]


@pytest.mark.parametrize("stored", ["Федорова", "Фёдорова"])
@pytest.mark.parametrize("typed", FEDOROVA_QUERIES)
async def test_teacher_name_search_ignores_case_and_yo(client, session, stored: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    target = await make_teacher(session, t.municipality, t.org, last_name=stored, first_name="Мария")
    resp = await client.get("/api/v1/teachers", params={"q": typed}, headers=t.headers("department"))
    assert resp.status_code == 200
    assert [i["id"] for i in resp.json()["items"]] == [str(target.id)], f"«{typed}» must find «{stored}»"


async def test_teacher_first_name_with_yo(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)  # teacher2 is «Петров Пётр Петрович»
    for typed in ("Петр Петрович", "ПЁТР петрович", "петрович пётр"):
        resp = await client.get("/api/v1/teachers", params={"q": typed}, headers=t.headers("department"))
        ids = [i["id"] for i in resp.json()["items"]]
        assert ids == [str(t.teacher2.id)], typed


async def test_search_text_percent_is_literal(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    resp = await client.get("/api/v1/teachers", params={"q": "%"}, headers=t.headers("department"))
    assert resp.status_code == 200 and resp.json()["total"] == 0


async def test_organization_search_ignores_case_and_yo(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    t.org.name = "Школа имени Алёши Королёва"
    t.org.short_name = "Школа Королёва"
    await session.flush()
    for typed in ("королев", "КОРОЛЁВА", "алеши"):
        resp = await client.get("/api/v1/organizations", params={"q": typed}, headers=t.headers("department"))
        assert [i["id"] for i in resp.json()["items"]] == [str(t.org.id)], typed


async def test_user_search_ignores_case_and_yo(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    user = t.users["methodologist"]
    user.full_name = "Сёмина Алёна"
    await session.flush()
    for typed in ("семина", "СЁМИНА АЛЁНА"[:6], "Алена"):
        resp = await client.get("/api/v1/users", params={"q": typed}, headers=t.headers("department"))
        assert [i["id"] for i in resp.json()["items"]] == [str(user.id)], typed


async def test_client_search_ignores_case_and_yo(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    api_client = t.clients["client_kpi"]
    api_client.name = "Отчёты для министерства"
    await session.flush()
    for typed in ("отчеты", "ОТЧЁТЫ"):
        resp = await client.get("/api/v1/clients", params={"q": typed}, headers=t.headers("department"))
        assert resp.status_code == 200
        assert [i["id"] for i in resp.json()["items"]] == [str(api_client.id)], typed


async def test_municipality_search_ignores_case_and_yo(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    t.municipality.name = f"Посёлок Озёрный {t.municipality.id.hex[:6]}"
    await session.flush()
    resp = await client.get("/api/v1/municipalities", params={"q": "поселок озерный"}, headers=t.headers("sysadmin"))
    assert str(t.municipality.id) in [i["id"] for i in resp.json()["items"]]
