"""Programmes and roadmaps: recurrence across academic years, the schedule set by hand for a flagged activity,
overdue marking on boundary dates and the reminders (idempotent), a progress report linking an existing event (and
422 for an event of another municipality), «мои мероприятия», the activities behind a KPI code, progress by
section, permissions and the XLSX/DOCX exports."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import func, select

from app.events.models import Event
from app.notifications.models import Notification
from app.roadmap import jobs
from app.roadmap.service import today_moscow
from tests.factories import make_tenant
from tests.roadmap_helpers import (
    ACTIVITIES,
    OCCURRENCES,
    PROGRAMMES,
    activity,
    create_programme,
    import_file,
    make_zeya,
)


async def _imported(client, session):  # type: ignore[no-untyped-def]
    z = await make_zeya(session)
    p = await create_programme(client, z)
    r = await import_file(client, z, p["id"])
    assert r.status_code == 200, r.text
    return z, p


async def _event(session, municipality_id, title="Муниципальный семинар руководителей ШМО"):  # type: ignore[no-untyped-def]
    e = Event(
        municipality_id=municipality_id, type="seminar", level="municipal", title=title, start_date=date(2021, 4, 20)
    )
    session.add(e)
    await session.flush()
    return e


async def test_recurrence_across_academic_years(client, session) -> None:  # type: ignore[no-untyped-def]
    z, p = await _imported(client, session)
    ga = await activity(client, z, p["id"], "2.1")  # «Июль-август (ежегодно)»
    assert ga["schedule"]["kind"] == "recurring" and ga["schedule"]["rrule"] == "FREQ=YEARLY;BYMONTH=7"
    assert [(o["starts_on"], o["due_on"]) for o in ga["occurrences"]] == [
        ("2020-07-01", "2020-08-31"),
        ("2021-07-01", "2021-08-31"),
        ("2022-07-01", "2022-08-31"),
    ]
    mon = await activity(client, z, p["id"], "2.5")  # «Апрель 2021, далее ежегодно в апреле»
    assert [o["due_on"] for o in mon["occurrences"]] == ["2021-04-30", "2022-04-30"]
    cont = await activity(client, z, p["id"], "1.1")  # «В течение всего периода»: a report each half-year
    assert cont["schedule"]["kind"] == "continuous"
    assert [o["due_on"] for o in cont["occurrences"]] == [
        "2020-12-31",
        "2021-06-30",
        "2021-12-31",
        "2022-06-30",
        "2022-12-31",
    ]
    # the programme is in the past: every occurrence not done is overdue
    assert all(o["status"] == "overdue" for o in mon["occurrences"])


async def test_flagged_activity_gets_a_schedule_by_hand(client, session) -> None:  # type: ignore[no-untyped-def]
    z, p = await _imported(client, session)
    vpr = await activity(client, z, p["id"], "2.2")
    flagged = await client.get(
        ACTIVITIES, params={"programme_id": p["id"], "needs_review": "true"}, headers=z.headers("department")
    )
    assert [a["number"] for a in flagged.json()["items"]] == ["2.2"]
    body = {
        "schedule": {
            "kind": "recurring",
            "starts_on": "2021-03-15",
            "rrule": "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15",
            "window_months": 2,
        }
    }
    r = await client.patch(f"{ACTIVITIES}/{vpr['id']}", json=body, headers=z.headers("methodologist"))
    assert r.status_code == 428
    r = await client.patch(
        f"{ACTIVITIES}/{vpr['id']}",
        json=body,
        headers={**z.headers("methodologist"), "If-Match": f'"{vpr["version"]}"'},
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["schedule"]["needs_review"] is False and got["schedule"]["set_by_hand"] is True
    assert [(o["starts_on"], o["due_on"]) for o in got["occurrences"]] == [
        ("2021-03-15", "2021-05-14"),
        ("2022-03-15", "2022-05-14"),
    ]
    # a re-import keeps the schedule set by hand
    await import_file(client, z, p["id"], "zeya_roadmap.csv")
    again = await activity(client, z, p["id"], "2.2")
    assert again["schedule"]["set_by_hand"] and len(again["occurrences"]) == 2
    # an unknown KPI code is refused
    r = await client.patch(
        f"{ACTIVITIES}/{vpr['id']}",
        json={"kpi_codes": ["NO-SUCH"]},
        headers={**z.headers("department"), "If-Match": "*"},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "unknown_kpi_code"


async def test_overdue_marking_on_boundary_dates_and_reminders(client, session) -> None:  # type: ignore[no-untyped-def]
    z = await make_zeya(session)
    today = today_moscow()
    p = await create_programme(
        client, z, period_start=str(today.replace(day=1)), period_end=str(today + timedelta(days=400)), stages=[]
    )
    csv = (
        "№ пп;Мероприятия;Сроки выполнения;Ответственные\n"
        "1. Раздел;;;\n"
        "1.1.;Первое;По графику;Лысенко С.Н., главный специалист ООА\n"
        "1.2.;Второе;По графику;Белоглазова А.С., старший методист МКУ «ЦОМОО г.Зеи»\n"
    ).encode()
    r = await client.post(
        f"{PROGRAMMES}/{p['id']}/import",
        files={"file": ("r.csv", csv, "text/csv")},
        data={"dry_run": "false"},
        headers=z.headers("department"),
    )
    assert r.status_code == 200, r.text
    day = today + timedelta(days=20)
    for number, due in (("1.1", day - timedelta(days=1)), ("1.2", day)):
        a = await activity(client, z, p["id"], number)
        r = await client.patch(
            f"{ACTIVITIES}/{a['id']}",
            json={"schedule": {"kind": "once", "starts_on": str(due - timedelta(days=5)), "due_on": str(due)}},
            headers={**z.headers("department"), "If-Match": "*"},
        )
        assert r.status_code == 200 and r.json()["occurrences"][0]["status"] == "planned"
    # 6 days before: both due within 14 days — each responsible person notified once
    out = await jobs.run(session, None, day - timedelta(days=6))
    assert out["overdue"] == 0 and out["reminded"] == 2 and out["notifications"] == 2
    assert (await jobs.run(session, None, day - timedelta(days=6)))["notifications"] == 0  # idempotent
    notes = (
        await session.scalars(
            select(Notification).where(
                Notification.kind == "roadmap_due_soon", Notification.municipality_id == z.t.municipality.id
            )
        )
    ).all()
    assert {n.user_id for n in notes} == {z.lysenko.id, z.beloglazova_user.id}
    # on `day`: due yesterday is overdue, due today is not
    out = await jobs.run(session, None, day)
    assert out["overdue"] == 1
    first = await activity(client, z, p["id"], "1.1")
    second = await activity(client, z, p["id"], "1.2")
    assert first["occurrences"][0]["status"] == "overdue" and first["state"] == "overdue"
    assert second["occurrences"][0]["status"] == "planned"
    assert (await jobs.run(session, None, day))["overdue"] == 0
    overdue = await client.get(
        ACTIVITIES, params={"programme_id": p["id"], "status": "overdue"}, headers=z.headers("department")
    )
    assert [a["number"] for a in overdue.json()["items"]] == ["1.1"]


async def test_report_with_an_existing_event_and_mine(client, session) -> None:  # type: ignore[no-untyped-def]
    z, p = await _imported(client, session)
    a = await activity(client, z, p["id"], "3.10", who="beloglazova")  # Белоглазова А.С. is responsible
    assert a["actions"] == ["report"]
    occ = a["occurrences"][0]
    event = await _event(session, z.t.municipality.id)
    other = await make_tenant(session)
    foreign = await _event(session, other.municipality.id)
    url = f"{OCCURRENCES}/{occ['id']}/reports"
    bad = await client.post(
        url,
        json={"text": "Проведён", "records": [{"kind": "event", "id": str(foreign.id)}]},
        headers=z.headers("beloglazova"),
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "unknown_record"
    ok = await client.post(
        url,
        json={
            "text": "Муниципальный этап проведён",
            "records": [{"kind": "event", "id": str(event.id)}],
            "links": ["https://zeya.example/news/1"],
            "mark_done": True,
        },
        headers=z.headers("beloglazova"),
    )
    assert ok.status_code == 201, ok.text
    got = ok.json()
    assert got["status"] == "done" and got["reports"][0]["records"] == [
        {"kind": "event", "id": str(event.id), "title": event.title}
    ]
    # «мои мероприятия» of the senior methodologist (matched as a teacher)
    mine = await client.get(ACTIVITIES, params={"mine": "true", "limit": 100}, headers=z.headers("beloglazova"))
    assert sorted(x["number"] for x in mine.json()["items"]) == ["3.10", "3.11", "3.21", "3.23"]
    mine = await client.get(ACTIVITIES, params={"mine": "true", "limit": 100}, headers=z.headers("lysenko"))
    assert "2.5" in {x["number"] for x in mine.json()["items"]} and mine.json()["total"] == 12
    # «Руководители ОО»: every school's administrator reports on its part (1.3), not on the department's own (1.7)
    heads = await activity(client, z, p["id"], "1.3", who="school_admin")
    assert heads["actions"] == ["report"]
    r = await client.post(
        f"{OCCURRENCES}/{heads['occurrences'][0]['id']}/reports",
        json={"text": "Заявка подана"},
        headers=z.headers("school_admin"),
    )
    assert r.status_code == 201 and r.json()["status"] == "in_progress"
    dept_only = await activity(client, z, p["id"], "1.7", who="school_admin")
    assert dept_only["actions"] == []
    # another teacher (not responsible) cannot report on it
    r = await client.post(url, json={"text": "Проведён"}, headers=z.headers("teacher"))
    assert r.status_code == 404
    r = await client.patch(f"{OCCURRENCES}/{occ['id']}", json={"status": "in_progress"}, headers=z.headers("teacher"))
    assert r.status_code == 404


async def test_kpi_link_and_progress(client, session) -> None:  # type: ignore[no-untyped-def]
    z, p = await _imported(client, session)
    h = {**z.headers("department"), "If-Match": "*"}
    for number, codes in (("2.5", ["Z-MONITOR"]), ("2.3", ["z-monitor", "K-4.1.3"])):
        a = await activity(client, z, p["id"], number)
        r = await client.patch(f"{ACTIVITIES}/{a['id']}", json={"kpi_codes": codes}, headers=h)
        assert r.status_code == 200, r.text
    r = await client.get(ACTIVITIES, params={"kpi": "Z-MONITOR"}, headers=z.headers("teacher"))
    assert r.status_code == 200
    items = r.json()["items"]
    assert sorted(a["number"] for a in items) == ["2.3", "2.5"]
    assert {a["state"] for a in items} == {"overdue"} and items[0]["status_counts"]["overdue"] >= 1
    mon = await activity(client, z, p["id"], "2.5")
    await client.post(
        f"{OCCURRENCES}/{mon['occurrences'][0]['id']}/reports",
        json={"text": "Проведён", "mark_done": True},
        headers=z.headers("department"),
    )
    prog = (await client.get(f"{PROGRAMMES}/{p['id']}/progress", headers=z.headers("teacher"))).json()
    s2 = prog["sections"][1]
    assert s2["number"] == 2 and s2["activities"] == 10 and s2["occurrences"]["done"] == 1
    assert s2["done_percent"] == round(100 / (sum(s2["occurrences"].values()) - s2["occurrences"]["cancelled"]), 1)
    assert prog["needs_review"] == 1 and prog["total"]["activities"] == 57


async def test_permissions(client, session) -> None:  # type: ignore[no-untyped-def]
    z, p = await _imported(client, session)
    h = {**z.headers("teacher"), "If-Match": "*"}
    assert (await client.patch(f"{PROGRAMMES}/{p['id']}", json={"status": "finished"}, headers=h)).status_code == 403
    assert (await client.get(f"{PROGRAMMES}/{p['id']}", headers=z.headers("teacher"))).status_code == 200
    r = await client.post(
        PROGRAMMES,
        json={
            "municipality_id": str(z.t.municipality.id),
            "title": "Программа",
            "period_start": "2025-09-01",
            "period_end": "2026-08-31",
        },
        headers=z.headers("school_admin"),
    )
    assert r.status_code == 403
    other = await make_tenant(session)
    assert (await client.get(f"{PROGRAMMES}/{p['id']}", headers=other.headers("department"))).status_code == 404
    r = await client.patch(
        f"{PROGRAMMES}/{p['id']}", json={"status": "finished"}, headers={**z.headers("methodologist"), "If-Match": "*"}
    )
    assert r.status_code == 200 and r.json()["status"] == "finished"


async def test_exports(client, session) -> None:  # type: ignore[no-untyped-def]
    import openpyxl
    from docx import Document

    z, p = await _imported(client, session)
    a = await activity(client, z, p["id"], "2.5")
    event = await _event(session, z.t.municipality.id, "Мониторинг дефицитов: подведение итогов")
    await client.post(
        f"{OCCURRENCES}/{a['occurrences'][0]['id']}/reports",
        json={
            "text": "Мониторинг проведён",
            "mark_done": True,
            "reported_on": "2021-04-28",
            "records": [{"kind": "event", "id": str(event.id)}],
        },
        headers=z.headers("department"),
    )
    r = await client.get(f"{PROGRAMMES}/{p['id']}/roadmap.xlsx", headers=z.headers("teacher"))
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[2] == ["№ пп", "Мероприятия", "Сроки выполнения", "Ответственные", "Статус", "Отчёты"]
    assert rows[3][0] == "1. Информационная поддержка" and rows[4][0].startswith("Задача:")
    [row25] = [r_ for r_ in rows if r_[0] == "2.5."]
    assert row25[2] == "Апрель 2021, далее ежегодно в апреле"
    assert row25[4].startswith("выполнено 1 из 2") and "28.04.2021 — Мониторинг проведён" in row25[5]
    assert "Мониторинг дефицитов: подведение итогов" in row25[5]
    assert sum(1 for r_ in rows if r_[0] and str(r_[0])[0].isdigit() and r_[1]) == 57
    r = await client.get(f"{PROGRAMMES}/{p['id']}/progress-report.docx", headers=z.headers("department"))
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(par.text for par in doc.paragraphs)
    assert "Отчёт о ходе реализации" in text and "Выполнение по разделам" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert (
        "Мониторинг проведён" in " ".join(cells)
        and "2. Диагностико-прогностическая и экспертно-аналитическая поддержка" in cells
    )
    count = await session.scalar(
        select(func.count()).select_from(Event).where(Event.municipality_id == z.t.municipality.id)
    )
    assert count == 1


async def test_demo_data(client, session) -> None:  # type: ignore[no-untyped-def]
    """The demo: Zeya's programme of 2020–2022 with the whole roadmap, its current programme with done, overdue and
    due-this-month activities (reports linking demo events), Kostroma's plan; «мои мероприятия» of the demo accounts
    and the activities behind Z-MONITOR."""
    from app.core.tokens import issue_access_token
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def h(email: str) -> dict[str, str]:
        token, _ = issue_access_token(f"user:{_id('user:' + email)}")
        return {"Authorization": f"Bearer {token}"}

    z = h("department@zeya.demo.mms")
    progs = (await client.get(PROGRAMMES, headers=z)).json()["items"]
    assert [p["activity_count"] for p in progs] == [57, 57] and progs[0]["status"] == "running"
    assert progs[1]["stages"][0]["title"] == "1 этап – организационный"
    current = progs[0]["id"]
    for flag in ("overdue", "due_this_month"):
        r = await client.get(ACTIVITIES, params={"programme_id": current, flag: "true"}, headers=z)
        assert r.json()["total"] > 0, flag
    done = await client.get(ACTIVITIES, params={"programme_id": current, "status": "done", "limit": 100}, headers=z)
    assert done.json()["total"] > 20
    mine = await client.get(ACTIVITIES, params={"mine": "true", "programme_id": current}, headers=z)
    assert mine.json()["total"] == 12
    kpi = await client.get(ACTIVITIES, params={"kpi": "Z-MONITOR", "programme_id": current}, headers=z)
    assert sorted(a["number"] for a in kpi.json()["items"]) == ["2.5", "4.2"]
    contest = next(
        a
        for a in (await client.get(ACTIVITIES, params={"programme_id": current, "limit": 100}, headers=z)).json()[
            "items"
        ]
        if a["number"] == "3.9"
    )
    card = (await client.get(f"{ACTIVITIES}/{contest['id']}", headers=z)).json()
    linked = [r for o in card["occurrences"] for rep in o["reports"] for r in rep["records"]]
    assert any(r["kind"] == "event" for r in linked)
    monitoring = next(a for a in kpi.json()["items"] if a["number"] == "2.5")
    card = (await client.get(f"{ACTIVITIES}/{monitoring['id']}", headers=z)).json()
    assert any(r["kind"] == "campaign" for o in card["occurrences"] for rep in o["reports"] for r in rep["records"])
    k = h("methodologist@kostroma.demo.mms")
    plan = (await client.get(PROGRAMMES, headers=k)).json()["items"]
    assert len(plan) == 1 and plan[0]["activity_count"] == 6
    mine = await client.get(ACTIVITIES, params={"mine": "true"}, headers=k)
    assert {a["number"] for a in mine.json()["items"]} == {"1.1", "1.2"}


async def test_timeline_by_month(client, session) -> None:  # type: ignore[no-untyped-def]
    z, p = await _imported(client, session)
    whole = (await client.get(f"{PROGRAMMES}/{p['id']}/timeline", headers=z.headers("teacher"))).json()
    assert whole["months"][0] == "2020-08-01" and whole["months"][-1] == "2022-12-01" and len(whole["months"]) == 29
    assert len(whole["rows"]) == 57
    year = (
        await client.get(
            f"{PROGRAMMES}/{p['id']}/timeline", params={"academic_year": 2021}, headers=z.headers("teacher")
        )
    ).json()
    assert year["starts_on"] == "2021-09-01" and len(year["months"]) == 12
    ga = next(r for r in year["rows"] if r["number"] == "2.1")  # July–August every year: the 2022 window
    assert [(w["starts_on"], w["due_on"]) for w in ga["windows"]] == [("2022-07-01", "2022-08-31")]
    vpr = next(r for r in year["rows"] if r["number"] == "2.2")
    assert vpr["needs_review"] and vpr["windows"] == []
