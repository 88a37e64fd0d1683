"""Methodological associations: the share of planned meetings held on the academic year's boundaries, attendance
only from the members, If-Match, scope (a leader keeps only the association their role names; a school its ШМО; a
teacher reads their own), the members' growth for the leader, the role assignment naming an association, exports."""

from __future__ import annotations

import uuid
from datetime import date

from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token
from tests.factories import make_teacher, make_tenant

API = "/api/v1"


async def _leader_headers(session, t, association_id: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    u = User(
        email=f"leader.{uuid.uuid4().hex[:8]}@test.mms",
        full_name="Руководитель ГМО",
        municipality_id=t.municipality.id,
        roles=[
            RoleAssignment(
                role="association_leader", municipality_id=t.municipality.id, association_id=uuid.UUID(association_id)
            )
        ],
    )
    session.add(u)
    await session.flush()
    token, _ = issue_access_token(f"user:{u.id}")
    return {"Authorization": f"Bearer {token}"}


async def _gmo(client, t, leader, year: str = "2024/2025", title: str = "ГМО учителей математики"):  # type: ignore[no-untyped-def]
    body = {
        "level": "city",
        "title": title,
        "subject_code": "mathematics",
        "leader_teacher_id": str(leader.id),
        "academic_year": year,
    }
    r = await client.post(f"{API}/associations", json=body, headers=t.headers("methodologist"))
    assert r.status_code == 201, r.text
    return r.json()


async def _plan(client, h, a, day: str, topic: str = "Заседание"):  # type: ignore[no-untyped-def]
    r = await client.post(f"{API}/associations/{a['id']}/plans", json={"planned_date": day, "topic": topic}, headers=h)
    assert r.status_code == 201, r.text
    return next(p for p in r.json()["plans"] if p["planned_date"] == day and p["topic"] == topic)


async def _meeting(client, h, a, day: str, plan=None, attendance=(), status=201):  # type: ignore[no-untyped-def]
    body = {"held_on": day, "topic": "Заседание", "attendance": [str(x) for x in attendance]}
    if plan:
        body["plan_id"] = plan["id"]
    r = await client.post(f"{API}/associations/{a['id']}/meetings", json=body, headers=h)
    assert r.status_code == status, r.text
    return r.json()


async def test_create_a_city_association_the_leader_is_a_member(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    assert a["level_label"] == "ГМО" and a["organization_id"] is None and a["academic_year"] == "2024/2025"
    assert a["leader_name"] == "Иванова Мария Петровна" and a["subject_name"] == "Математика"
    assert [(m["teacher_id"], m["joined_on"], m["is_leader"]) for m in a["members"]] == [
        (str(t.teacher.id), "2024-09-01", True)
    ]
    assert a["planned"] == 0 and a["share"] is None  # no plan: no value, never 0 %
    assert set(a["actions"]) >= {"update", "archive", "members", "meetings", "growth"}
    h = t.headers("methodologist")
    listed = await client.get(f"{API}/associations", params={"academic_year": "2024/2025", "level": "city"}, headers=h)
    assert [x["id"] for x in listed.json()["items"]] == [a["id"]]
    assert (await client.get(f"{API}/associations", params={"academic_year": "2025/2026"}, headers=h)).json()[
        "total"
    ] == 0
    assert (await client.get(f"{API}/associations", params={"level": "school"}, headers=h)).json()["total"] == 0
    bad = await client.get(f"{API}/associations", params={"academic_year": "2024"}, headers=h)
    assert bad.status_code == 422


async def test_share_of_planned_meetings_held_on_the_year_boundaries(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    h = t.headers("methodologist")
    twice = await _plan(client, h, a, "2024-10-10", "Анализ ГИА")
    await _plan(client, h, a, "2025-03-01", "Не проведено")  # no meeting: denominator only
    next_day = await _plan(client, h, a, "2025-05-20", "Проведено 1 сентября")
    last_day = await _plan(client, h, a, "2025-08-31", "Проведено 31 августа")
    await _meeting(client, h, a, "2024-10-10", twice, [t.teacher.id])
    await _meeting(client, h, a, "2024-10-17", twice)  # two held meetings for one plan count once
    await _meeting(client, h, a, "2025-08-31", last_day)  # the last day of the academic year counts
    card = await _meeting(client, h, a, "2025-09-01", next_day)  # the next day does not
    assert (card["planned"], card["held"], card["share"]) == (4, 2, 50.0)
    held = {p["topic"]: p["held"] for p in card["plans"]}
    assert held == {
        "Анализ ГИА": True,
        "Не проведено": False,
        "Проведено 1 сентября": False,
        "Проведено 31 августа": True,
    }
    row = (await client.get(f"{API}/associations", params={"academic_year": "2024/2025"}, headers=h)).json()["items"][0]
    assert (row["planned"], row["held"], row["share"]) == (4, 2, 50.0)
    # a plan line outside the academic year is refused
    r = await client.post(
        f"{API}/associations/{a['id']}/plans", json={"planned_date": "2025-09-01", "topic": "Позже"}, headers=h
    )
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "outside_academic_year"
    # an archived plan line leaves the denominator
    plan = next(p for p in card["plans"] if p["topic"] == "Не проведено")
    r = await client.post(
        f"{API}/association-plans/{plan['id']}/archive",
        json={"reason": "Перенесено на следующий год"},
        headers={**h, "If-Match": f'"{plan["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["planned"], r.json()["held"], r.json()["share"]) == (3, 2, 66.7)


async def test_attendance_only_from_the_members(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    h = t.headers("methodologist")
    stranger = await make_teacher(session, t.municipality, t.org, last_name="Посторонняя")
    r = await client.post(
        f"{API}/associations/{a['id']}/meetings",
        json={"held_on": "2024-11-11", "topic": "Заседание", "attendance": [str(t.teacher.id), str(stranger.id)]},
        headers=h,
    )
    assert r.status_code == 422, r.text
    error = r.json()["errors"][0]
    assert error["field"] == "body.attendance.1" and error["code"] == "not_a_member"
    assert "Посторонняя Мария Петровна" in error["message"]
    # once a member, she may attend; a member who left before the date may not
    r = await client.post(f"{API}/associations/{a['id']}/members", json={"teacher_id": str(stranger.id)}, headers=h)
    assert r.status_code == 201, r.text
    assert (
        await client.post(f"{API}/associations/{a['id']}/members", json={"teacher_id": str(stranger.id)}, headers=h)
    ).status_code == 409
    card = await _meeting(client, h, a, "2024-11-11", attendance=[t.teacher.id, stranger.id])
    assert {x["teacher_name"] for x in card["meetings"][0]["attendance"]} == {
        "Иванова Мария Петровна",
        "Посторонняя Мария Петровна",
    }
    member = next(m for m in card["members"] if m["teacher_id"] == str(stranger.id))
    left = await client.patch(
        f"{API}/association-members/{member['id']}",
        json={"left_on": "2024-12-31"},
        headers={**h, "If-Match": f'"{member["version"]}"'},
    )
    assert left.status_code == 200, left.text
    await _meeting(client, h, a, "2025-01-15", attendance=[stranger.id], status=422)


async def test_meeting_changes_take_the_version(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    h = t.headers("methodologist")
    card = await _meeting(client, h, a, "2024-11-11")
    m = card["meetings"][0]
    url = f"{API}/association-meetings/{m['id']}"
    assert (await client.patch(url, json={"decisions": "Решили"}, headers=h)).status_code == 428
    ok = await client.patch(
        url, json={"decisions": "Решили", "attendance": [str(t.teacher.id)]}, headers={**h, "If-Match": '"1"'}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["meetings"][0]["version"] == 2 and ok.json()["meetings"][0]["decisions"] == "Решили"
    stale = await client.patch(url, json={"decisions": "Иначе"}, headers={**h, "If-Match": '"1"'})
    assert stale.status_code == 412
    audit = await client.get(
        f"{API}/audit-events", params={"entity_type": "association_meeting"}, headers=t.headers("department")
    )
    assert audit.status_code == 200
    archived = await client.post(
        f"{url}/archive", json={"reason": "Ошибочная запись"}, headers={**h, "If-Match": '"2"'}
    )
    assert archived.status_code == 200 and archived.json()["meetings"][0]["archived_at"] is not None


async def test_a_leader_keeps_only_their_association(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    member = await make_teacher(session, t.municipality, t.org2, last_name="Участникова")
    a = await _gmo(client, t, t.teacher, "2025/2026", "ГМО учителей математики")
    b = await _gmo(client, t, t.teacher2, "2025/2026", "ГМО учителей истории")
    h = t.headers("methodologist")
    await client.post(f"{API}/associations/{a['id']}/members", json={"teacher_id": str(member.id)}, headers=h)
    leader = await _leader_headers(session, t, a["id"])

    listed = (await client.get(f"{API}/associations", headers=leader)).json()
    assert [x["id"] for x in listed["items"]] == [a["id"]]
    assert listed["items"][0]["actions"] == ["meetings", "growth"]
    assert (await client.get(f"{API}/associations/{b['id']}", headers=leader)).status_code == 404
    # plans and records meetings of A
    plan = await _plan(client, leader, a, "2025-10-15", "Функциональная грамотность")
    card = await _meeting(client, leader, a, "2025-10-15", plan, [member.id])
    assert (card["planned"], card["held"], card["share"]) == (1, 1, 100.0)
    # not of B: the scope gate answers 404 (B is outside the leader's scope); editing A itself is not theirs (403)
    r = await client.post(
        f"{API}/associations/{b['id']}/plans", json={"planned_date": "2025-10-15", "topic": "Чужое"}, headers=h
    )
    b_plan = r.json()["plans"][0]
    assert (
        await client.post(
            f"{API}/associations/{b['id']}/plans", json={"planned_date": "2025-10-15", "topic": "Чужое"}, headers=leader
        )
    ).status_code == 404
    assert (
        await client.patch(
            f"{API}/association-plans/{b_plan['id']}", json={"topic": "Чужое"}, headers={**leader, "If-Match": '"1"'}
        )
    ).status_code == 404
    assert (
        await client.patch(
            f"{API}/associations/{a['id']}", json={"title": "Другое"}, headers={**leader, "If-Match": '"1"'}
        )
    ).status_code == 403
    # reads the growth of A's members, not of others
    growth = await client.get(f"{API}/associations/{a['id']}/members/{member.id}/growth", headers=leader)
    assert growth.status_code == 200, growth.text
    assert growth.json()["teacher_name"].startswith("Участникова")
    outsider = await client.get(f"{API}/associations/{a['id']}/members/{t.teacher2.id}/growth", headers=leader)
    assert outsider.status_code == 404
    via_b = await client.get(f"{API}/associations/{b['id']}/members/{t.teacher2.id}/growth", headers=leader)
    assert via_b.status_code == 404


async def test_school_and_teacher_scope(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    school = t.headers("school_admin")
    shmo = {
        "level": "school",
        "organization_id": str(t.org.id),
        "title": "ШМО учителей начальных классов",
        "problem": "Формирующее оценивание",
        "leader_teacher_id": str(t.teacher.id),
        "academic_year": "2025/2026",
    }
    r = await client.post(f"{API}/associations", json=shmo, headers=school)
    assert r.status_code == 201, r.text
    assert r.json()["organization_name"] == t.org.short_name and r.json()["level_label"] == "ШМО"
    other = {**shmo, "organization_id": str(t.org2.id), "leader_teacher_id": str(t.teacher2.id)}
    assert (await client.post(f"{API}/associations", json=other, headers=school)).status_code == 422
    city = {**shmo, "level": "city", "organization_id": None}
    assert (await client.post(f"{API}/associations", json=city, headers=school)).status_code == 422
    no_school = {**shmo, "organization_id": None}
    assert (await client.post(f"{API}/associations", json=no_school, headers=school)).status_code == 422
    gmo = await _gmo(client, t, t.teacher2, "2025/2026", "ГМО учителей истории")
    # the school sees its ШМО, not the city's association of another school's teacher
    assert [x["title"] for x in (await client.get(f"{API}/associations", headers=school)).json()["items"]] == [
        "ШМО учителей начальных классов"
    ]
    # a teacher reads the associations they are a member of
    mine = (await client.get(f"{API}/associations", headers=t.headers("teacher"))).json()["items"]
    assert [x["title"] for x in mine] == ["ШМО учителей начальных классов"] and mine[0]["actions"] == []
    assert (await client.get(f"{API}/associations/{gmo['id']}", headers=t.headers("teacher"))).status_code == 404


async def test_assign_the_leader_role_with_its_association(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    foreign = await _gmo(client, other, other.teacher)

    def user(association_id: str) -> dict:
        return {
            "email": f"gmo.{uuid.uuid4().hex[:6]}@test.mms",
            "full_name": "Руководитель ГМО",
            "password": "long-enough-password",
            "roles": [{"role": "association_leader", "association_id": association_id}],
        }

    r = await client.post(f"{API}/users", json=user(a["id"]), headers=t.headers("department"))
    assert r.status_code == 201, r.text
    role = r.json()["roles"][0]
    assert role["association_id"] == a["id"] and role["municipality_id"] == str(t.municipality.id)
    refused = await client.post(f"{API}/users", json=user(foreign["id"]), headers=t.headers("department"))
    random_ = await client.post(f"{API}/users", json=user(str(uuid.uuid4())), headers=t.headers("department"))
    assert refused.status_code == random_.status_code == 422
    assert refused.json()["errors"] == random_.json()["errors"]


async def test_export_csv_and_xlsx(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    h = t.headers("methodologist")
    plan = await _plan(client, h, a, "2024-10-10")
    await _meeting(client, h, a, "2024-10-10", plan)
    csv = await client.get(
        f"{API}/associations/export", params={"format": "csv", "academic_year": "2024/2025"}, headers=h
    )
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "Доля проведённых, %" in text and "ГМО учителей математики" in text and ";100" in text
    xlsx = await client.get(f"{API}/associations/export", params={"format": "xlsx"}, headers=h)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert date.today()  # the list of today's members is computed with today's date


async def test_demo_data_zeya_city_associations_and_the_leaders(client, session) -> None:  # type: ignore[no-untyped-def]
    """`make run` loads Zeya's ГМО from its programme with a plan for this year (some held), a Kostroma ШМО, and the
    leader accounts that keep them."""
    from app.core.periods import Period
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def h(email: str) -> dict[str, str]:
        token, _ = issue_access_token(f"user:{_id(f'user:{email}')}")
        return {"Authorization": f"Bearer {token}"}

    year = Period.current("academic_year", date.today()).code
    zeya = (
        await client.get(
            f"{API}/associations", params={"academic_year": year, "limit": 100}, headers=h("department@zeya.demo.mms")
        )
    ).json()
    titles = {x["title"] for x in zeya["items"]}
    assert {"ГМО учителей математики", "ГМО учителей начальных классов", "ГМО педагогов-психологов"} <= titles
    assert all(x["level"] == "city" for x in zeya["items"])
    assert any(x["planned"] == 5 for x in zeya["items"])
    led = (await client.get(f"{API}/associations", headers=h("gmo@zeya.demo.mms"))).json()
    assert [x["title"] for x in led["items"]] == ["ГМО учителей математики"]
    assert "meetings" in led["items"][0]["actions"] and led["items"][0]["members_count"] >= 2
    shmo = (await client.get(f"{API}/associations", headers=h("gmo@kostroma.demo.mms"))).json()["items"]
    assert len(shmo) == 1 and shmo[0]["level"] == "school" and shmo[0]["organization_name"] == "СОШ № 22"
    mine = (await client.get(f"{API}/associations", headers=h("teacher@kostroma.demo.mms"))).json()["items"]
    assert [x["id"] for x in mine] == [shmo[0]["id"]]


async def test_minutes_as_a_file(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    leader = await _leader_headers(session, t, a["id"])
    card = await _meeting(client, leader, a, "2024-11-11")
    m = card["meetings"][0]
    url = f"{API}/association-meetings/{m['id']}/minutes-file"
    pdf = {"file": ("Протокол № 2.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
    assert (await client.post(url, files=pdf, headers=leader)).status_code == 428
    r = await client.post(url, files=pdf, headers={**leader, "If-Match": '"1"'})
    assert r.status_code == 200, r.text
    got = r.json()["meetings"][0]
    assert got["minutes_file_name"] == "Протокол № 2.pdf" and got["version"] == 2
    bad = {"file": ("Протокол.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")}
    assert (await client.post(url, files=bad, headers={**leader, "If-Match": '"2"'})).status_code == 422
    # members read it (the download is audited); others do not
    down = await client.get(url, headers=t.headers("teacher"))
    assert down.status_code == 200 and down.content.startswith(b"%PDF")
    other = await make_tenant(session)
    assert (await client.get(url, headers=other.headers("department"))).status_code == 404


async def test_the_leader_edits_a_plan_line_and_a_held_meeting(client, session) -> None:  # type: ignore[no-untyped-def]
    """What the card's edit screens send: only the changed fields, If-Match with the version the card shows."""
    t = await make_tenant(session)
    a = await _gmo(client, t, t.teacher)
    leader = await _leader_headers(session, t, a["id"])
    plan = await _plan(client, leader, a, "2024-10-15", "Анализ ВПР")
    other = await _plan(client, leader, a, "2024-12-10", "Функциональная грамотность")
    assert plan["version"] == 1 and plan["actions"] == ["update", "archive"]
    url = f"{API}/association-plans/{plan['id']}"
    r = await client.patch(
        url, json={"topic": "Анализ ВПР и ОГЭ", "form": "круглый стол"}, headers={**leader, "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    changed = next(p for p in r.json()["plans"] if p["id"] == plan["id"])
    assert (changed["topic"], changed["form"], changed["planned_date"], changed["version"]) == (
        "Анализ ВПР и ОГЭ",
        "круглый стол",
        "2024-10-15",
        2,
    )
    # the version on a screen opened before that change is stale; a date outside the year is refused at the field
    assert (await client.patch(url, json={"topic": "Иначе"}, headers={**leader, "If-Match": '"1"'})).status_code == 412
    r = await client.patch(url, json={"planned_date": "2025-09-01"}, headers={**leader, "If-Match": '"2"'})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.planned_date"

    # a meeting recorded for one line, then moved to the other, its file of minutes removed
    card = await _meeting(client, leader, a, "2024-10-16", plan, [t.teacher.id])
    m = card["meetings"][0]
    files = {"file": ("Протокол.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
    r = await client.post(
        f"{API}/association-meetings/{m['id']}/minutes-file", files=files, headers={**leader, "If-Match": '"1"'}
    )
    assert r.status_code == 200 and r.json()["meetings"][0]["minutes_file_name"] == "Протокол.pdf"
    r = await client.patch(
        f"{API}/association-meetings/{m['id']}",
        json={"plan_id": other["id"], "held_on": "2024-12-10", "attendance": [], "minutes_file_id": None},
        headers={**leader, "If-Match": '"2"'},
    )
    assert r.status_code == 200, r.text
    got = r.json()
    meeting = got["meetings"][0]
    assert (meeting["plan_id"], meeting["held_on"], meeting["attendance"], meeting["minutes_file_name"]) == (
        other["id"],
        "2024-12-10",
        [],
        None,
    )
    assert {p["topic"]: p["held"] for p in got["plans"]} == {
        "Анализ ВПР и ОГЭ": False,
        "Функциональная грамотность": True,
    }
