"""Diagnostics campaigns: targeting (organizations, positions, subjects, young teachers only; the main job today),
a campaign that opens later launched by the nightly job and a yearly one repeated, the window (a closed campaign
takes no answers: 409), reminders (recorded, one per assignment per 24 hours: 429 with Retry-After; a school only
its own teachers), live completion per organization, the ranking of a topic survey, and who reads which deficit
profiles."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func, select, update

from app.audit.models import AuditEvent
from app.core.access import system_principal
from app.diagnostics import jobs
from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagReminder
from app.diagnostics.schemas import SHIPPED_TOPIC_SURVEY_ID
from app.teachers.models import TeacherSubject
from tests.diagnostics_helpers import (
    API,
    my_assignment,
    open_campaign,
    published_instrument,
    teacher_headers,
    v,
)
from tests.factories import make_teacher, make_tenant


async def _teachers_of(session, campaign_id: str) -> set:  # type: ignore[no-untyped-def]
    rows = await session.scalars(select(DiagAssignment.teacher_id).where(DiagAssignment.campaign_id == campaign_id))
    return set(rows.all())


async def test_targeting(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    young = await make_teacher(
        session, t.municipality, t.org, birth_date=date(2001, 3, 1), teaching_since=date(2024, 9, 1)
    )
    psychologist = await make_teacher(session, t.municipality, t.org2, last_name="Психологова")
    psychologist.employments[0].position_code = "psychologist"
    russian = await make_teacher(session, t.municipality, t.org2, last_name="Русакова")
    await session.flush()
    await session.execute(
        update(TeacherSubject).where(TeacherSubject.teacher_id == russian.id).values(subject_code="russian")
    )
    gone = await make_teacher(session, t.municipality, t.org, last_name="Ушедшая")
    gone.employments[0].end_date = date.today() - timedelta(days=30)
    await session.flush()
    everyone = {t.teacher.id, t.teacher2.id, young.id, psychologist.id, russian.id}

    c = await open_campaign(client, t, inst["id"], target={})
    assert await _teachers_of(session, c["id"]) == everyone  # the whole municipality, not the one who left
    assert c["assigned"] == 5 and c["launched_at"]
    c = await open_campaign(client, t, inst["id"], target={"organization_ids": [str(t.org.id)]})
    assert await _teachers_of(session, c["id"]) == {t.teacher.id, young.id}
    c = await open_campaign(client, t, inst["id"], target={"young_only": True})
    assert await _teachers_of(session, c["id"]) == {young.id}
    c = await open_campaign(client, t, inst["id"], target={"position_codes": ["psychologist"]})
    assert await _teachers_of(session, c["id"]) == {psychologist.id}
    c = await open_campaign(
        client, t, inst["id"], target={"subject_codes": ["russian"], "organization_ids": [str(t.org2.id)]}
    )
    assert await _teachers_of(session, c["id"]) == {russian.id}
    # another municipality's school is refused like an unknown one
    other = await make_tenant(session)
    r = await client.post(
        f"{API}/campaigns",
        json={
            "instrument_id": inst["id"],
            "title": "Чужая школа",
            "opens_on": str(date.today()),
            "closes_on": str(date.today()),
            "target": {"organization_ids": [str(other.org.id)]},
        },
        headers=t.headers("methodologist"),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "unknown_organization"
    # a draft or another municipality's instrument cannot be assigned
    draft = await client.post(
        f"{API}/instruments",
        json={"title": "Черновик", "sections": inst["sections"]},
        headers=t.headers("methodologist"),
    )
    r = await client.post(
        f"{API}/campaigns",
        json={
            "instrument_id": draft.json()["id"],
            "title": "Черновик",
            "opens_on": "2027-01-10",
            "closes_on": "2027-01-31",
        },
        headers=t.headers("methodologist"),
    )
    assert r.status_code == 422 and r.json()["code"] == "not_published"
    r = await client.post(
        f"{API}/campaigns",
        json={"instrument_id": inst["id"], "title": "Чужой", "opens_on": "2027-01-10", "closes_on": "2027-01-31"},
        headers=other.headers("methodologist"),
    )
    assert r.status_code == 422 and r.json()["code"] == "unknown_instrument"


async def test_nightly_launch_and_yearly_repeat(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    today = date.today()
    later = await open_campaign(
        client,
        t,
        inst["id"],
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=30),
        repeat_yearly=True,
    )
    assert later["state"] == "scheduled" and later["assigned"] == 0 and later["launched_at"] is None
    out = await jobs.open_and_repeat(session, system_principal(), today + timedelta(days=3))
    assert out["launched"] >= 1
    r = await client.get(f"{API}/campaigns/{later['id']}", headers=t.headers("methodologist"))
    assert r.json()["assigned"] == 1 and r.json()["launched_at"]
    # the window closes: next year's copy, scheduled a year later with the same target and instrument version
    out = await jobs.open_and_repeat(session, system_principal(), today + timedelta(days=31))
    assert out["repeated"] >= 1
    copy = (await session.scalars(select(DiagCampaign).where(DiagCampaign.repeated_from_id == later["id"]))).one()
    assert copy.opens_on.year == (today + timedelta(days=3)).year + 1
    assert str(copy.instrument_id) == inst["id"] and copy.repeat_yearly and copy.launched_at is None
    again = await jobs.open_and_repeat(session, system_principal(), today + timedelta(days=31))
    assert again["repeated"] == 0  # never a second copy of the same campaign
    copies = (await session.scalars(select(DiagCampaign).where(DiagCampaign.repeated_from_id == later["id"]))).all()
    assert len(copies) == 1


async def test_closed_window(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"])
    a = await my_assignment(client, t.headers("teacher"), c["id"])
    await session.execute(
        update(DiagCampaign).where(DiagCampaign.id == c["id"]).values(closes_on=date.today() - timedelta(days=1))
    )
    r = await client.get(f"{API}/assignments/{a['id']}", headers=t.headers("teacher"))
    assert r.json()["actions"] == []
    s = await client.post(f"{API}/assignments/{a['id']}/submit", headers={**t.headers("teacher"), **v(r)})
    assert s.status_code == 409 and s.json()["code"] == "campaign_closed"
    put = await client.put(
        f"{API}/assignments/{a['id']}/answers", json={"answers": {"s1": "b"}}, headers={**t.headers("teacher"), **v(r)}
    )
    assert put.status_code == 409


async def test_reminders_are_recorded_and_rate_limited(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"], target={})
    school = t.headers("school_admin")
    pending = await client.get(
        f"{API}/assignments",
        params={"campaign_id": c["id"], "status": ["assigned", "in_progress"]},
        headers=school,
    )
    assert pending.status_code == 200
    (mine,) = pending.json()["items"]  # the school sees only its own teacher
    assert mine["teacher_id"] == str(t.teacher.id) and mine["actions"] == ["remind"]
    r = await client.post(f"{API}/assignments/{mine['id']}/remind", headers=school)
    assert r.status_code == 200, r.text
    assert r.json()["reminder_count"] == 1 and r.json()["last_reminded_at"]
    again = await client.post(f"{API}/assignments/{mine['id']}/remind", headers=school)
    assert again.status_code == 429 and again.json()["code"] == "reminder_too_soon"
    assert 86000 < int(again.headers["retry-after"]) <= 86400
    # the methodologist is limited by the same record
    assert (
        await client.post(f"{API}/assignments/{mine['id']}/remind", headers=t.headers("methodologist"))
    ).status_code == 429
    reminders = (await session.scalars(select(DiagReminder).where(DiagReminder.assignment_id == mine["id"]))).all()
    assert len(reminders) == 1
    # the teacher got a notification
    n = await client.get(f"{API}/notifications", headers=t.headers("teacher"))
    assert any(x["kind"] == "diagnostics_reminder" for x in n.json()["items"])
    # a day later it may be sent again
    await session.execute(
        update(DiagAssignment)
        .where(DiagAssignment.id == mine["id"])
        .values(last_reminded_at=DiagAssignment.last_reminded_at - timedelta(hours=24, seconds=1))
    )
    assert (await client.post(f"{API}/assignments/{mine['id']}/remind", headers=school)).status_code == 200
    # another school's teacher: not found for this school
    everyone = await client.get(
        f"{API}/assignments", params={"campaign_id": c["id"]}, headers=t.headers("methodologist")
    )
    theirs = next(a for a in everyone.json()["items"] if a["teacher_id"] == str(t.teacher2.id))
    assert (await client.post(f"{API}/assignments/{theirs['id']}/remind", headers=school)).status_code == 404


async def test_completion_and_profiles_by_scope(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"], target={})
    third = await make_teacher(session, t.municipality, t.org, last_name="Третьякова")
    launched = await client.get(f"{API}/campaigns/{c['id']}/completion", headers=t.headers("department"))
    assert launched.status_code == 200
    # the teacher of org submits; teacher2 (org2) only starts
    for who, headers, answers, submit in (
        ("t1", t.headers("teacher"), {"s1": "b", "m1": "a", "d2": 3}, True),
        ("t2", await teacher_headers(session, t, t.teacher2), {"s1": "a"}, False),
    ):
        a = await my_assignment(client, headers, c["id"])
        r = await client.get(f"{API}/assignments/{a['id']}", headers=headers)
        r = await client.put(
            f"{API}/assignments/{a['id']}/answers", json={"answers": answers}, headers={**headers, **v(r)}
        )
        assert r.status_code == 200, (who, r.text)
        if submit:
            assert (
                await client.post(f"{API}/assignments/{a['id']}/submit", headers={**headers, **v(r)})
            ).status_code == 200
    rows = {
        x["organization_id"]: x
        for x in (await client.get(f"{API}/campaigns/{c['id']}/completion", headers=t.headers("department"))).json()
    }
    assert (rows[str(t.org.id)]["assigned"], rows[str(t.org.id)]["submitted"], rows[str(t.org.id)]["percent"]) == (
        1,
        1,
        100.0,
    )
    assert (rows[str(t.org2.id)]["started"], rows[str(t.org2.id)]["submitted"], rows[str(t.org2.id)]["percent"]) == (
        1,
        0,
        0.0,
    )
    school_rows = (await client.get(f"{API}/campaigns/{c['id']}/completion", headers=t.headers("school_admin"))).json()
    assert [x["organization_id"] for x in school_rows] == [str(t.org.id)]  # a school sees its own row
    assert third  # hired after the launch: not assigned
    # deficit profiles: the teacher own, the school its teachers, the methodologist the municipality; the department 403
    for who, expected in (("teacher", 1), ("school_admin", 1), ("methodologist", 1)):
        r = await client.get(f"{API}/deficit-profiles", params={"campaign_id": c["id"]}, headers=t.headers(who))
        assert r.status_code == 200 and r.json()["total"] == expected, (who, r.text)
    assert (await client.get(f"{API}/deficit-profiles", headers=t.headers("department"))).status_code == 403
    other_teacher = await teacher_headers(session, t, t.teacher2)
    assert (await client.get(f"{API}/deficit-profiles", headers=other_teacher)).json()["total"] == 0
    (p,) = (
        await client.get(f"{API}/deficit-profiles", params={"band": "deficit"}, headers=t.headers("methodologist"))
    ).json()["items"]
    # subject 2 / 8 = 25 %, methodical 3 / 4 = 75 %, digital 3 / 6 = 50 %
    assert {a["area_code"]: (a["percent"], a["band"]) for a in p["areas"]} == {
        "subject": ("25.00", "deficit"),
        "methodical": ("75.00", "none"),
        "digital": ("50.00", "partial"),
    }
    # one profile by its assignment: the methodologist (audited), the teacher (own), another teacher 404
    one = f"{API}/deficit-profiles/{p['assignment_id']}"
    reads = await session.scalar(
        select(func.count()).where(AuditEvent.action == "read", AuditEvent.entity_id == uuid.UUID(p["assignment_id"]))
    )
    got = await client.get(one, headers=t.headers("methodologist"))
    assert got.status_code == 200 and got.json()["areas"] == p["areas"]
    assert (
        await session.scalar(
            select(func.count()).where(
                AuditEvent.action == "read", AuditEvent.entity_id == uuid.UUID(p["assignment_id"])
            )
        )
    ) == reads + 1
    assert (await client.get(one, headers=t.headers("teacher"))).status_code == 200
    assert (await client.get(one, headers=other_teacher)).status_code == 404
    assert (await client.get(one, headers=t.headers("department"))).status_code == 403
    filtered = await client.get(
        f"{API}/deficit-profiles",
        params={"band": "deficit", "area_code": "digital"},
        headers=t.headers("methodologist"),
    )
    assert filtered.json()["total"] == 0
    # another municipality sees nothing of it
    other = await make_tenant(session)
    assert (
        await client.get(f"{API}/campaigns/{c['id']}/completion", headers=other.headers("department"))
    ).status_code == 404
    assert (await client.get(f"{API}/deficit-profiles", headers=other.headers("methodologist"))).json()["total"] == 0


async def test_topic_survey_ranking(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    extra = [await make_teacher(session, t.municipality, t.org, last_name=f"Опросова{i}") for i in range(2)]
    c = await open_campaign(client, t, str(SHIPPED_TOPIC_SURVEY_ID), target={"organization_ids": [str(t.org.id)]})
    choices = [(["c", "f", "g"], "Формирующее оценивание"), (["c", "g"], ""), (["c"], None)]
    people = [t.headers("teacher")] + [await teacher_headers(session, t, x) for x in extra]
    for headers, (picked, note) in zip(people, choices, strict=True):
        a = await my_assignment(client, headers, c["id"])
        r = await client.get(f"{API}/assignments/{a['id']}", headers=headers)
        too_many = await client.put(
            f"{API}/assignments/{a['id']}/answers",
            json={"answers": {"topics.1": ["a", "b", "c", "d"]}},
            headers={**headers, **v(r)},
        )
        assert too_many.status_code == 422  # at most three topics
        r = await client.put(
            f"{API}/assignments/{a['id']}/answers",
            json={"answers": {"topics.1": picked, "topics.2": note}},
            headers={**headers, **v(r)},
        )
        assert r.status_code == 200, r.text
        s = await client.post(f"{API}/assignments/{a['id']}/submit", headers={**headers, **v(r)})
        assert s.status_code == 200 and s.json()["results"] == []  # a survey has no scores
    res = await client.get(f"{API}/campaigns/{c['id']}/topics", headers=t.headers("methodologist"))
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["respondents"] == 3
    top = [(x["rank"], x["option_key"], x["votes"], x["percent"]) for x in body["topics"][:3]]
    assert top == [(1, "c", 3, 100.0), (2, "g", 2, 66.7), (3, "f", 1, 33.3)]
    assert body["topics"][3]["votes"] == 0 and body["topics"][3]["rank"] == 4  # the rest share rank 4
    assert body["texts"] == ["Формирующее оценивание"]
    assert (await client.get(f"{API}/campaigns/{c['id']}/topics", headers=t.headers("teacher"))).status_code == 403


async def test_kpi_measures(client, session) -> None:  # type: ignore[no-untyped-def]
    """`diagnostics.deficit_teachers` counts teachers with a deficit area submitted in the period (K-4.1.3's
    denominator); `diagnostics.campaign_with_submission` counts campaigns opened in the period with a submission
    (Z-MONITOR), as the KPI editor's preview computes them."""
    from app.core.periods import Period

    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"], target={})
    empty = await open_campaign(client, t, inst["id"], target={"young_only": True})  # nobody assigned, no submission
    assert empty["assigned"] == 0
    for headers, answers in (
        (t.headers("teacher"), {"s1": "b", "m1": "a", "d2": 3}),  # subject 25 %: a deficit
        (
            await teacher_headers(session, t, t.teacher2),
            {"s1": "b", "s2": ["a", "c"], "s3": 4, "m1": "a", "m2": 1, "d1": ["a", "b", "c"], "d2": 3},
        ),
    ):
        a = await my_assignment(client, headers, c["id"])
        r = await client.get(f"{API}/assignments/{a['id']}", headers=headers)
        r = await client.put(
            f"{API}/assignments/{a['id']}/answers", json={"answers": answers}, headers={**headers, **v(r)}
        )
        assert (
            await client.post(f"{API}/assignments/{a['id']}/submit", headers={**headers, **v(r)})
        ).status_code == 200
    period = str(Period.current("academic_year", date.today()))
    m = t.headers("methodologist")
    base = {"name": "Проверка", "description": "Проверка меры", "unit": "count", "period": period}
    r = await client.post(
        f"{API}/kpi/indicators/preview", json={**base, "numerator_measure": "diagnostics.deficit_teachers"}, headers=m
    )
    assert r.status_code == 200, r.text
    first, *orgs = r.json()["rows"]
    assert first["numerator"] == 1  # only the teacher with a deficit area
    assert {o["unit_id"]: o["numerator"] for o in orgs}[str(t.org.id)] == 1
    r = await client.post(
        f"{API}/kpi/indicators/preview",
        json={
            **base,
            "numerator_measure": "diagnostics.campaign_with_submission",
            "numerator_filters": {"kind": "deficit"},
        },
        headers=m,
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows"][0]["numerator"] == 1  # the campaign with submissions, not the empty one
    previous = str(Period.current("academic_year", date.today()).previous())
    r = await client.post(
        f"{API}/kpi/indicators/preview",
        json={**base, "period": previous, "numerator_measure": "diagnostics.deficit_teachers"},
        headers=m,
    )
    assert r.json()["rows"][0]["numerator"] == 0


async def test_demo_data(client, session) -> None:  # type: ignore[no-untyped-def]
    """The demo: Kostroma's monitoring running with profiles, the demo teacher's assignment waiting, the ranked
    topics of the August survey, Zeya's yearly monitorings."""
    from app.core.tokens import issue_access_token
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def h(email: str) -> dict[str, str]:
        token, _ = issue_access_token(f"user:{_id('user:' + email)}")
        return {"Authorization": f"Bearer {token}"}

    m = h("methodologist@kostroma.demo.mms")
    campaigns = (await client.get(f"{API}/campaigns", headers=m)).json()["items"]
    running = next(c for c in campaigns if c["state"] == "open")
    assert 0 < running["submitted"] < running["assigned"]
    profiles = (await client.get(f"{API}/deficit-profiles", params={"band": "deficit"}, headers=m)).json()
    assert profiles["total"] > 0
    mine = (await client.get(f"{API}/assignments", headers=h("teacher@kostroma.demo.mms"))).json()["items"]
    assert [a["status"] for a in mine if a["campaign_id"] == running["id"]] == ["assigned"]
    survey = next(c for c in campaigns if c["instrument_kind"] == "topic_survey")
    topics = (await client.get(f"{API}/campaigns/{survey['id']}/topics", headers=m)).json()
    assert topics["respondents"] > 0 and topics["topics"][0]["votes"] >= topics["topics"][-1]["votes"]
    zeya = (await client.get(f"{API}/campaigns", headers=h("department@zeya.demo.mms"))).json()["items"]
    assert {c["state"] for c in zeya} == {"closed", "scheduled"} and all(c["repeat_yearly"] for c in zeya)
    completion = (
        await client.get(f"{API}/campaigns/{running['id']}/completion", headers=h("department@kostroma.demo.mms"))
    ).json()
    assert len(completion) > 1


async def test_a_large_campaign_is_assigned_by_a_job(client, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Above the threshold the assignments are made by a background job (its id in the answer); the nightly job
    catches any campaign left unlaunched, and the job then has nothing left to do."""
    from app.diagnostics import service
    from app.jobs.models import Job

    monkeypatch.setattr(service, "LAUNCH_JOB_THRESHOLD", 1)
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"], target={})
    assert c["launch_job_id"] and c["assigned"] == 0 and c["launched_at"] is None
    job = await session.get(Job, c["launch_job_id"])
    assert job.kind == "diagnostics_launch" and job.params == {"campaign_id": c["id"]}
    # the job's work, as its handler runs it with the starter's rights
    from app.auth.principal import load_user_principal
    from app.users.models import User

    user = await session.get(User, t.users["methodologist"].id)
    await session.refresh(user, ["roles"])
    principal = await load_user_principal(session, user)
    assert await service.launch_by_job(session, principal, c["id"]) == 2
    assert await service.launch_by_job(session, principal, c["id"]) == 0  # launched once
    r = await client.get(f"{API}/campaigns/{c['id']}", headers=t.headers("methodologist"))
    assert r.json()["assigned"] == 2 and r.json()["launched_at"]


async def test_editing_a_campaign(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    m = t.headers("methodologist")
    inst = await published_instrument(client, t)
    today = date.today()
    c = await open_campaign(client, t, inst["id"], target={})
    url = f"{API}/campaigns/{c['id']}"
    r = await client.get(url, headers=m)
    assert (await client.patch(url, json={"title": "Новое"}, headers=m)).status_code == 428
    longer = await client.patch(url, json={"closes_on": str(today + timedelta(days=60))}, headers={**m, **v(r)})
    assert longer.status_code == 200 and longer.json()["closes_on"] == str(today + timedelta(days=60))
    late = await client.patch(url, json={"target": {"young_only": True}}, headers={**m, **v(longer)})
    assert late.status_code == 409 and late.json()["code"] == "already_launched"
    bad = await client.patch(url, json={"closes_on": str(today - timedelta(days=30))}, headers={**m, **v(longer)})
    assert bad.status_code == 422
    # a scheduled one: moved to open today, its assignments are made at once
    s = await open_campaign(client, t, inst["id"], target={}, opens_on=today + timedelta(days=5))
    r = await client.get(f"{API}/campaigns/{s['id']}", headers=m)
    moved = await client.patch(
        f"{API}/campaigns/{s['id']}",
        json={"opens_on": str(today), "target": {"organization_ids": [str(t.org2.id)]}},
        headers={**m, **v(r)},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["state"] == "open" and moved.json()["assigned"] == 1


async def test_job_handlers(client, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The registered handlers (as the worker calls them): the launch job of a large campaign with the starter's
    rights, and the nightly job as the system (audited as «Система»)."""
    from app.diagnostics import service
    from app.jobs.models import Job
    from app.jobs.runner import HANDLERS, JobContext
    from app.jobs.schedule import NIGHTLY

    assert "diagnostics_campaigns" in NIGHTLY and "diagnostics_launch" in HANDLERS
    monkeypatch.setattr(service, "LAUNCH_JOB_THRESHOLD", 1)
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"], target={})
    job = await session.get(Job, c["launch_job_id"])
    from app.auth.principal import load_user_principal
    from app.users.models import User

    user = await session.get(User, t.users["methodologist"].id)
    await session.refresh(user, ["roles"])
    ctx = JobContext(job=job, principal=await load_user_principal(session, user), session=session)
    assert await HANDLERS["diagnostics_launch"](ctx) == {"assigned": 2}
    later = await open_campaign(client, t, inst["id"], target={}, opens_on=date.today() + timedelta(days=1))
    await session.execute(update(DiagCampaign).where(DiagCampaign.id == later["id"]).values(opens_on=date.today()))
    nightly = JobContext(job=job, principal=system_principal(), session=session)
    out = await HANDLERS["diagnostics_campaigns"](nightly)
    assert out["launched"] >= 1 and out["assigned"] >= 2
    r = await client.get(f"{API}/campaigns/{later['id']}", headers=t.headers("methodologist"))
    assert r.json()["assigned"] == 2
