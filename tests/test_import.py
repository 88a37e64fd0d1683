"""Teacher import from the HR export samples: dry run, all-or-nothing apply, re-import without duplicates."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from app.teachers.models import Teacher, TeacherExternalId
from tests.factories import make_tenant

SAMPLES = Path(__file__).resolve().parent / "fixtures"
CSV = (SAMPLES / "teachers_hr_export.csv").read_bytes()
XLSX = (SAMPLES / "teachers_hr_export.xlsx").read_bytes()
GOOD_CSV = b"\n".join(CSV.split(b"\n")[:41]) + b"\n"  # header + the 40 good rows


async def _import(client, t, content: bytes, name: str, dry_run: bool):  # type: ignore[no-untyped-def]
    return await client.post(
        "/api/v1/teachers/import",
        headers=t.headers("school_admin"),
        data={"organization_id": str(t.org.id), "dry_run": str(dry_run).lower()},
        files={"file": (name, content, "application/octet-stream")},
    )


async def _count(session, t) -> int:  # type: ignore[no-untyped-def]
    return int(
        await session.scalar(
            select(func.count()).select_from(Teacher).where(Teacher.municipality_id == t.municipality.id)
        )
    )


async def test_dry_run_reports_every_bad_row(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _import(client, t, CSV, "hr.csv", dry_run=True)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert (rep["total_rows"], rep["valid_rows"], rep["to_create"]) == (45, 40, 40)
    by_line = {e["line"]: e for e in rep["errors"]}
    assert set(by_line) == {42, 43, 44, 45, 46}
    assert by_line[42]["message"] == "Не указана фамилия"
    assert "31.02.1979" in by_line[43]["message"]
    assert "вторая" in by_line[44]["message"]
    assert "01000" in by_line[45]["message"] and "строке 2" in by_line[45]["message"]
    assert "в будущем" in by_line[46]["message"]
    assert rep["unmapped_columns"] == []
    assert await _count(session, t) == 2  # nothing written by a dry run


async def test_file_with_bad_rows_applies_nothing(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _import(client, t, CSV, "hr.csv", dry_run=False)
    assert r.status_code == 422
    assert r.json()["code"] == "import_has_errors" and len(r.json()["report"]["errors"]) == 5
    assert await _count(session, t) == 2


async def test_good_file_applies_and_reimport_updates_without_duplicates(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _import(client, t, GOOD_CSV, "hr.csv", dry_run=False)
    assert r.status_code == 200, r.text
    assert r.json()["applied"] is True and r.json()["to_create"] == 40
    assert await _count(session, t) == 42
    # the school admin now sees them as staff, with subjects and categories mapped
    staff = (
        await client.get(
            "/api/v1/teachers", params={"q": "Васильева Ольга", "limit": 5}, headers=t.headers("school_admin")
        )
    ).json()
    assert staff["total"] == 1
    vasilyeva = staff["items"][0]
    assert vasilyeva["subjects"] == ["history", "social_studies"] and vasilyeva["category_code"] == "highest"
    # re-import of the same file: everything matched by personnel number, nothing new
    again = await _import(client, t, GOOD_CSV, "hr.csv", dry_run=False)
    assert again.json()["to_create"] == 0 and again.json()["to_update"] == 40
    assert await _count(session, t) == 42
    ids = await session.scalar(
        select(func.count())
        .select_from(TeacherExternalId)
        .where(TeacherExternalId.municipality_id == t.municipality.id, TeacherExternalId.system == f"hr:{t.org.id}")
    )
    assert ids == 40


async def test_xlsx_with_title_lines_and_excel_dates(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _import(client, t, XLSX, "hr.xlsx", dry_run=True)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert (rep["total_rows"], rep["valid_rows"]) == (45, 40)
    assert len(rep["errors"]) == 5
    # lines are the sheet's own row numbers (title + empty line above the header)
    assert min(e["line"] for e in rep["errors"]) == 44


async def test_fio_column_synonyms_and_unmapped_columns(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Таб. №", "Ф.И.О.", "Дата рождения", "Должность", "Любимый цвет"])
    import datetime as dt

    ws.append(["A-1", "Смирнова Анна Ивановна", dt.datetime(1990, 4, 5), "учитель", "синий"])
    buf = io.BytesIO()
    wb.save(buf)
    r = await _import(client, t, buf.getvalue(), "hr.xlsx", dry_run=False)
    assert r.status_code == 200, r.text
    assert r.json()["unmapped_columns"] == ["Любимый цвет"]
    created = (await client.get("/api/v1/teachers", params={"q": "Смирнова"}, headers=t.headers("department"))).json()
    assert created["items"][0]["middle_name"] == "Ивановна"


async def test_missing_required_columns_are_reported(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _import(client, t, "Фамилия;Имя;Отчество\nИванова;Анна;Ивановна\n".encode(), "x.csv", True)
    messages = [e["message"] for e in r.json()["errors"]]
    assert "Нет колонки «Табельный номер»" in messages and "Нет колонки «Должность»" in messages
    r = await _import(client, t, b"\x00\x01garbage", "x.xlsx", True)
    assert r.json()["errors"][0]["message"] == "Не удалось прочитать файл Excel (.xlsx)"


async def test_the_template_round_trips_through_the_import(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    for fmt in ("xlsx", "csv"):
        resp = await client.get(f"/api/v1/teachers/import/template?format={fmt}", headers=t.headers("school_admin"))
        assert resp.status_code == 200, resp.text
        assert "attachment;" in resp.headers["content-disposition"]
        report = (await _import(client, t, resp.content, f"template.{fmt}", dry_run=True)).json()
        assert report["errors"] == [] and report["unmapped_columns"] == []
        assert (report["total_rows"], report["to_create"]) == (1, 1)
    xlsx = await client.get("/api/v1/teachers/import/template", headers=t.headers("school_admin"))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Педагоги", "Допустимые значения"]
    allowed = [row for row in book["Допустимые значения"].iter_rows(values_only=True)]
    assert allowed[0] == ("Должность", "Предмет", "Категория", "Вид занятости")
    assert "учитель" in {r[0] for r in allowed} and "без категории" in {r[2] for r in allowed}


async def test_only_importers_get_the_template(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    assert (await client.get("/api/v1/teachers/import/template", headers=t.headers("teacher"))).status_code == 403


async def test_a_file_over_10_mb_is_413_and_nothing_is_read(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    big = b"x" * (10 * 1024 * 1024 + 1)
    resp = await _import(client, t, big, "huge.csv", dry_run=True)
    assert resp.status_code == 413
    assert resp.json()["code"] == "file_too_large" and "10 МБ" in resp.json()["detail"]
