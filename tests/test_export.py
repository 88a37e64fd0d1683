"""Teacher list exports: the same filters and scope as the list, files Excel opens, an audit entry."""

from __future__ import annotations

import csv
import io
import zipfile
from urllib.parse import unquote

from openpyxl import load_workbook
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.core.exports import Column, render_csv
from tests.factories import make_teacher, make_tenant


async def test_xlsx_has_the_filtered_visible_teachers_and_is_audited(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    await make_teacher(session, t.municipality, t.org, last_name="Экспортова", first_name="Анна", middle_name=None)
    resp = await client.get(
        "/api/v1/teachers/export", params={"format": "xlsx", "sort": "last_name"}, headers=t.headers("department")
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/vnd.openxmlformats")
    disposition = resp.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "Педагоги" in unquote(disposition)
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("Табельный номер", "Фамилия", "Имя", "Отчество", "Организация")
    names = [r[1] for r in rows[1:]]
    assert names == sorted(names)
    assert "Экспортова" in names and "Петров" in names
    # two factory teachers + ours; the other municipality's (same factory names) never leak into a file
    assert len(rows) - 1 == 3 and other.teacher.municipality_id != t.municipality.id
    event = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export", AuditEvent.entity_type == "teacher")
        )
    ).one()
    assert event.actor_id == t.users["department"].id and event.municipality_id == t.municipality.id
    assert event.changes["rows"] == 3 and event.changes["format"] == "xlsx"


async def test_csv_follows_list_filters_and_opens_in_russian_excel(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    resp = await client.get(
        "/api/v1/teachers/export",
        params={"format": "csv", "organization_id": str(t.org2.id), "q": "Петров"},
        headers=t.headers("methodologist"),
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/csv")
    assert resp.content.startswith("\ufeff".encode())
    lines = resp.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:4] == ["Табельный номер", "Фамилия", "Имя", "Отчество"]
    assert len(lines) == 2 and lines[1].startswith(";Петров;Пётр;Петрович;")  # no number in its school's numbering
    event = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "export"))).one()
    assert event.changes["filters"]["q"] == "задан"  # the search text (maybe a name) is not kept


async def test_school_admin_exports_only_its_school(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    resp = await client.get("/api/v1/teachers/export?format=csv", headers=t.headers("school_admin"))
    lines = resp.content.decode("utf-8-sig").splitlines()
    assert resp.status_code == 200 and len(lines) == 2  # header + the one teacher of its school


async def test_unknown_format_or_sort_is_a_russian_422(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    bad_format = await client.get("/api/v1/teachers/export?format=pdf", headers=t.headers("department"))
    assert bad_format.status_code == 422
    assert bad_format.headers["content-type"].startswith("application/problem+json")
    bad_sort = await client.get("/api/v1/teachers/export?sort=phone", headers=t.headers("department"))
    assert bad_sort.status_code == 422 and "Сортировка" in bad_sort.json()["title"] + bad_sort.json().get("detail", "")


def test_csv_neutralises_formulas() -> None:
    data = render_csv([Column("A"), Column("B")], [['=HYPERLINK("x")', "-1"]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(data), delimiter=";"))[1] == ['\'=HYPERLINK("x")', "'-1"]


async def test_xlsx_shows_formula_like_text_as_it_is_in_a_text_cell(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await make_teacher(session, t.municipality, t.org, last_name='=HYPERLINK("http://evil")', first_name="+7")
    resp = await client.get("/api/v1/teachers/export?format=xlsx&q=HYPERLINK", headers=t.headers("department"))
    assert resp.status_code == 200, resp.text
    ws = load_workbook(io.BytesIO(resp.content)).active
    last, first = ws.cell(row=2, column=2), ws.cell(row=2, column=3)
    assert (last.value, last.data_type) == ('=HYPERLINK("http://evil")', "s")  # text, no stray apostrophe
    assert (first.value, first.data_type) == ("+7", "s")
    with zipfile.ZipFile(io.BytesIO(resp.content)) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")  # never a formula
    csv_resp = await client.get("/api/v1/teachers/export?format=csv&q=HYPERLINK", headers=t.headers("department"))
    assert "'=HYPERLINK" in csv_resp.content.decode("utf-8-sig")  # the CSV guard stays
