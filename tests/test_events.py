"""Events and series: who records what (the municipality its records, a school its own), If-Match on writes, the
academic-year and level filters, the calendar window, series with their sessions, exports Excel opens."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.core.settings import get_settings
from app.files import storage
from tests.factories import make_tenant

API = "/api/v1"


def municipal_event(t, **kw):  # type: ignore[no-untyped-def]
    body = {
        "municipality_id": str(t.municipality.id),
        "type": "seminar",
        "level": "municipal",
        "format": "online",
        "title": "Современные формы проведения педсовета",
        "start_date": "2022-03-17",
        "start_time": "15:00:00",
        "end_time": "16:30:00",
    }
    body.update(kw)
    return body


async def _create(client, t, who: str, body: dict) -> dict:  # type: ignore[no-untyped-def]
    r = await client.post(f"{API}/events", json=body, headers=t.headers(who))
    assert r.status_code == 201, r.text
    return r.json()


async def test_methodologist_records_a_municipal_event_a_school_sees_but_cannot_change(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    body = municipal_event(
        t,
        content="Технология «Мировое кафе» для проведения педсовета",
        responsible_people=[
            {"name": "О.Б. Бучина", "note": "заместитель заведующего МБУ ГЦОКО"},
            {"teacher_id": str(t.teacher.id)},
            {"user_id": str(t.users["methodologist"].id), "note": "модератор"},
        ],
        responsible_organizations=[{"organization_id": str(t.org.id), "note": "управленческая команда школы"}],
        materials=[{"title": "Презентация", "url": "https://example.org/pds2.pdf"}],
        audience_positions=["deputy_director_umr"],
    )
    event = await _create(client, t, "methodologist", body)
    assert event["owner_organization_id"] is None and event["level_rank"] == 2
    assert [p["name"] for p in event["responsible_people"]] == [
        "О.Б. Бучина",
        "Иванова Мария Петровна",
        "Тест methodologist",
    ]
    assert event["responsible_organizations"][0]["organization_name"] == t.org.short_name
    assert event["materials"][0]["url"] == "https://example.org/pds2.pdf"
    assert set(event["actions"]) >= {"update", "archive", "add_participants"}

    admin = t.headers("school_admin")
    seen = await client.get(f"{API}/events/{event['id']}", headers=admin)
    assert seen.status_code == 200
    assert "update" not in seen.json()["actions"] and "add_participants" in seen.json()["actions"]
    r = await client.patch(
        f"{API}/events/{event['id']}", json={"title": "Другое"}, headers={**admin, "If-Match": seen.headers["etag"]}
    )
    assert r.status_code == 403 and r.json()["code"] == "municipal_record"
    assert "методист" in r.json()["detail"]
    r = await client.post(
        f"{API}/events/{event['id']}/archive", json={"reason": "ошибка"}, headers={**admin, "If-Match": "*"}
    )
    assert r.status_code == 403


async def test_school_admin_records_events_for_own_school_only(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    admin = t.headers("school_admin")
    own = await _create(
        client,
        t,
        "school_admin",
        {
            "type": "conference",
            "level": "regional",
            "title": "Региональная конференция «Наставничество»",
            "start_date": "2022-04-20",
            "organizer_name": "КОИРО",
        },
    )
    assert own["owner_organization_id"] == str(t.org.id) and own["municipality_id"] == str(t.municipality.id)
    assert "update" in own["actions"]
    # a municipal-level event is the municipality's to record
    r = await client.post(
        f"{API}/events",
        json={"type": "seminar", "level": "municipal", "title": "Семинар", "start_date": "2022-04-20"},
        headers=admin,
    )
    assert r.status_code == 403 and r.json()["code"] == "municipal_level"
    assert r.json()["errors"][0]["field"] == "body.level"
    # another school of the city: outside the school's write scope
    r = await client.post(
        f"{API}/events",
        json={
            "owner_organization_id": str(t.org2.id),
            "type": "seminar",
            "level": "school",
            "title": "Семинар",
            "start_date": "2022-04-20",
        },
        headers=admin,
    )
    assert r.status_code == 404
    other = await _create(
        client,
        t,
        "department",
        {
            "owner_organization_id": str(t.org2.id),
            "type": "seminar",
            "level": "school",
            "title": "Школьный семинар гимназии",
            "start_date": "2022-04-21",
        },
    )
    r = await client.patch(f"{API}/events/{other['id']}", json={"title": "Чужое"}, headers={**admin, "If-Match": "*"})
    assert r.status_code == 404
    # the department sees what the school recorded
    listed = await client.get(f"{API}/events", params={"owner": "school"}, headers=t.headers("department"))
    assert {e["id"] for e in listed.json()["items"]} == {own["id"], other["id"]}


async def test_if_match_is_required_and_checked(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    event = await _create(client, t, "methodologist", municipal_event(t))
    url = f"{API}/events/{event['id']}"
    r = await client.patch(url, json={"status": "held"}, headers=h)
    assert r.status_code == 428 and r.json()["code"] == "if_match_required"
    r = await client.post(f"{url}/archive", json={"reason": "Создано по ошибке"}, headers=h)
    assert r.status_code == 428
    ok = await client.patch(url, json={"status": "held"}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.headers["etag"] == '"2"'
    stale = await client.patch(url, json={"status": "planned"}, headers={**h, "If-Match": '"1"'})
    assert stale.status_code == 412 and stale.json()["current_version"] == 2
    # children changes alone move the version too
    r = await client.patch(
        url,
        json={"materials": [{"title": "Запись", "url": "https://example.org/rec"}]},
        headers={**h, "If-Match": '"2"'},
    )
    assert r.status_code == 200 and r.json()["version"] == 3 and r.json()["materials"][0]["title"] == "Запись"
    archived = await client.post(
        f"{url}/archive", json={"reason": "Создано по ошибке"}, headers={**h, "If-Match": '"3"'}
    )
    assert archived.status_code == 200 and archived.json()["archive_reason"] == "Создано по ошибке"
    assert archived.json()["actions"] == []
    listed = await client.get(f"{API}/events", headers=h)
    assert event["id"] not in {e["id"] for e in listed.json()["items"]}


async def test_validation_names_the_field(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    r = await client.post(f"{API}/events", json=municipal_event(t, end_date="2022-03-01"), headers=h)
    assert r.status_code == 422
    r = await client.post(f"{API}/events", json=municipal_event(t, level="galactic"), headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.level"
    r = await client.post(f"{API}/events", json=municipal_event(t, audience_subjects=["alchemy"]), headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.audience_subjects"
    other = await make_tenant(session)
    r = await client.post(
        f"{API}/events", json=municipal_event(t, organizer_organization_id=str(other.org.id)), headers=h
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.organizer_organization_id"
    event = await _create(client, t, "methodologist", municipal_event(t))
    r = await client.patch(
        f"{API}/events/{event['id']}", json={"end_date": "2022-01-01"}, headers={**h, "If-Match": "*"}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.end_date"


async def test_academic_year_filter_on_boundary_dates(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    last = await _create(
        client, t, "methodologist", municipal_event(t, title="Последний день", start_date="2022-08-31")
    )
    first = await _create(client, t, "methodologist", municipal_event(t, title="Первый день", start_date="2022-09-01"))

    async def ids(**params: str) -> set[str]:
        r = await client.get(f"{API}/events", params=params, headers=h)
        assert r.status_code == 200, r.text
        return {e["id"] for e in r.json()["items"]}

    assert await ids(period="2021/2022") == {last["id"]}
    assert await ids(period="2022/2023") == {first["id"]}
    assert await ids(period="2022") == {last["id"], first["id"]}
    r = await client.get(f"{API}/events", params={"period": "2022/2024"}, headers=h)
    assert r.status_code == 422


async def test_level_filters_compare_ranks(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    made = {}
    for level in ("school", "municipal", "inter_municipal", "regional", "federal"):
        body = municipal_event(t, level=level, title=f"Уровень {level}")
        if level == "school":
            body["owner_organization_id"] = str(t.org.id)
        made[level] = (await _create(client, t, "methodologist", body))["id"]
    h = t.headers("teacher")  # the calendar is open to everyone of the municipality

    async def levels(**params: str) -> set[str]:
        r = await client.get(f"{API}/events", params=params, headers=h)
        assert r.status_code == 200, r.text
        return {e["level"] for e in r.json()["items"]}

    assert await levels(level_min="municipal") == {"municipal", "inter_municipal", "regional", "federal"}
    assert await levels(level_min="municipal", level_max="regional") == {"municipal", "inter_municipal", "regional"}
    assert await levels(level=["school", "federal"]) == {"school", "federal"}
    assert await levels(organization_id=str(t.org.id)) == {"school"}
    sorted_by_level = await client.get(f"{API}/events", params={"sort": "-level"}, headers=h)
    assert sorted_by_level.json()["items"][0]["level"] == "federal"


async def test_calendar_window_and_other_tenants(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    await _create(client, t, "methodologist", municipal_event(t, title="Март", start_date="2022-03-03"))
    await _create(
        client,
        t,
        "methodologist",
        municipal_event(t, title="Многодневный", start_date="2022-02-25", end_date="2022-03-02"),
    )
    await _create(client, t, "methodologist", municipal_event(t, title="Апрель", start_date="2022-04-07"))
    await _create(client, other, "methodologist", municipal_event(other, title="Чужой", start_date="2022-03-10"))
    r = await client.get(
        f"{API}/events/calendar", params={"from": "2022-03-01", "to": "2022-03-31"}, headers=t.headers("teacher")
    )
    assert r.status_code == 200, r.text
    assert [e["title"] for e in r.json()["items"]] == ["Многодневный", "Март"]
    assert r.json()["date_from"] == "2022-03-01"
    bad = await client.get(
        f"{API}/events/calendar", params={"from": "2022-03-01", "to": "2024-03-01"}, headers=t.headers("teacher")
    )
    assert bad.status_code == 422


async def test_series_with_sessions_in_order(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    r = await client.post(
        f"{API}/event-series",
        json={
            "municipality_id": str(t.municipality.id),
            "title": "Актуальные практики организации методической работы в общеобразовательной организации",
            "academic_year": "2021/2022",
            "goal": "Повышение профессионального уровня управленческих команд",
            "order_number": "178-рз/IV",
            "order_date": "2022-02-15",
        },
        headers=h,
    )
    assert r.status_code == 201, r.text
    series = r.json()
    assert series["academic_year"] == "2021/2022" and series["owner_organization_id"] is None
    for n, day in ((2, "2022-03-17"), (1, "2022-03-03")):
        await _create(
            client,
            t,
            "methodologist",
            municipal_event(t, type="pds_session", series_id=series["id"], session_number=n, start_date=day),
        )
    card = (await client.get(f"{API}/event-series/{series['id']}", headers=t.headers("teacher"))).json()
    assert [s["session_number"] for s in card["sessions"]] == [1, 2] and card["session_count"] == 2
    listed = await client.get(f"{API}/event-series", params={"academic_year": "2021/2022"}, headers=h)
    assert [s["id"] for s in listed.json()["items"]] == [series["id"]]
    assert listed.json()["items"][0]["sessions"] is None
    assert (await client.get(f"{API}/event-series", params={"academic_year": "2022/2023"}, headers=h)).json()[
        "total"
    ] == 0
    # a school cannot add a session to the municipality's series
    r = await client.post(
        f"{API}/events",
        json={
            "type": "pds_session",
            "level": "school",
            "title": "Заседание",
            "start_date": "2022-04-01",
            "series_id": series["id"],
        },
        headers=t.headers("school_admin"),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.series_id"
    r = await client.patch(
        f"{API}/event-series/{series['id']}",
        json={"goal": "Новая цель"},
        headers={**t.headers("school_admin"), "If-Match": "*"},
    )
    assert r.status_code == 403
    r = await client.patch(f"{API}/event-series/{series['id']}", json={"goal": "Новая цель"}, headers=h)
    assert r.status_code == 428
    r = await client.patch(
        f"{API}/event-series/{series['id']}", json={"academic_year": "2022"}, headers={**h, "If-Match": "*"}
    )
    assert r.status_code == 422


async def test_exports_open_in_excel(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await _create(client, t, "methodologist", municipal_event(t, title="=Формула не исполняется"))
    h = t.headers("department")
    r = await client.get(f"{API}/events/export", params={"format": "xlsx"}, headers=h)
    assert r.status_code == 200, r.text
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Дата начала", "Дата окончания", "Время", "Название (тема)")
    assert rows[1][3] == "=Формула не исполняется" and rows[1][4] == "семинар" and rows[1][5] == "муниципальный"
    assert rows[1][2] == "15:00–16:30"
    r = await client.get(f"{API}/events/export", params={"format": "csv"}, headers=h)
    text = r.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[1][3] == "'=Формула не исполняется" and lines[1][0] == "17.03.2022"


async def test_vocabulary_names_every_code(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.get(f"{API}/events/vocabulary", headers=t.headers("teacher"))
    assert r.status_code == 200
    levels = r.json()["levels"]
    assert [lv["code"] for lv in levels][:3] == ["school", "municipal", "inter_municipal"]
    assert [lv["rank"] for lv in levels] == list(range(1, 8))
    assert {"code": "speaker", "name": "выступающий (представляет практику)", "rank": None} in r.json()["roles"]


@pytest.fixture
def file_storage(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "data_dir", tmp_path)
    storage.get_storage.cache_clear()
    yield
    storage.get_storage.cache_clear()


async def test_a_participant_downloads_the_material_of_the_event_without_browsing_the_files(  # type: ignore[no-untyped-def]
    client, session, file_storage
) -> None:
    """A teacher holds no right to the municipality's files, yet downloads the presentation of a seminar they may
    read; a teacher of another municipality does not reach it; the download is in the audit trail."""
    t, other = await make_tenant(session), await make_tenant(session)
    pdf = b"%PDF-1.4\n%%EOF\n"
    up = await client.post(
        f"{API}/files",
        data={"municipality_id": str(t.municipality.id)},
        files={"file": ("Презентация семинара.pdf", pdf, "application/octet-stream")},
        headers=t.headers("methodologist"),
    )
    assert up.status_code == 201, up.text
    file_id = up.json()["id"]
    event = await _create(
        client, t, "methodologist", municipal_event(t, materials=[{"title": "Презентация", "file_id": file_id}])
    )
    url = event["materials"][0]["content_url"]
    assert url.startswith(f"{API}/event-materials/")

    teacher = t.headers("teacher")
    assert (await client.get(f"{API}/files/{file_id}/content", headers=teacher)).status_code == 403
    got = await client.get(url, headers=teacher)
    assert got.status_code == 200 and got.content == pdf
    assert "filename*=UTF-8''" in got.headers["content-disposition"]

    assert (await client.get(url, headers=other.headers("teacher"))).status_code == 404
    actions = (
        await session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "file", AuditEvent.entity_id == file_id)
        )
    ).all()
    assert sorted(actions) == ["create", "download"]


async def test_competence_areas_are_checked_stored_and_replaced(client, session) -> None:  # type: ignore[no-untyped-def]
    """An event is tagged with the competence areas it helps with (individual routes propose it for them)."""
    t = await make_tenant(session)
    h = t.headers("methodologist")
    r = await client.post(f"{API}/events", json=municipal_event(t, competence_areas=["alchemy"]), headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.competence_areas"
    event = await _create(client, t, "methodologist", municipal_event(t, competence_areas=["digital", "methodical"]))
    assert event["competence_areas"] == ["digital", "methodical"]
    r = await client.patch(
        f"{API}/events/{event['id']}", json={"competence_areas": ["subject"]}, headers={**h, "If-Match": "*"}
    )
    assert r.status_code == 200 and r.json()["competence_areas"] == ["subject"]
    r = await client.patch(
        f"{API}/events/{event['id']}", json={"competence_areas": ["nope"]}, headers={**h, "If-Match": "*"}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.competence_areas"
