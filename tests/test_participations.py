"""Participation: one row per teacher, event and role (a duplicate refused naming the row that exists, also under
two concurrent requests), bulk registration partial or all-or-nothing, a school registers only its own teachers,
attendance after the event, reads by scope, exports."""

from __future__ import annotations

import asyncio
import io
from datetime import date, timedelta

from openpyxl import load_workbook

from app.core.db import Database
from app.events.models import Event
from tests.factories import make_teacher, make_tenant

API = "/api/v1"


async def _event(session, t, **kw) -> Event:  # type: ignore[no-untyped-def]
    fields = {
        "municipality_id": t.municipality.id,
        "type": "seminar",
        "level": "municipal",
        "title": "Современные формы проведения педсовета",
        "start_date": date(2022, 3, 17),
    }
    fields.update(kw)
    event = Event(**fields)
    session.add(event)
    await session.flush()
    return event


async def _add(client, t, who: str, event_id, teacher_id, role: str = "listener", **kw):  # type: ignore[no-untyped-def]
    return await client.post(
        f"{API}/events/{event_id}/participations",
        json={"teacher_id": str(teacher_id), "role": role, **kw},
        headers=t.headers(who),
    )


async def test_duplicate_is_refused_naming_the_existing_row(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    event = await _event(session, t)
    first = await _add(client, t, "methodologist", event.id, t.teacher.id, "speaker", intends_to_apply=True)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["teacher_name"] == "Иванова Мария Петровна" and body["organization_id"] == str(t.org.id)
    assert body["intends_to_apply"] is True and body["attendance"] == "registered"
    again = await _add(client, t, "school_admin", event.id, t.teacher.id, "speaker")
    assert again.status_code == 409
    problem = again.json()
    assert problem["code"] == "duplicate_participation"
    assert (
        "Иванова Мария Петровна" in problem["detail"]
        and "«Современные формы проведения педсовета»" in problem["detail"]
    )
    assert "«выступающий (представляет практику)»" in problem["detail"]
    assert problem["existing"]["id"] == body["id"] and problem["existing"]["role"] == "speaker"
    # another role is another row
    assert (await _add(client, t, "methodologist", event.id, t.teacher.id, "organizer")).status_code == 201
    # after archiving the row, the same teacher and role may be registered again
    r = await client.post(
        f"{API}/participations/{body['id']}/archive",
        json={"reason": "Внесено по ошибке"},
        headers={**t.headers("methodologist"), "If-Match": f'"{body["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert (await _add(client, t, "methodologist", event.id, t.teacher.id, "speaker")).status_code == 201


async def test_two_concurrent_registrations_one_wins(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:  # committed data in its own tenant
        t = await make_tenant(s)
        event = await _event(s, t)
        await s.commit()
    results = await asyncio.gather(
        *(_add(raw_client, t, who, event.id, t.teacher.id) for who in ("methodologist", "school_admin", "department"))
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201, 409, 409], [r.text for r in results]
    winner = next(r for r in results if r.status_code == 201).json()
    for loser in (r for r in results if r.status_code == 409):
        assert loser.json()["code"] == "duplicate_participation"
        assert loser.json()["existing"]["id"] == winner["id"]
    listed = await raw_client.get(
        f"{API}/participations", params={"event_id": str(event.id)}, headers=t.headers("department")
    )
    assert listed.json()["total"] == 1


async def test_school_admin_registers_only_own_teachers(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    event = await _event(session, t)
    assert (await _add(client, t, "school_admin", event.id, t.teacher2.id)).status_code == 404
    assert (await _add(client, t, "school_admin", event.id, t.teacher.id)).status_code == 201
    assert (await _add(client, t, "department", event.id, t.teacher2.id)).status_code == 201
    assert (await _add(client, t, "teacher", event.id, t.teacher.id)).status_code == 403
    # reads by scope: the school its teachers, the teacher their own row, the department everything
    for who, expected in (("school_admin", 1), ("teacher", 1), ("department", 2)):
        r = await client.get(f"{API}/participations", params={"event_id": str(event.id)}, headers=t.headers(who))
        assert r.status_code == 200 and r.json()["total"] == expected, (who, r.text)
    own = (await client.get(f"{API}/participations", headers=t.headers("teacher"))).json()["items"]
    assert {p["teacher_id"] for p in own} == {str(t.teacher.id)} and own[0]["actions"] == []
    admin_view = (await client.get(f"{API}/participations", headers=t.headers("school_admin"))).json()["items"]
    assert admin_view[0]["actions"] == ["update", "archive"]


async def test_bulk_partial_reports_each_teacher(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    extra = await make_teacher(session, t.municipality, t.org, last_name="Смирнова", first_name="Анна")
    event = await _event(session, t)
    assert (await _add(client, t, "school_admin", event.id, t.teacher.id)).status_code == 201
    r = await client.post(
        f"{API}/events/{event.id}/participations/bulk",
        json={"teacher_ids": [str(t.teacher.id), str(extra.id), str(t.teacher2.id)], "role": "listener", "hours": "2"},
        headers=t.headers("school_admin"),
    )
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["applied"] is True
    assert [a["teacher_name"] for a in rep["added"]] == ["Смирнова Анна Петровна"]
    assert [d["teacher_id"] for d in rep["skipped_duplicates"]] == [str(t.teacher.id)]
    assert rep["skipped_duplicates"][0]["participation_id"]
    assert [x["teacher_id"] for x in rep["refused"]] == [str(t.teacher2.id)]
    assert rep["refused"][0]["teacher_name"] is None  # a teacher outside the school is not named
    total = await client.get(
        f"{API}/participations", params={"event_id": str(event.id)}, headers=t.headers("department")
    )
    assert total.json()["total"] == 2


async def test_bulk_all_or_nothing_adds_nobody_on_a_problem(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    extra = await make_teacher(session, t.municipality, t.org, last_name="Смирнова", first_name="Анна")
    event = await _event(session, t)
    h = t.headers("school_admin")
    url = f"{API}/events/{event.id}/participations/bulk"
    r = await client.post(
        url,
        json={"teacher_ids": [str(extra.id), str(t.teacher2.id)], "mode": "all_or_nothing"},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["code"] == "bulk_refused"
    assert len(r.json()["report"]["refused"]) == 1
    assert (await _add(client, t, "school_admin", event.id, t.teacher.id)).status_code == 201
    r = await client.post(url, json={"organization_id": str(t.org.id), "mode": "all_or_nothing"}, headers=h)
    assert r.status_code == 409 and r.json()["code"] == "duplicate_participation"
    listed = await client.get(f"{API}/participations", params={"event_id": str(event.id)}, headers=h)
    assert listed.json()["total"] == 1  # nothing added
    # by filter: the school's staff; another school's filter is outside the reach
    r = await client.post(url, json={"organization_id": str(t.org.id), "role": "organizer"}, headers=h)
    assert r.status_code == 200 and len(r.json()["added"]) == 2
    r = await client.post(url, json={"organization_id": str(t.org2.id)}, headers=h)
    assert r.status_code == 404
    r = await client.post(url, json={"subject": ["mathematics"], "role": "jury"}, headers=t.headers("department"))
    assert r.status_code == 200 and len(r.json()["added"]) == 3  # both schools' mathematicians and the extra one
    r = await client.post(url, json={"teacher_ids": [str(extra.id)], "organization_id": str(t.org.id)}, headers=h)
    assert r.status_code == 422


async def test_attendance_after_the_event(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    event = await _event(session, t)
    h = t.headers("methodologist")
    a = (await _add(client, t, "methodologist", event.id, t.teacher.id)).json()
    b = (await _add(client, t, "methodologist", event.id, t.teacher2.id)).json()
    speaker = (await _add(client, t, "methodologist", event.id, t.teacher2.id, "speaker")).json()
    url = f"{API}/events/{event.id}/attendance"
    r = await client.post(
        url,
        json={
            "items": [
                {"participation_id": a["id"], "attended": True},
                {"teacher_id": str(t.teacher2.id), "attended": False},
            ]
        },
        headers=h,
    )
    assert r.status_code == 200, r.text
    assert r.json()["updated"] == 3
    marks = {p["id"]: p["attendance"] for p in r.json()["items"]}
    assert marks == {a["id"]: "attended", b["id"]: "absent", speaker["id"]: "absent"}
    # a school marks only its teachers: an item outside its reach changes nothing
    r = await client.post(
        url,
        json={
            "items": [
                {"participation_id": a["id"], "attended": False},
                {"participation_id": b["id"], "attended": True},
            ]
        },
        headers=t.headers("school_admin"),
    )
    assert r.status_code == 404 and r.json()["errors"][0]["field"] == "body.items.1"
    card = await client.get(f"{API}/participations/{a['id']}", headers=h)
    assert card.json()["attendance"] == "attended"
    future = await _event(session, t, start_date=date.today() + timedelta(days=3))
    c = (await _add(client, t, "methodologist", future.id, t.teacher.id)).json()
    r = await client.post(
        f"{API}/events/{future.id}/attendance",
        json={"items": [{"participation_id": c["id"], "attended": True}]},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["code"] == "event_not_started"


async def test_update_rules_and_if_match(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    contest = await _event(session, t, type="contest", title="Педагогический дебют")
    h = t.headers("methodologist")
    p = (await _add(client, t, "methodologist", contest.id, t.teacher.id, "contestant", result="winner")).json()
    assert p["result"] == "winner"
    r = await _add(client, t, "methodologist", contest.id, t.teacher2.id, "listener", result="winner")
    assert r.status_code == 422
    url = f"{API}/participations/{p['id']}"
    assert (await client.patch(url, json={"hours": "6"}, headers=h)).status_code == 428
    ok = await client.patch(url, json={"hours": "6", "certificate_number": "ПД-17"}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["hours"] == "6.0" and ok.json()["version"] == 2
    assert (await client.patch(url, json={"hours": "7"}, headers={**h, "If-Match": '"1"'})).status_code == 412
    bad = await client.patch(url, json={"role": "listener", "result": "winner"}, headers={**h, "If-Match": "*"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.result"
    jury = (await _add(client, t, "methodologist", contest.id, t.teacher.id, "jury")).json()
    clash = await client.patch(
        f"{API}/participations/{jury['id']}", json={"role": "contestant"}, headers={**h, "If-Match": "*"}
    )
    assert clash.status_code == 409 and clash.json()["existing"]["id"] == p["id"]
    moved = await client.patch(url, json={"role": "listener"}, headers={**h, "If-Match": "*"})
    assert moved.status_code == 200 and moved.json()["result"] is None  # the result goes with the contest role


async def test_participation_filters_by_event_level_and_period(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    school_event = await _event(
        session, t, level="school", owner_organization_id=t.org.id, start_date=date(2022, 8, 31)
    )
    regional = await _event(session, t, level="regional", start_date=date(2022, 9, 1))
    for e in (school_event, regional):
        assert (await _add(client, t, "methodologist", e.id, t.teacher.id, "speaker")).status_code == 201
    h = t.headers("department")

    async def titles(**params: str) -> list[str]:
        r = await client.get(f"{API}/participations", params=params, headers=h)
        assert r.status_code == 200, r.text
        return [p["event_level"] for p in r.json()["items"]]

    assert await titles(level_min="municipal") == ["regional"]
    assert await titles(period="2021/2022") == ["school"]
    assert await titles(period="2022/2023", role="speaker") == ["regional"]
    assert await titles(participant_organization_id=str(t.org.id)) == ["regional", "school"]


async def test_participation_export_opens_in_excel(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    event = await _event(session, t)
    await _add(client, t, "methodologist", event.id, t.teacher.id, "speaker", presentation_title="Мировое кафе")
    r = await client.get(f"{API}/participations/export", params={"format": "xlsx"}, headers=t.headers("school_admin"))
    assert r.status_code == 200, r.text
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Дата мероприятия", "Мероприятие", "Вид", "Уровень", "ФИО")
    assert rows[1][4] == "Иванова Мария Петровна" and rows[1][6] == "выступающий (представляет практику)"
    assert rows[1][12] == "Мировое кафе" and len(rows) == 2
