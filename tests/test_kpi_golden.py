"""The golden KPI case (tests/fixtures/kpi-golden, a copy of the shared one): the fixture is loaded through the
public API as an integration or a methodologist would, and `/kpi/values` for 2022/2023 must reproduce every number
of expected.json, per school and for the municipality. Also: an empty denominator gives no value, a school
administrator sees only their school, another municipality's data stays invisible, ETag/304, CSV and XLSX."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token
from tests.factories import make_tenant

API = "/api/v1"
HERE = Path(__file__).parent / "fixtures" / "kpi-golden"
FIXTURE = json.loads((HERE / "fixture.json").read_text(encoding="utf-8"))
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
CODES = sorted(k for k in EXPECTED["municipality"] if not k.startswith("_"))
# The fixture's enumerations and the API's: the same words except these.
CATEGORY = {"first": "first", "highest": "highest", "conformity": "conformity"}
RESOLUTION_COMMENT = "Закрыто по итогам консультации"


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def _match(version: int) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}


async def _load(client: Any, t: Any) -> dict[str, str]:
    """Creates the fixture through the API in tenant `t`; returns fixture key → id (schools and teachers)."""
    sa = t.headers("sysadmin")
    ids: dict[str, str] = {}
    # the tenant's own two teachers leave the population: archived through the API
    for teacher in (t.teacher, t.teacher2):
        cur = _ok(await client.get(f"{API}/teachers/{teacher.id}", headers=sa))
        _ok(
            await client.post(
                f"{API}/teachers/{teacher.id}/archive",
                json={"reason": "Создан по ошибке"},
                headers={**sa, **_match(cur["version"])},
            )
        )
    muni = _ok(await client.get(f"{API}/municipalities/{t.municipality.id}", headers=sa))
    rule = FIXTURE["municipality"]["young_rule"]
    _ok(
        await client.patch(
            f"{API}/municipalities/{t.municipality.id}",
            json={
                "young_age_limit": rule["max_age"],
                "young_experience_limit": rule["max_experience_years"],
                "young_rule": rule["combine"],
            },
            headers={**sa, **_match(muni["version"])},
        )
    )
    for i, org in enumerate(FIXTURE["organizations"]):
        body = {
            "municipality_id": str(t.municipality.id),
            "type_code": "gymnasium",
            "name": org["name"],
            "short_name": org["name"].replace("МБОУ ", "").strip("«»") + f" ({org['key']})",
        }
        ids[org["key"]] = _ok(await client.post(f"{API}/organizations", json=body, headers=sa), 201)["id"]
        assert i < 10
    for tch in FIXTURE["teachers"]:
        body = {
            "municipality_id": str(t.municipality.id),
            "last_name": tch["last"],
            "first_name": tch["first"],
            "middle_name": tch["middle"],
            "birth_date": tch["birth"],
            "teaching_since": tch["experience_start"],
            "employments": [
                {
                    "organization_id": ids[e["org"]],
                    "position_code": "teacher",
                    "kind": "main" if e["main"] else "external_part_time",
                    "rate": "1" if e["main"] else "0.5",
                    "start_date": e["start"],
                    "end_date": e["end"],
                }
                for e in tch["employments"]
            ],
        }
        created = _ok(await client.post(f"{API}/teachers", json=body, headers=sa), 201)
        ids[tch["key"]] = created["id"]
        if tch["archived_error"]:
            _ok(
                await client.post(
                    f"{API}/teachers/{created['id']}/archive",
                    json={"reason": "Создан по ошибке"},
                    headers={**sa, **_match(created["version"])},
                )
            )
    events: dict[str, str] = {}
    for ev in FIXTURE["events"]:
        body = {"type": ev["type"], "level": ev["level"], "title": ev["title"], "start_date": ev["start"]}
        body["municipality_id"] = str(t.municipality.id)
        events[ev["key"]] = _ok(await client.post(f"{API}/events", json=body, headers=sa), 201)["id"]
    for p in FIXTURE["participations"]:
        body = {"teacher_id": ids[p["teacher"]], "role": p["role"], "intends_to_apply": p["intends_to_apply"]}
        _ok(await client.post(f"{API}/events/{events[p['event']]}/participations", json=body, headers=sa), 201)
    for h in FIXTURE["help_requests"]:
        body = {
            "teacher_id": ids[h["teacher"]],
            "topic_code": "methodical",
            "description": "Прошу помочь с подготовкой открытого урока",
            "opened_on": h["opened"],
        }
        r = _ok(await client.post(f"{API}/help-requests", json=body, headers=sa), 201)
        if h["resolution"] is not None:
            r = _ok(await client.post(f"{API}/help-requests/{r['id']}/take", headers={**sa, **_match(r["version"])}))
            r = _ok(
                await client.post(
                    f"{API}/help-requests/{r['id']}/close",
                    json={"resolution": h["resolution"], "comment": RESOLUTION_COMMENT},
                    headers={**sa, **_match(r["version"])},
                )
            )
    for a in FIXTURE["attestations"]:
        body = {"teacher_id": ids[a["teacher"]], "category_sought": CATEGORY[a["category"]], "applied_on": a["applied"]}
        _ok(await client.post(f"{API}/attestations", json=body, headers=sa), 201)
    for m in FIXTURE["mentoring"]:
        body = {"mentor_id": ids[m["mentor"]], "mentee_id": ids[m["mentee"]], "start_date": m["start"]}
        if m["end"]:
            body |= {"end_date": m["end"], "status": "finished"}
        _ok(await client.post(f"{API}/mentoring-pairs", json=body, headers=sa), 201)
    for c in FIXTURE["courses"]:
        body = {
            "teacher_id": ids[c["teacher"]],
            "title": c["title"],
            "hours": c["hours"],
            "start_date": c["start"],
            "end_date": c["end"],
        }
        _ok(await client.post(f"{API}/courses", json=body, headers=sa), 201)
    reviewer = str(t.users["association_leader"].id)
    authors = {
        org["key"]: next(
            tch["key"] for tch in FIXTURE["teachers"] if any(e["org"] == org["key"] for e in tch["employments"])
        )
        for org in FIXTURE["organizations"]
    }
    for pr in FIXTURE["practices"]:
        body = {
            "title": pr["title"],
            "organization_id": ids[pr["org"]],
            "author_ids": [ids[authors[pr["org"]]]],
            "kind": "technique",
            "level": "municipal",
            "description": "Описание практики для банка методических продуктов.",
            "competence_areas": ["methodical"],
            "subjects": ["mathematics"],
        }
        p = _ok(await client.post(f"{API}/practices", json=body, headers=sa), 201)
        if pr["status"] == "draft":
            continue
        p = _ok(await client.post(f"{API}/practices/{p['id']}/submit", json={}, headers={**sa, **_match(p["version"])}))
        p = _ok(
            await client.post(
                f"{API}/practices/{p['id']}/start-review",
                json={"reviewer_ids": [reviewer]},
                headers={**sa, **_match(p["version"])},
            )
        )
        if pr["status"] == "under_review":
            continue
        scores = {"relevance": 3, "novelty": 2, "significance": 3, "replicability": 2, "design": 3}
        p = _ok(
            await client.post(
                f"{API}/practices/{p['id']}/reviews",
                json={"scores": scores, "recommendation": "publish"},
                headers={**t.headers("association_leader"), **_match(p["version"])},
            ),
            201,
        )
        p = _ok(
            await client.post(
                f"{API}/practices/{p['id']}/publish",
                json={"published_on": pr["published_on"]},
                headers={**t.headers("methodologist"), **_match(p["version"])},
            )
        )
        assert p["published_at"].startswith(pr["published_on"])
    return ids


def _values(rows: list[dict[str, Any]], unit_id: str) -> dict[str, dict[str, Any]]:
    return {r["indicator"]: r for r in rows if r["unit_id"] == unit_id}


def _compare(got: dict[str, dict[str, Any]], expected: dict[str, Any], where: str) -> None:
    for code in CODES:
        exp, row = expected[code], got[code]
        if "numerator" in exp:
            assert (row["numerator"], row["denominator"]) == (exp["numerator"], exp["denominator"]), (where, code)
        if exp["value"] is None:
            assert row["value"] is None and row["status"] == "no_data", (where, code)
        else:
            assert row["value"] == pytest.approx(exp["value"], abs=5e-7), (where, code, row)


async def test_golden_case_through_the_public_api(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    ids = await _load(client, t)
    params = {
        "indicators": ",".join(CODES),
        "period": "2022/2023",
        "municipality_id": str(t.municipality.id),
        "breakdown": "organization",
    }
    body = _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers("department")))
    assert body["meta"]["reference_date"] == "2023-08-31"
    assert body["headers"][:3] == ["indicator", "period", "unit_kind"]
    for school in ("S1", "S5", "S9"):
        _compare(_values(body["rows"], ids[school]), EXPECTED[school], school)
    total = _ok(
        await client.get(
            f"{API}/kpi/values", params={**params, "breakdown": "none"}, headers=t.headers("methodologist")
        )
    )
    _compare(_values(total["rows"], str(t.municipality.id)), EXPECTED["municipality"], "municipality")

    # a trend: two academic years in one table, each on its own reference date
    trend = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={**params, "breakdown": "none", "period": ["2022/2023", "2021/2022"]},
            headers=t.headers("department"),
        )
    )
    assert trend["meta"]["periods"] == ["2021/2022", "2022/2023"]
    assert trend["meta"]["reference_dates"] == {"2021/2022": "2022-08-31", "2022/2023": "2023-08-31"}
    assert [r["period"] for r in trend["rows"]] == ["2021/2022"] * len(CODES) + ["2022/2023"] * len(CODES)
    _compare(
        _values([r for r in trend["rows"] if r["period"] == "2022/2023"], str(t.municipality.id)),
        EXPECTED["municipality"],
        "municipality in the trend",
    )
    before = {r["indicator"]: r for r in trend["rows"] if r["period"] == "2021/2022"}
    # 2021/2022: no practice published yet; E6 (May 2022, municipal) is in it, with two speakers (T07, T17)
    assert before["K-4.1.1"]["value"] == 0
    assert (before["K-4.2.1"]["numerator"], before["K-4.2.1"]["denominator"]) == (2, 28)

    # a school administrator of S1 asks for the municipality: only S1's row
    admin = User(
        email=f"admin.s1.{ids['S1'][:8]}@test.mms",
        full_name="Администратор Гимназии № 1",
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(role="school_admin", municipality_id=t.municipality.id, organization_id=ids["S1"])],
    )
    session.add(admin)
    await session.flush()

    token, _ = issue_access_token(f"user:{admin.id}")
    mine = _ok(await client.get(f"{API}/kpi/values", params=params, headers={"Authorization": f"Bearer {token}"}))
    assert {r["unit_id"] for r in mine["rows"]} == {ids["S1"]}
    _compare(_values(mine["rows"], ids["S1"]), EXPECTED["S1"], "S1 for its admin")
    r = await client.get(
        f"{API}/kpi/values",
        params={"indicators": "K-4.2.1", "period": "2022/2023", "organization_id": ids["S5"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 404

    # who is behind a value: the numerator's teachers by name, and how the value was obtained
    drill = _ok(
        await client.get(
            f"{API}/kpi/drilldown",
            params={"indicator": "K-4.4.1", "period": "2022/2023", "organization_id": ids["S1"]},
            headers=t.headers("methodologist"),
        )
    )
    assert drill["total"] == 1 and [i["teacher_id"] for i in drill["items"]] == [ids["T15"]]
    assert drill["explain"]["population_measure"] == "teachers.young"
    assert (drill["explain"]["numerator"], drill["explain"]["denominator"]) == (1, 2)
    assert drill["explain"]["reference_date"] == "2023-08-31" and drill["explain"]["value"] == 50.0
    drill = _ok(
        await client.get(
            f"{API}/kpi/drilldown",
            params={"indicator": "K-4.4.1", "period": "2022/2023", "organization_id": ids["S1"], "part": "denominator"},
            headers=t.headers("methodologist"),
        )
    )
    assert {i["teacher_id"] for i in drill["items"]} == {ids["T15"], ids["B34"]}  # B35 turned 35 on R
    drill = _ok(
        await client.get(
            f"{API}/kpi/drilldown",
            params={"indicator": "PD-3Y", "period": "2022/2023", "municipality_id": str(t.municipality.id)},
            headers=t.headers("department"),
        )
    )
    assert drill["total"] == EXPECTED["municipality"]["PD-3Y"]["numerator"]
    r = await client.get(
        f"{API}/kpi/drilldown",
        params={"indicator": "PD-3Y", "period": "2022/2023", "municipality_id": str(t.municipality.id)},
        headers=t.headers("client_kpi"),
    )
    assert r.status_code == 403  # a machine client gets values, never names

    # the machine client of the tenant reads it; ETag and 304
    r = await client.get(f"{API}/kpi/values", params=params, headers=t.headers("client_kpi"))
    assert r.status_code == 200 and r.headers["ETag"]
    again = await client.get(
        f"{API}/kpi/values", params=params, headers={**t.headers("client_kpi"), "If-None-Match": r.headers["ETag"]}
    )
    assert again.status_code == 304 and again.headers["ETag"] == r.headers["ETag"]

    # CSV and XLSX
    csv = await client.get(f"{API}/kpi/values", params={**params, "format": "csv"}, headers=t.headers("department"))
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Код показателя" in text and "K-4.2.1" in text and "17.857143" not in text.split("\n")[0]
    xlsx = await client.get(f"{API}/kpi/values", params={**params, "format": "xlsx"}, headers=t.headers("department"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


async def test_empty_denominator_is_no_data_and_other_tenants_are_invisible(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    params = {"indicators": "K-4.1.2,K-4.2.1,K-4.1.1", "period": "2022/2023", "municipality_id": str(t.municipality.id)}
    body = _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers("department")))
    rows = {r["indicator"]: r for r in body["rows"]}
    # nobody asked for help: no value, never 0 or 100; both numbers are still given
    assert rows["K-4.1.2"] | {} == rows["K-4.1.2"]
    assert (rows["K-4.1.2"]["numerator"], rows["K-4.1.2"]["denominator"]) == (0, 0)
    assert rows["K-4.1.2"]["value"] is None and rows["K-4.1.2"]["status"] == "no_data"
    # the two factory teachers are counted (main jobs since 2010)
    assert rows["K-4.2.1"]["denominator"] == 2 and rows["K-4.2.1"]["value"] == 0.0
    assert rows["K-4.1.1"]["value"] == 0 and rows["K-4.1.1"]["denominator"] is None
    # another municipality: 404 for its users and its machine client
    for who in ("department", "methodologist", "school_admin", "client_kpi"):
        r = await client.get(f"{API}/kpi/values", params=params, headers=other.headers(who))
        assert r.status_code == 404, who
    # a teacher has no access to KPIs
    r = await client.get(f"{API}/kpi/values", params=params, headers=t.headers("teacher"))
    assert r.status_code == 403
    # exactly one scope; a known indicator
    r = await client.get(
        f"{API}/kpi/values", params={**params, "region_id": str(t.region.id)}, headers=t.headers("department")
    )
    assert r.status_code == 422
    r = await client.get(
        f"{API}/kpi/values", params={**params, "indicators": "NOPE-1"}, headers=t.headers("department")
    )
    assert r.status_code == 422


async def test_catalogue_and_measures(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    ind = _ok(await client.get(f"{API}/kpi/indicators", headers=t.headers("methodologist")))
    codes = {i["code"] for i in ind["items"]}
    assert set(CODES) <= codes
    k421 = next(i for i in ind["items"] if i["code"] == "K-4.2.1")
    assert k421["numerator_filters"] == {"level_min": "municipal", "roles": ["speaker"]}
    assert k421["municipality_id"] is None and k421["unit"] == "percent"
    ms = _ok(await client.get(f"{API}/kpi/measures", headers=t.headers("client_kpi")))
    by_code = {m["code"]: m for m in ms["items"]}
    assert {"teachers.counted", "teachers.young", "events.participants", "practices.published"} <= set(by_code)
    roles = next(f for f in by_code["events.participants"]["filters"] if f["name"] == "roles")
    assert roles["type"] == "enum_set" and "speaker" in roles["values"]


async def test_organization_and_region_scopes(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    base = {"indicators": "K-4.2.1,PD-3Y", "period": "2022/2023"}
    dep = t.headers("department")
    # one organization: its one counted teacher
    body = _ok(await client.get(f"{API}/kpi/values", params={**base, "organization_id": str(t.org.id)}, headers=dep))
    assert [(r["unit_id"], r["denominator"]) for r in body["rows"]] == [(str(t.org.id), 1)] * 2
    # per organization of the municipality: both schools, in one table
    body = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={**base, "municipality_id": str(t.municipality.id), "breakdown": "organization"},
            headers=dep,
        )
    )
    assert {r["unit_id"] for r in body["rows"]} == {str(t.org.id), str(t.org2.id)}
    assert all(r["unit_kind"] == "organization" and r["denominator"] == 1 for r in body["rows"])
    # the region, per municipality: only the caller's municipality of it
    body = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={**base, "region_id": str(t.region.id), "breakdown": "municipality"},
            headers=dep,
        )
    )
    assert {(r["unit_id"], r["unit_kind"], r["denominator"]) for r in body["rows"]} == {
        (str(t.municipality.id), "municipality", 2)
    }
    r = await client.get(f"{API}/kpi/values", params={**base, "region_id": str(other.region.id)}, headers=dep)
    assert r.status_code == 404
    r = await client.get(f"{API}/kpi/values", params={**base, "organization_id": str(other.org.id)}, headers=dep)
    assert r.status_code == 404
    # a region is broken down per municipality, not per school
    r = await client.get(
        f"{API}/kpi/values", params={**base, "region_id": str(t.region.id), "breakdown": "organization"}, headers=dep
    )
    assert r.status_code == 422


async def test_a_municipality_defines_its_own_indicator(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    body = {
        "code": "M-PD",
        "name": "Доля педагогов с курсами за 3 года (свой)",
        "description": "Как PD-3Y, с одним знаком после запятой.",
        "unit": "percent",
        "numerator_measure": "courses.pd_3y",
        "denominator_measure": "teachers.counted",
        "decimals": 1,
    }
    created = _ok(await client.post(f"{API}/kpi/indicators", json=body, headers=t.headers("methodologist")), 201)
    assert created["municipality_id"] == str(t.municipality.id) and created["factor"] == 100
    listed = _ok(await client.get(f"{API}/kpi/indicators", headers=t.headers("school_admin")))
    assert "M-PD" in {i["code"] for i in listed["items"]}
    theirs = _ok(await client.get(f"{API}/kpi/indicators", headers=other.headers("department")))
    assert "M-PD" not in {i["code"] for i in theirs["items"]}
    values = _ok(
        await client.get(
            f"{API}/kpi/values",
            params={"indicators": "M-PD", "period": "2022/2023", "municipality_id": str(t.municipality.id)},
            headers=t.headers("department"),
        )
    )
    assert [(r["numerator"], r["denominator"], r["value"]) for r in values["rows"]] == [(0, 2, 0.0)]
    # invisible to another municipality's calculation
    r = await client.get(
        f"{API}/kpi/values",
        params={"indicators": "M-PD", "period": "2022/2023", "municipality_id": str(other.municipality.id)},
        headers=other.headers("department"),
    )
    assert r.status_code == 422
    # filters are typed values of the measure, never anything else
    bad = await client.post(
        f"{API}/kpi/indicators",
        json={
            **body,
            "code": "M-X",
            "numerator_measure": "events.participants",
            "numerator_filters": {"level_min": "1=1; DROP TABLE events"},
        },
        headers=t.headers("methodologist"),
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.numerator_filters.level_min"
    bad = await client.post(
        f"{API}/kpi/indicators",
        json={**body, "code": "M-Y", "numerator_measure": "events.participants", "numerator_filters": {"sql": "x"}},
        headers=t.headers("methodologist"),
    )
    assert bad.status_code == 422
    bad = await client.post(
        f"{API}/kpi/indicators",
        json={**body, "code": "M-Z", "denominator_measure": None},
        headers=t.headers("department"),
    )
    assert bad.status_code == 422 and bad.json()["code"] == "denominator_required"
    # codes are unique among the catalogue's and the municipality's
    for code in ("M-PD", "PD-3Y"):
        r = await client.post(f"{API}/kpi/indicators", json={**body, "code": code}, headers=t.headers("department"))
        assert r.status_code == 409, code
    # a school administrator reads but does not define; another municipality is out of reach
    r = await client.post(f"{API}/kpi/indicators", json={**body, "code": "M-S"}, headers=t.headers("school_admin"))
    assert r.status_code == 403
    r = await client.post(
        f"{API}/kpi/indicators",
        json={**body, "code": "M-O", "municipality_id": str(other.municipality.id)},
        headers=t.headers("methodologist"),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.municipality_id"


async def test_archived_records_and_people_count_nowhere(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    sa = t.headers("sysadmin")
    params = {"indicators": "K-4.2.1", "period": "2022/2023", "municipality_id": str(t.municipality.id)}

    async def k421() -> tuple[int, int]:
        row = _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers("department")))["rows"][0]
        return row["numerator"], row["denominator"]

    event = _ok(
        await client.post(
            f"{API}/events",
            json={
                "municipality_id": str(t.municipality.id),
                "type": "seminar",
                "level": "municipal",
                "title": "Городской семинар",
                "start_date": "2023-03-01",
            },
            headers=sa,
        ),
        201,
    )
    part = _ok(
        await client.post(
            f"{API}/events/{event['id']}/participations",
            json={"teacher_id": str(t.teacher.id), "role": "speaker"},
            headers=sa,
        ),
        201,
    )
    assert await k421() == (1, 2)
    # the participation archived as an error: no longer counted
    _ok(
        await client.post(
            f"{API}/participations/{part['id']}/archive",
            json={"reason": "Внесено по ошибке"},
            headers={**sa, **_match(part["version"])},
        )
    )
    assert await k421() == (0, 2)
    # an archived teacher leaves the population
    cur = _ok(await client.get(f"{API}/teachers/{t.teacher2.id}", headers=sa))
    _ok(
        await client.post(
            f"{API}/teachers/{t.teacher2.id}/archive",
            json={"reason": "Создан по ошибке"},
            headers={**sa, **_match(cur["version"])},
        )
    )
    assert await k421() == (0, 1)
