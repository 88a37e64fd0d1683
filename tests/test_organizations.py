from __future__ import annotations

from tests.factories import make_tenant


async def test_filters_search_and_card(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    r = await client.patch(
        f"/api/v1/organizations/{t.org.id}", json={"is_low_results": True, "innovation_level": "regional"}, headers=h
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    flt = (await client.get("/api/v1/organizations", params={"is_low_results": "true"}, headers=h)).json()
    assert [o["id"] for o in flt["items"]] == [str(t.org.id)]
    by_type = (await client.get("/api/v1/organizations", params={"type_code": "gymnasium"}, headers=h)).json()
    assert [o["id"] for o in by_type["items"]] == [str(t.org2.id)]
    found = (await client.get("/api/v1/organizations", params={"q": t.org2.short_name[-4:]}, headers=h)).json()
    assert found["total"] == 1
    card = await client.get(f"/api/v1/organizations/{t.org.id}", headers=h)
    assert card.json()["teacher_count"] == 1 and card.headers["etag"] == '"2"'


async def test_bad_input_is_problem_json_with_fields(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.post(
        "/api/v1/organizations",
        headers=t.headers("department"),
        json={
            "municipality_id": str(t.municipality.id),
            "type_code": "spaceport",
            "name": "Космодром",
            "short_name": "К",
            "inn": "12",
        },
    )
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"body.short_name", "body.inn"}
    r = await client.post(
        "/api/v1/organizations",
        headers=t.headers("department"),
        json={
            "municipality_id": str(t.municipality.id),
            "type_code": "spaceport",
            "name": "Космодром",
            "short_name": "Космодром",
        },
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.type_code"
    assert r.json()["errors"][0]["message"] == "Нет в справочнике: spaceport"


async def test_reference_dictionaries_loaded_by_migration(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("teacher")
    cats = (await client.get("/api/v1/reference/qualification-categories", headers=h)).json()
    assert [c["name"] for c in cats["items"]] == [
        "соответствие занимаемой должности",
        "первая",
        "высшая",
        "педагог-методист",
        "педагог-наставник",
    ]
    levels = (await client.get("/api/v1/reference/event-levels", headers=h)).json()
    assert [lv["code"] for lv in levels["items"]][:3] == ["school", "municipal", "inter_municipal"]
    positions = (await client.get("/api/v1/reference/positions", headers=h)).json()
    assert "учитель-логопед" in {p["name"] for p in positions["items"]}


async def test_unknown_api_path_is_problem_404(client) -> None:  # type: ignore[no-untyped-def]
    r = await client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")


async def test_school_admin_cannot_untick_its_shnor_flag_and_sees_it_read_only(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    url = f"/api/v1/organizations/{t.org.id}"
    assert (await client.patch(url, json={"is_low_results": True}, headers=t.headers("department"))).status_code == 200
    h = t.headers("school_admin")
    card = (await client.get(url, headers=h)).json()
    assert card["actions"] == ["update"]
    assert {"is_low_results", "is_unfavourable", "innovation_level", "type_code"} <= set(card["readonly_fields"])
    assert "address" not in card["readonly_fields"]
    r = await client.patch(url, json={"is_low_results": False, "address": "ул. Новая, 2"}, headers=h)
    assert r.status_code == 403 and r.json()["code"] == "readonly_field"
    assert "ШНОР" in r.json()["detail"]
    assert [e["field"] for e in r.json()["errors"]] == ["body.is_low_results"]
    after = (await client.get(url, headers=h)).json()
    assert after["is_low_results"] is True and after["address"] != "ул. Новая, 2"
    ok = await client.patch(url, json={"address": "ул. Новая, 2", "is_low_results": True}, headers=h)
    assert ok.status_code == 200 and ok.json()["address"] == "ул. Новая, 2"
    other = (await client.get(f"/api/v1/organizations/{t.org2.id}", headers=h)).json()
    assert other["actions"] == [] and "address" in other["readonly_fields"]
    dept = (await client.get(url, headers=t.headers("department"))).json()
    assert dept["actions"] == ["update", "archive"] and dept["readonly_fields"] == []
