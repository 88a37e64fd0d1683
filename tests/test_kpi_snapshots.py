"""KPI snapshots through the API with real roles: a methodologist computes a period's values and submits them, the
department approves (not the one who submitted: four eyes) or returns with a comment; approved values are what
`/kpi/values` serves by default and stay frozen when source records change; a new approved snapshot supersedes the
old one, whose history is kept; the ETag moves on approval."""

from __future__ import annotations

from typing import Any

from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token
from tests.factories import make_tenant

API = "/api/v1"
PERIOD = "2025/2026"


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def _match(body: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{body["version"]}"'}


async def _speaker(client: Any, t: Any, teacher_id: Any, title: str = "Городской семинар") -> None:
    """A municipal seminar of 2025/2026 where the teacher spoke (K-4.2.1 counts them)."""
    sa = t.headers("sysadmin")
    body = {
        "municipality_id": str(t.municipality.id),
        "type": "seminar",
        "level": "municipal",
        "title": title,
        "start_date": "2025-11-12",
    }
    event = _ok(await client.post(f"{API}/events", json=body, headers=sa), 201)
    part = {"teacher_id": str(teacher_id), "role": "speaker", "intends_to_apply": False}
    _ok(await client.post(f"{API}/events/{event['id']}/participations", json=part, headers=sa), 201)


async def _second_department(session: Any, t: Any) -> dict[str, str]:
    u = User(
        email=f"department2.{t.municipality.id.hex[:8]}@test.mms",
        full_name="Тест второй сотрудник управления",
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(role="department", municipality_id=t.municipality.id)],
    )
    session.add(u)
    await session.flush()
    token, _ = issue_access_token(f"user:{u.id}")
    return {"Authorization": f"Bearer {token}"}


async def _create(client: Any, t: Any, who: str = "methodologist", **extra: Any) -> dict[str, Any]:
    body = {"municipality_id": str(t.municipality.id), "period": PERIOD, "indicators": ["K-4.2.1"], **extra}
    return _ok(await client.post(f"{API}/kpi/snapshots", json=body, headers=t.headers(who)), 201)


async def _values(client: Any, t: Any, who: str = "department", **params: Any) -> Any:
    q = {"indicators": "K-4.2.1", "period": PERIOD, "municipality_id": str(t.municipality.id), **params}
    return await client.get(f"{API}/kpi/values", params=q, headers=t.headers(who))


def _by_unit(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["unit_id"]: r for r in rows}


async def test_snapshot_workflow_freezes_values_and_supersedes(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    muni, org, org2 = str(t.municipality.id), str(t.org.id), str(t.org2.id)
    await _speaker(client, t, t.teacher.id)

    # a draft computed now: the municipality's total and each school
    draft = await _create(client, t)
    assert draft["status"] == "draft" and draft["indicators"] == ["K-4.2.1"]
    assert draft["created_by_name"] == t.users["methodologist"].full_name
    assert sorted(draft["actions"]) == ["discard", "submit"]
    rows = _by_unit(draft["rows"])
    assert (rows[muni]["unit_kind"], rows[muni]["numerator"], rows[muni]["denominator"], rows[muni]["value"]) == (
        "municipality",
        1,
        2,
        50.0,
    )
    assert (rows[org]["value"], rows[org2]["value"]) == (100.0, 0.0)
    assert [h["action"] for h in draft["history"]] == ["created"]

    # one open snapshot per municipality and period
    r = await client.post(
        f"{API}/kpi/snapshots",
        json={"municipality_id": muni, "period": PERIOD, "indicators": ["K-4.2.1"]},
        headers=t.headers("methodologist"),
    )
    assert r.status_code == 409 and r.json()["code"] == "open_snapshot_exists"

    # nothing approved yet: values are live
    before = await _values(client, t, breakdown="organization")
    body = _ok(before)
    assert {row["source"] for row in body["rows"]} == {"live"} and body["meta"]["snapshots"] == []
    assert body["meta"]["mode"] == "approved"

    # submit needs the version; the department can approve it, the methodologist cannot
    r = await client.post(f"{API}/kpi/snapshots/{draft['id']}/submit", headers=t.headers("methodologist"))
    assert r.status_code == 428
    submitted = _ok(
        await client.post(
            f"{API}/kpi/snapshots/{draft['id']}/submit", headers={**t.headers("methodologist"), **_match(draft)}
        )
    )
    assert submitted["status"] == "submitted" and submitted["submitted_by_name"] == t.users["methodologist"].full_name
    assert submitted["actions"] == []
    dep_view = _ok(await client.get(f"{API}/kpi/snapshots/{draft['id']}", headers=t.headers("department")))
    assert sorted(dep_view["actions"]) == ["approve", "return"]
    r = await client.post(
        f"{API}/kpi/snapshots/{draft['id']}/approve", headers={**t.headers("methodologist"), **_match(submitted)}
    )
    assert r.status_code == 403
    # the department was notified
    notes = _ok(await client.get(f"{API}/notifications", headers=t.headers("department")))
    assert any(n["kind"] == "kpi_snapshot_submitted" for n in notes["items"])

    approved = _ok(
        await client.post(
            f"{API}/kpi/snapshots/{draft['id']}/approve", headers={**t.headers("department"), **_match(submitted)}
        )
    )
    assert approved["status"] == "approved" and approved["decided_by_name"] == t.users["department"].full_name
    assert approved["decided_at"] and approved["supersedes_id"] is None
    notes = _ok(await client.get(f"{API}/notifications", headers=t.headers("methodologist")))
    assert any(n["kind"] == "kpi_snapshot_approved" for n in notes["items"])

    # values by default come from the snapshot; the ETag moved
    after = await _values(client, t, breakdown="organization")
    body = _ok(after)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert {row["source"] for row in body["rows"]} == {"snapshot"}
    assert body["meta"]["snapshots"] == [
        {
            "period": PERIOD,
            "municipality_id": muni,
            "snapshot_id": draft["id"],
            "status": "approved",
            "approved_at": body["meta"]["snapshots"][0]["approved_at"],
        }
    ]
    total = _ok(await _values(client, t))
    assert [(r["unit_kind"], r["value"], r["source"]) for r in total["rows"]] == [("municipality", 50.0, "snapshot")]

    # the region per municipality: each municipality's total from its approved snapshot; the region's own total live
    region = {"indicators": "K-4.2.1", "period": PERIOD, "region_id": str(t.region.id)}
    per_muni = _ok(
        await client.get(
            f"{API}/kpi/values", params={**region, "breakdown": "municipality"}, headers=t.headers("department")
        )
    )
    assert [(r["unit_id"], r["value"], r["source"]) for r in per_muni["rows"]] == [(muni, 50.0, "snapshot")]
    whole = _ok(await client.get(f"{API}/kpi/values", params=region, headers=t.headers("department")))
    assert [(r["unit_kind"], r["source"]) for r in whole["rows"]] == [("region", "live")]
    # a school administrator: its school's row from the snapshot
    school = _ok(await _values(client, t, who="school_admin", breakdown="organization"))
    assert [(r["unit_id"], r["value"], r["source"]) for r in school["rows"]] == [(org, 100.0, "snapshot")]

    # a source record edited later: the approved values stay, live values move
    await _speaker(client, t, t.teacher2.id, "Городская конференция")
    frozen = _by_unit(_ok(await _values(client, t, breakdown="organization"))["rows"])
    assert (frozen[org2]["value"], frozen[org2]["source"]) == (0.0, "snapshot")
    live = _by_unit(_ok(await _values(client, t, breakdown="organization", mode="live"))["rows"])
    assert (live[org2]["value"], live[org2]["source"]) == (100.0, "live")
    assert _ok(await _values(client, t, mode="live"))["meta"]["snapshots"] == []
    assert (
        _by_unit(_ok(await client.get(f"{API}/kpi/snapshots/{draft['id']}", headers=t.headers("department")))["rows"])[
            muni
        ]["value"]
        == 50.0
    )
    # indicators the snapshot lacks are computed now
    mixed = _ok(await _values(client, t, indicators="K-4.2.1,K-4.3.1"))
    assert {(r["indicator"], r["source"]) for r in mixed["rows"]} == {("K-4.2.1", "snapshot"), ("K-4.3.1", "live")}

    # the machine client of the tenant gets the approved values; another tenant's gets 404
    client_rows = _ok(await _values(client, t, who="client_kpi"))["rows"]
    assert [(r["value"], r["source"]) for r in client_rows] == [(50.0, "snapshot")]
    r = await client.get(
        f"{API}/kpi/values",
        params={"indicators": "K-4.2.1", "period": PERIOD, "municipality_id": muni},
        headers=other.headers("client_kpi"),
    )
    assert r.status_code == 404
    # CSV and XLSX still work, with the source column
    csv = await _values(client, t, format="csv")
    assert csv.status_code == 200 and "утверждённый срез" in csv.content.decode("utf-8-sig")
    xlsx = await _values(client, t, format="xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    # a new snapshot supersedes the approved one; both keep their history
    second = await _create(client, t)
    assert _by_unit(second["rows"])[muni]["value"] == 100.0
    second = _ok(
        await client.post(
            f"{API}/kpi/snapshots/{second['id']}/submit", headers={**t.headers("methodologist"), **_match(second)}
        )
    )
    second = _ok(
        await client.post(
            f"{API}/kpi/snapshots/{second['id']}/approve",
            headers={**t.headers("department"), **_match(second)},
        )
    )
    assert second["supersedes_id"] == draft["id"]
    old = _ok(await client.get(f"{API}/kpi/snapshots/{draft['id']}", headers=t.headers("department")))
    assert old["status"] == "superseded" and old["superseded_by_id"] == second["id"]
    assert [h["action"] for h in old["history"]] == ["created", "submitted", "approved", "superseded"]
    assert old["history"][2]["by_name"] == t.users["department"].full_name
    assert _ok(await _values(client, t))["rows"][0]["value"] == 100.0
    listed = _ok(await client.get(f"{API}/kpi/snapshots", params={"period": PERIOD}, headers=t.headers("department")))
    assert {(i["id"], i["status"]) for i in listed["items"]} == {
        (draft["id"], "superseded"),
        (second["id"], "approved"),
    }
    approved_only = _ok(
        await client.get(f"{API}/kpi/snapshots", params={"status": "approved"}, headers=t.headers("client_kpi"))
    )
    assert [i["id"] for i in approved_only["items"]] == [second["id"]]
    assert _ok(await client.get(f"{API}/kpi/snapshots", headers=other.headers("department")))["total"] == 0


async def test_four_eyes_return_and_wrong_states(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    colleague = await _second_department(session, t)
    # the department prepares and submits a snapshot itself: it cannot approve or return it
    s = await _create(client, t, who="department")
    s = _ok(
        await client.post(f"{API}/kpi/snapshots/{s['id']}/submit", headers={**t.headers("department"), **_match(s)})
    )
    assert s["actions"] == []
    for action, body in (("approve", None), ("return", {"comment": "Проверьте данные"})):
        r = await client.post(
            f"{API}/kpi/snapshots/{s['id']}/{action}", json=body, headers={**t.headers("department"), **_match(s)}
        )
        assert r.status_code == 403 and r.json()["code"] == "four_eyes", r.text
        assert "другой сотрудник" in r.json()["detail"]
    # a colleague returns it: a comment is required
    for body in (None, {}, {"comment": ""}):
        r = await client.post(f"{API}/kpi/snapshots/{s['id']}/return", json=body, headers={**colleague, **_match(s)})
        assert r.status_code == 422, body
    returned = _ok(
        await client.post(
            f"{API}/kpi/snapshots/{s['id']}/return",
            json={"comment": "Не внесены выступления гимназии"},
            headers={**colleague, **_match(s)},
        )
    )
    assert returned["status"] == "returned" and returned["comment"] == "Не внесены выступления гимназии"
    assert returned["history"][-1]["action"] == "returned"
    assert returned["history"][-1]["comment"] == "Не внесены выступления гимназии"
    # a returned snapshot is not approved any more: 409 with a Russian reason; a stale version: 412
    r = await client.post(f"{API}/kpi/snapshots/{s['id']}/approve", headers={**colleague, **_match(returned)})
    assert r.status_code == 409 and r.json()["code"] == "wrong_status" and "возвращён" in r.json()["detail"]
    r = await client.post(f"{API}/kpi/snapshots/{s['id']}/approve", headers={**colleague, **_match(s)})
    assert r.status_code == 412
    # the submitter was notified of the return
    notes = _ok(await client.get(f"{API}/notifications", headers=t.headers("department")))
    assert any(n["kind"] == "kpi_snapshot_returned" for n in notes["items"])
    # a new draft may be made now; discarding it keeps it as discarded
    d = await _create(client, t)
    d = _ok(await client.post(f"{API}/kpi/snapshots/{d['id']}/discard", headers=t.headers("methodologist")))
    assert d["status"] == "discarded" and d["actions"] == []
    r = await client.post(f"{API}/kpi/snapshots/{d['id']}/submit", headers={**t.headers("methodologist"), **_match(d)})
    assert r.status_code == 409
    assert _ok(await _values(client, t))["meta"]["snapshots"] == []


async def test_who_may_do_what(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    body = {"municipality_id": str(t.municipality.id), "period": PERIOD, "indicators": ["K-4.2.1"]}
    # a school administrator reads but does not prepare snapshots; a teacher and a machine client neither
    for who in ("school_admin", "teacher", "client_kpi"):
        r = await client.post(f"{API}/kpi/snapshots", json=body, headers=t.headers(who))
        assert r.status_code == 403, who
    # another municipality's: as an unknown municipality
    r = await client.post(f"{API}/kpi/snapshots", json=body, headers=other.headers("methodologist"))
    assert r.status_code == 422 and r.json()["code"] == "unknown_municipality"
    # an unknown indicator is named
    r = await client.post(
        f"{API}/kpi/snapshots", json={**body, "indicators": ["NOPE-1"]}, headers=t.headers("methodologist")
    )
    assert r.status_code == 422 and "NOPE-1" in r.text
    s = await _create(client, t)
    # a school administrator sees the snapshot with its own school's rows only
    seen = _ok(await client.get(f"{API}/kpi/snapshots/{s['id']}", headers=t.headers("school_admin")))
    assert {r["unit_id"] for r in seen["rows"]} == {str(t.org.id)} and seen["actions"] == []
    # another municipality: 404
    for who in ("department", "methodologist", "school_admin", "client_kpi"):
        r = await client.get(f"{API}/kpi/snapshots/{s['id']}", headers=other.headers(who))
        assert r.status_code == 404, who
    r = await client.post(
        f"{API}/kpi/snapshots/{s['id']}/submit", headers={**other.headers("methodologist"), "If-Match": "*"}
    )
    assert r.status_code == 404
    # the default indicators: the municipality's set, else the catalogue
    d = _ok(
        await client.post(
            f"{API}/kpi/snapshots",
            json={"municipality_id": str(t.municipality.id), "period": "2024/2025"},
            headers=t.headers("methodologist"),
        ),
        201,
    )
    assert {"K-4.2.1", "PD-3Y"} <= set(d["indicators"])


async def test_demo_sets_targets_and_kostromas_snapshots(client, session) -> None:  # type: ignore[no-untyped-def]
    from app.core.periods import Period
    from app.core.tokens import issue_access_token
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def headers(email: str) -> dict[str, str]:
        token, _ = issue_access_token(f"user:{_id(f'user:{email}')}")
        return {"Authorization": f"Bearer {token}"}

    dep = headers("department@kostroma.demo.mms")
    kostroma, zeya = str(_id("muni:kostroma")), str(_id("muni:zeya"))
    current = Period.current("academic_year")
    previous = current.previous()
    sel = _ok(await client.get(f"{API}/kpi/selection", params={"municipality_id": kostroma}, headers=dep))
    assert sel["codes"][0] == "K-4.1.1" and sel["codes"][-1] == "PD-3Y" and len(sel["codes"]) == 10
    zeya_sel = _ok(
        await client.get(
            f"{API}/kpi/selection", params={"municipality_id": zeya}, headers=headers("department@zeya.demo.mms")
        )
    )
    assert zeya_sel["codes"] == ["Z-MENTOR", "Z-GMO-PLAN", "PD-3Y", "K-4.4.1", "Z-MONITOR"]
    targets = _ok(
        await client.get(
            f"{API}/kpi/targets", params={"municipality_id": kostroma, "period": current.code}, headers=dep
        )
    )
    assert len(targets["items"]) == 10
    listed = _ok(await client.get(f"{API}/kpi/snapshots", params={"municipality_id": kostroma}, headers=dep))
    states = {(i["period"], i["status"]) for i in listed["items"]}
    assert states == {(previous.code, "approved"), (previous.previous().code, "submitted")}
    waiting = next(i for i in listed["items"] if i["status"] == "submitted")
    assert sorted(waiting["actions"]) == ["approve", "return"]
    # the previous year's values come from the approved snapshot, with statuses against the targets
    body = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={"period": previous.code, "municipality_id": kostroma, "breakdown": "organization"},
            headers=dep,
        )
    )
    assert {r["source"] for r in body["rows"]} == {"snapshot"} and list(body["meta"]["indicators"]) == sel["codes"]
    assert {r["status"] for r in body["rows"]} & {"met", "close", "missed"}
    assert any(r["value"] for r in body["rows"] if r["indicator"] == "PD-3Y")
