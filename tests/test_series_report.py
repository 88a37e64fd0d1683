"""A series' analytical report («аналитическая справка») as DOCX: the title with the series' name, the sessions table
in date order (archived sessions left out), participants per session (present / not marked; absent ones not counted)
and per organization, the organizations that presented practices, the conclusions the methodologist writes (PATCH
with If-Match), 404 outside the caller's scope, the audited export, and a constant number of queries."""

from __future__ import annotations

import io
import uuid
from contextlib import contextmanager
from datetime import date

from docx import Document
from docx.shared import Pt
from sqlalchemy import event, select

from app.core.audit_trail import AuditEvent
from app.events.models import Participation
from tests.factories import make_teacher, make_tenant

API = "/api/v1"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = "Актуальные практики организации методической работы в общеобразовательной организации"


async def _post(client, url: str, body: dict, headers: dict) -> dict:  # type: ignore[no-untyped-def]
    r = await client.post(f"{API}{url}", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def _session(client, t, series_id: str, day: str, title: str, **kw) -> dict:  # type: ignore[no-untyped-def]
    body = {
        "municipality_id": str(t.municipality.id),
        "series_id": series_id,
        "type": "pds_session",
        "level": "municipal",
        "format": "online",
        "status": "held",
        "title": title,
        "start_date": day,
        **kw,
    }
    return await _post(client, "/events", body, t.headers("methodologist"))


def _attend(session, t, event: dict, teacher, org, attendance: str, role: str = "listener") -> None:  # type: ignore[no-untyped-def]
    session.add(
        Participation(
            municipality_id=t.municipality.id,
            event_id=uuid.UUID(event["id"]),
            teacher_id=teacher.id,
            organization_id=org.id,
            role=role,
            attendance=attendance,
        )
    )


async def _series(client, session, t) -> tuple[dict, list[dict]]:  # type: ignore[no-untyped-def]
    """A standing seminar with two sessions (created out of date order), an archived one, and participation:
    session 1 — the school's teacher present (as a listener and a speaker), the gymnasium's teacher absent, a
    third teacher registered without a mark; session 2 — both teachers present, the gymnasium's one speaking."""
    h = t.headers("methodologist")
    series = await _post(
        client,
        "/event-series",
        {
            "municipality_id": str(t.municipality.id),
            "title": TITLE,
            "academic_year": "2021/2022",
            "goal": "Повышение профессионального уровня управленческих команд",
            "tasks": "- познакомить с успешными практиками;\n- повысить профессиональные компетенции педагогов.",
            "forms_of_work": "вебинары теоретической и методической направленности\nобмен мнениями в чате",
            "order_number": "178-рз/IV",
            "order_date": "2022-02-15",
        },
        h,
    )
    second = await _session(
        client,
        t,
        series["id"],
        "2022-03-17",
        "Современные формы проведения педсовета: методика проведения",
        session_number=2,
        content="Технология «Мировое кафе» для проведения педсовета",
        responsible_people=[{"teacher_id": str(t.teacher2.id)}],
    )
    first = await _session(
        client,
        t,
        series["id"],
        "2022-03-03",
        "Организация методической работы в школе с использованием цифровых образовательных ресурсов",
        session_number=1,
        content="Нормативно-правовое регулирование деятельности ШМС;\nорганизация работы виртуального кабинета",
        responsible_people=[{"name": "О.Б. Бучина", "note": "заместитель заведующего МБУ ГЦОКО"}],
        responsible_organizations=[
            {"organization_id": str(t.org.id), "note": "Управленческая команда школы № 29"},
        ],
    )
    archived = await _session(client, t, series["id"], "2022-03-10", "Внесено по ошибке")
    r = await client.post(
        f"{API}/events/{archived['id']}/archive", json={"reason": "Внесено по ошибке"}, headers={**h, "If-Match": "*"}
    )
    assert r.status_code == 200, r.text

    third = await make_teacher(session, t.municipality, t.org, last_name="Сидорова")
    _attend(session, t, first, t.teacher, t.org, "attended")
    _attend(session, t, first, t.teacher, t.org, "attended", role="speaker")  # one person, counted once
    _attend(session, t, first, t.teacher2, t.org2, "absent")
    _attend(session, t, first, third, t.org, "registered")
    _attend(session, t, second, t.teacher, t.org, "attended")
    _attend(session, t, second, t.teacher2, t.org2, "attended", role="speaker")
    _attend(session, t, archived, t.teacher2, t.org2, "attended")  # an archived session counts nowhere
    await session.flush()
    return series, [first, second]


async def _report(client, t, series_id: str, who: str = "methodologist"):  # type: ignore[no-untyped-def]
    r = await client.get(f"{API}/event-series/{series_id}/report", headers=t.headers(who))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX
    return r, Document(io.BytesIO(r.content))


def _texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in doc.paragraphs]


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


async def test_report_lays_out_the_series_like_the_order(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    series, (first, second) = await _series(client, session, t)
    r, doc = await _report(client, t, series["id"])
    assert "series-report.docx" in r.headers["content-disposition"]
    assert "filename*=UTF-8''" in r.headers["content-disposition"]

    texts = _texts(doc)
    assert texts[0] == f"Аналитическая справка по итогам деятельности постоянно действующего семинара «{TITLE}»"
    assert "2021/2022 учебный год" in texts
    assert any("распоряжением от 15.02.2022 № 178-рз/IV" in x for x in texts)
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["познакомить с успешными практиками;", "повысить профессиональные компетенции педагогов."]
    assert "обмен мнениями в чате" in bullets

    sessions, counts, orgs = doc.tables
    assert _rows(sessions)[0] == ["Тема семинара", "Сроки проведения", "Содержание", "Ответственные"]
    body = _rows(sessions)[1:]
    assert [row[0] for row in body] == [f"1. {first['title']}", f"2. {second['title']}"]  # by date, archived left out
    assert [row[1] for row in body] == ["03.03.2022", "17.03.2022"]
    assert body[0][2].startswith("Нормативно-правовое регулирование деятельности ШМС;\nорганизация работы")
    assert body[0][3] == "О.Б. Бучина, заместитель заведующего МБУ ГЦОКО\nУправленческая команда школы № 29"
    assert body[1][3] == "Петров Пётр Петрович"

    # per session: present, not marked, all (the absent teacher is not counted; a speaker-listener once)
    assert [row[3:] for row in _rows(counts)[1:]] == [["1", "1", "2"], ["2", "0", "2"]]
    assert any("участвовали педагогов: 3 (организаций: 2)" in x for x in texts)
    # per organization: teachers and sessions attended by them; the total counts distinct people and sessions
    assert _rows(orgs)[1:] == [
        [t.org.short_name, "2", "2"],
        [t.org2.short_name, "1", "1"],
        ["Итого", "3", "2"],
    ]
    # presented practices: the responsible school of session 1, then the gymnasium whose teacher spoke
    presented = texts.index("Практики представили организации (2):")
    assert texts[presented + 1 : presented + 3] == [t.org.short_name, t.org2.short_name]
    assert texts[texts.index("Выводы:") + 1] == "Выводы не заполнены"

    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4 portrait
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 1.5
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size == Pt(12)


async def test_conclusions_written_with_if_match_appear_in_the_report(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    series, _ = await _series(client, session, t)
    h = t.headers("methodologist")
    url = f"{API}/event-series/{series['id']}"
    conclusions = "1. Продолжить работу семинара в 2022-2023 учебном году.\n\n2. Обеспечить тиражирование практик."
    r = await client.patch(url, json={"conclusions": conclusions}, headers=h)
    assert r.status_code == 428
    etag = (await client.get(url, headers=h)).headers["etag"]
    r = await client.patch(url, json={"conclusions": conclusions}, headers={**h, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["conclusions"] == conclusions and r.json()["forms_of_work"].startswith("вебинары")

    _, doc = await _report(client, t, series["id"])
    texts = _texts(doc)
    at = texts.index("Выводы:")
    assert texts[at + 1 :] == [
        "1. Продолжить работу семинара в 2022-2023 учебном году.",
        "2. Обеспечить тиражирование практик.",
    ]
    assert "Выводы не заполнены" not in texts
    # the change is audited with its label
    update = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == uuid.UUID(series["id"]), AuditEvent.action == "update")
        )
    ).one()
    assert update.changes["conclusions"]["after"] == conclusions


async def test_report_scope_audit_and_wording(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    series, _ = await _series(client, session, t)
    url = f"{API}/event-series/{series['id']}/report"
    # whoever reads the series' card reads its report; another municipality's methodologist does not see it
    for who in ("department", "school_admin", "teacher"):
        assert (await client.get(url, headers=t.headers(who))).status_code == 200, who
    other = await make_tenant(session)
    r = await client.get(url, headers=other.headers("methodologist"))
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    missing = await client.get(f"{API}/event-series/{uuid.uuid4()}/report", headers=t.headers("teacher"))
    assert missing.status_code == 404

    exports = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == uuid.UUID(series["id"]), AuditEvent.action == "export")
        )
    ).all()
    assert len(exports) == 3
    assert {e.entity_type for e in exports} == {"event_series"} and exports[0].changes == {"format": "docx"}
    assert exports[0].municipality_id == t.municipality.id

    # a series of other kinds of events is a «цикл мероприятий»; an empty one still opens
    h = t.headers("methodologist")
    school = await _post(
        client,
        "/event-series",
        {"municipality_id": str(t.municipality.id), "title": "Школа молодого педагога", "academic_year": "2022/2023"},
        h,
    )
    _, doc = await _report(client, t, school["id"])
    assert _texts(doc)[0] == "Аналитическая справка по итогам деятельности цикла мероприятий «Школа молодого педагога»"
    assert _rows(doc.tables[0])[1][0] == "Заседаний нет" and _rows(doc.tables[2])[1:] == [["Итого", "0", "0"]]
    await _session(client, t, school["id"], "2022-10-05", "Адаптация молодого педагога", type="seminar")
    _, doc = await _report(client, t, school["id"])
    assert "цикла мероприятий" in _texts(doc)[0]


@contextmanager
def _statements(engine):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def test_queries_do_not_grow_with_the_sessions(client, session, engine) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    series, _ = await _series(client, session, t)
    with _statements(engine) as few:
        await _report(client, t, series["id"])
    for n in range(4):
        extra = await _session(
            client,
            t,
            series["id"],
            date(2022, 4, 1 + n).isoformat(),
            f"Заседание {n}",
            responsible_organizations=[{"organization_id": str(t.org2.id)}],
        )
        _attend(session, t, extra, t.teacher, t.org, "attended")
    await session.flush()
    with _statements(engine) as many:
        _, doc = await _report(client, t, series["id"])
    assert len(_rows(doc.tables[0])) == 1 + 6
    assert 0 < len(many) == len(few), many


async def test_the_report_and_the_portfolio_open_in_libreoffice(client, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The generated files open in LibreOffice (the municipal offices' editor) and convert without an error.
    .ci/run installs LibreOffice; a machine without it skips this check."""
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    t = await make_tenant(session)
    series, _ = await _series(client, session, t)
    report, _ = await _report(client, t, series["id"])
    portfolio = await client.get(f"{API}/teachers/{t.teacher.id}/portfolio", headers=t.headers("methodologist"))
    assert portfolio.status_code == 200, portfolio.text
    for name, content in (("report.docx", report.content), ("portfolio.docx", portfolio.content)):
        (tmp_path / name).write_bytes(content)
        done = subprocess.run(  # noqa: ASYNC221 - a test waits for the conversion on purpose
            [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Error" not in done.stderr and "error" not in done.stdout.lower(), (done.stdout, done.stderr)
        pdf = tmp_path / name.replace(".docx", ".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
