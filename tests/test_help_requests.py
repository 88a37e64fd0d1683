"""Help requests: who asks for whom, the states (take, consult, close with a resolution, reopen within 14 days and
refused after), If-Match, scope, the overdue queue on working-day boundaries (a SQL filter), the municipality's
answer term, the export, and the working-day helper itself."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from sqlalchemy import update

from app.core.db import Database, utcnow
from app.core.workdays import add_working_days, is_working_day, overdue_cutoff, working_days_between
from app.help_requests.models import HelpRequest
from app.users.models import RoleAssignment, User
from tests.factories import make_tenant

API = "/api/v1/help-requests"
ASK = {"topic_code": "functional_literacy", "description": "Как составить задания по читательской грамотности"}


def _v(resp) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"If-Match": resp.headers["etag"]}


async def _ask(client, t, who="teacher", **kw):  # type: ignore[no-untyped-def]
    r = await client.post(API, json={**ASK, **kw}, headers=t.headers(who))
    assert r.status_code == 201, r.text
    return r


# --- working days (pure) ---


def test_working_days_skip_weekends_and_holidays() -> None:
    assert not is_working_day(date(2026, 11, 4))  # День народного единства
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert is_working_day(date(2026, 11, 5))
    assert all(not is_working_day(date(2027, 1, d)) for d in range(1, 9))  # новогодние каникулы
    assert not is_working_day(date(2026, 2, 23)) and is_working_day(date(2026, 3, 9))  # no transfers of days off
    # Friday + 3 working days = Wednesday; over 4 November: Tue 3 Nov + 3 = Mon 9 Nov
    assert add_working_days(date(2026, 11, 27), 3) == date(2026, 12, 2)
    assert add_working_days(date(2026, 11, 3), 3) == date(2026, 11, 9)
    # over the New Year holidays: Wed 30 Dec + 3 = 31 Dec, Mon 11 Jan, Tue 12 Jan
    assert add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 12)
    assert working_days_between(date(2026, 12, 30), date(2027, 1, 11)) == 2
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 27)) == 0


def test_overdue_cutoff_is_the_last_overdue_opening_date() -> None:
    for today in (date(2026, 12, 2), date(2027, 1, 12), date(2026, 11, 9), date(2026, 11, 29)):
        for n in (1, 3, 5, 10):
            cut = overdue_cutoff(today, n)
            assert working_days_between(cut, today) > n
            assert working_days_between(cut + timedelta(days=1), today) <= n
    # a Friday request with 3 days is due Wednesday and overdue from Thursday
    assert overdue_cutoff(date(2026, 12, 2), 3) < date(2026, 11, 27) <= overdue_cutoff(date(2026, 12, 3), 3)


# --- asking ---


async def test_teacher_asks_for_self_and_methodologists_are_notified(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _ask(client, t, desired_form="visit")
    item = r.json()
    assert r.headers["etag"] == '"1"'
    assert item["teacher_id"] == str(t.teacher.id) and item["organization_id"] == str(t.org.id)
    assert item["teacher_name"] == "Иванова Мария Петровна" and item["organization_name"] == t.org.short_name
    assert item["state"] == "new" and item["state_label"] == "новое"
    assert item["topic_name"] == "Функциональная грамотность обучающихся"
    assert item["desired_form_label"] == "выезд в организацию"
    assert item["opened_on"] == date.today().isoformat() and item["requested_by_name"] == "Тест teacher"
    assert item["due_on"] == add_working_days(date.today(), 3).isoformat() and item["overdue"] is False
    assert item["actions"] == ["update"]
    # the methodologist sees it among the new ones, may take it, and got a notification with a link to it
    h = t.headers("methodologist")
    queue = (await client.get(API, params={"queue": "new"}, headers=h)).json()
    assert [x["id"] for x in queue["items"]] == [item["id"]]
    assert queue["items"][0]["actions"] == ["take", "consult", "archive"]
    count = await client.get("/api/v1/notifications/unread-count", headers=h)
    assert count.json() == {"unread": 1}
    note = (await client.get("/api/v1/notifications", headers=h)).json()["items"][0]
    assert note["link"] == f"/help-requests/{item['id']}" and note["title"] == "Новое обращение за методической помощью"
    # the teacher made it, so they get no notice of their own act
    assert (await client.get("/api/v1/notifications/unread-count", headers=t.headers("teacher"))).json()["unread"] == 0


async def test_who_may_ask_for_whom(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    # a teacher cannot ask for a colleague nor for the school
    other = await client.post(API, json={**ASK, "teacher_id": str(t.teacher2.id)}, headers=t.headers("teacher"))
    assert other.status_code == 422 and other.json()["errors"][0]["code"] == "unknown_teacher"
    school = await client.post(API, json={**ASK, "organization_id": str(t.org.id)}, headers=t.headers("teacher"))
    assert school.status_code == 422 and school.json()["errors"][0]["code"] == "unknown_organization"
    # a school asks for its teacher or for itself, not for another school's teacher
    h = t.headers("school_admin")
    for_teacher = await client.post(API, json={**ASK, "teacher_id": str(t.teacher.id)}, headers=h)
    assert for_teacher.status_code == 201 and for_teacher.json()["organization_id"] == str(t.org.id)
    for_school = await client.post(API, json={**ASK, "organization_id": str(t.org.id)}, headers=h)
    assert for_school.status_code == 201 and for_school.json()["teacher_id"] is None
    foreign = await client.post(API, json={**ASK, "teacher_id": str(t.teacher2.id)}, headers=h)
    assert foreign.status_code == 422
    # the topic comes from the dictionary; methodologists do not ask
    bad = await client.post(API, json={**ASK, "topic_code": "astrology"}, headers=t.headers("teacher"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.topic_code"
    assert (await client.post(API, json=ASK, headers=t.headers("methodologist"))).status_code == 403
    # the teacher sees the requests made for them (also by the school), not the school's own
    mine = (await client.get(API, headers=t.headers("teacher"))).json()
    assert {x["id"] for x in mine["items"]} == {for_teacher.json()["id"]}


# --- the life of a request ---


async def test_take_consult_close_in_full_and_the_teacher_sees_the_answer(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    created = await _ask(client, t)
    rid = created.json()["id"]
    h = t.headers("methodologist")
    # If-Match is required for every transition
    assert (await client.post(f"{API}/{rid}/take", headers=h)).status_code == 428
    assert (await client.post(f"{API}/{rid}/take", headers={**h, "If-Match": '"7"'})).status_code == 412
    # closing a request nobody took is a wrong transition
    early = await client.post(
        f"{API}/{rid}/close", json={"resolution": "full", "comment": "Готово"}, headers=h | _v(created)
    )
    assert early.status_code == 409 and early.json()["code"] == "wrong_state" and "«новое»" in early.json()["detail"]
    taken = await client.post(f"{API}/{rid}/take", headers=h | _v(created))
    assert taken.status_code == 200, taken.text
    assert taken.json()["state"] == "in_progress" and taken.json()["assignee_name"] == "Тест methodologist"
    assert taken.json()["actions"] == ["consult", "close", "archive"]
    again = await client.post(f"{API}/{rid}/take", headers=h | _v(taken))
    assert again.status_code == 409 and "Тест methodologist" in again.json()["detail"]
    consulted = await client.post(
        f"{API}/{rid}/consultations",
        json={"form": "online", "notes": "Разобрали типы заданий"},
        headers=h | _v(taken),
    )
    assert consulted.status_code == 201, consulted.text
    c = consulted.json()["consultations"]
    assert (
        len(c) == 1 and c[0]["form_label"] == "онлайн-консультация" and c[0]["consultant_name"] == "Тест methodologist"
    )
    closed = await client.post(
        f"{API}/{rid}/close",
        json={"resolution": "full", "comment": "Задания составлены, применены на уроке"},
        headers=h | _v(consulted),
    )
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["state"] == "closed" and body["resolution_label"] == "решено в полном объёме"
    assert body["reopen_until"] == (date.today() + timedelta(days=14)).isoformat()
    assert "reopen" not in body["actions"]  # the methodologist is not the requesting side
    # the teacher sees the answer and was notified of the taking, the consultation and the closing
    th = t.headers("teacher")
    seen = (await client.get(f"{API}/{rid}", headers=th)).json()
    assert seen["resolution_comment"] == "Задания составлены, применены на уроке" and seen["actions"] == ["reopen"]
    assert seen["consultations"][0]["notes"] == "Разобрали типы заданий"
    notes = (await client.get("/api/v1/notifications", headers=th)).json()
    assert [n["title"] for n in notes["items"]] == [
        "Обращение закрыто: решено в полном объёме",
        "Консультация по обращению",
        "Обращение взято в работу",
    ]
    # the audit log keeps each step under its own name
    audit = await client.get(
        "/api/v1/audit-events", params={"entity_type": "help_request", "entity_id": rid}, headers=t.headers("sysadmin")
    )
    assert audit.status_code == 200, audit.text
    assert {"create", "take", "consult", "close"} <= {e["action"] for e in audit.json()["items"]}
    consult = next(e for e in audit.json()["items"] if e["action"] == "consult")
    change = consult["change_list"][0]
    assert change["field_label"] == "Консультация" and "онлайн-консультация, Тест methodologist" in change["after_text"]
    assert consult["action_label"] == "Консультация"
    created_entry = next(e for e in audit.json()["items"] if e["action"] == "create")
    topic = next(c for c in created_entry["change_list"] if c["field_label"] == "Тема")
    assert topic["after_text"] == "Функциональная грамотность обучающихся"


async def test_consultation_on_a_new_request_takes_it(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    created = await _ask(client, t)
    r = await client.post(
        f"{API}/{created.json()['id']}/consultations",
        json={"form": "consultation"},
        headers=t.headers("methodologist") | _v(created),
    )
    assert r.status_code == 201 and r.json()["state"] == "in_progress" and r.json()["consultation_count"] == 1


async def _closed(client, session, t, days_ago: int):  # type: ignore[no-untyped-def]
    created = await _ask(client, t)
    rid = created.json()["id"]
    h = t.headers("methodologist")
    taken = await client.post(f"{API}/{rid}/take", headers=h | _v(created))
    await client.post(f"{API}/{rid}/consultations", json={"notes": "Первая консультация"}, headers=h | _v(taken))
    cur = await client.get(f"{API}/{rid}", headers=h)
    closed = await client.post(
        f"{API}/{rid}/close", json={"resolution": "partial", "comment": "Частично"}, headers=h | _v(cur)
    )
    assert closed.status_code == 200
    await session.execute(
        update(HelpRequest)
        .where(HelpRequest.id == closed.json()["id"])
        .values(closed_at=utcnow() - timedelta(days=days_ago))
    )
    return rid


async def test_reopen_on_the_fourteenth_day_keeps_the_history(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    rid = await _closed(client, session, t, days_ago=14)
    th = t.headers("teacher")
    cur = await client.get(f"{API}/{rid}", headers=th)
    assert cur.json()["reopen_until"] == date.today().isoformat() and "reopen" in cur.json()["actions"]
    assert (await client.post(f"{API}/{rid}/reopen", json={}, headers=th)).status_code == 428
    r = await client.post(f"{API}/{rid}/reopen", json={"comment": "Остались вопросы"}, headers=th | _v(cur))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["state"] == "in_progress" and body["resolution"] is None and body["resolution_comment"] is None
    assert body["reopen_count"] == 1 and body["reopened_at"] is not None and body["closed_at"] is None
    assert body["assignee_name"] == "Tест methodologist".replace("T", "Т")
    assert [c["notes"] for c in body["consultations"]] == ["Первая консультация"]
    # the methodologist is told
    notes = (await client.get("/api/v1/notifications", headers=t.headers("methodologist"))).json()["items"]
    assert notes[0]["title"] == "Обращение открыто снова" and notes[0]["body"] == "Остались вопросы"
    # reopening an open request is a wrong transition; methodologists do not reopen
    twice = await client.post(f"{API}/{rid}/reopen", json={}, headers=th | _v(r))
    assert twice.status_code == 409 and twice.json()["code"] == "wrong_state"
    assert (
        await client.post(f"{API}/{rid}/reopen", json={}, headers=t.headers("methodologist") | _v(r))
    ).status_code == 403


async def test_reopen_is_refused_after_fourteen_days(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    rid = await _closed(client, session, t, days_ago=15)
    th = t.headers("teacher")
    cur = await client.get(f"{API}/{rid}", headers=th)
    assert cur.json()["actions"] == [] and cur.json()["reopen_until"] == (date.today() - timedelta(days=1)).isoformat()
    r = await client.post(f"{API}/{rid}/reopen", json={}, headers=th | _v(cur))
    assert r.status_code == 409 and r.json()["code"] == "reopen_expired"
    assert "Срок повторного открытия истёк" in r.json()["detail"]
    # the school that asked for the teacher may reopen within the term, like the teacher
    rid2 = await _closed(client, session, t, days_ago=3)
    cur2 = await client.get(f"{API}/{rid2}", headers=t.headers("school_admin"))
    ok = await client.post(f"{API}/{rid2}/reopen", json={}, headers=t.headers("school_admin") | _v(cur2))
    assert ok.status_code == 200


async def test_edit_while_new_only_and_archive(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    created = await _ask(client, t)
    rid = created.json()["id"]
    th = t.headers("teacher")
    edited = await client.patch(f"{API}/{rid}", json={"desired_form": "materials"}, headers=th | _v(created))
    assert edited.status_code == 200 and edited.json()["desired_form"] == "materials" and edited.json()["version"] == 2
    h = t.headers("methodologist")
    taken = await client.post(f"{API}/{rid}/take", headers=h | _v(edited))
    late = await client.patch(f"{API}/{rid}", json={"description": "Другое описание"}, headers=th | _v(taken))
    assert late.status_code == 409 and late.json()["code"] == "wrong_state"
    archived = await client.post(f"{API}/{rid}/archive", json={"reason": "Дубликат обращения"}, headers=h | _v(taken))
    assert archived.status_code == 200 and archived.json()["archived_at"] and archived.json()["actions"] == []
    assert (await client.get(API, headers=h)).json()["total"] == 0
    assert (await client.get(API, params={"include_archived": True}, headers=h)).json()["total"] == 1


# --- queues and filters ---


async def _opened(client, session, t, opened_on: date, who="school_admin"):  # type: ignore[no-untyped-def]
    r = await _ask(client, t, who, teacher_id=str(t.teacher.id), opened_on=opened_on.isoformat())
    return r.json()["id"]


async def test_overdue_queue_on_working_day_boundaries(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    today = date.today()
    cut3 = overdue_cutoff(today, 3)
    on_edge = await _opened(client, session, t, cut3)  # exactly 4 working days passed: overdue
    inside = await _opened(client, session, t, cut3 + timedelta(days=1))  # 3 at most: not yet
    old_taken = await _opened(client, session, t, cut3 - timedelta(days=30))
    h = t.headers("methodologist")
    cur = await client.get(f"{API}/{old_taken}", headers=h)
    await client.post(f"{API}/{old_taken}/take", headers=h | _v(cur))  # taken: never overdue
    overdue = (await client.get(API, params={"queue": "overdue"}, headers=h)).json()
    assert [x["id"] for x in overdue["items"]] == [on_edge] and overdue["items"][0]["overdue"] is True
    assert (await client.get(f"{API}/{inside}", headers=h)).json()["overdue"] is False
    assert (await client.get(f"{API}/{on_edge}", headers=h)).json()["due_on"] == add_working_days(cut3, 3).isoformat()
    # the municipality gives five working days: the edge moves back
    muni = await client.get(f"/api/v1/municipalities/{t.municipality.id}", headers=t.headers("department"))
    assert muni.json()["help_response_days"] == 3
    patched = await client.patch(
        f"/api/v1/municipalities/{t.municipality.id}",
        json={"help_response_days": 5},
        headers=t.headers("department") | _v(muni),
    )
    assert patched.status_code == 200, patched.text
    overdue5 = (await client.get(API, params={"queue": "overdue"}, headers=h)).json()
    expect = [on_edge] if cut3 <= overdue_cutoff(today, 5) else []
    assert [x["id"] for x in overdue5["items"]] == expect
    edge5 = await _opened(client, session, t, overdue_cutoff(today, 5))
    after5 = (await client.get(API, params={"queue": "overdue"}, headers=h)).json()
    assert edge5 in {x["id"] for x in after5["items"]}
    # the mine queue: what this methodologist took
    mine = (await client.get(API, params={"queue": "mine"}, headers=h)).json()
    assert [x["id"] for x in mine["items"]] == [old_taken]


async def test_filters_scope_and_export(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    mine = (await _ask(client, t)).json()["id"]
    foreign = (await _ask(client, other)).json()["id"]
    h = t.headers("methodologist")
    assert (await client.get(f"{API}/{foreign}", headers=h)).status_code == 404
    year = f"{date.today().year if date.today().month >= 9 else date.today().year - 1}"
    period = f"{year}/{int(year) + 1}"
    listed = await client.get(
        API,
        params={
            "period": period,
            "organization_id": str(t.org.id),
            "state": "new",
            "topic_code": "functional_literacy",
        },
        headers=h,
    )
    assert [x["id"] for x in listed.json()["items"]] == [mine]
    assert (await client.get(API, params={"period": "2019/2020"}, headers=h)).json()["total"] == 0
    assert (await client.get(API, params={"state": "closed"}, headers=h)).json()["total"] == 0
    # the other school's administrator does not see it
    assert (await client.get(f"{API}/{mine}", headers=other.headers("school_admin"))).status_code == 404
    csv = await client.get(f"{API}/export", params={"format": "csv", "period": period}, headers=h)
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "Функциональная грамотность обучающихся" in text and "Иванова Мария Петровна" in text
    xlsx = await client.get(f"{API}/export", headers=h)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


async def test_demo_data_shows_every_state(client, session) -> None:  # type: ignore[no-untyped-def]
    """`make run` loads the demo: the methodologist has new, overdue and own requests; the demo teacher sees the
    request closed in full with the answer, can still reopen it, and has the notification of it."""
    from app.core.tokens import issue_access_token
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def h(email: str) -> dict[str, str]:
        user_id = _id("user:" + email)
        token, _ = issue_access_token(f"user:{user_id}")
        return {"Authorization": f"Bearer {token}"}

    m = h("methodologist@kostroma.demo.mms")
    for queue in ("new", "mine", "overdue"):
        assert (await client.get(API, params={"queue": queue}, headers=m)).json()["total"] >= 1, queue
    everything = (await client.get(API, params={"include_archived": True, "limit": 200}, headers=m)).json()
    assert {x["state"] for x in everything["items"]} == {"new", "in_progress", "closed"}
    assert {x["resolution"] for x in everything["items"]} >= {"full", "partial", "none"}
    assert (await client.get("/api/v1/notifications/unread-count", headers=m)).json()["unread"] >= 2
    teacher = h("teacher@kostroma.demo.mms")
    own = (await client.get(API, headers=teacher)).json()["items"]
    full = next(x for x in own if x["resolution"] == "full")
    assert full["actions"] == ["reopen"] and full["reopen_until"] >= date.today().isoformat()
    card = (await client.get(f"{API}/{full['id']}", headers=teacher)).json()
    assert len(card["consultations"]) == 2 and card["assignee_name"] == "Лебедева Ирина Николаевна"
    notes = (await client.get("/api/v1/notifications", headers=teacher)).json()["items"]
    assert f"/help-requests/{full['id']}" in {n["link"] for n in notes}  # the demo also approves the teacher's ИОМ


async def test_two_methodologists_take_at_once_one_wins(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    """Two methodologists press «Взять в работу» on the same version at the same moment: one takes it, the other
    is told the record changed (412), and the request has one assignee."""
    from app.core.tokens import issue_access_token

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:  # committed data in its own tenant, so other tests are unaffected
        t = await make_tenant(s)
        second = User(
            email=f"m2.{t.municipality.id.hex[:8]}@test.mms",
            full_name="Второй методист",
            municipality_id=t.municipality.id,
            roles=[RoleAssignment(role="methodologist", municipality_id=t.municipality.id)],
        )
        s.add(second)
        await s.commit()
    created = await raw_client.post(API, json=ASK, headers=t.headers("teacher"))
    rid = created.json()["id"]
    token, _ = issue_access_token(f"user:{second.id}")
    heads = [t.headers("methodologist"), {"Authorization": f"Bearer {token}"}]
    results = await asyncio.gather(
        *(raw_client.post(f"{API}/{rid}/take", headers={**h, "If-Match": '"1"'}) for h in heads)
    )
    assert sorted(r.status_code for r in results) == [200, 412], [r.text for r in results]
    final = (await raw_client.get(f"{API}/{rid}", headers=heads[0])).json()
    winner = next(r for r in results if r.status_code == 200).json()
    assert final["assignee_name"] == winner["assignee_name"] and final["version"] == 2
