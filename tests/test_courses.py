"""Courses: the 3-year window on boundary dates (per teacher and over the counted teachers), the provider's
eligibility from 1 September 2025, duplicates, If-Match, scope, exports, and the import of a provider's list with
its dry run and partial apply."""

from __future__ import annotations

from datetime import date

import pytest

from app.courses import rules
from app.organizations.models import Organization
from app.teachers.models import TeacherExternalId
from tests.factories import make_teacher, make_tenant

API = "/api/v1/courses"


def _course(teacher, **kw):  # type: ignore[no-untyped-def]
    return {
        "teacher_id": str(teacher.id),
        "title": kw.pop("title", "Реализация требований обновлённых ФГОС"),
        "provider_name": kw.pop("provider_name", "Институт развития образования"),
        "provider_state_owned": kw.pop("provider_state_owned", True),
        "hours": kw.pop("hours", 36),
        "start_date": kw.pop("start_date", "2023-02-01"),
        "end_date": kw.pop("end_date", "2023-02-10"),
        **kw,
    }


@pytest.mark.parametrize(
    ("end", "on", "inside"),
    [
        (date(2020, 8, 31), date(2023, 8, 31), False),  # exactly R − 3 years: no longer counts
        (date(2020, 9, 1), date(2023, 8, 31), True),  # the day after: counts
        (date(2023, 8, 31), date(2023, 8, 31), True),  # ends on R: counts
        (date(2023, 9, 1), date(2023, 8, 31), False),  # ends after R: not yet
        (date(2021, 2, 28), date(2024, 2, 29), False),  # R on 29 February: R − 3 years is 28 February
        (date(2021, 3, 1), date(2024, 2, 29), True),
    ],
)
def test_window_edges(end: date, on: date, inside: bool) -> None:
    assert rules.in_window(end, on) is inside


def test_leaving_day_and_provider_rule() -> None:
    assert rules.leaves_window_on(date(2020, 9, 1)) == date(2023, 9, 1)
    assert not rules.in_window(date(2020, 9, 1), date(2023, 9, 1))
    assert rules.in_window(date(2020, 9, 1), date(2023, 8, 31))
    assert rules.leaves_window_on(date(2024, 2, 29)) == date(2027, 3, 1)  # on 2027-02-28 it still counts
    assert rules.in_window(date(2024, 2, 29), date(2027, 2, 28))
    assert rules.provider_eligible(date(2025, 8, 31), False) is True
    assert rules.provider_eligible(date(2025, 9, 1), False) is False
    assert rules.provider_eligible(date(2025, 9, 1), None) is None
    assert rules.add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)


async def test_create_read_duplicate_and_provider_eligibility(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    r = await client.post(API, json=_course(t.teacher, document_number="440001"), headers=h)
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["teacher_name"] == "Иванова Мария Петровна" and c["provider_eligible"] is True and c["warnings"] == []
    assert c["actions"] == ["update", "archive"] and r.headers["etag"] == '"1"'
    dup = await client.post(API, json=_course(t.teacher, title="Другое название", document_number="440001"), headers=h)
    assert dup.status_code == 409 and dup.json()["code"] == "duplicate_course" and dup.json()["existing_id"] == c["id"]
    same = await client.post(API, json=_course(t.teacher, title="реализация требований обновлённых фгос"), headers=h)
    assert same.status_code == 409

    # a private provider from the dictionary, for a course started on 1 September 2025: flagged, not counted
    private = Organization(
        municipality_id=t.municipality.id,
        type_code="other",
        name="ООО «Учебный центр»",
        short_name="ООО «Учебный центр»",
        is_state_owned=False,
    )
    session.add(private)
    await session.flush()
    body = _course(t.teacher, title="Цифровая школа", start_date="2025-09-01", end_date="2025-09-12")
    del body["provider_name"], body["provider_state_owned"]
    r = await client.post(API, json={**body, "provider_organization_id": str(private.id)}, headers=h)
    assert r.status_code == 201, r.text
    flagged = r.json()
    assert flagged["provider_name"] == "ООО «Учебный центр»" and flagged["provider_state_owned"] is False
    assert flagged["provider_eligible"] is False and "не засчитывается" in flagged["warnings"][0]
    listed = await client.get(API, params={"eligible": "false"}, headers=h)
    assert [i["id"] for i in listed.json()["items"]] == [flagged["id"]]
    status = await client.get(f"{API}/pd-window/{t.teacher.id}", params={"on": "2025-12-01"}, headers=h)
    assert status.json()["last_course_end"] == "2023-02-10"  # the flagged course does not count
    # an integration may not know the provider: recorded, eligibility unknown (warned) for a course from 2025-09-01
    no_provider = await client.post(API, json={**body, "title": "Без провайдера"}, headers=h)
    assert no_provider.status_code == 201 and no_provider.json()["provider_name"] is None
    assert no_provider.json()["provider_eligible"] is None and "Неизвестно" in no_provider.json()["warnings"][0]


async def test_teacher_window_on_boundary_dates(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    await client.post(API, json=_course(t.teacher, start_date="2020-08-20", end_date="2020-09-01", hours=72), headers=h)
    url = f"{API}/pd-window/{t.teacher.id}"
    on_last_day = (await client.get(url, params={"on": "2023-08-31"}, headers=h)).json()
    assert on_last_day["in_window"] is True and on_last_day["window_start"] == "2020-08-31"
    assert on_last_day["last_course_end"] == "2020-09-01" and on_last_day["leaves_window_on"] == "2023-09-01"
    assert on_last_day["courses_in_window"] == 1 and on_last_day["hours_in_window"] == 72
    next_day = (await client.get(url, params={"on": "2023-09-01"}, headers=h)).json()
    assert next_day["in_window"] is False and next_day["leaves_window_on"] is None
    assert next_day["last_course_end"] == "2020-09-01" and next_day["courses_in_window"] == 0
    # a course ending after R is not counted on R
    await client.post(API, json=_course(t.teacher, start_date="2023-09-01", end_date="2023-09-05"), headers=h)
    assert (await client.get(url, params={"on": "2023-09-04"}, headers=h)).json()["in_window"] is False
    assert (await client.get(url, params={"on": "2023-09-05"}, headers=h)).json()["in_window"] is True


async def test_pd_window_list_outside_and_leaving(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    school = Organization(municipality_id=t.municipality.id, type_code="sosh", name="Школа № 7", short_name="СОШ № 7")
    session.add(school)
    await session.flush()
    h = t.headers("methodologist")
    on = date(2023, 8, 31)

    async def person(name: str, *courses: dict) -> None:  # type: ignore[type-arg]
        teacher = await make_teacher(session, t.municipality, school, last_name=name)
        for c in courses:
            r = await client.post(API, json=_course(teacher, **c), headers=h)
            assert r.status_code == 201, r.text

    await person("Безкурсова")
    await person("Границева", {"start_date": "2020-08-20", "end_date": "2020-08-31"})  # ends on R − 3 years
    await person("Уходящева", {"start_date": "2020-08-20", "end_date": "2020-09-01"})  # leaves on 2023-09-01
    await person("Свежева", {"start_date": "2023-03-01", "end_date": "2023-03-10"})
    await person(
        "Продлённова",
        {"start_date": "2020-09-20", "end_date": "2020-10-01"},
        {"start_date": "2023-10-01", "end_date": "2023-10-20", "title": "Следующий курс"},  # ends before the horizon
    )
    await person(
        "Частникова",
        {
            "start_date": "2025-09-01",
            "end_date": "2025-09-10",
            "provider_state_owned": False,
            "title": "Частный курс",
        },
    )
    params = {"on": on.isoformat(), "months": 6, "organization_id": str(school.id)}
    r = await client.get(f"{API}/pd-window", params=params, headers=h)
    assert r.status_code == 200, r.text
    page = r.json()
    states = {i["full_name"].split()[0]: i["state"] for i in page["items"]}
    assert states == {
        "Безкурсова": "outside",
        "Границева": "outside",
        "Частникова": "outside",  # the course ends after R anyway, and does not count
        "Уходящева": "leaving",
    }
    leaving = next(i for i in page["items"] if i["state"] == "leaving")
    assert leaving["leaves_window_on"] == "2023-09-01" and leaving["last_course_end"] == "2020-09-01"
    assert page["counted"] == 6 and page["in_window"] == 3 and page["outside"] == 3 and page["leaving"] == 1
    assert page["share"] == 50.0 and page["horizon"] == "2024-02-29"
    only_leaving = await client.get(f"{API}/pd-window", params={**params, "state": "leaving"}, headers=h)
    assert only_leaving.json()["total"] == 1
    no_horizon = await client.get(f"{API}/pd-window", params={**params, "months": 0}, headers=h)
    assert no_horizon.json()["leaving"] == 0 and no_horizon.json()["total"] == 3
    # the private course counts nowhere even once it has ended
    later = await client.get(f"{API}/pd-window", params={**params, "on": "2025-12-01", "state": "outside"}, headers=h)
    assert "Частникова" in {i["full_name"].split()[0] for i in later.json()["items"]}
    csv = await client.get(f"{API}/pd-window/export", params={**params, "format": "csv"}, headers=h)
    text = csv.content.decode("utf-8-sig")
    assert csv.status_code == 200 and text.count("\r\n") == 5 and "выходит из 3-летнего срока" in text
    xlsx = await client.get(f"{API}/pd-window/export", params=params, headers=h)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # an empty population is «no data»
    empty = await client.get(f"{API}/pd-window", params={**params, "on": "2000-01-01"}, headers=h)
    assert empty.json()["counted"] == 0 and empty.json()["share"] is None


async def test_if_match_scope_and_list_filters(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    mine = (await client.post(API, json=_course(t.teacher), headers=h)).json()
    theirs = (await client.post(API, json=_course(t.teacher2, end_date="2023-09-10"), headers=h)).json()
    url = f"{API}/{mine['id']}"
    assert (await client.patch(url, json={"hours": 72}, headers=h)).status_code == 428
    assert (await client.post(f"{url}/archive", json={"reason": "Ошибка ввода"}, headers=h)).status_code == 428
    ok = await client.patch(url, json={"hours": 72}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["hours"] == 72 and ok.headers["etag"] == '"2"'
    assert (await client.patch(url, json={"hours": 16}, headers={**h, "If-Match": '"1"'})).status_code == 412
    bad = await client.patch(url, json={"end_date": "2023-01-01"}, headers={**h, "If-Match": '"2"'})
    assert bad.status_code == 422

    admin = t.headers("school_admin")  # the admin of t.org: t.teacher2 works at the gymnasium
    other = f"{API}/{theirs['id']}"
    assert (await client.get(other, headers=admin)).status_code == 404
    assert (await client.patch(other, json={"hours": 1}, headers={**admin, "If-Match": '"1"'})).status_code == 404
    assert (await client.get(f"{API}/pd-window/{t.teacher2.id}", headers=admin)).status_code == 404
    assert [i["id"] for i in (await client.get(API, headers=admin)).json()["items"]] == [mine["id"]]
    foreign = await client.post(API, json=_course(t.teacher2, title="Ещё курс"), headers=admin)
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "body.teacher_id"
    seen = (await client.get(API, headers=t.headers("teacher"))).json()
    assert [i["id"] for i in seen["items"]] == [mine["id"]] and seen["items"][0]["actions"] == []

    by_year = await client.get(API, params={"period": "2022/2023"}, headers=h)
    assert [i["id"] for i in by_year.json()["items"]] == [mine["id"]]
    by_org = await client.get(API, params={"organization_id": str(t.org2.id)}, headers=h)
    assert [i["id"] for i in by_org.json()["items"]] == [theirs["id"]]
    archived = await client.post(f"{url}/archive", json={"reason": "Ошибка ввода"}, headers={**h, "If-Match": '"2"'})
    assert archived.status_code == 200 and archived.json()["actions"] == []
    assert (await client.get(API, params={"teacher_id": str(t.teacher.id)}, headers=h)).json()["total"] == 0
    csv = await client.get(f"{API}/export", params={"format": "csv", "include_archived": "true"}, headers=h)
    assert csv.status_code == 200 and csv.content.decode("utf-8-sig").count("\r\n") == 3


PROVIDER_LIST = (
    "ФИО;Дата рождения;Программа;Количество часов;Сроки обучения;№ удостоверения\n"
    "Иванова Мария Петровна;17.05.1980;Функциональная грамотность;36;01.02.2024 – 10.02.2024;440100\n"
    "Петров Пётр Петрович;17.05.1980;Функциональная грамотность;36 ч.;01.02.2024 – 10.02.2024;440101\n"
    "Неизвестная Анна Ивановна;01.01.1990;Функциональная грамотность;36;01.02.2024 – 10.02.2024;440102\n"
    "Иванова Мария Петровна;17.05.1980;Наставничество в школе;много;01.03.2024-05.03.2024;440103\n"
)


async def _upload(client, t, content: str, who="methodologist", **form):  # type: ignore[no-untyped-def]
    data = {"provider_name": "Институт развития образования", "provider_state_owned": "true", **form}
    return await client.post(
        f"{API}/import",
        files={"file": ("list.csv", content.encode("utf-8"), "text/csv")},
        data=data,
        headers=t.headers(who),
    )


async def test_import_dry_run_then_partial_apply_then_again(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    dry = await _upload(client, t, PROVIDER_LIST, municipality_id=str(t.municipality.id))
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["dry_run"] is True and report["total_rows"] == 4 and report["valid_rows"] == 2
    assert report["invalid_rows"] == 2 and report["to_create"] == 2
    errors = {(e["line"], e["column"]): e["message"] for e in report["errors"]}
    assert "не найден" in errors[(4, None)]
    assert "Неверный объём" in errors[(5, "Часы")]
    h = t.headers("methodologist")
    assert (await client.get(API, headers=h)).json()["total"] == 0  # nothing written by the dry run

    all_or_nothing = await _upload(client, t, PROVIDER_LIST, municipality_id=str(t.municipality.id), dry_run="false")
    assert all_or_nothing.status_code == 422 and all_or_nothing.json()["code"] == "import_has_errors"
    assert all_or_nothing.json()["report"]["valid_rows"] == 2
    assert (await client.get(API, headers=h)).json()["total"] == 0

    partial = await _upload(
        client, t, PROVIDER_LIST, municipality_id=str(t.municipality.id), dry_run="false", skip_invalid="true"
    )
    assert partial.status_code == 200, partial.text
    assert partial.json()["applied"] is True and partial.json()["skipped_rows"] == 2
    courses = (await client.get(API, params={"sort": "teacher_name"}, headers=h)).json()["items"]
    assert [(c["teacher_name"], c["hours"], c["start_date"], c["end_date"], c["document_number"]) for c in courses] == [
        ("Иванова Мария Петровна", 36, "2024-02-01", "2024-02-10", "440100"),
        ("Петров Пётр Петрович", 36, "2024-02-01", "2024-02-10", "440101"),
    ]
    assert courses[0]["provider_name"] == "Институт развития образования" and courses[0]["provider_eligible"] is True

    again = await _upload(client, t, PROVIDER_LIST, municipality_id=str(t.municipality.id))
    assert again.json()["already_recorded"] == 2 and again.json()["to_create"] == 0


async def test_import_by_personnel_number_and_within_the_school(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    session.add(
        TeacherExternalId(
            municipality_id=t.municipality.id, teacher_id=t.teacher.id, system=f"hr:{t.org.id}", external_id="00042"
        )
    )
    await session.flush()
    content = (
        "Табельный номер;Фамилия;Имя;Отчество;Программа;Часы;Дата начала;Дата окончания;Провайдер;Форма обучения\n"
        "42;Иванова;Мария;Петровна;Цифровая образовательная среда;72;10.01.2024;20.01.2024;КОИРО;дистанционно\n"
        "42;Смирнова;Анна;;Цифровая образовательная среда;72;10.01.2024;20.01.2024;КОИРО;очно\n"
        ";Петров;Пётр;Петрович;Цифровая образовательная среда;72;10.01.2024;20.01.2024;КОИРО;очно\n"
    )
    r = await _upload(client, t, content, who="school_admin", organization_id=str(t.org.id))
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["valid_rows"] == 1
    messages = {e["line"]: e["message"] for e in report["errors"]}
    assert "принадлежит другому педагогу" in messages[3]
    assert "дату рождения" in messages[4]  # no number, no birth date: cannot be matched
    applied = await _upload(
        client, t, content, who="school_admin", organization_id=str(t.org.id), dry_run="false", skip_invalid="true"
    )
    assert applied.status_code == 200 and applied.json()["applied"] is True
    course = (await client.get(API, headers=t.headers("school_admin"))).json()["items"][0]
    assert course["provider_name"] == "КОИРО" and course["format"] == "online" and course["provider_eligible"] is True
    # the gymnasium's teacher is not this school's: by name and birth date they are «not found» for it
    by_name = "ФИО;Дата рождения;Программа;Часы;Дата окончания\nПетров Пётр Петрович;17.05.1980;Курс;16;20.01.2024\n"
    r = await _upload(client, t, by_name, who="school_admin", organization_id=str(t.org.id))
    assert r.json()["valid_rows"] == 0 and "не найден" in r.json()["errors"][0]["message"]
    # another school's organization is not one the school may import for
    other = await _upload(client, t, by_name, who="school_admin", organization_id=str(t.org2.id))
    assert other.status_code == 404


async def test_import_reports_a_file_without_the_needed_columns(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _upload(
        client, t, "Фамилия;Имя;Отчество\nИванова;Мария;Петровна\n", municipality_id=str(t.municipality.id)
    )
    assert r.status_code == 200
    columns = {e["column"] for e in r.json()["errors"]}
    assert {"Программа", "Часы", "Дата окончания", "Дата рождения"} <= columns
    garbage = await _upload(client, t, "просто текст", municipality_id=str(t.municipality.id))
    assert garbage.status_code == 200 and "строка заголовков" in garbage.json()["errors"][0]["message"]


async def test_competence_areas_are_checked_stored_and_replaced(client, session) -> None:  # type: ignore[no-untyped-def]
    """A course record says which areas the programme develops (routes propose it; the teacher's own closes it)."""
    t = await make_tenant(session)
    h = t.headers("methodologist")
    r = await client.post(API, json=_course(t.teacher, competence_areas=["alchemy"]), headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.competence_areas"
    r = await client.post(API, json=_course(t.teacher, competence_areas=["digital"]), headers=h)
    assert r.status_code == 201 and r.json()["competence_areas"] == ["digital"]
    url = f"{API}/{r.json()['id']}"
    r = await client.patch(url, json={"competence_areas": ["subject", "methodical"]}, headers={**h, "If-Match": "*"})
    assert r.status_code == 200 and r.json()["competence_areas"] == ["subject", "methodical"]
