"""Each record read carries what the caller may do with it (`actions`) and the fields they may not change
(`readonly_fields`), computed with the rules the writes use: the SPA shows «Редактировать» only when the PATCH
would be accepted. Teachers, users, clients and municipalities (organizations: tests/test_organizations.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token
from app.teachers.models import Employment
from tests.factories import PASSWORD_HASH, make_tenant

TEACHER_FIELDS = {"last_name", "first_name", "employments", "subjects", "categories", "external_ids"}


def _bearer(user: User) -> dict[str, str]:
    token, _ = issue_access_token(f"user:{user.id}")
    return {"Authorization": f"Bearer {token}"}


async def test_school_admin_may_update_and_archive_own_schools_teacher(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=t.headers("school_admin"))).json()
    assert card["actions"] == ["update", "archive"] and card["readonly_fields"] == []
    dept = (await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=t.headers("department"))).json()
    assert dept["actions"] == ["update", "archive"] and dept["readonly_fields"] == []


async def test_teacher_reading_own_card_gets_no_action(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("teacher")
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()
    assert card["actions"] == []
    assert TEACHER_FIELDS <= set(card["readonly_fields"])
    r = await client.patch(f"/api/v1/teachers/{t.teacher.id}", json={"phone": "+7 900 000-00-00"}, headers=h)
    assert r.status_code == 403  # the write agrees with the read


async def test_machine_client_that_only_reads_gets_no_action(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    card = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=t.headers("client_teachers_read"))).json()
    assert card["actions"] == [] and TEACHER_FIELDS <= set(card["readonly_fields"])


async def test_school_admin_cannot_archive_a_teacher_who_also_works_elsewhere(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    t.teacher2.employments.append(
        Employment(
            municipality_id=t.municipality.id,
            organization_id=t.org.id,
            position_code="teacher",
            kind="external_part_time",
            rate=Decimal("0.5"),
            start_date=date(2020, 9, 1),
        )
    )
    await session.flush()
    h = t.headers("school_admin")
    card = await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=h)
    assert card.json()["actions"] == ["update"] and card.json()["readonly_fields"] == []
    r = await client.post(
        f"/api/v1/teachers/{t.teacher2.id}/archive",
        json={"reason": "Увольнение"},
        headers={**h, "If-Match": card.headers["etag"]},
    )
    assert r.status_code == 409 and r.json()["code"] == "works_elsewhere"


async def test_school_admin_reading_a_teacher_of_another_school_gets_no_update(client, session) -> None:  # type: ignore[no-untyped-def]
    """A school administrator who is also a teacher of another school reads their own teacher card there: they
    may see it (as a teacher) but not change it (as a school administrator of another school)."""
    t = await make_tenant(session)
    user = User(
        email=f"admin-and-teacher.{t.teacher2.id.hex[:8]}@test.mms",
        full_name="Петров Пётр Петрович",
        municipality_id=t.municipality.id,
        password_hash=PASSWORD_HASH,
        roles=[
            RoleAssignment(role="school_admin", municipality_id=t.municipality.id, organization_id=t.org.id),
            RoleAssignment(role="teacher", municipality_id=t.municipality.id, teacher_id=t.teacher2.id),
        ],
    )
    session.add(user)
    await session.flush()
    h = _bearer(user)
    card = await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=h)
    assert card.status_code == 200
    assert card.json()["actions"] == [] and TEACHER_FIELDS <= set(card.json()["readonly_fields"])
    r = await client.patch(f"/api/v1/teachers/{t.teacher2.id}", json={"phone": "+7 900 000-00-00"}, headers=h)
    assert r.status_code == 404  # outside the write scope: exactly like a missing record
    own = (await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)).json()
    assert own["actions"] == ["update", "archive"]


async def test_user_actions_follow_the_user_rules(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    other = (await client.get(f"/api/v1/users/{t.users['teacher'].id}", headers=h)).json()
    assert other["actions"] == ["update", "archive"] and other["readonly_fields"] == []
    me = await client.get(f"/api/v1/users/{t.users['department'].id}", headers=h)
    assert me.json()["actions"] == ["update"] and me.json()["readonly_fields"] == ["is_active"]
    r = await client.patch(
        f"/api/v1/users/{t.users['department'].id}",
        json={"is_active": False},
        headers={**h, "If-Match": me.headers["etag"]},
    )
    assert r.status_code == 409 and r.json()["code"] == "self_deactivate"
    listed = (await client.get("/api/v1/users", params={"limit": 100}, headers=h)).json()["items"]
    assert {u["id"]: u["actions"] for u in listed}[str(t.users["school_admin"].id)] == ["update", "archive"]
    archived = await client.post(
        f"/api/v1/users/{t.users['teacher'].id}/archive", json={"reason": "Уволилась"}, headers={**h, "If-Match": "*"}
    )
    assert archived.status_code == 200
    assert archived.json()["actions"] == [] and "full_name" in archived.json()["readonly_fields"]


async def test_client_actions_follow_the_client_rules(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    c = t.clients["client_kpi"]
    card = await client.get(f"/api/v1/clients/{c.id}", headers=h)
    assert card.json()["actions"] == ["update", "rotate_secret", "archive"] and card.json()["readonly_fields"] == []
    listed = (await client.get("/api/v1/clients", headers=h)).json()["items"]
    assert all(i["actions"] == ["update", "rotate_secret", "archive"] for i in listed)
    done = await client.post(
        f"/api/v1/clients/{c.id}/archive",
        json={"reason": "Больше не нужен"},
        headers={**h, "If-Match": card.headers["etag"]},
    )
    assert done.status_code == 200
    assert done.json()["actions"] == [] and {"name", "scopes", "is_active"} <= set(done.json()["readonly_fields"])


async def test_municipality_actions_follow_the_tenant_rules(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    url = f"/api/v1/municipalities/{t.municipality.id}"
    dept = (await client.get(url, headers=t.headers("department"))).json()
    assert dept["actions"] == ["update"] and dept["readonly_fields"] == []  # archived by the region's managers
    admin = (await client.get(url, headers=t.headers("sysadmin"))).json()
    assert admin["actions"] == ["update", "archive"]
    h = t.headers("methodologist")
    methodologist = (await client.get(url, headers=h)).json()
    assert methodologist["actions"] == [] and "young_age_limit" in methodologist["readonly_fields"]
    r = await client.patch(url, json={"young_age_limit": 30}, headers=h)
    assert r.status_code == 403
    listed = (await client.get("/api/v1/municipalities", headers=t.headers("department"))).json()["items"]
    assert [m["actions"] for m in listed if m["id"] == str(t.municipality.id)] == [["update"]]
