"""Teacher import (issue 8): matching stays in the caller's scope, the dry run refuses what apply would, hostile and
unusual files, leading zeros, partial apply with an error report, second employments, export → import round trip."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.teachers.models import Employment, Teacher, TeacherExternalId
from tests.factories import make_tenant

SAMPLES = Path(__file__).resolve().parent / "fixtures"
CSV = (SAMPLES / "teachers_hr_export.csv").read_bytes()
GOOD_CSV = b"\n".join(CSV.split(b"\n")[:41]) + b"\n"
HEADER = "Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Должность;Эл. почта;Телефон\n"


async def _post(client, t, content: bytes, name: str = "hr.csv", who: str = "school_admin", **form):  # type: ignore[no-untyped-def]
    data = {"organization_id": str(form.pop("organization_id", t.org.id)), "dry_run": "true"}
    data.update({k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in form.items()})
    return await client.post(
        "/api/v1/teachers/import",
        headers=t.headers(who),
        data=data,
        files={"file": (name, content, "application/octet-stream")},
    )


async def _count(session, t) -> int:  # type: ignore[no-untyped-def]
    return int(
        await session.scalar(
            select(func.count()).select_from(Teacher).where(Teacher.municipality_id == t.municipality.id)
        )
    )


def _xlsx(rows: list[list[object]], formats: dict[int, str] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for col, fmt in (formats or {}).items():
        for cells in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cells[0].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- 1. scope ---


async def test_a_school_cannot_import_into_another_schools_numbering(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    number = "T-777"
    session.add(
        TeacherExternalId(
            municipality_id=t.municipality.id, teacher_id=t.teacher2.id, system=f"hr:{t.org2.id}", external_id=number
        )
    )
    await session.flush()
    row = f"{number};Взломова;Ева;;01.01.1990;учитель;evil@example.ru;\n"
    for dry in (True, False):
        resp = await _post(client, t, (HEADER + row).encode(), external_system=f"hr:{t.org2.id}", dry_run=dry)
        assert resp.status_code == 403, resp.text
        assert resp.json()["code"] == "external_system_forbidden" and "управление" in resp.json()["detail"]
    card = (await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=t.headers("department"))).json()
    assert (card["last_name"], card["email"]) == ("Петров", None)
    assert {e["organization_id"] for e in card["employments"]} == {str(t.org2.id)}
    # in its own numbering the other school's number means nothing: a dry run reveals no match
    own = (await _post(client, t, (HEADER + row).encode())).json()
    assert (own["to_create"], own["to_update"], own["errors"]) == (1, 0, [])
    # the municipality may name the other numbering: it matches that person
    dep = (await _post(client, t, (HEADER + row).encode(), who="department", external_system=f"hr:{t.org2.id}")).json()
    assert (dep["to_create"], dep["to_update"]) == (0, 1)


async def test_a_number_held_by_someone_outside_the_school_is_never_changed(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)  # teacher2 works at org2 only, but holds a number of org's numbering
    session.add(
        TeacherExternalId(
            municipality_id=t.municipality.id, teacher_id=t.teacher2.id, system=f"hr:{t.org.id}", external_id="500"
        )
    )
    await session.flush()
    content = (HEADER + "500;Другая;Ольга;;02.02.1991;учитель;;\n501;Новая;Анна;;03.03.1992;учитель;;\n").encode()
    dry = (await _post(client, t, content)).json()
    assert dry["to_update"] == 0 and [e["line"] for e in dry["errors"]] == [2]
    assert "не работает в организации" in dry["errors"][0]["message"]
    applied = await _post(client, t, content, dry_run=False, skip_invalid=True)
    assert applied.status_code == 200, applied.text
    assert applied.json()["to_create"] == 1 and applied.json()["skipped_rows"] == 1
    card = (await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=t.headers("department"))).json()
    assert card["last_name"] == "Петров" and len(card["employments"]) == 1


# --- 4. the dry run refuses what apply would ---


async def test_dry_run_rejects_over_long_values_and_nul_bytes_so_apply_never_500s(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    rows = [
        "1;" + "Д" * 101 + ";Анна;;01.01.1990;учитель;;",
        "2;Нулева;Ан\x00на;;01.01.1990;учитель;;",
        "3;Почтова;Анна;;01.01.1990;учитель;" + "a" * 250 + "@example.ru;",
        "4;Телефонова;Анна;;01.01.1990;учитель;;+7 (900) 000-00-00 доб. 12345678901234",
        "5;Отчествова;Анна;" + "О" * 101 + ";01.01.1990;учитель;;",
        "6" * 101 + ";Номерова;Анна;;01.01.1990;учитель;;",
        "7;Хорошая;Анна;;01.01.1990;учитель;;",
    ]
    content = (HEADER + "\n".join(rows) + "\n").encode()
    dry = await _post(client, t, content)
    assert dry.status_code == 200, dry.text
    rep = dry.json()
    assert sorted({e["line"] for e in rep["errors"]}) == [2, 3, 4, 5, 6, 7]
    assert rep["valid_rows"] == 1 and rep["invalid_rows"] == 6
    messages = " ".join(e["message"] for e in rep["errors"])
    assert "NUL" in messages and "Слишком длинное значение «Фамилия»: 101 символов" in messages
    applied = await _post(client, t, content, dry_run=False)
    assert applied.status_code == 422 and applied.json()["code"] == "import_has_errors"
    assert await _count(session, t) == 2
    partial = await _post(client, t, content, dry_run=False, skip_invalid=True)
    assert partial.status_code == 200, partial.text
    assert partial.json()["applied"] is True and await _count(session, t) == 3


# --- 5. hostile files ---


def _zip_bomb_xlsx(unpacked_mb: int) -> bytes:
    """A small .xlsx whose shared strings unpack to `unpacked_mb` MB (one huge cell)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        )
        chunk = "a" * (1024 * 1024)
        with z.open("xl/sharedStrings.xml", "w") as f:
            f.write(b"<sst><si><t>")
            for _ in range(unpacked_mb):
                f.write(chunk.encode())
            f.write(b"</t></si></sst>")
    return buf.getvalue()


async def test_a_zip_bomb_xlsx_is_refused_before_unpacking(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    bomb = _zip_bomb_xlsx(100)
    assert len(bomb) < 1024 * 1024  # small on the wire
    started = time.monotonic()
    resp = await _post(client, t, bomb, "bomb.xlsx")
    assert resp.status_code == 413, resp.text
    assert resp.json()["code"] == "file_too_large" and "после распаковки" in resp.json()["detail"]
    assert time.monotonic() - started < 2


async def test_an_over_long_cell_is_a_row_error(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    content = _xlsx(
        [
            ["Табельный номер", "Фамилия", "Имя", "Должность", "Преподаваемые предметы"],
            ["1", "Длинная", "Анна", "учитель", "Математика; " * 200],
        ]
    )
    rep = (await _post(client, t, content, "hr.xlsx")).json()
    assert rep["valid_rows"] == 0 and "Слишком длинное значение" in rep["errors"][0]["message"]
    assert rep["errors"][0]["column"] == "Преподаваемые предметы"


# --- 6. formats, leading zeros, partial apply, report, second employment, round trip ---


async def test_utf16_csv_with_bom_is_read(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    text = GOOD_CSV.decode("utf-8-sig")
    for encoding in ("utf-16", "utf-16-be"):
        content = text.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + text.encode(encoding)
        resp = await _post(client, t, content, "hr.txt")
        assert resp.status_code == 200, resp.text
        assert (resp.json()["valid_rows"], resp.json()["errors"]) == (40, [])


async def test_old_excel_xls_is_read_and_numbers_keep_leading_zeros(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    xls = (SAMPLES / "teachers_hr_export.xls").read_bytes()
    resp = await _post(client, t, xls, "hr.xls", dry_run=False)
    assert resp.status_code == 200, resp.text
    assert resp.json()["to_create"] == 2
    numbers = set(
        await session.scalars(select(TeacherExternalId.external_id).where(TeacherExternalId.system == f"hr:{t.org.id}"))
    )
    assert numbers == {"007", "008"}
    broken = await _post(client, t, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1broken", "hr.xls")
    assert "Excel 97–2003 (.xls)" in broken.json()["errors"][0]["message"]


async def test_personnel_numbers_keep_leading_zeros_and_reimport_makes_no_duplicates(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    header = ["Табельный номер", "Фамилия", "Имя", "Должность"]
    # a number cell shown as 007 by its format
    first = await _post(
        client, t, _xlsx([header, [7, "Нулёва", "Анна", "учитель"]], {1: "000"}), "a.xlsx", dry_run=False
    )
    assert first.status_code == 200 and first.json()["to_create"] == 1, first.text
    stored = await session.scalar(
        select(TeacherExternalId.external_id).where(TeacherExternalId.system == f"hr:{t.org.id}")
    )
    assert stored == "007"
    # the same file saved by a spreadsheet that dropped the zeros: still the same person
    again = await _post(client, t, _xlsx([header, [7, "Нулёва", "Анна", "учитель"]]), "b.xlsx", dry_run=False)
    assert (again.json()["to_create"], again.json()["to_update"]) == (0, 1)
    text = await _post(client, t, (HEADER + "007;Нулёва;Анна;;;учитель;;\n").encode(), dry_run=False)
    assert (text.json()["to_create"], text.json()["to_update"]) == (0, 1)
    assert await _count(session, t) == 3


async def test_partial_apply_and_the_error_report(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    resp = await _post(client, t, CSV, dry_run=False, skip_invalid=True)
    assert resp.status_code == 200, resp.text
    rep = resp.json()
    assert rep["applied"] is True and (rep["to_create"], rep["skipped_rows"], len(rep["errors"])) == (40, 5, 5)
    assert await _count(session, t) == 42
    report = await client.post(
        "/api/v1/teachers/import/errors",
        headers=t.headers("school_admin"),
        data={"organization_id": str(t.org.id)},
        files={"file": ("hr.csv", CSV, "text/csv")},
    )
    assert report.status_code == 200, report.text
    assert report.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Строка", "Колонка", "Значение", "Ошибка")
    assert [r[0] for r in rows[1:]] == [42, 43, 44, 45, 46]
    assert rows[2][1] == "Дата рождения" and rows[2][2] == "31.02.1979" and "31.02.1979" in rows[2][3]
    assert rows[1][3] == "Не указана фамилия"
    # a file whose every row is bad is not "applied"
    bad = (HEADER + ";;;;;учитель;;\n").encode()
    assert (await _post(client, t, bad, dry_run=False, skip_invalid=True)).status_code == 422


async def test_a_person_of_another_school_gets_a_second_employment(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)  # teacher2: Петров Пётр Петрович, 17.05.1980, works at org2
    content = (HEADER + "900;ПЕТРОВ;Петр;Петрович;17.05.1980;учитель;new@example.ru;\n").encode()
    dry = (await _post(client, t, content)).json()
    assert (dry["to_create"], dry["to_update"], dry["to_add_employment"]) == (0, 0, 1)
    assert dry["notices"][0]["line"] == 2 and "второе место работы" in dry["notices"][0]["message"]
    assert "Гимназия" not in str(dry) and str(t.teacher2.id) not in str(dry)  # nothing of the other school shown
    applied = await _post(client, t, content, dry_run=False)
    assert applied.status_code == 200, applied.text
    assert await _count(session, t) == 2
    card = (await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=t.headers("school_admin"))).json()
    assert {e["organization_id"] for e in card["employments"]} == {str(t.org.id), str(t.org2.id)}
    assert card["email"] is None and card["last_name"] == "Петров"  # the person's data is not overwritten
    assert {"system": f"hr:{t.org.id}", "external_id": "900"} in card["external_ids"]
    # the next import of the same file finds them by number
    again = (await _post(client, t, content)).json()
    assert (again["to_update"], again["to_add_employment"]) == (1, 0)


async def test_an_export_imports_back_unchanged(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    assert (await _post(client, t, GOOD_CSV, dry_run=False)).status_code == 200
    session.add(
        TeacherExternalId(
            municipality_id=t.municipality.id, teacher_id=t.teacher.id, system=f"hr:{t.org.id}", external_id="0042"
        )
    )
    await session.flush()
    updates_before = await session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "update")
    )
    for fmt in ("xlsx", "csv"):
        export = await client.get(f"/api/v1/teachers/export?format={fmt}", headers=t.headers("school_admin"))
        assert export.status_code == 200
        rep = (await _post(client, t, export.content, f"export.{fmt}", dry_run=False)).json()
        assert rep["errors"] == [] and rep["applied"] is True, rep
        assert (rep["to_create"], rep["to_update"]) == (0, 41)
    assert await _count(session, t) == 42
    updates_after = await session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "update")
    )
    assert updates_after == updates_before  # nothing changed by reading back its own export
    jobs = await session.scalar(
        select(func.count()).select_from(Employment).where(Employment.organization_id == t.org.id)
    )
    assert jobs == 41 and date.today()


async def test_dictionary_names_match_ignoring_case_yo_and_spaces(client, session) -> None:  # type: ignore[no-untyped-def]
    """Values typed by hand in a school's spreadsheet: «УЧИТЕЛЬ», «Русский   язык», «высшая» with ё written as е…"""
    t = await make_tenant(session)
    content = (
        "Табельный номер;Фамилия;Имя;Отчество;Должность;Вид занятости;Преподаваемые предметы;"
        "Квалификационная категория;Дата присвоения категории\n"
        "501;Семёнова;Алёна;Петровна;  УЧИТЕЛЬ ;ОСНОВНОЕ;Русский   язык, МАТЕМАТИКА;Высшая;20.12.2024\n"
    ).encode()
    resp = await _post(client, t, content)
    assert resp.status_code == 200, resp.text
    report = resp.json()
    assert report["errors"] == [] and report["valid_rows"] == 1, report
