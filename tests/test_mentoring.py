"""Mentoring pairs: one active mentor per mentee (also under concurrent requests), the municipality's limit of
mentees per mentor, no young mentor unless the municipality allows it, If-Match, scope, and the young teachers
without a mentor on a date with the share."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from app.core.db import Database
from tests.factories import make_teacher, make_tenant

API = "/api/v1/mentoring-pairs"
YOUNG_BIRTH = date(2000, 3, 1)


async def _young(session, t, org=None, **kw):  # type: ignore[no-untyped-def]
    return await make_teacher(
        session,
        t.municipality,
        org or t.org,
        last_name=kw.pop("last_name", "Молодова"),
        birth_date=kw.pop("birth_date", YOUNG_BIRTH),
        teaching_since=kw.pop("teaching_since", date(2023, 9, 1)),
        **kw,
    )


def _body(mentor, mentee, **kw):  # type: ignore[no-untyped-def]
    return {"mentor_id": str(mentor.id), "mentee_id": str(mentee.id), "start_date": "2025-09-01", **kw}


async def test_create_read_list_and_names(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await _young(session, t)
    h = t.headers("methodologist")
    r = await client.post(API, json=_body(t.teacher, mentee, goal="Адаптация"), headers=h)
    assert r.status_code == 201, r.text
    pair = r.json()
    assert r.headers["etag"] == '"1"'
    assert pair["mentor_name"] == "Иванова Мария Петровна" and pair["mentee_name"].startswith("Молодова")
    assert pair["status"] == "active" and pair["status_label"] == "действует"
    assert pair["form_label"] == "педагог — педагог" and pair["actions"] == ["update", "archive"]
    got = await client.get(f"{API}/{pair['id']}", headers=h)
    assert got.status_code == 200 and got.json()["mentee_organization_id"] == str(t.org.id)
    listed = await client.get(API, params={"teacher_id": str(mentee.id), "period": "2025/2026"}, headers=h)
    assert [p["id"] for p in listed.json()["items"]] == [pair["id"]]
    earlier = await client.get(API, params={"period": "2024/2025"}, headers=h)
    assert earlier.json()["total"] == 0


async def test_second_active_mentor_is_refused_naming_the_existing_pair(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await _young(session, t)
    h = t.headers("methodologist")
    first = (await client.post(API, json=_body(t.teacher, mentee), headers=h)).json()
    other_mentor = await make_teacher(session, t.municipality, t.org, last_name="Смирнова")
    r = await client.post(API, json=_body(other_mentor, mentee), headers=h)
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["code"] == "active_mentor_exists" and body["existing_id"] == first["id"]
    assert "Иванова Мария Петровна" in body["detail"] and "01.09.2025" in body["detail"]
    # a finished pair leaves room for a new one; finishing without a date ends it today
    done = await client.patch(f"{API}/{first['id']}", json={"status": "finished"}, headers={**h, "If-Match": '"1"'})
    assert done.status_code == 200, done.text
    assert done.json()["end_date"] == date.today().isoformat() and done.json()["version"] == 2
    assert (await client.post(API, json=_body(other_mentor, mentee), headers=h)).status_code == 201
    # and reopening the finished one now meets the new active pair
    reopen = await client.patch(
        f"{API}/{first['id']}", json={"status": "active", "end_date": None}, headers={**h, "If-Match": '"2"'}
    )
    assert reopen.status_code == 409 and reopen.json()["code"] == "active_mentor_exists"


async def test_one_active_mentor_per_mentee_under_concurrent_requests(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    """Two requests at once for the same mentee with different mentors (so nothing but the partial unique index
    can stop the second): exactly one wins, the other is a 409 naming the winner."""
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:  # committed data in its own tenant, so other tests are unaffected
        t = await make_tenant(s)
        mentee = await _young(s, t)
        mentor2 = await make_teacher(s, t.municipality, t.org, last_name="Смирнова")
        await s.commit()
    h = t.headers("methodologist")
    results = await asyncio.gather(
        raw_client.post(API, json=_body(t.teacher, mentee), headers=h),
        raw_client.post(API, json=_body(mentor2, mentee), headers=h),
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201, 409], [r.text for r in results]
    winner = next(r for r in results if r.status_code == 201).json()
    loser = next(r for r in results if r.status_code == 409).json()
    assert loser["code"] == "active_mentor_exists" and loser["existing_id"] == winner["id"]
    listed = await raw_client.get(API, params={"mentee_id": str(mentee.id)}, headers=h)
    assert listed.json()["total"] == 1


async def test_mentee_limit_per_mentor_is_the_municipalitys(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a, b = await _young(session, t, last_name="Первова"), await _young(session, t, last_name="Второва")
    dept, h = t.headers("department"), t.headers("methodologist")
    r = await client.patch(
        f"/api/v1/municipalities/{t.municipality.id}", json={"mentoring_max_mentees": 1}, headers=dept
    )
    assert r.status_code == 200 and r.json()["mentoring_max_mentees"] == 1
    assert (await client.post(API, json=_body(t.teacher, a), headers=h)).status_code == 201
    refused = await client.post(API, json=_body(t.teacher, b), headers=h)
    assert refused.status_code == 409 and refused.json()["code"] == "mentee_limit"
    assert "предел" in refused.json()["detail"]
    # a pair that is not active does not take a place
    finished = await client.post(API, json=_body(t.teacher, b, status="finished", end_date="2025-12-31"), headers=h)
    assert finished.status_code == 201
    await client.patch(f"/api/v1/municipalities/{t.municipality.id}", json={"mentoring_max_mentees": 2}, headers=dept)
    assert (await client.post(API, json=_body(t.teacher, b), headers=h)).status_code == 201


async def test_young_mentor_is_refused_unless_the_municipality_allows_it(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    young_mentor = await _young(session, t, last_name="Юнова")
    mentee = await _young(session, t, last_name="Ученикова")
    h = t.headers("methodologist")
    r = await client.post(API, json=_body(young_mentor, mentee), headers=h)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "body.mentor_id" and r.json()["errors"][0]["code"] == "young_mentor"
    # young on the start date: 25 years old then (born 2000-03-01), by age
    settings = await client.patch(
        f"/api/v1/municipalities/{t.municipality.id}",
        json={"mentoring_young_mentors_allowed": True},
        headers=t.headers("department"),
    )
    assert settings.json()["mentoring_young_mentors_allowed"] is True
    assert (await client.post(API, json=_body(young_mentor, mentee), headers=h)).status_code == 201


async def test_mentor_and_mentee_must_be_two_people_of_the_callers_reach(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("school_admin")
    same = await client.post(API, json=_body(t.teacher, t.teacher), headers=h)
    assert same.status_code == 422 and same.json()["errors"][0]["code"] == "same_person"
    # a school pairs its own teachers; a teacher of another school is «not found» for it
    mentee = await _young(session, t)
    foreign = await client.post(API, json=_body(t.teacher2, mentee), headers=h)
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "body.mentor_id"
    bad_dates = await client.post(API, json=_body(t.teacher, mentee, end_date="2025-01-01"), headers=h)
    assert bad_dates.status_code == 422


async def test_if_match_is_required_and_checked(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await _young(session, t)
    h = t.headers("methodologist")
    pair = (await client.post(API, json=_body(t.teacher, mentee), headers=h)).json()
    url = f"{API}/{pair['id']}"
    r = await client.patch(url, json={"goal": "Новая цель"}, headers=h)
    assert r.status_code == 428 and r.json()["code"] == "if_match_required"
    r = await client.post(f"{url}/archive", json={"reason": "Создана по ошибке"}, headers=h)
    assert r.status_code == 428
    ok = await client.patch(url, json={"goal": "Новая цель"}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.headers["etag"] == '"2"'
    stale = await client.patch(url, json={"goal": "Ещё цель"}, headers={**h, "If-Match": '"1"'})
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict"
    archived = await client.post(
        f"{url}/archive", json={"reason": "Создана по ошибке"}, headers={**h, "If-Match": '"2"'}
    )
    assert archived.status_code == 200 and archived.json()["archived_at"] and archived.json()["actions"] == []
    # the archived pair no longer holds the mentee
    assert (await client.post(API, json=_body(t.teacher, mentee), headers=h)).status_code == 201


async def test_scope_school_admin_of_another_school_gets_404_teacher_reads_own(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await _young(session, t, org=t.org2)
    mentor = await make_teacher(session, t.municipality, t.org2, last_name="Гимназистова")
    pair = (await client.post(API, json=_body(mentor, mentee), headers=t.headers("methodologist"))).json()
    url = f"{API}/{pair['id']}"
    admin = t.headers("school_admin")  # the school admin of t.org, not of the gymnasium
    assert (await client.get(url, headers=admin)).status_code == 404
    r = await client.patch(url, json={"goal": "x"}, headers={**admin, "If-Match": '"1"'})
    assert r.status_code == 404
    assert (await client.get(API, headers=admin)).json()["total"] == 0
    # the teacher t.teacher is in no pair: sees none; as a mentor of a pair they see it, read-only
    assert (await client.get(API, headers=t.headers("teacher"))).json()["total"] == 0
    own_mentee = await _young(session, t, last_name="Своя")
    mine = (await client.post(API, json=_body(t.teacher, own_mentee), headers=t.headers("school_admin"))).json()
    seen = (await client.get(API, headers=t.headers("teacher"))).json()
    assert [p["id"] for p in seen["items"]] == [mine["id"]] and seen["items"][0]["actions"] == []


async def test_young_without_mentor_on_a_date_with_the_share(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    on = date(2026, 3, 15)
    covered = await _young(session, t, last_name="Покрытова")
    starts_later = await _young(session, t, last_name="Позднова")
    ended_that_day = await _young(session, t, last_name="Последнедневова")
    ended_before = await _young(session, t, last_name="Раньшева")
    await _young(session, t, last_name="Безпарова")
    # not young on the date: 35 years old exactly that day (born 1991-03-15), experience 10 years
    await make_teacher(
        session,
        t.municipality,
        t.org,
        last_name="Тридцатипятилетова",
        birth_date=date(1991, 3, 15),
        teaching_since=date(2015, 9, 1),
    )
    h = t.headers("methodologist")
    for mentee, extra in (
        (covered, {}),
        (starts_later, {"start_date": (on + timedelta(days=1)).isoformat()}),
        (ended_that_day, {"status": "finished", "end_date": on.isoformat()}),
        (ended_before, {"status": "finished", "end_date": (on - timedelta(days=1)).isoformat()}),
    ):
        r = await client.post(API, json=_body(t.teacher, mentee, **extra), headers=h)
        assert r.status_code == 201, r.text
    r = await client.get(f"{API}/young-without-mentor", params={"on": on.isoformat()}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    names = {i["full_name"].split()[0] for i in body["items"]}
    assert names == {"Позднова", "Раньшева", "Безпарова"}
    assert body["young_total"] == 5 and body["with_mentor"] == 2 and body["share"] == 40.0 and body["target"] == 100
    previous = next(i for i in body["items"] if i["full_name"].startswith("Раньшева"))
    assert previous["last_mentor_name"] == "Иванова Мария Петровна" and previous["last_pair_end_date"] == "2026-03-14"
    # a school's list: only its teachers; an empty population is «no data», not 0 %
    other = await client.get(
        f"{API}/young-without-mentor", params={"on": on.isoformat(), "organization_id": str(t.org2.id)}, headers=h
    )
    assert other.json()["young_total"] == 0 and other.json()["share"] is None
    xlsx = await client.get(f"{API}/young-without-mentor/export", params={"on": on.isoformat()}, headers=h)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = await client.get(
        f"{API}/young-without-mentor/export", params={"on": on.isoformat(), "format": "csv"}, headers=h
    )
    text = csv.content.decode("utf-8-sig")
    assert text.count("\r\n") == 4 and "Безпарова" in text


async def test_pair_list_exports(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await _young(session, t)
    h = t.headers("methodologist")
    await client.post(API, json=_body(t.teacher, mentee, goal="=cmd|' /C calc'!A0"), headers=h)
    csv = await client.get(f"{API}/export", params={"format": "csv"}, headers=h)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Молодова" in text and "'=cmd" in text
    xlsx = await client.get(f"{API}/export", headers=h)
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]


async def test_the_database_itself_keeps_one_active_pair_per_mentee(session) -> None:  # type: ignore[no-untyped-def]
    import pytest
    from sqlalchemy.exc import IntegrityError

    from app.mentoring.models import MentoringPair

    t = await make_tenant(session)
    mentee = await _young(session, t)
    for mentor in (t.teacher, t.teacher2):
        session.add(
            MentoringPair(
                municipality_id=t.municipality.id,
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                form="teacher_teacher",
                start_date=date(2025, 9, 1),
                status="active",
            )
        )
    with pytest.raises(IntegrityError, match="ix_mentoring_pairs_municipality_id_mentee_id_active"):
        await session.flush()


async def test_demo_data_shows_courses_attestation_and_mentoring(client, session) -> None:  # type: ignore[no-untyped-def]
    """`make run` loads the demo: the growth lists show real records (most young teachers have a mentor, not all)."""
    from app.core.tokens import issue_access_token
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)
    token, _ = issue_access_token(f"user:{_id('user:methodologist@kostroma.demo.mms')}")
    h = {"Authorization": f"Bearer {token}"}
    young = (await client.get(f"{API}/young-without-mentor", headers=h)).json()
    assert young["young_total"] > 0 and 0 < young["with_mentor"] < young["young_total"] and young["total"] > 0
    assert 50 <= young["share"] < 100
    pairs = (await client.get(API, params={"status": "active"}, headers=h)).json()
    assert pairs["total"] == young["with_mentor"]
    window = (await client.get("/api/v1/courses/pd-window", headers=h)).json()
    assert window["outside"] > 0 and window["leaving"] > 0 and window["in_window"] > window["outside"]
    decided = (await client.get("/api/v1/attestations", params={"status": "granted"}, headers=h)).json()
    pending = (await client.get("/api/v1/attestations", params={"status": "pending"}, headers=h)).json()
    assert decided["total"] > 0 and pending["total"] > 0
    plan = (await client.get("/api/v1/attestations/plan", headers=h)).json()
    assert plan["total"] > 0
    teacher_token, _ = issue_access_token(f"user:{_id('user:teacher@kostroma.demo.mms')}")
    own = (await client.get("/api/v1/courses", headers={"Authorization": f"Bearer {teacher_token}"})).json()
    assert own["total"] >= 1


async def test_a_school_edits_its_mentees_pair_with_a_mentor_of_another_school(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await _young(session, t)  # at t.org
    pair = (await client.post(API, json=_body(t.teacher2, mentee), headers=t.headers("methodologist"))).json()
    admin = t.headers("school_admin")
    seen = await client.get(f"{API}/{pair['id']}", headers=admin)
    assert seen.status_code == 200 and seen.json()["actions"] == ["update", "archive"]
    moved = await client.patch(
        f"{API}/{pair['id']}", json={"start_date": "2025-10-01"}, headers={**admin, "If-Match": '"1"'}
    )
    assert moved.status_code == 200, moved.text
    # but it cannot put a teacher of another school in as the mentor
    other = await make_teacher(session, t.municipality, t.org2, last_name="Чужова")
    swap = await client.patch(
        f"{API}/{pair['id']}", json={"mentor_id": str(other.id)}, headers={**admin, "If-Match": '"2"'}
    )
    assert swap.status_code == 422 and swap.json()["errors"][0]["field"] == "body.mentor_id"
