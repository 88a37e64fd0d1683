"""Upload of a participant list: the dry run reports every row (matched, not found, ambiguous, duplicate, bad
value) without writing; the apply adds the good rows only; matching stays inside the caller's reach."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from sqlalchemy import func, select

from app.events.models import Event, Participation
from app.teachers.models import TeacherExternalId
from tests.factories import make_teacher, make_tenant

API = "/api/v1"
HEADER = ["ФИО", "Дата рождения", "Табельный номер", "Роль", "Часы", "Результат", "№ сертификата"]
ROWS = [
    ["Иванова Мария Петровна", "17.05.1980", None, "выступающий", 2, None, "С-001"],  # 2: by name and birth
    ["Сидорова Анна Ивановна", "01.01.1990", None, None, None, None, None],  # 3: two such people
    ["Кузнецова Ольга Сергеевна", date(1985, 2, 3), None, "слушатель", None, None, None],  # 4: already registered
    ["Неизвестная Ирина Петровна", "01.01.1970", None, None, None, None, None],  # 5: nobody
    ["Орлова Елена Викторовна", None, 42, None, "1,5", None, None],  # 6: by number, leading zeros lost
    ["Петров Пётр Петрович", "17.05.1980", None, None, None, None, None],  # 7: another school's teacher
    ["Иванова Мария Петровна", "31.02.1980", None, None, None, None, None],  # 8: no such date
    ["Иванова Мария Петровна", "17.05.1980", None, "танцор", None, None, None],  # 9: unknown role
    ["Иванова Мария Петровна", "17.05.1980", None, "выступающий", None, None, None],  # 10: repeats row 2
    ["Смирнова Анна", None, "00042", None, None, None, None],  # 11: number of another person
]


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Список участников семинара"])  # a title line above the header
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


async def _setup(session, client):  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    m, org = t.municipality, t.org
    for _ in range(2):
        await make_teacher(
            session,
            m,
            org,
            last_name="Сидорова",
            first_name="Анна",
            middle_name="Ивановна",
            birth_date=date(1990, 1, 1),
        )
    registered = await make_teacher(
        session, m, org, last_name="Кузнецова", first_name="Ольга", middle_name="Сергеевна", birth_date=date(1985, 2, 3)
    )
    orlova = await make_teacher(
        session, m, org, last_name="Орлова", first_name="Елена", middle_name="Викторовна", birth_date=date(1975, 6, 6)
    )
    orlova.external_ids.append(TeacherExternalId(municipality_id=m.id, system=f"hr:{org.id}", external_id="00042"))
    event = Event(municipality_id=m.id, type="seminar", level="municipal", title="ПДС", start_date=date(2022, 3, 3))
    session.add(event)
    await session.flush()
    r = await client.post(
        f"{API}/events/{event.id}/participations",
        json={"teacher_id": str(registered.id)},
        headers=t.headers("methodologist"),
    )
    assert r.status_code == 201
    return t, event, orlova


async def _upload(client, t, who, event, content: bytes, name: str, **form):  # type: ignore[no-untyped-def]
    return await client.post(
        f"{API}/events/{event.id}/participations/import",
        headers=t.headers(who),
        data={k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in form.items()},
        files={"file": (name, content, "application/octet-stream")},
    )


async def _count(session, event) -> int:  # type: ignore[no-untyped-def]
    stmt = select(func.count()).select_from(Participation).where(Participation.event_id == event.id)
    return int(await session.scalar(stmt))


async def test_dry_run_reports_every_row_and_writes_nothing(client, session) -> None:  # type: ignore[no-untyped-def]
    t, event, orlova = await _setup(session, client)
    r = await _upload(client, t, "school_admin", event, _xlsx(ROWS), "list.xlsx", dry_run=True)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["dry_run"] is True and rep["applied"] is False
    by_line = {row["line"]: row for row in rep["rows"]}
    assert {line: row["status"] for line, row in by_line.items()} == {
        3: "matched",
        4: "ambiguous",
        5: "duplicate",
        6: "not_found",
        7: "matched",
        8: "not_found",
        9: "bad_value",
        10: "bad_value",
        11: "duplicate",
        12: "bad_value",
    }
    assert by_line[3]["teacher_name"] == "Иванова Мария Петровна" and by_line[3]["role"] == "speaker"
    assert by_line[7]["teacher_id"] == str(orlova.id)
    assert "31.02.1980" in by_line[9]["message"]
    assert "танцор" in by_line[10]["message"]
    assert "строку 3" in by_line[11]["message"]
    assert "Орлова Елена Викторовна" in by_line[12]["message"]
    assert (rep["to_add"], rep["duplicates"], rep["not_matched"], rep["invalid_rows"]) == (2, 2, 3, 3)
    assert rep["mapped_columns"]["ФИО"] == "full_name" and rep["total_rows"] == 10
    assert {e["line"] for e in rep["errors"]} == {9, 10, 12}
    assert await _count(session, event) == 1


async def test_apply_adds_the_good_rows_only(client, session) -> None:  # type: ignore[no-untyped-def]
    t, event, orlova = await _setup(session, client)
    r = await _upload(client, t, "school_admin", event, _xlsx(ROWS), "list.xlsx", dry_run=False)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["applied"] is True
    added = [row for row in rep["rows"] if row["status"] == "added"]
    assert [row["line"] for row in added] == [3, 7] and all(row["participation_id"] for row in added)
    assert await _count(session, event) == 3
    listed = await client.get(
        f"{API}/participations", params={"event_id": str(event.id), "role": "speaker"}, headers=t.headers("department")
    )
    speaker = listed.json()["items"][0]
    assert speaker["hours"] == "2.0" and speaker["certificate_number"] == "С-001"
    orl = (
        await client.get(
            f"{API}/participations", params={"teacher_id": str(orlova.id)}, headers=t.headers("department")
        )
    ).json()
    assert orl["items"][0]["hours"] == "1.5"
    # the same file again: everything good is now a duplicate
    again = (await _upload(client, t, "school_admin", event, _xlsx(ROWS), "list.xlsx", dry_run=False)).json()
    assert again["applied"] is False and again["duplicates"] == 4
    assert await _count(session, event) == 3


async def test_csv_with_split_name_columns_inside_one_organization(client, session) -> None:  # type: ignore[no-untyped-def]
    t, event, _ = await _setup(session, client)
    csv = (
        "Фамилия;Имя;Отчество;Дата рождения;Роль;Результат\n"
        "Петров;Пётр;Петрович;17.05.1980;;победитель\n"
        "Иванова;Мария;Петровна;17.05.1980;;\n"
    ).encode("cp1251")
    r = await _upload(
        client, t, "methodologist", event, csv, "list.csv", dry_run=True, organization_id=t.org2.id, role="contestant"
    )
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert [(x["status"], x["role"]) for x in rows] == [("matched", "contestant"), ("not_found", "contestant")]
    # a school cannot narrow the list to another school
    r = await _upload(client, t, "school_admin", event, csv, "list.csv", dry_run=True, organization_id=t.org2.id)
    assert r.status_code == 404


async def test_unreadable_file_is_reported(client, session) -> None:  # type: ignore[no-untyped-def]
    t, event, _ = await _setup(session, client)
    r = await _upload(client, t, "methodologist", event, b"just,some\ntext,here\n", "list.csv", dry_run=True)
    assert r.status_code == 200
    assert "заголовков" in r.json()["errors"][0]["message"] and r.json()["rows"] == []
    r = await _upload(client, t, "methodologist", event, b"PK\x03\x04broken", "list.xlsx", dry_run=True)
    assert r.status_code == 200 and r.json()["errors"][0]["message"] == "Не удалось прочитать файл Excel (.xlsx)"
