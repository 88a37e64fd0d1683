"""Attestation: applications, the decision writing the teacher's category history (and taking it back on
archive), If-Match, scope, and the 5-year plan-schedule on boundary dates with its printed XLSX."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.organizations.models import Organization
from app.teachers import rules
from app.teachers.models import TeacherCategory
from tests.factories import make_teacher, make_tenant

API = "/api/v1/attestations"


async def _apply(client, t, teacher=None, who="methodologist", **kw):  # type: ignore[no-untyped-def]
    body = {
        "teacher_id": str((teacher or t.teacher).id),
        "category_sought": kw.pop("category_sought", "highest"),
        "applied_on": kw.pop("applied_on", "2022-03-10"),
    }
    return await client.post(API, json=body, headers=t.headers(who))


async def _decide(client, t, a, version=1, who="methodologist", **body):  # type: ignore[no-untyped-def]
    return await client.post(
        f"{API}/{a['id']}/decision", json=body, headers={**t.headers(who), "If-Match": f'"{version}"'}
    )


async def test_application_and_one_pending_per_teacher(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _apply(client, t)
    assert r.status_code == 201, r.text
    a = r.json()
    assert a["status"] == "pending" and a["status_label"] == "на рассмотрении"
    assert a["teacher_name"] == "Иванова Мария Петровна" and a["organization_id"] == str(t.org.id)
    assert a["actions"] == ["update", "decide", "archive"] and r.headers["etag"] == '"1"'
    dup = await _apply(client, t, category_sought="first")
    assert dup.status_code == 409 and dup.json()["code"] == "pending_application_exists"
    assert dup.json()["existing_id"] == a["id"] and "10.03.2022" in dup.json()["detail"]
    refused = await _decide(client, t, a, decided_on="2022-04-20", result="refused")
    assert refused.status_code == 200, refused.text
    assert refused.json()["status"] == "refused" and refused.json()["actions"] == ["archive"]
    assert (await _apply(client, t, category_sought="first", applied_on="2022-09-01")).status_code == 201
    future = await _apply(client, t, teacher=t.teacher2, applied_on="2099-01-01")
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "body.applied_on"


async def test_list_filters_by_academic_year_status_and_organization(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = (await _apply(client, t, applied_on="2022-08-31")).json()
    b = (await _apply(client, t, teacher=t.teacher2, applied_on="2022-09-01")).json()
    h = t.headers("methodologist")
    in_2122 = await client.get(API, params={"period": "2021/2022"}, headers=h)
    assert [i["id"] for i in in_2122.json()["items"]] == [a["id"]]
    in_2223 = await client.get(API, params={"period": "2022/2023"}, headers=h)
    assert [i["id"] for i in in_2223.json()["items"]] == [b["id"]]
    at_org2 = await client.get(API, params={"organization_id": str(t.org2.id)}, headers=h)
    assert [i["id"] for i in at_org2.json()["items"]] == [b["id"]]
    await _decide(client, t, a, decided_on="2022-10-01", result="granted", order_number="№ 1")
    pending = await client.get(API, params={"status": "pending"}, headers=h)
    assert [i["id"] for i in pending.json()["items"]] == [b["id"]]
    csv = await client.get(f"{API}/export", params={"format": "csv"}, headers=h)
    assert csv.status_code == 200 and "высшая квалификационная категория" in csv.content.decode("utf-8-sig")


async def test_granted_decision_writes_the_category_history_and_audits_the_teacher(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    card_before = await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)
    a = (await _apply(client, t, applied_on="2022-03-10")).json()
    r = await _decide(client, t, a, decided_on="2022-05-20", result="granted", order_number="приказ № 712")
    assert r.status_code == 200, r.text
    decided = r.json()
    assert decided["status"] == "granted" and decided["category_code"] == "highest"
    assert decided["category_expires_on"] == "2027-05-20" and r.headers["etag"] == '"2"'
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()
    latest = card["categories"][-1]
    assert latest["category_code"] == "highest" and latest["granted_on"] == "2022-05-20"
    assert latest["expires_on"] == "2027-05-20" and latest["legal_basis"] == "приказ № 712 от 20.05.2022"
    assert card["category_code"] == "highest" and card["version"] == card_before.json()["version"] + 1
    events = (
        await session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity_type == "teacher", AuditEvent.entity_id == t.teacher.id, AuditEvent.action == "update"
            )
        )
    ).all()
    assert [e.changes["source"] for e in events] == ["attestation"]
    assert events[0].changes["categories"]["after"][-1][:2] == ["highest", "2022-05-20"]

    # from 1 September 2023 a first or highest category no longer expires (приказ № 196); conformity lasts 5 years
    b = (await _apply(client, t, teacher=t.teacher2, category_sought="first", applied_on="2023-09-01")).json()
    granted = (await _decide(client, t, b, decided_on="2023-10-02", result="granted", order_number="№ 5")).json()
    assert granted["category_code"] == "first" and granted["category_expires_on"] is None
    c = (await _apply(client, t, category_sought="conformity", applied_on="2024-02-01")).json()
    szd = (await _decide(client, t, c, decided_on="2024-02-29", result="granted", order_number="№ 9")).json()
    assert szd["category_code"] == "szd" and szd["category_expires_on"] == "2029-02-28"
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()
    assert card["categories"][-1]["category_code"] == "szd"


async def test_decision_rules(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = (await _apply(client, t, applied_on="2022-03-10")).json()
    early = await _decide(client, t, a, decided_on="2022-03-09", result="refused")
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "body.decided_on"
    no_order = await _decide(client, t, a, decided_on="2022-04-01", result="granted")
    assert no_order.status_code == 422
    future = await _decide(client, t, a, decided_on="2099-01-01", result="refused")
    assert future.status_code == 422
    assert (await _decide(client, t, a, decided_on="2022-04-01", result="refused")).status_code == 200
    again = await _decide(client, t, a, version=2, decided_on="2022-04-02", result="granted", order_number="№ 1")
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    edit = await client.patch(
        f"{API}/{a['id']}", json={"applied_on": "2022-03-01"}, headers={**t.headers("methodologist"), "If-Match": '"2"'}
    )
    assert edit.status_code == 409 and edit.json()["code"] == "already_decided"


async def test_archiving_a_granted_application_takes_the_category_back(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("school_admin")
    a = (await _apply(client, t, who="school_admin")).json()
    await _decide(client, t, a, who="school_admin", decided_on="2022-05-20", result="granted", order_number="№ 7")
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()
    assert [c["category_code"] for c in card["categories"]] == ["first", "highest"]
    r = await client.post(
        f"{API}/{a['id']}/archive", json={"reason": "Внесено по ошибке"}, headers={**h, "If-Match": '"2"'}
    )
    assert r.status_code == 200 and r.json()["archived_at"] and r.json()["actions"] == []
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()
    assert [c["category_code"] for c in card["categories"]] == ["first"]


async def test_if_match_is_required_and_checked(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = (await _apply(client, t)).json()
    h = t.headers("methodologist")
    url = f"{API}/{a['id']}"
    assert (await client.patch(url, json={"applied_on": "2022-03-11"}, headers=h)).status_code == 428
    assert (await client.post(f"{url}/archive", json={"reason": "Ошибка ввода"}, headers=h)).status_code == 428
    decision = {"decided_on": "2022-04-01", "result": "refused"}
    assert (await client.post(f"{url}/decision", json=decision, headers=h)).status_code == 428
    ok = await client.patch(url, json={"applied_on": "2022-03-11"}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = await client.post(f"{url}/decision", json=decision, headers={**h, "If-Match": '"1"'})
    assert stale.status_code == 412


async def test_scope_school_admin_of_another_school_gets_404(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    a = (await _apply(client, t, teacher=t.teacher2)).json()  # the gymnasium's teacher
    h = t.headers("school_admin")  # the admin of the other school
    url = f"{API}/{a['id']}"
    assert (await client.get(url, headers=h)).status_code == 404
    assert (
        await client.patch(url, json={"applied_on": "2022-03-11"}, headers={**h, "If-Match": '"1"'})
    ).status_code == 404
    decision = {"decided_on": "2022-04-01", "result": "refused"}
    assert (await client.post(f"{url}/decision", json=decision, headers={**h, "If-Match": '"1"'})).status_code == 404
    assert (await client.get(API, headers=h)).json()["total"] == 0
    foreign = await _apply(client, t, teacher=t.teacher2, who="school_admin", applied_on="2022-01-01")
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "body.teacher_id"
    # a teacher reads their own applications only, without actions
    own = (await _apply(client, t)).json()
    mine = (await client.get(API, headers=t.headers("teacher"))).json()
    assert [i["id"] for i in mine["items"]] == [own["id"]] and mine["items"][0]["actions"] == []


async def _with_category(session, t, org, last_name, code, granted_on):  # type: ignore[no-untyped-def]
    teacher = await make_teacher(session, t.municipality, org, last_name=last_name)
    teacher.categories.append(
        TeacherCategory(
            municipality_id=t.municipality.id,
            category_code=code,
            granted_on=granted_on,
            expires_on=rules.category_expiry(code, granted_on),
        )
    )
    await session.flush()
    return teacher


async def test_five_year_plan_by_academic_years_on_boundary_dates(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    school = Organization(municipality_id=t.municipality.id, type_code="sosh", name="Школа № 3", short_name="СОШ № 3")
    session.add(school)
    await session.flush()
    cases = [
        ("Истёкшая", "szd", date(2021, 8, 31)),  # expires 2026-08-31: before the plan, due in its first year
        ("Перводнева", "szd", date(2021, 9, 1)),  # expires 2026-09-01: the first day of 2026/2027
        ("Последнеднева", "highest", date(2022, 8, 31)),  # expires 2027-08-31: the last day of 2026/2027
        ("Следующая", "first", date(2022, 9, 1)),  # expires 2027-09-01: 2027/2028
        ("Крайняя", "szd", date(2026, 8, 31)),  # expires 2031-08-31: the last day of the plan, 2030/2031
        ("Запредельная", "szd", date(2026, 9, 1)),  # expires 2031-09-01: after the plan
        ("Бессрочная", "highest", date(2024, 1, 10)),  # granted after 2023-09-01: no expiry, not in the plan
    ]
    people = {}
    for name, code, granted in cases:
        people[name] = await _with_category(session, t, school, name, code, granted)
    h = t.headers("methodologist")
    await _apply(client, t, teacher=people["Следующая"], category_sought="highest", applied_on="2026-10-05")
    r = await client.get(f"{API}/plan", params={"organization_id": str(school.id), "from_year": 2026}, headers=h)
    assert r.status_code == 200, r.text
    plan = r.json()
    assert [y["academic_year"] for y in plan["years"]] == [
        "2026/2027",
        "2027/2028",
        "2028/2029",
        "2029/2030",
        "2030/2031",
    ]
    assert plan["years"][0]["start"] == "2026-09-01" and plan["years"][-1]["end"] == "2031-08-31"
    by_year = {y["academic_year"]: [row["full_name"].split()[0] for row in y["teachers"]] for y in plan["years"]}
    assert by_year == {
        "2026/2027": ["Истёкшая", "Перводнева", "Последнеднева"],
        "2027/2028": ["Следующая"],
        "2028/2029": [],
        "2029/2030": [],
        "2030/2031": ["Крайняя"],
    }
    rows = [row for y in plan["years"] for row in y["teachers"]]
    assert [row["number"] for row in rows] == [1, 2, 3, 4, 5] and plan["total"] == 5
    assert [row["overdue"] for row in rows] == [True, False, False, False, False]
    assert rows[3]["pending_category_sought"] == "highest" and rows[3]["pending_applied_on"] == "2026-10-05"
    assert "СОШ № 3" in plan["title"] and "2026/2027–2030/2031" in plan["title"]

    xlsx = await client.get(
        f"{API}/plan/export", params={"organization_id": str(school.id), "from_year": 2026}, headers=h
    )
    assert xlsx.status_code == 200, xlsx.text
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws["A1"].value == plan["title"]
    assert [c.value for c in ws[4]] == [
        "№",
        "ФИО",
        "Должность",
        "Организация",
        "Категория",
        "Дата присвоения",
        "Срок окончания",
        "Год аттестации",
        "Отметка",
    ]
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    assert ws["B5"].value.startswith("Истёкшая") and ws["I5"].value == "просрочена"
    assert ws["G5"].value.date() == date(2026, 8, 31) and ws["B5"].border.left.style == "thin"
    assert ws.max_row == 9
    csv = await client.get(
        f"{API}/plan/export", params={"organization_id": str(school.id), "from_year": 2026, "format": "csv"}, headers=h
    )
    assert csv.content.decode("utf-8-sig").count("\r\n") == 6

    # another school's administrator: the organization is theirs to read, its teachers are not
    other = await client.get(
        f"{API}/plan", params={"organization_id": str(school.id)}, headers=t.headers("school_admin")
    )
    assert other.status_code == 200 and other.json()["total"] == 0


def test_the_order_reads_once_whether_typed_with_its_wording_or_as_a_number() -> None:
    from app.attestation.service import order_text

    assert order_text("123-к") == "приказ № 123-к"
    assert order_text("приказ № 627") == "приказ № 627"
    assert order_text("Приказ министерства № 1234") == "Приказ министерства № 1234"
