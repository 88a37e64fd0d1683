"""Individual routes (ИОМ): a draft from a deficit profile proposes what the system holds tagged with each deficit
area (upcoming events, the teacher's courses, published practices, the mentor, self-study) and nothing for other
areas; one route per diagnostic (409); who approves (not the teacher: 403) and who reads (a teacher their own, a
school its own: 404 elsewhere); marks with evidence (a link; the teacher's own participation — another's is 422),
progress and the status that follows; overdue on the boundary date; If-Match; the department's summary without
names; audit entries of changes and reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token
from app.courses.models import Course
from app.events.models import Event, Participation
from app.mentoring.models import MentoringPair
from app.practices.models import Practice
from app.routes.service import default_deadline, today
from tests.factories import make_teacher, make_tenant
from tests.routes_helpers import API, approved, draft, etag, submitted


async def _two_roles(session, t, teacher):  # type: ignore[no-untyped-def]
    """A methodologist who is also a teacher of the municipality (their own route is not theirs to approve)."""
    u = User(
        email=f"m.{teacher.id.hex[:8]}@test.mms",
        full_name="Методист-педагог",
        municipality_id=t.municipality.id,
        roles=[
            RoleAssignment(role="methodologist", municipality_id=t.municipality.id),
            RoleAssignment(role="teacher", municipality_id=t.municipality.id, teacher_id=teacher.id),
        ],
    )
    session.add(u)
    await session.flush()
    token, _ = issue_access_token(f"user:{u.id}")
    return {"Authorization": f"Bearer {token}"}


def _event(t, title, start, areas, **kw):  # type: ignore[no-untyped-def]
    return Event(
        municipality_id=t.municipality.id,
        type="seminar",
        level="municipal",
        title=title,
        start_date=start,
        competence_areas=areas,
        **kw,
    )


def _practice(t, title, areas, status="published"):  # type: ignore[no-untyped-def]
    return Practice(
        municipality_id=t.municipality.id,
        organization_id=t.org.id,
        title=title,
        kind="technique",
        level="school",
        status=status,
        published_at=datetime.now(UTC) if status == "published" else None,
        competence_areas=areas,
    )


def _course(t, teacher, title, end, areas):  # type: ignore[no-untyped-def]
    return Course(
        municipality_id=t.municipality.id,
        teacher_id=teacher.id,
        title=title,
        provider_name="ИРО",
        hours=36,
        start_date=end - timedelta(days=10),
        end_date=end,
        competence_areas=areas,
    )


async def test_draft_proposes_tagged_records_for_deficit_areas_only(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    day = today()
    mentor = await make_teacher(session, t.municipality, t.org, last_name="Наставникова")
    session.add_all(
        [
            _event(t, "Семинар по оцениванию", day + timedelta(days=5), ["methodical"]),
            _event(t, "Прошедший семинар", day - timedelta(days=1), ["methodical"]),
            _event(t, "Отменённый семинар", day + timedelta(days=3), ["methodical"], status="cancelled"),
            _event(t, "Цифровой практикум", day + timedelta(days=4), ["digital"]),
            _practice(t, "Формирующее оценивание", ["methodical"]),
            _practice(t, "Черновик практики", ["methodical"], status="draft"),
            _practice(t, "Цифровые сервисы", ["digital"]),
            _course(t, t.teacher, "Современный урок", day + timedelta(days=20), ["methodical"]),
            _course(t, t.teacher2, "Чужие курсы", day + timedelta(days=20), ["methodical"]),
            _course(t, t.teacher, "Прошедшие курсы", day - timedelta(days=2), ["methodical"]),
            MentoringPair(
                municipality_id=t.municipality.id,
                mentor_id=mentor.id,
                mentee_id=t.teacher.id,
                start_date=day - timedelta(days=30),
                status="active",
            ),
        ]
    )
    await session.flush()
    a = await submitted(session, t, t.teacher, {"methodical": "deficit", "digital": "partial", "subject": "none"})
    r = await draft(client, t, a)
    route = r.json()
    assert route["status"] == "draft" and route["assignment_id"] == str(a.id)
    assert [g["area_code"] for g in route["goals"]] == ["methodical"]
    goal = route["goals"][0]
    assert goal["text"].startswith("Преодолеть дефицит: ") and goal["band"] == "deficit"
    acts = goal["actions"]
    assert [x["kind"] for x in acts] == ["event", "course", "course", "practice", "mentor", "self_study"]
    event, course, programme, practice, mentor_act, self_study = acts
    # a programme another teacher took for the area (not the teacher's own past course)
    assert programme["title"] == "Курсы: Чужие курсы (ИРО)" and programme["deadline"] == str(default_deadline(day))
    assert event["title"] == "Участие: Семинар по оцениванию" and event["deadline"] == str(day + timedelta(days=5))
    assert course["title"] == "Курсы: Современный урок" and course["deadline"] == str(day + timedelta(days=20))
    assert practice["title"] == "Изучить практику: Формирующее оценивание"
    assert practice["deadline"] == str(default_deadline(day))
    assert "Наставникова" in mentor_act["title"]
    assert self_study["ref_id"] is None and self_study["deadline"] == str(default_deadline(day))
    assert route["progress"] == 0 and route["actions_total"] == 6

    # partial areas on request, after the deficit ones
    a2 = await submitted(session, t, t.teacher2, {"digital": "partial", "methodical": "deficit"}, org=t.org2)
    r2 = await draft(client, t, a2, include_partial=True)
    goals = r2.json()["goals"]
    assert [g["area_code"] for g in goals] == ["methodical", "digital"]
    assert goals[1]["band"] == "partial"
    digital_kinds = [x["kind"] for x in goals[1]["actions"]]
    assert digital_kinds == ["event", "practice", "self_study"]  # teacher2 has no mentor and no course


async def test_second_draft_is_409_pointing_at_the_route(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await submitted(session, t, t.teacher, {"methodical": "deficit"})
    first = (await draft(client, t, a)).json()
    r = await client.post(f"{API}/draft", json={"assignment_id": str(a.id)}, headers=t.headers("school_admin"))
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "route_exists" and r.json()["existing_id"] == first["id"]
    # not submitted: 422; another school's assignment for a school administrator: 404
    b = await submitted(session, t, t.teacher2, {"methodical": "deficit"}, org=t.org2)
    r = await client.post(f"{API}/draft", json={"assignment_id": str(b.id)}, headers=t.headers("school_admin"))
    assert r.status_code == 404, r.text
    b.status, b.submitted_at = "in_progress", None
    await session.flush()
    r = await client.post(f"{API}/draft", json={"assignment_id": str(b.id)}, headers=t.headers("methodologist"))
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "not_submitted", r.text


async def test_teacher_cannot_approve_nor_read_another_teachers_route(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    own = (await draft(client, t, await submitted(session, t, t.teacher, {"methodical": "deficit"}))).json()
    other = await submitted(session, t, t.teacher2, {"digital": "deficit"}, org=t.org2)
    others = await draft(client, t, other)
    h = t.headers("teacher")
    r = await client.post(f"{API}/{own['id']}/approve", headers={**h, "If-Match": '"1"'})
    assert r.status_code == 403, r.text
    r = await client.get(f"{API}/{others.json()['id']}", headers=h)
    assert r.status_code == 404, r.text
    r = await client.get(f"{API}/{own['id']}", headers=h)
    assert r.status_code == 200 and r.json()["actions"] == [], r.text  # a draft: nothing to mark yet
    listed = (await client.get(API, headers=h)).json()
    assert [x["id"] for x in listed["items"]] == [own["id"]]
    # a school administrator of another school: 404 on read and on approve
    r = await client.get(f"{API}/{others.json()['id']}", headers=t.headers("school_admin"))
    assert r.status_code == 404, r.text
    r = await client.post(f"{API}/{others.json()['id']}/approve", headers={**t.headers("school_admin"), **etag(others)})
    assert r.status_code == 404, r.text
    # a school administrator who is the teacher: not their own route (403)
    self_admin = await _two_roles(session, t, t.teacher2)
    r = await client.post(f"{API}/{others.json()['id']}/approve", headers={**self_admin, **etag(others)})
    assert r.status_code == 403 and r.json()["code"] == "own_route", r.text
    # If-Match: required (428) and checked (412)
    r = await client.post(f"{API}/{others.json()['id']}/approve", headers=t.headers("methodologist"))
    assert r.status_code == 428, r.text
    r = await client.post(
        f"{API}/{others.json()['id']}/approve", headers={**t.headers("methodologist"), "If-Match": '"9"'}
    )
    assert r.status_code == 412, r.text


async def test_marks_with_evidence_progress_and_status(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await submitted(session, t, t.teacher, {"methodical": "deficit", "digital": "deficit"})
    r = await approved(client, t, a)
    route = r.json()
    assert route["status"] == "approved" and route["approved_by_name"]
    mine = await client.get("/api/v1/notifications", headers=t.headers("teacher"))
    assert any(
        n["kind"] == "route_approved" and n["link"] == f"/individual-routes/{route['id']}" for n in mine.json()["items"]
    )
    acts = [x for g in route["goals"] for x in g["actions"]]
    assert len(acts) == 2  # self-study in each area (nothing else is tagged)
    h = t.headers("teacher")
    r = await client.get(f"{API}/{route['id']}", headers=h)
    assert r.json()["actions"] == ["mark_done"], r.json()["actions"]
    done = f"{API}/{route['id']}/actions/{acts[0]['id']}/done"
    r = await client.post(done, json={"evidence_url": "https://example.org/cert.pdf"}, headers={**h, **etag(r)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "in_progress" and body["progress"] == 50 and body["actions_done"] == 1
    assert body["goals"][0]["actions"][0]["evidence_url"] == "https://example.org/cert.pdf"
    # twice: 409; a bad link: 422; no evidence: 422
    again = await client.post(done, json={"evidence_note": "ещё раз"}, headers={**h, **etag(r)})
    assert again.status_code == 409, again.text
    second = f"{API}/{route['id']}/actions/{acts[1]['id']}/done"
    bad = await client.post(second, json={"evidence_url": "ftp://x"}, headers={**h, **etag(r)})
    assert bad.status_code == 422, bad.text
    bad = await client.post(second, json={}, headers={**h, **etag(r)})
    assert bad.status_code == 422, bad.text
    # a participation: the teacher's own only
    event = _event(t, "Конференция", today() - timedelta(days=3), [])
    session.add(event)
    await session.flush()
    mine = Participation(municipality_id=t.municipality.id, event_id=event.id, teacher_id=t.teacher.id, role="speaker")
    theirs = Participation(
        municipality_id=t.municipality.id, event_id=event.id, teacher_id=t.teacher2.id, role="listener"
    )
    session.add_all([mine, theirs])
    await session.flush()
    bad = await client.post(second, json={"participation_id": str(theirs.id)}, headers={**h, **etag(r)})
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "not_own_participation", bad.text
    options = await client.get(f"{API}/{route['id']}/evidence-options", headers=h)
    assert [o["id"] for o in options.json()["items"]] == [str(mine.id)]
    r = await client.post(second, json={"participation_id": str(mine.id)}, headers={**h, **etag(r)})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "completed" and r.json()["progress"] == 100
    assert r.json()["goals"][1]["actions"][0]["evidence_title"] == "Конференция"
    # undo: an editor only; the status follows
    undo = f"{API}/{route['id']}/actions/{acts[1]['id']}/undo"
    assert (await client.post(undo, headers={**h, **etag(r)})).status_code == 403
    r = await client.post(undo, headers={**t.headers("school_admin"), **etag(r)})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "in_progress" and r.json()["progress"] == 50
    # the approver completes it with an action left
    r = await client.post(f"{API}/{route['id']}/complete", headers={**t.headers("methodologist"), **etag(r)})
    assert r.status_code == 200 and r.json()["status"] == "completed", r.text


async def test_overdue_on_the_boundary_date_and_plan_edits(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = await submitted(session, t, t.teacher, {"methodical": "deficit"})
    r = await draft(client, t, a)
    route = r.json()
    goal = route["goals"][0]
    day = today()
    plan = {
        "title": "Мой маршрут",
        "goals": [
            {
                "id": goal["id"],
                "area_code": "methodical",
                "text": goal["text"],
                "actions": [
                    {"id": goal["actions"][0]["id"], "kind": "self_study", "title": "Сегодня", "deadline": str(day)},
                    {"kind": "self_study", "title": "Вчера", "deadline": str(day - timedelta(days=1))},
                ],
            },
            {"area_code": "digital", "text": "Освоить цифровые сервисы", "actions": []},
        ],
    }
    r = await client.put(f"{API}/{route['id']}/plan", json=plan, headers={**t.headers("methodologist"), **etag(r)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "Мой маршрут" and len(body["goals"]) == 2
    flags = {x["title"]: x["overdue"] for x in body["goals"][0]["actions"]}
    assert flags == {"Сегодня": False, "Вчера": True}
    assert body["overdue_count"] == 1 and body["next_deadline"] == str(day - timedelta(days=1))
    # an unknown reference or area: 422
    bad = {**plan, "goals": [{"area_code": "nope", "text": "x", "actions": []}]}
    r2 = await client.put(f"{API}/{route['id']}/plan", json=bad, headers={**t.headers("methodologist"), **etag(r)})
    assert r2.status_code == 422, r2.text
    bad = {**plan, "goals": [{"text": "x", "actions": [{"kind": "event", "ref_id": str(a.id), "title": "x"}]}]}
    r2 = await client.put(f"{API}/{route['id']}/plan", json=bad, headers={**t.headers("methodologist"), **etag(r)})
    assert r2.status_code == 422, r2.text
    # the list: overdue only
    other = await draft(client, t, await submitted(session, t, t.teacher2, {"digital": "deficit"}, org=t.org2))
    listed = (await client.get(API, params={"overdue_only": "true"}, headers=t.headers("methodologist"))).json()
    assert [x["id"] for x in listed["items"]] == [route["id"]]
    assert listed["items"][0]["overdue_count"] == 1 and listed["items"][0]["teacher_name"]
    listed = (await client.get(API, params={"status": "draft"}, headers=t.headers("methodologist"))).json()
    assert {x["id"] for x in listed["items"]} == {route["id"], other.json()["id"]}
    # archive (not delete): a new draft may be made then
    r = await client.post(
        f"{API}/{route['id']}/archive",
        json={"reason": "Составлен заново"},
        headers={**t.headers("methodologist"), **etag(r)},
    )
    assert r.status_code == 200 and r.json()["archived_at"], r.text
    await draft(client, t, a)


async def test_department_summary_has_no_names(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await approved(client, t, await submitted(session, t, t.teacher, {"methodical": "deficit"}))
    await draft(client, t, await submitted(session, t, t.teacher2, {"digital": "deficit"}, org=t.org2))
    h = t.headers("department")
    assert (await client.get(API, headers=h)).status_code == 403
    r = await client.get(f"{API}/summary", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2 and body["by_status"]["approved"] == 1 and body["by_status"]["draft"] == 1
    assert {o["organization_id"] for o in body["organizations"]} == {str(t.org.id), str(t.org2.id)}
    for name in (t.teacher.last_name, t.teacher2.last_name, t.teacher.first_name):
        assert name not in r.text


async def test_audit_entries_of_changes_and_reads(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await approved(client, t, await submitted(session, t, t.teacher, {"methodical": "deficit"}))
    route = r.json()
    r = await client.get(f"{API}/{route['id']}", headers=t.headers("teacher"))
    action = route["goals"][0]["actions"][0]["id"]
    r = await client.post(
        f"{API}/{route['id']}/actions/{action}/done",
        json={"evidence_note": "Прочитала, применила"},
        headers={**t.headers("teacher"), **etag(r)},
    )
    assert r.status_code == 200, r.text
    rows = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "individual_route", AuditEvent.entity_id == route["id"])
        )
    ).all()
    actions = [e.action for e in rows]
    assert {"create", "approve", "read", "action_done"} <= set(actions), actions
    read = next(e for e in rows if e.action == "read")
    assert read.actor_id == t.users["teacher"].id and read.municipality_id == t.municipality.id


async def test_demo_routes(client, session) -> None:  # type: ignore[no-untyped-def]
    """Kostroma's demo: approved routes, one in progress with evidence, one overdue, one draft; the demo teacher
    sees their own route (in progress, with an overdue action)."""
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def h(email: str) -> dict[str, str]:
        token, _ = issue_access_token(f"user:{_id('user:' + email)}")
        return {"Authorization": f"Bearer {token}"}

    items = (await client.get(API, params={"limit": 100}, headers=h("methodologist@kostroma.demo.mms"))).json()["items"]
    statuses = [x["status"] for x in items]
    assert "draft" in statuses and "approved" in statuses and "in_progress" in statuses
    assert any(x["overdue_count"] for x in items)
    mine = (await client.get(API, headers=h("teacher@kostroma.demo.mms"))).json()["items"]
    assert len(mine) == 1 and mine[0]["status"] == "in_progress" and mine[0]["overdue_count"] == 1
    route = (await client.get(f"{API}/{mine[0]['id']}", headers=h("teacher@kostroma.demo.mms"))).json()
    assert "mark_done" in route["actions"]
    done = [a for g in route["goals"] for a in g["actions"] if a["status"] == "done"]
    assert done and done[0]["evidence_url"]


async def test_actions_completed_between_two_diagnostics(client, session) -> None:  # type: ignore[no-untyped-def]
    """The re-diagnosis comparison's «done in between»: actions marked done after the earlier submission and up to
    the later one; other teachers' and archived routes' actions are not counted."""
    from app.diagnostics import results
    from app.routes import repository as routes_repo

    assert results._counters == [routes_repo.completed_actions_between]  # registered when the module loads
    t = await make_tenant(session)
    a = await submitted(session, t, t.teacher, {"methodical": "deficit", "digital": "deficit"})
    r = await approved(client, t, a)
    route = r.json()
    acts = [x for g in route["goals"] for x in g["actions"]]
    h = t.headers("teacher")
    r = await client.post(
        f"{API}/{route['id']}/actions/{acts[0]['id']}/done",
        json={"evidence_url": "https://example.org/a.pdf"},
        headers={**h, **etag(r)},
    )
    assert r.status_code == 200, r.text
    now = datetime.now(UTC)
    spans = [
        (t.teacher.id, now - timedelta(hours=1), now + timedelta(hours=1)),
        (t.teacher2.id, now - timedelta(hours=1), now + timedelta(hours=1)),
    ]
    assert await routes_repo.completed_actions_between(session, spans) == {t.teacher.id: 1}
    before = [(t.teacher.id, now - timedelta(days=2), now - timedelta(days=1))]
    assert await routes_repo.completed_actions_between(session, before) == {}
    r = await client.post(
        f"{API}/{route['id']}/archive", json={"reason": "Ошибка"}, headers={**t.headers("methodologist"), **etag(r)}
    )
    assert r.status_code == 200, r.text
    assert await routes_repo.completed_actions_between(session, spans) == {}
