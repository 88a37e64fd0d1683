"""Teachers through the API: computed fields, validation in Russian, audit of reads, ETag/If-Match, archive."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.audit.models import AuditEvent
from app.teachers.models import Employment, TeacherCategory
from tests.factories import make_teacher, make_tenant


async def test_profile_has_computed_fields_and_read_is_audited(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    resp = await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=t.headers("school_admin"))
    assert resp.status_code == 200
    body = resp.json()
    assert resp.headers["etag"] == '"1"'
    assert body["current_organization_id"] == str(t.org.id)
    assert body["current_position_name"] == "учитель"
    assert body["age"] >= 40 and body["is_young"] is False
    assert body["category_code"] == "first" and body["category_expires_on"] == "2026-03-01"
    events = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == t.teacher.id, AuditEvent.action == "read")
        )
    ).all()
    assert len(events) == 1 and events[0].actor_id == t.users["school_admin"].id


async def test_expiry_warning_and_young_flag(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    today = date.today()
    young = await make_teacher(
        session,
        t.municipality,
        t.org,
        last_name="Молодая",
        birth_date=today - timedelta(days=365 * 25),
        teaching_since=today - timedelta(days=200),
    )
    granted = today - timedelta(days=5 * 365 - 30)  # szd runs out in about a month
    young.categories.append(
        TeacherCategory(
            municipality_id=t.municipality.id,
            category_code="szd",
            granted_on=granted,
            expires_on=granted.replace(year=granted.year + 5),
        )
    )
    await session.flush()
    body = (await client.get(f"/api/v1/teachers/{young.id}", headers=t.headers("department"))).json()
    assert body["is_young"] is True
    assert body["category_warning"] == "expiring"
    assert any("истекает" in w for w in body["warnings"])
    listing = (await client.get("/api/v1/teachers", params={"young": "true"}, headers=t.headers("department"))).json()
    assert [i["id"] for i in listing["items"]] == [str(young.id)]
    expiring = (
        await client.get("/api/v1/teachers", params={"category_status": "expiring"}, headers=t.headers("department"))
    ).json()
    assert {i["id"] for i in expiring["items"]} >= {str(young.id)}
    stats = (await client.get("/api/v1/teachers/stats", headers=t.headers("department"))).json()
    assert stats["teachers"] == 3 and stats["young_teachers"] == 1 and stats["categories_expiring"] >= 1
    # the municipality's own rule: limit 20 years of age and "and" → nobody is young
    muni = await client.get(f"/api/v1/municipalities/{t.municipality.id}", headers=t.headers("department"))
    await client.patch(
        f"/api/v1/municipalities/{t.municipality.id}",
        json={"young_rule": "and"},
        headers={**t.headers("department"), "If-Match": muni.headers["etag"]},
    )
    assert (await client.get("/api/v1/teachers/stats", headers=t.headers("department"))).json()[
        "young_teachers"
    ] == 1  # 25 years and 200 days: young by both
    await client.patch(
        f"/api/v1/municipalities/{t.municipality.id}", json={"young_age_limit": 20}, headers=t.headers("department")
    )
    assert (await client.get("/api/v1/teachers/stats", headers=t.headers("department"))).json()["young_teachers"] == 0


async def test_list_search_filters_sort_and_paging(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    r = (await client.get("/api/v1/teachers", params={"q": "петров пётр петрович"}, headers=h)).json()
    assert [i["last_name"] for i in r["items"]] == ["Петров"]
    r = (await client.get("/api/v1/teachers", params={"organization_id": str(t.org2.id)}, headers=h)).json()
    assert r["total"] == 1 and r["items"][0]["id"] == str(t.teacher2.id)
    r = (await client.get("/api/v1/teachers", params={"sort": "-last_name", "limit": 1}, headers=h)).json()
    assert r["total"] == 2 and len(r["items"]) == 1 and r["items"][0]["last_name"] == "Петров"
    r = await client.get("/api/v1/teachers", params={"sort": "-last_name", "limit": 1, "offset": 1}, headers=h)
    assert r.json()["items"][0]["last_name"] == "Иванова"
    r = await client.get("/api/v1/teachers", params={"sort": "password"}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.sort"
    r = await client.get("/api/v1/teachers", params={"limit": 1000}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["message"] == "Значение слишком велико"
    r = (await client.get("/api/v1/teachers", params={"subject": "physics"}, headers=h)).json()
    assert r["total"] == 0
    r = (await client.get("/api/v1/teachers", params={"category": "first"}, headers=h)).json()
    assert r["total"] == 2


async def test_create_validates_in_russian_and_writes_audit(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("school_admin")
    bad = await client.post(
        "/api/v1/teachers",
        headers=h,
        json={
            "last_name": "",
            "first_name": "Анна",
            "birth_date": "2999-01-01",
            "nickname": "x",
            "employments": [{"organization_id": str(t.org.id), "position_code": "teacher", "start_date": "2020-09-01"}],
        },
    )
    assert bad.status_code == 422
    errors = {e["field"]: e["message"] for e in bad.json()["errors"]}
    assert errors["body.last_name"] == "Слишком короткое значение"
    assert errors["body.birth_date"] == "Дата рождения не может быть в будущем"
    assert errors["body.nickname"] == "Неизвестное поле"
    unknown_position = await client.post(
        "/api/v1/teachers",
        headers=h,
        json={
            "last_name": "Новикова",
            "first_name": "Анна",
            "employments": [
                {"organization_id": str(t.org.id), "position_code": "astronaut", "start_date": "2020-09-01"}
            ],
        },
    )
    assert unknown_position.status_code == 422
    assert unknown_position.json()["errors"][0]["field"] == "body.employments"
    ok = await client.post(
        "/api/v1/teachers",
        headers=h,
        json={
            "last_name": "Новикова",
            "first_name": "Анна",
            "birth_date": "1999-02-03",
            "subjects": ["english"],
            "categories": [{"category_code": "first", "granted_on": "2024-02-01"}],
            "employments": [{"organization_id": str(t.org.id), "position_code": "teacher", "start_date": "2021-09-01"}],
        },
    )
    assert ok.status_code == 201, ok.text
    created = ok.json()
    assert created["category_expires_on"] is None  # first category after 1 Sept 2023 does not expire
    assert created["current_organization_id"] == str(t.org.id)
    event = await session.scalar(
        select(AuditEvent).where(AuditEvent.entity_id == created["id"], AuditEvent.action == "create")
    )
    assert event is not None and event.changes["last_name"] == "Новикова"
    # a school admin cannot hire into another school
    other_school = await client.post(
        "/api/v1/teachers",
        headers=h,
        json={
            "last_name": "Чужая",
            "first_name": "Анна",
            "employments": [
                {"organization_id": str(t.org2.id), "position_code": "teacher", "start_date": "2020-09-01"}
            ],
        },
    )
    # …and is told exactly what an organization that does not exist gets
    assert other_school.status_code == 422
    assert other_school.json()["errors"][0]["code"] == "unknown_organization"


async def test_update_with_etag_and_stale_if_match(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    got = await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)
    etag = got.headers["etag"]
    r1 = await client.patch(
        f"/api/v1/teachers/{t.teacher.id}", json={"last_name": "Сидорова"}, headers={**h, "If-Match": etag}
    )
    assert r1.status_code == 200 and r1.headers["etag"] == '"2"'
    r2 = await client.patch(
        f"/api/v1/teachers/{t.teacher.id}", json={"last_name": "Кузнецова"}, headers={**h, "If-Match": etag}
    )
    assert r2.status_code == 412 and r2.json()["code"] == "version_conflict"
    assert (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()["last_name"] == "Сидорова"
    # changing only the subjects also moves the version (so the ETag follows the whole profile)
    r3 = await client.patch(
        f"/api/v1/teachers/{t.teacher.id}", json={"subjects": ["physics"]}, headers={**h, "If-Match": '"2"'}
    )
    assert r3.status_code == 200 and r3.headers["etag"] == '"3"' and r3.json()["subjects"] == ["physics"]
    audit = (
        await client.get(
            "/api/v1/audit-events",
            params={"entity_id": str(t.teacher.id), "action": "update"},
            headers=t.headers("department"),
        )
    ).json()
    assert audit["total"] == 2
    changes = [e["changes"] for e in audit["items"]]
    assert {"last_name": {"before": "Иванова", "after": "Сидорова"}} in changes


async def test_archive_needs_reason_and_keeps_history(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = {**t.headers("department"), "If-Match": "*"}
    no_reason = await client.post(f"/api/v1/teachers/{t.teacher.id}/archive", json={}, headers=h)
    assert no_reason.status_code == 422
    r = await client.post(f"/api/v1/teachers/{t.teacher.id}/archive", json={"reason": "создан по ошибке"}, headers=h)
    assert r.status_code == 200 and r.json()["archived_at"] and r.json()["archive_reason"] == "создан по ошибке"
    listing = (await client.get("/api/v1/teachers", headers=h)).json()
    assert str(t.teacher.id) not in {i["id"] for i in listing["items"]}
    with_archived = (await client.get("/api/v1/teachers", params={"include_archived": "true"}, headers=h)).json()
    assert str(t.teacher.id) in {i["id"] for i in with_archived["items"]}
    again = await client.post(f"/api/v1/teachers/{t.teacher.id}/archive", json={"reason": "ещё раз"}, headers=h)
    assert again.status_code == 409


async def test_teacher_sees_only_own_profile(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("teacher")
    assert (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).status_code == 200
    other = await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=h)
    assert other.status_code == 404 and other.json()["detail"] == "Педагог не найден"
    assert (await client.get("/api/v1/teachers", headers=h)).json()["total"] == 1


async def test_school_admin_sees_only_current_staff(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("school_admin")
    assert (await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=h)).status_code == 404
    ids = {i["id"] for i in (await client.get("/api/v1/teachers", headers=h)).json()["items"]}
    assert ids == {str(t.teacher.id)}


async def test_home_breakdown_by_organization(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    today = date.today()
    young = await make_teacher(
        session, t.municipality, t.org2, last_name="Молодая", birth_date=today - timedelta(days=365 * 24)
    )
    # a second current job at the same school (внутреннее совместительство): still one person there
    session.add(
        Employment(
            municipality_id=t.municipality.id,
            teacher_id=young.id,
            organization_id=t.org2.id,
            position_code="teacher",
            kind="internal_part_time",
            rate=Decimal("0.25"),
            start_date=date(2020, 9, 1),
        )
    )
    await session.flush()
    resp = await client.get("/api/v1/teachers/stats/by-organization", headers=t.headers("department"))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    rows = {r["organization_id"]: r for r in body["items"]}
    assert set(rows) == {str(t.org.id), str(t.org2.id)} and body["total"] == 2  # never the other municipality
    assert str(other.org.id) not in rows
    assert rows[str(t.org2.id)]["teachers"] == 2 and rows[str(t.org2.id)]["young_teachers"] == 1
    # the factory teacher's «первая» from 2021 expired on 2026-03-01: the most urgent organization comes first
    assert body["items"][0]["categories_expired"] >= body["items"][-1]["categories_expired"]
    by_name = await client.get(
        "/api/v1/teachers/stats/by-organization?sort=organization_name", headers=t.headers("department")
    )
    names = [r["organization_name"] for r in by_name.json()["items"]]
    assert names == sorted(names)
    school = await client.get("/api/v1/teachers/stats/by-organization", headers=t.headers("school_admin"))
    assert [r["organization_id"] for r in school.json()["items"]] == [str(t.org.id)]
