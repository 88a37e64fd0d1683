"""A municipality's set of indicators and its targets per academic year through the API: the set is what
`/kpi/values` shows without `indicators` (else the catalogue); a target gives each row its status — met, close,
missed — hand-computed here for «higher is better» and «lower is better»; organizations inherit their
municipality's target; validation by unit; If-Match on the set."""

from __future__ import annotations

from typing import Any

from tests.factories import make_tenant

API = "/api/v1"
PERIOD = "2025/2026"


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


async def _speaker(client: Any, t: Any, teacher_id: Any) -> None:
    sa = t.headers("sysadmin")
    body = {
        "municipality_id": str(t.municipality.id),
        "type": "seminar",
        "level": "municipal",
        "title": "Городской семинар",
        "start_date": "2025-11-12",
    }
    event = _ok(await client.post(f"{API}/events", json=body, headers=sa), 201)
    part = {"teacher_id": str(teacher_id), "role": "speaker", "intends_to_apply": False}
    _ok(await client.post(f"{API}/events/{event['id']}/participations", json=part, headers=sa), 201)


async def _targets(client: Any, t: Any, items: list[dict[str, Any]], period: str = PERIOD) -> Any:
    body = {"municipality_id": str(t.municipality.id), "period": period, "items": items}
    return await client.put(f"{API}/kpi/targets", json=body, headers=t.headers("methodologist"))


async def _rows(client: Any, t: Any, indicators: str, **params: Any) -> dict[tuple[str, str], dict[str, Any]]:
    q = {"indicators": indicators, "period": PERIOD, "municipality_id": str(t.municipality.id), **params}
    q = {k: v for k, v in q.items() if v is not None}
    body = _ok(await client.get(f"{API}/kpi/values", params=q, headers=t.headers("department")))
    return {(r["indicator"], r["unit_id"]): r for r in body["rows"]}


async def test_targets_give_statuses(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    muni, org, org2 = str(t.municipality.id), str(t.org.id), str(t.org2.id)
    await _speaker(client, t, t.teacher.id)  # K-4.2.1: municipality 1/2 = 50 %, org 100 %, org2 0 %
    # «lower is better»: the municipality's own indicator over the same measure
    own = {
        "code": "M-LOW",
        "name": "Доля выступавших (меньше — лучше, для проверки)",
        "description": "Выступавшие на муниципальных мероприятиях.",
        "unit": "percent",
        "numerator_measure": "events.participants",
        "numerator_filters": {"level_min": "municipal", "roles": ["speaker"]},
        "denominator_measure": "teachers.counted",
        "direction": "lower",
        "municipality_id": muni,
    }
    _ok(await client.post(f"{API}/kpi/indicators", json=own, headers=t.headers("methodologist")), 201)
    codes = "K-4.2.1,M-LOW,K-4.1.1,K-4.1.2"

    rows = await _rows(client, t, codes)
    assert rows[("K-4.2.1", muni)]["target"] is None and rows[("K-4.2.1", muni)]["status"] == "no_target"
    assert rows[("K-4.1.2", muni)]["status"] == "no_data"  # nobody asked for help: no value

    cases = [
        # (K-4.2.1 target, status of 50; M-LOW target, status of 50)
        (50, "met", 50, "met"),
        (55, "close", 46, "close"),  # 50 ≥ 0.9 × 55 = 49.5;  50 ≤ 1.1 × 46 = 50.6
        (56, "missed", 45, "missed"),  # 50 < 50.4;  50 > 49.5
        (40, "met", 60, "met"),
    ]
    for high, high_status, low, low_status in cases:
        _ok(
            await _targets(
                client,
                t,
                [
                    {"code": "K-4.2.1", "target": high},
                    {"code": "M-LOW", "target": low},
                    {"code": "K-4.1.2", "target": 80},
                ],
            )
        )
        rows = await _rows(client, t, codes)
        assert (rows[("K-4.2.1", muni)]["target"], rows[("K-4.2.1", muni)]["status"]) == (high, high_status)
        assert (rows[("M-LOW", muni)]["target"], rows[("M-LOW", muni)]["status"]) == (low, low_status)
        assert rows[("K-4.1.1", muni)]["status"] == "no_target"
        assert rows[("K-4.1.2", muni)]["status"] == "no_data"  # a target does not make a value
    # organizations inherit their municipality's target
    rows = await _rows(client, t, "K-4.2.1", breakdown="organization")
    assert (rows[("K-4.2.1", org)]["target"], rows[("K-4.2.1", org)]["status"]) == (40, "met")
    assert (rows[("K-4.2.1", org2)]["target"], rows[("K-4.2.1", org2)]["status"]) == (40, "missed")
    # the region per municipality: each its own target; the region's total has none
    rows = await _rows(client, t, "K-4.2.1", municipality_id=None, region_id=str(t.region.id), breakdown="municipality")
    assert rows[("K-4.2.1", muni)]["target"] == 40
    # another academic year has its own targets
    prev = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={"indicators": "K-4.2.1", "period": "2024/2025", "municipality_id": muni},
            headers=t.headers("department"),
        )
    )
    assert prev["rows"][0]["target"] is None

    # the targets as read; a replacement drops what it does not name
    got = _ok(
        await client.get(
            f"{API}/kpi/targets", params={"municipality_id": muni, "period": PERIOD}, headers=t.headers("school_admin")
        )
    )
    assert got["items"] == [
        {"code": "K-4.1.2", "target": 80.0},
        {"code": "K-4.2.1", "target": 40.0},
        {"code": "M-LOW", "target": 60.0},
    ]
    _ok(await _targets(client, t, [{"code": "K-4.2.1", "target": 30}, {"code": "M-LOW", "target": None}]))
    got = _ok(
        await client.get(
            f"{API}/kpi/targets", params={"municipality_id": muni, "period": PERIOD}, headers=t.headers("department")
        )
    )
    assert got["items"] == [{"code": "K-4.2.1", "target": 30.0}]


async def test_targets_are_validated(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    bad = [
        ([{"code": "K-4.2.1", "target": 101}], "body.items.0.target"),
        ([{"code": "K-4.2.1", "target": -1}], "body.items.0.target"),
        ([{"code": "K-4.1.1", "target": -3}], "body.items.0.target"),
        ([{"code": "K-4.1.1", "target": 3}, {"code": "NOPE-1", "target": 3}], "body.items.1.code"),
        ([{"code": "K-4.1.1", "target": 3}, {"code": "K-4.1.1", "target": 4}], "body.items.1.code"),
    ]
    for items, field in bad:
        r = await _targets(client, t, items)
        assert r.status_code == 422, items
        assert [e["field"] for e in r.json()["errors"]] == [field], r.text
    r = await _targets(client, t, [{"code": "K-4.1.1", "target": 3}], period="2025")
    assert r.status_code == 422  # targets are per academic year
    # a school administrator and a machine client do not set targets; another municipality's are unknown
    for who in ("school_admin", "client_kpi"):
        body = {"municipality_id": str(t.municipality.id), "period": PERIOD, "items": []}
        assert (await client.put(f"{API}/kpi/targets", json=body, headers=t.headers(who))).status_code == 403
    body = {"municipality_id": str(t.municipality.id), "period": PERIOD, "items": []}
    r = await client.put(f"{API}/kpi/targets", json=body, headers=other.headers("department"))
    assert r.status_code == 422 and r.json()["code"] == "unknown_municipality"
    r = await client.get(
        f"{API}/kpi/targets",
        params={"municipality_id": str(t.municipality.id), "period": PERIOD},
        headers=other.headers("department"),
    )
    assert r.status_code == 404
    # audited
    _ok(await _targets(client, t, [{"code": "K-4.1.1", "target": 3}]))
    audit = _ok(
        await client.get(f"{API}/audit-events", params={"entity_type": "kpi_targets"}, headers=t.headers("department"))
    )
    assert audit["total"] >= 1


async def test_the_set_is_the_default(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    muni = str(t.municipality.id)
    meth = t.headers("methodologist")
    # not chosen yet: the whole catalogue
    sel = _ok(await client.get(f"{API}/kpi/selection", params={"municipality_id": muni}, headers=meth))
    assert sel == {"municipality_id": muni, "codes": [], "version": 0}
    params = {"period": PERIOD, "municipality_id": muni}
    body = _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers("department")))
    catalogue = list(body["meta"]["indicators"])
    assert {"K-4.1.1", "K-4.2.1", "PD-3Y", "Z-MENTOR"} <= set(catalogue)
    # the set: If-Match required, known codes only, order kept
    wanted = {"municipality_id": muni, "codes": ["PD-3Y", "K-4.2.1"]}
    r = await client.put(f"{API}/kpi/selection", json=wanted, headers=meth)
    assert r.status_code == 428
    r = await client.put(
        f"{API}/kpi/selection", json={**wanted, "codes": ["PD-3Y", "NOPE-1"]}, headers={**meth, "If-Match": '"0"'}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.codes.1" and "NOPE-1" in r.text
    sel = _ok(await client.put(f"{API}/kpi/selection", json=wanted, headers={**meth, "If-Match": '"0"'}))
    assert sel["codes"] == ["PD-3Y", "K-4.2.1"] and sel["version"] == 1
    r = await client.put(f"{API}/kpi/selection", json=wanted, headers={**meth, "If-Match": '"0"'})
    assert r.status_code == 412
    got = await client.get(f"{API}/kpi/selection", params={"municipality_id": muni}, headers=t.headers("school_admin"))
    assert _ok(got)["codes"] == ["PD-3Y", "K-4.2.1"] and got.headers["ETag"] == '"1"'
    # values without indicators: the set, in its order
    body = _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers("client_kpi")))
    assert [r["indicator"] for r in body["rows"]] == ["PD-3Y", "K-4.2.1"]
    # the region: the catalogue (sets differ between municipalities)
    body = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={"period": PERIOD, "region_id": str(t.region.id), "breakdown": "municipality"},
            headers=t.headers("department"),
        )
    )
    assert list(body["meta"]["indicators"]) == catalogue
    # cleared: the catalogue again
    _ok(await client.put(f"{API}/kpi/selection", json={**wanted, "codes": []}, headers={**meth, "If-Match": '"1"'}))
    body = _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers("department")))
    assert list(body["meta"]["indicators"]) == catalogue
    # who: the department and methodologists keep it, a school administrator reads it
    r = await client.put(f"{API}/kpi/selection", json=wanted, headers={**t.headers("school_admin"), "If-Match": "*"})
    assert r.status_code == 403
