"""Hand-computed KPI cases: a small municipality built through the public API (two schools A and B, six teachers,
events, help requests, attestation, mentoring, courses, practices, city and school associations with their
plan-schedules, documents of the Kislovodsk types) and every catalogue indicator checked against numbers worked out
by hand, per school and for the municipality — with the rules that decide them: a move mid-year (the teacher counts
at the new school for the whole year), the 35th birthday on the reference date (not young) against 34, an archived
teacher counts nowhere, a part-time job never counts, records outside the period do not count, an empty denominator
gives no value; Z-GMO-PLAN (a share of records: city-level plans in and out of the period, held or not); KV-1…5
(yes/no for an organization, the municipality and a region; a draft and an archived document are no; a multi-year
document is yes in a later year); a municipality's own records share and yes/no indicators; and the editor's
preview giving the same values as the saved indicator."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.core.periods import Period
from app.tenants.models import Municipality
from tests.factories import make_tenant

API = "/api/v1"
Y = "2022/2023"  # R = 2023-08-31


def _ok(r: Any, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def _match(version: int) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}


async def _teacher(
    client: Any, t: Any, last: str, birth: str, jobs: list[tuple[str, str, str, str | None]], since: str = "2000-09-01"
) -> dict[str, Any]:
    """jobs: (organization id, main|external_part_time, start, end)."""
    body = {
        "municipality_id": str(t.municipality.id),
        "last_name": last,
        "first_name": "Анна",
        "middle_name": "Сергеевна",
        "birth_date": birth,
        "teaching_since": since,
        "employments": [
            {
                "organization_id": org,
                "position_code": "teacher",
                "kind": kind,
                "rate": "1" if kind == "main" else "0.5",
                "start_date": start,
                "end_date": end,
            }
            for org, kind, start, end in jobs
        ],
    }
    return _ok(await client.post(f"{API}/teachers", json=body, headers=t.headers("sysadmin")), 201)


async def _archive_teacher(client: Any, t: Any, teacher_id: str) -> None:
    sa = t.headers("sysadmin")
    cur = _ok(await client.get(f"{API}/teachers/{teacher_id}", headers=sa))
    _ok(
        await client.post(
            f"{API}/teachers/{teacher_id}/archive",
            json={"reason": "Создан по ошибке"},
            headers={**sa, **_match(cur["version"])},
        )
    )


async def _event(client: Any, t: Any, type_: str, level: str, start: str, people: list[tuple[str, str, bool]]) -> None:
    sa = t.headers("sysadmin")
    body = {
        "municipality_id": str(t.municipality.id),
        "type": type_,
        "level": level,
        "title": f"Мероприятие {type_} {start}",
        "start_date": start,
    }
    event = _ok(await client.post(f"{API}/events", json=body, headers=sa), 201)
    for teacher_id, role, intends in people:
        part = {"teacher_id": teacher_id, "role": role, "intends_to_apply": intends}
        _ok(await client.post(f"{API}/events/{event['id']}/participations", json=part, headers=sa), 201)


async def _help(client: Any, t: Any, teacher_id: str, opened: str, resolution: str) -> None:
    sa = t.headers("sysadmin")
    body = {
        "teacher_id": teacher_id,
        "topic_code": "methodical",
        "description": "Прошу помочь с подготовкой открытого урока",
        "opened_on": opened,
    }
    r = _ok(await client.post(f"{API}/help-requests", json=body, headers=sa), 201)
    r = _ok(await client.post(f"{API}/help-requests/{r['id']}/take", headers={**sa, **_match(r["version"])}))
    _ok(
        await client.post(
            f"{API}/help-requests/{r['id']}/close",
            json={"resolution": resolution, "comment": "Закрыто по итогам консультации"},
            headers={**sa, **_match(r["version"])},
        )
    )


async def _practice(client: Any, t: Any, org: str, author: str, published_on: str) -> None:
    sa = t.headers("sysadmin")
    body = {
        "title": f"Практика {published_on}",
        "organization_id": org,
        "author_ids": [author],
        "kind": "technique",
        "level": "municipal",
        "description": "Описание практики для банка методических продуктов.",
        "competence_areas": ["methodical"],
        "subjects": ["mathematics"],
    }
    p = _ok(await client.post(f"{API}/practices", json=body, headers=sa), 201)
    p = _ok(await client.post(f"{API}/practices/{p['id']}/submit", json={}, headers={**sa, **_match(p["version"])}))
    p = _ok(
        await client.post(
            f"{API}/practices/{p['id']}/start-review",
            json={"reviewer_ids": [str(t.users["association_leader"].id)]},
            headers={**sa, **_match(p["version"])},
        )
    )
    scores = {"relevance": 3, "novelty": 2, "significance": 3, "replicability": 2, "design": 3}
    p = _ok(
        await client.post(
            f"{API}/practices/{p['id']}/reviews",
            json={"scores": scores, "recommendation": "publish"},
            headers={**t.headers("association_leader"), **_match(p["version"])},
        ),
        201,
    )
    _ok(
        await client.post(
            f"{API}/practices/{p['id']}/publish",
            json={"published_on": published_on},
            headers={**t.headers("methodologist"), **_match(p["version"])},
        )
    )


async def _association(
    client: Any, t: Any, year: str, plans: list[tuple[str, list[str], bool]], org: str | None = None
) -> None:
    """plans: (planned date, dates of meetings held for it, archive the plan line)."""
    sa = t.headers("sysadmin")
    body: dict[str, Any] = {
        "title": f"Объединение {year} {org or 'город'}",
        "academic_year": year,
        "subject_code": "mathematics",
    }
    if org:
        body |= {"level": "school", "organization_id": org}
    else:
        body |= {"level": "city", "municipality_id": str(t.municipality.id)}
    a = _ok(await client.post(f"{API}/associations", json=body, headers=sa), 201)
    for planned, held, archived in plans:
        card = _ok(
            await client.post(
                f"{API}/associations/{a['id']}/plans",
                json={"planned_date": planned, "topic": f"Заседание {planned}"},
                headers=sa,
            ),
            201,
        )
        plan = next(p for p in card["plans"] if p["planned_date"] == planned)
        for day in held:
            _ok(
                await client.post(
                    f"{API}/associations/{a['id']}/meetings",
                    json={"held_on": day, "topic": f"Заседание {planned}", "plan_id": plan["id"]},
                    headers=sa,
                ),
                201,
            )
        if archived:
            _ok(
                await client.post(
                    f"{API}/association-plans/{plan['id']}/archive",
                    json={"reason": "Внесено по ошибке"},
                    headers={**sa, **_match(plan["version"])},
                )
            )


async def _document(
    client: Any,
    t: Any,
    type_: str,
    year: str,
    org: str | None = None,
    last: str | None = None,
    approve: bool = True,
    archive: bool = False,
) -> None:
    sa = t.headers("sysadmin")
    body: dict[str, Any] = {
        "municipality_id": str(t.municipality.id),
        "type": type_,
        "title": f"Документ {type_} {year}",
        "academic_year": year,
        "url": f"https://docs.example.ru/{type_}-{year.replace('/', '-')}.pdf",
    }
    if org:
        body["organization_id"] = org
    if last:
        body["last_academic_year"] = last
    d = _ok(await client.post(f"{API}/documents", json=body, headers=sa), 201)
    if approve:
        d = _ok(await client.post(f"{API}/documents/{d['id']}/approve", headers={**sa, **_match(d["version"])}))
    if archive:
        _ok(
            await client.post(
                f"{API}/documents/{d['id']}/archive",
                json={"reason": "Загружен по ошибке"},
                headers={**sa, **_match(d["version"])},
            )
        )


async def _world(client: Any, t: Any) -> dict[str, str]:
    """The data set; returns names → ids. Counted on 2023-08-31: A — T2, T3; B — T1, T4, T6. Young: T3 (A), T6
    (B)."""
    sa = t.headers("sysadmin")
    for teacher in (t.teacher, t.teacher2):  # the factory's two teachers leave the population
        await _archive_teacher(client, t, str(teacher.id))
    a, b = str(t.org.id), str(t.org2.id)
    ids = {"A": a, "B": b}
    # T1 moves from A to B in February: counted at B with the whole year's records
    ids["T1"] = (
        await _teacher(
            client,
            t,
            "Переездова",
            "1970-03-03",
            [(a, "main", "2015-09-01", "2023-01-31"), (b, "main", "2023-02-01", None)],
        )
    )["id"]
    # T2 turns 35 on R (not young), T3 is 34 on R (young)
    ids["T2"] = (await _teacher(client, t, "Тридцатипятова", "1988-08-31", [(a, "main", "2010-09-01", None)]))["id"]
    ids["T3"] = (await _teacher(client, t, "Молодова", "1988-09-01", [(a, "main", "2010-09-01", None)]))["id"]
    # T4: main at B, part-time at A — counted once, at B
    ids["T4"] = (
        await _teacher(
            client,
            t,
            "Совместителева",
            "1975-01-10",
            [(b, "main", "2010-09-01", None), (a, "external_part_time", "2020-09-01", None)],
        )
    )["id"]
    # T5: created in error at A, archived after its records were entered
    ids["T5"] = (await _teacher(client, t, "Ошибочная", "1980-01-01", [(a, "main", "2010-09-01", None)]))["id"]
    # T6: young (28), main at B, with records only outside the period
    ids["T6"] = (
        await _teacher(client, t, "Новикова", "1995-02-02", [(b, "main", "2019-09-01", None)], since="2019-09-01")
    )["id"]

    await _event(
        client,
        t,
        "seminar",
        "municipal",
        "2022-10-10",
        [(ids["T1"], "speaker", False), (ids["T2"], "listener", False), (ids["T5"], "speaker", False)],
    )
    await _event(
        client, t, "project", "regional", "2023-03-01", [(ids["T3"], "listener", True), (ids["T4"], "listener", False)]
    )
    await _event(client, t, "seminar", "school", "2023-04-01", [(ids["T4"], "speaker", False)])
    await _event(client, t, "seminar", "municipal", "2022-08-15", [(ids["T6"], "speaker", False)])  # 2021/2022

    await _help(client, t, ids["T1"], "2022-11-01", "full")
    await _help(client, t, ids["T1"], "2023-05-01", "full")
    await _help(client, t, ids["T2"], "2022-12-01", "partial")
    await _help(client, t, ids["T6"], "2021-12-01", "full")  # 2021/2022

    for teacher, category, applied in (("T2", "first", "2023-02-01"), ("T6", "highest", "2022-06-01")):
        body = {"teacher_id": ids[teacher], "category_sought": category, "applied_on": applied}
        _ok(await client.post(f"{API}/attestations", json=body, headers=sa), 201)

    pair = {"mentor_id": ids["T4"], "mentee_id": ids["T3"], "start_date": "2022-09-01"}
    _ok(await client.post(f"{API}/mentoring-pairs", json=pair, headers=sa), 201)

    for teacher, start, end in (
        ("T4", "2021-03-01", "2021-06-01"),
        ("T6", "2020-03-01", "2020-06-01"),
        ("T2", "2023-06-01", "2023-09-15"),
    ):
        body = {
            "teacher_id": ids[teacher],
            "title": "Курс повышения квалификации",
            "hours": 72,
            "start_date": start,
            "end_date": end,
        }
        _ok(await client.post(f"{API}/courses", json=body, headers=sa), 201)

    await _practice(client, t, a, ids["T2"], "2023-01-15")
    await _practice(client, t, b, ids["T4"], "2022-06-01")  # 2021/2022

    # city association of 2022/2023: P1 held (twice — counts once), P2 held, P3 held only after the year ends,
    # P4 archived; last year's city association: one plan held
    await _association(
        client,
        t,
        Y,
        [
            ("2022-10-01", ["2022-10-01", "2022-10-20"], False),
            ("2023-02-01", ["2023-02-03"], False),
            ("2023-05-01", ["2023-09-05"], False),
            ("2023-06-01", [], True),
        ],
    )
    await _association(client, t, "2021/2022", [("2022-05-01", ["2022-05-01"], False)])
    # a school association at A: one of two plans held
    await _association(client, t, Y, [("2022-11-01", ["2022-11-01"], False), ("2023-03-01", [], False)], org=a)

    await _document(client, t, "association_plan", Y, org=a)
    await _document(client, t, "association_plan", Y, org=b, archive=True)
    await _document(client, t, "deficit_monitoring", "2021/2022")
    await _document(client, t, "attestation_plan", "2020/2021", last="2024/2025")
    await _document(client, t, "attestation_plan", "2021/2022", org=a)
    await _document(client, t, "pd_plan", Y, org=a)
    await _document(client, t, "pd_plan", Y, org=b, approve=False)
    await _document(client, t, "pd_plan", Y)
    await _document(client, t, "recommendations", Y, org=b)

    await _archive_teacher(client, t, ids["T5"])
    return ids


# indicator → (A, B, municipality) as (numerator, denominator, value); None value — no data
EXPECTED: dict[str, tuple[tuple[int, int | None, float | None], ...]] = {
    "K-4.1.1": ((1, None, 1.0), (0, None, 0.0), (1, None, 1.0)),
    "K-4.1.2": ((0, 1, 0.0), (1, 1, 100.0), (1, 2, 50.0)),
    "K-4.2.1": ((0, 2, 0.0), (1, 3, 33.333333), (1, 5, 20.0)),
    "K-4.2.2": ((1, None, 1.0), (1, None, 1.0), (2, None, 2.0)),
    "K-4.2.3": ((1, None, 1.0), (0, None, 0.0), (1, None, 1.0)),
    "K-4.3.1": ((2, 2, 100.0), (2, 3, 66.666667), (4, 5, 80.0)),
    "K-4.3.2": ((1, 2, 50.0), (0, 3, 0.0), (1, 5, 20.0)),
    "K-4.4.1": ((1, 1, 100.0), (0, 1, 0.0), (1, 2, 50.0)),
    "Z-MENTOR": ((1, 1, 100.0), (0, 1, 0.0), (1, 2, 50.0)),
    "PD-3Y": ((0, 2, 0.0), (1, 3, 33.333333), (1, 5, 20.0)),
    # city associations are the municipality's: no organization has any
    "Z-GMO-PLAN": ((0, 0, None), (0, 0, None), (2, 3, 66.666667)),
    "KV-1": ((1, None, 1.0), (0, None, 0.0), (0, None, 0.0)),  # B's is archived; the municipality has none
    "KV-2": ((0, None, 0.0), (0, None, 0.0), (0, None, 0.0)),  # the municipality's is last year's
    "KV-3": ((0, None, 0.0), (0, None, 0.0), (1, None, 1.0)),  # A's is last year's; the municipality's runs to 2024/25
    "KV-4": ((1, None, 1.0), (0, None, 0.0), (1, None, 1.0)),  # B's is a draft
    "KV-5": ((0, None, 0.0), (1, None, 1.0), (0, None, 0.0)),
}
CODES = list(EXPECTED)


def _figures(row: dict[str, Any]) -> tuple[int, int | None, float | None]:
    return row["numerator"], row["denominator"], row["value"]


def _check(row: dict[str, Any], expected: tuple[int, int | None, float | None], where: str) -> None:
    n, d, v = expected
    assert (row["numerator"], row["denominator"]) == (n, d), (where, row)
    if v is None:
        assert row["value"] is None and row["status"] == "no_data", (where, row)
    else:
        assert row["value"] == pytest.approx(v, abs=5e-7) and row["status"] == "no_target", (where, row)


async def _values(
    client: Any, t: Any, codes: list[str], period: str = Y, who: str = "department", **scope: Any
) -> list[dict[str, Any]]:
    params = {"indicators": ",".join(codes), "period": period, **{k: str(v) for k, v in scope.items()}}
    return _ok(await client.get(f"{API}/kpi/values", params=params, headers=t.headers(who)))["rows"]  # type: ignore[no-any-return]


async def test_every_catalogue_indicator_by_hand(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    ids = await _world(client, t)
    muni = str(t.municipality.id)
    rows = await _values(client, t, CODES, municipality_id=muni, breakdown="organization")
    by = {(r["indicator"], r["unit_id"]): r for r in rows}
    total = {r["indicator"]: r for r in await _values(client, t, CODES, municipality_id=muni)}
    for code, (a, b, m) in EXPECTED.items():
        _check(by[(code, ids["A"])], a, f"{code} A")
        _check(by[(code, ids["B"])], b, f"{code} B")
        _check(total[code], m, f"{code} municipality")
        assert total[code]["unit_kind"] == "municipality"
    # one organization as the scope: the same figures as its row
    for school in ("A", "B"):
        own = {r["indicator"]: r for r in await _values(client, t, CODES, organization_id=ids[school])}
        for code, expected in EXPECTED.items():
            _check(own[code], expected[0 if school == "A" else 1], f"{code} {school} alone")

    # the previous academic year: what was outside 2022/2023 is in it
    before = {r["indicator"]: r for r in await _values(client, t, CODES, period="2021/2022", municipality_id=muni)}
    # T6 was counted at B then (since 2019), as were T1 (at A), T2, T3, T4, T5 is archived: population 5
    _check(before["K-4.2.1"], (1, 5, 20.0), "K-4.2.1 2021/2022")  # T6 spoke at the August 2022 seminar
    _check(before["K-4.1.2"], (1, 1, 100.0), "K-4.1.2 2021/2022")
    _check(before["K-4.1.1"], (1, None, 1.0), "K-4.1.1 2021/2022")
    _check(before["Z-GMO-PLAN"], (1, 1, 100.0), "Z-GMO-PLAN 2021/2022")
    _check(before["KV-2"], (1, None, 1.0), "KV-2 2021/2022")  # the municipality's monitoring of that year
    _check(before["KV-3"], (1, None, 1.0), "KV-3 2021/2022")
    prev_a = {
        r["indicator"]: r
        for r in await _values(client, t, ["KV-3", "KV-4"], period="2021/2022", organization_id=ids["A"])
    }
    _check(prev_a["KV-3"], (1, None, 1.0), "KV-3 A 2021/2022")
    _check(prev_a["KV-4"], (0, None, 0.0), "KV-4 A 2021/2022")
    # a later year of the multi-year attestation plan (2020/2021 … 2024/2025): still yes; after it: no
    later = {r["indicator"]: r for r in await _values(client, t, ["KV-3"], period="2024/2025", municipality_id=muni)}
    _check(later["KV-3"], (1, None, 1.0), "KV-3 2024/2025")
    after = {r["indicator"]: r for r in await _values(client, t, ["KV-3"], period="2025/2026", municipality_id=muni)}
    _check(after["KV-3"], (0, None, 0.0), "KV-3 2025/2026")
    # nobody asked for help in 2020/2021: no value, never 0 or 100
    empty = await _values(client, t, ["K-4.1.2", "Z-GMO-PLAN"], period="2020/2021", municipality_id=muni)
    assert all(r["value"] is None and r["status"] == "no_data" and r["denominator"] == 0 for r in empty)


async def test_yes_no_in_a_region_and_per_municipality(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await _world(client, t)
    other = Municipality(region_id=t.region.id, name="Соседний город")
    session.add(other)
    await session.flush()
    codes = ["KV-3", "KV-4", "KV-5", "Z-GMO-PLAN"]
    total = {r["indicator"]: r for r in await _values(client, t, codes, who="sysadmin", region_id=t.region.id)}
    # the region: municipalities that have it / municipalities; yes only when all have it
    _check(total["KV-4"], (1, 2, 0.0), "KV-4 region")
    _check(total["KV-5"], (0, 2, 0.0), "KV-5 region")  # only a school has recommendations
    _check(total["Z-GMO-PLAN"], (2, 3, 66.666667), "Z-GMO-PLAN region")
    per = await _values(client, t, codes, who="sysadmin", region_id=t.region.id, breakdown="municipality")
    by = {(r["indicator"], r["unit_id"]): r for r in per}
    _check(by[("KV-4", str(t.municipality.id))], (1, None, 1.0), "KV-4 municipality")
    _check(by[("KV-4", str(other.id))], (0, None, 0.0), "KV-4 other municipality")
    _check(by[("Z-GMO-PLAN", str(other.id))], (0, 0, None), "Z-GMO-PLAN other municipality")
    # once the other municipality has its own plan too, the region has it
    await _document_in(client, t, other.id, "pd_plan", Y)
    total = {r["indicator"]: r for r in await _values(client, t, ["KV-4"], who="sysadmin", region_id=t.region.id)}
    _check(total["KV-4"], (2, 2, 1.0), "KV-4 region, all have it")
    # a department sees its own municipality of the region only
    mine = {r["indicator"]: r for r in await _values(client, t, ["KV-4"], region_id=t.region.id)}
    _check(mine["KV-4"], (1, 1, 1.0), "KV-4 region as the department")


async def _document_in(client: Any, t: Any, municipality_id: Any, type_: str, year: str) -> None:
    sa = t.headers("sysadmin")
    body = {
        "municipality_id": str(municipality_id),
        "type": type_,
        "title": f"Документ {type_} {year}",
        "academic_year": year,
        "url": "https://docs.example.ru/plan.pdf",
    }
    d = _ok(await client.post(f"{API}/documents", json=body, headers=sa), 201)
    _ok(await client.post(f"{API}/documents/{d['id']}/approve", headers={**sa, **_match(d["version"])}))


async def test_own_records_shares_and_yes_no_and_the_preview(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    ids = await _world(client, t)
    muni = str(t.municipality.id)
    m = t.headers("methodologist")
    shmo = {
        "code": "M-SHMO",
        "name": "Доля проведённых заседаний ШМО по плану-графику",
        "description": "Проведённые заседания плана-графика ШМО / заседания плана-графика ШМО периода.",
        "unit": "percent",
        "numerator_measure": "associations.meetings_held_per_plan",
        "numerator_filters": {"level": "school"},
        "denominator_measure": "associations.meetings_planned",
        "denominator_filters": {"level": "school"},
        "decimals": 1,
    }
    both = {
        **shmo,
        "code": "M-MO",
        "name": "Доля проведённых заседаний всех методобъединений",
        "numerator_filters": {},
        "denominator_filters": {},
    }
    held = {
        "code": "M-MEET",
        "name": "Заседания методобъединений, проведённые в периоде",
        "description": "Все проведённые заседания (по плану и вне его).",
        "unit": "count",
        "numerator_measure": "associations.meetings_held",
        "decimals": 0,
    }
    rec = {
        "code": "M-REC-SCH",
        "name": "Наличие адресных рекомендаций",
        "description": "Да, если есть утверждённые рекомендации учебного года.",
        "unit": "yes_no",
        "numerator_measure": "documents.present",
        "numerator_filters": {"type": "recommendations"},
    }
    for body in (shmo, both, held, rec):
        created = _ok(await client.post(f"{API}/kpi/indicators", json=body, headers=m), 201)
        assert created["unit"] == body["unit"]
    rows = await _values(
        client, t, ["M-SHMO", "M-MO", "M-MEET", "M-REC-SCH"], municipality_id=muni, breakdown="organization"
    )
    by = {(r["indicator"], r["unit_id"]): r for r in rows}
    total = {
        r["indicator"]: r
        for r in await _values(client, t, ["M-SHMO", "M-MO", "M-MEET", "M-REC-SCH"], municipality_id=muni)
    }
    _check(by[("M-SHMO", ids["A"])], (1, 2, 50.0), "M-SHMO A")
    _check(by[("M-SHMO", ids["B"])], (0, 0, None), "M-SHMO B")
    _check(total["M-SHMO"], (1, 2, 50.0), "M-SHMO municipality")
    # city and school: (2 + 1) held of (3 + 2) planned; organizations see only the school's
    _check(total["M-MO"], (3, 5, 60.0), "M-MO municipality")
    _check(by[("M-MO", ids["A"])], (1, 2, 50.0), "M-MO A")
    # meetings held in 2022/2023: city 2022-10-01, 2022-10-20, 2023-02-03; school 2022-11-01
    _check(total["M-MEET"], (4, None, 4.0), "M-MEET municipality")
    _check(by[("M-MEET", ids["A"])], (1, None, 1.0), "M-MEET A")
    _check(by[("M-REC-SCH", ids["B"])], (1, None, 1.0), "M-REC-SCH B")

    # the editor's preview of an unsaved definition gives exactly what the saved one gives
    for body, code in ((shmo, "M-SHMO"), (both, "M-MO"), (held, "M-MEET"), (rec, "M-REC-SCH")):
        draft = {k: v for k, v in body.items() if k != "code"} | {"period": Y}
        preview = _ok(await client.post(f"{API}/kpi/indicators/preview", json=draft, headers=m))
        first, *orgs = preview["rows"]
        assert (first["unit_kind"], first["unit_id"]) == ("municipality", muni)
        assert _figures(first) == _figures(total[code]) and first["status"] == total[code]["status"], code
        assert {r["unit_id"]: _figures(r) for r in orgs} == {
            r["unit_id"]: _figures(r) for r in rows if r["indicator"] == code
        }, code
        assert preview["meta"]["reference_date"] == "2023-08-31"
    # …and so does the preview of a catalogue passport's definition
    catalogue = {
        i["code"]: i for i in _ok(await client.get(f"{API}/kpi/indicators", params={"limit": 200}, headers=m))["items"]
    }
    cat_rows = await _values(client, t, ["Z-GMO-PLAN", "KV-4"], municipality_id=muni, breakdown="organization")
    for code in ("Z-GMO-PLAN", "KV-4"):
        p = catalogue[code]
        draft = {
            k: p[k]
            for k in (
                "name",
                "description",
                "unit",
                "numerator_measure",
                "numerator_filters",
                "denominator_measure",
                "denominator_filters",
                "decimals",
            )
        } | {"period": Y, "code": code}
        preview = _ok(await client.post(f"{API}/kpi/indicators/preview", json=draft, headers=m))
        _check(preview["rows"][0], EXPECTED[code][2], f"{code} preview")
        assert {r["unit_id"]: _figures(r) for r in preview["rows"][1:]} == {
            r["unit_id"]: _figures(r) for r in cat_rows if r["indicator"] == code
        }
        assert list(preview["meta"]["indicators"]) == [code]
    # the preview stores nothing: no new passport
    after = _ok(await client.get(f"{API}/kpi/indicators", params={"limit": 200}, headers=m))
    assert after["total"] == len(catalogue)


async def test_definition_rules_for_shares_yes_no_and_the_preview(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    m = t.headers("methodologist")
    base = {
        "name": "Проверка правил",
        "description": "Определение для проверки.",
        "unit": "percent",
        "numerator_measure": "associations.meetings_held_per_plan",
        "denominator_measure": "teachers.counted",
        "period": Y,
    }
    # a share of records over teachers: refused, naming the field
    r = await client.post(f"{API}/kpi/indicators/preview", json=base, headers=m)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.denominator_measure"
    create = {k: v for k, v in base.items() if k != "period"} | {"code": "M-MIX"}
    r = await client.post(f"{API}/kpi/indicators", json=create, headers=m)
    assert r.status_code == 422 and r.json()["code"] == "share_kinds"
    # yes/no: over a records measure, with no denominator
    yes_no = {**base, "unit": "yes_no", "numerator_measure": "teachers.counted", "denominator_measure": None}
    r = await client.post(f"{API}/kpi/indicators/preview", json=yes_no, headers=m)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.numerator_measure"
    r = await client.post(
        f"{API}/kpi/indicators/preview",
        json={**yes_no, "numerator_measure": "documents.present", "denominator_measure": "documents.present"},
        headers=m,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.denominator_measure"
    # a filter value the measure does not have
    r = await client.post(
        f"{API}/kpi/indicators/preview",
        json={**yes_no, "numerator_measure": "documents.present", "numerator_filters": {"type": "1=1"}},
        headers=m,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.numerator_filters.type"
    r = await client.post(
        f"{API}/kpi/indicators/preview",
        json={**base, "denominator_measure": "associations.meetings_planned", "numerator_filters": {"level": "x"}},
        headers=m,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.numerator_filters.level"
    # a garbage period, another municipality, no permission
    r = await client.post(f"{API}/kpi/indicators/preview", json={**base, "period": "вчера"}, headers=m)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.period"
    ok = {**base, "denominator_measure": "associations.meetings_planned"}
    r = await client.post(
        f"{API}/kpi/indicators/preview", json={**ok, "municipality_id": str(other.municipality.id)}, headers=m
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.municipality_id"
    for who in ("school_admin", "teacher", "client_kpi"):
        r = await client.post(f"{API}/kpi/indicators/preview", json=ok, headers=t.headers(who))
        assert r.status_code == 403, who
    # a valid draft with no name yet: previewed; the code is optional
    body = _ok(
        await client.post(f"{API}/kpi/indicators/preview", json={k: v for k, v in ok.items() if k != "name"}, headers=m)
    )
    assert [r["unit_kind"] for r in body["rows"]] == ["municipality", "organization", "organization"]
    assert all(r["indicator"] == "PREVIEW" and r["status"] == "no_data" for r in body["rows"])


async def test_running_period_counts_plans_due_by_today(client, session) -> None:  # type: ignore[no-untyped-def]
    """While the academic year runs, R is today: the plan lines due by today are the denominator."""
    t = await make_tenant(session)
    today = date.today()
    year = Period.current("academic_year", today)
    await _association(
        client,
        t,
        year.code,
        [(year.start.isoformat(), [year.start.isoformat()], False), (year.end.isoformat(), [], False)],
    )
    row = (await _values(client, t, ["Z-GMO-PLAN"], period=year.code, municipality_id=t.municipality.id))[0]
    expected = (1, 1, 100.0) if today < year.end else (1, 2, 50.0)
    _check(row, expected, "Z-GMO-PLAN running year")


async def test_drilldown_of_records_indicators(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    ids = await _world(client, t)
    muni = str(t.municipality.id)
    m = t.headers("methodologist")

    async def drill(code: str, part: str = "numerator", **scope: str) -> dict[str, Any]:
        params = {"indicator": code, "period": Y, "part": part, **scope}
        return _ok(await client.get(f"{API}/kpi/drilldown", params=params, headers=m))

    # the city plan lines held, and all of them due (newest first); they are the municipality's own
    held = await drill("Z-GMO-PLAN", municipality_id=muni)
    assert [(r["title"], r["on"], r["organization_id"]) for r in held["records"]] == [
        ("Заседание 2023-02-01", "2023-02-01", None),
        ("Заседание 2022-10-01", "2022-10-01", None),
    ]
    assert held["items"] == [] and held["total"] == 2
    assert (held["explain"]["numerator"], held["explain"]["denominator"]) == (2, 3)
    planned = await drill("Z-GMO-PLAN", "denominator", municipality_id=muni)
    assert [r["on"] for r in planned["records"]] == ["2023-05-01", "2023-02-01", "2022-10-01"]
    # yes/no: the document that makes the «yes» — the municipality's own, not its schools'
    kv4 = await drill("KV-4", municipality_id=muni)
    assert [(r["title"], r["organization_id"]) for r in kv4["records"]] == [("Документ pd_plan 2022/2023", None)]
    assert kv4["explain"]["value"] == 1.0
    school = await drill("KV-4", organization_id=ids["A"])
    assert [(r["organization_id"], r["organization_name"]) for r in school["records"]] == [(ids["A"], t.org.short_name)]
    assert (await drill("KV-4", organization_id=ids["B"]))["records"] == []  # a draft only
    # a count of records: the practice published in the period
    practices = await drill("K-4.1.1", municipality_id=muni)
    assert [(r["on"], r["organization_id"]) for r in practices["records"]] == [("2023-01-15", ids["A"])]
    r = await client.get(
        f"{API}/kpi/drilldown",
        params={"indicator": "KV-4", "period": Y, "part": "denominator", "municipality_id": muni},
        headers=m,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.part"
