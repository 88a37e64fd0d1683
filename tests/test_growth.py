"""A teacher's growth: the timeline gathers courses, attestation and mentoring by academic year with hours, each
kind as the caller may read it; the teacher sees their own; the portfolio is a DOCX that opens, audited."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.events.models import Event
from tests.factories import make_teacher, make_tenant


async def _records(client, session, t, mentee) -> None:  # type: ignore[no-untyped-def]
    h = t.headers("methodologist")
    for title, start, end, hours in (
        ("Функциональная грамотность", "2022-10-03", "2022-10-14", 72),
        ("Обновлённые ФГОС", "2023-02-01", "2023-02-10", 36),
        ("Наставничество в школе", "2024-11-05", "2024-11-20", 24),
    ):
        body = {
            "teacher_id": str(t.teacher.id),
            "title": title,
            "provider_name": "Институт развития образования",
            "provider_state_owned": True,
            "hours": hours,
            "start_date": start,
            "end_date": end,
        }
        assert (await client.post("/api/v1/courses", json=body, headers=h)).status_code == 201
    a = await client.post(
        "/api/v1/attestations",
        json={"teacher_id": str(t.teacher.id), "category_sought": "highest", "applied_on": "2023-03-10"},
        headers=h,
    )
    assert a.status_code == 201, a.text
    decided = await client.post(
        f"/api/v1/attestations/{a.json()['id']}/decision",
        json={"result": "granted", "decided_on": "2023-04-20", "order_number": "123-к"},
        headers={**h, "If-Match": '"1"'},
    )
    assert decided.status_code == 200, decided.text
    pair = {"mentor_id": str(t.teacher.id), "mentee_id": str(mentee.id), "start_date": "2024-09-02"}
    assert (await client.post("/api/v1/mentoring-pairs", json=pair, headers=h)).status_code == 201
    event = Event(
        municipality_id=t.municipality.id,
        type="seminar",
        level="municipal",
        title="Современные формы проведения педсовета",
        start_date=date(2023, 3, 17),
    )
    session.add(event)
    await session.flush()
    spoke = await client.post(
        f"/api/v1/events/{event.id}/participations",
        json={"teacher_id": str(t.teacher.id), "role": "speaker", "hours": "1.5", "presentation_title": "Педсовет"},
        headers=h,
    )
    assert spoke.status_code == 201, spoke.text


async def test_timeline_by_academic_year_with_hours(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await make_teacher(session, t.municipality, t.org, last_name="Молодова", birth_date=date(2000, 3, 1))
    await _records(client, session, t, mentee)
    r = await client.get(f"/api/v1/teachers/{t.teacher.id}/growth", headers=t.headers("methodologist"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["teacher_name"] == "Иванова Мария Петровна"
    years = {y["academic_year"]: y for y in body["years"]}
    assert list(years) == ["2024/2025", "2022/2023"]  # newest first; no empty years
    assert years["2022/2023"]["hours"] == 109.5 and years["2024/2025"]["hours"] == 24
    assert body["hours_total"] == 133.5
    kinds = [e["kind"] for e in years["2022/2023"]["entries"]]
    assert sorted(kinds) == ["attestation", "course", "course", "event"]
    event = next(e for e in years["2022/2023"]["entries"] if e["kind"] == "event")
    assert event["title"] == "Современные формы проведения педсовета" and event["kind_label"] == "Семинар"
    assert event["detail"].startswith("выступающий") and "муниципальный уровень" in event["detail"]
    attestation = next(e for e in years["2022/2023"]["entries"] if e["kind"] == "attestation")
    assert attestation["start"] == "2023-04-20" and "приказ № 123-к" in attestation["detail"]
    assert "высшая" in attestation["title"]
    mentoring = next(e for e in years["2024/2025"]["entries"] if e["kind"] == "mentoring")
    assert mentoring["title"].startswith("Наставник для Молодова")
    # the mentee's timeline shows the same pair from their side
    theirs = await client.get(f"/api/v1/teachers/{mentee.id}/growth", headers=t.headers("methodologist"))
    [entry] = [e for y in theirs.json()["years"] for e in y["entries"]]
    assert entry["title"].startswith("Наставляемый, наставник Иванова")
    # dates inside a year come newest first
    starts = [e["start"] for e in years["2022/2023"]["entries"]]
    assert starts == sorted(starts, reverse=True)


async def test_who_sees_a_timeline(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await make_teacher(session, t.municipality, t.org, last_name="Молодова", birth_date=date(2000, 3, 1))
    await _records(client, session, t, mentee)
    own = await client.get(f"/api/v1/teachers/{t.teacher.id}/growth", headers=t.headers("teacher"))
    assert own.status_code == 200 and own.json()["hours_total"] == 133.5  # a teacher sees their own growth
    other = await client.get(f"/api/v1/teachers/{t.teacher2.id}/growth", headers=t.headers("teacher"))
    assert other.status_code == 404
    elsewhere = await make_tenant(session)
    foreign = await client.get(f"/api/v1/teachers/{t.teacher.id}/growth", headers=elsewhere.headers("methodologist"))
    assert foreign.status_code == 404
    school = await client.get(f"/api/v1/teachers/{t.teacher2.id}/growth", headers=t.headers("school_admin"))
    assert school.status_code == 404  # teacher2 works at the other school


async def test_portfolio_is_a_docx_with_the_years_and_is_audited(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    mentee = await make_teacher(session, t.municipality, t.org, last_name="Молодова", birth_date=date(2000, 3, 1))
    await _records(client, session, t, mentee)
    r = await client.get(f"/api/v1/teachers/{t.teacher.id}/portfolio", headers=t.headers("teacher"))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in r.headers["content-disposition"]
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Иванова Мария Петровна" in text and "2022/2023 учебный год — 109,5 ч" in text
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert "Функциональная грамотность (повышение квалификации; провайдер: Институт развития образования)" in cells
    exports = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == t.teacher.id, AuditEvent.action == "export")
        )
    ).all()
    assert [e.changes for e in exports] == [{"format": "docx"}]
