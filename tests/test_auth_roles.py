"""Role assignment: every id of a role lies in the granter's scope and agrees with the others (API and database),
and a foreign id answers exactly like a random one."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.auth.models import RoleAssignment, User
from tests.factories import make_tenant

USERS = "/api/v1/users"


def _user(email_prefix: str, roles: list[dict]) -> dict:
    return {
        "email": f"{email_prefix}.{uuid.uuid4().hex[:6]}@test.mms",
        "full_name": "Новый Пользователь",
        "password": "long-enough-password",
        "roles": roles,
    }


def _ids(**kw) -> dict:  # type: ignore[no-untyped-def]
    return {k: str(v) for k, v in kw.items()}


async def test_school_admin_of_another_municipalitys_school_is_refused(client, session) -> None:  # type: ignore[no-untyped-def]
    kostroma = await make_tenant(session)
    zeya = await make_tenant(session)
    # the repro of issue 8: a Zeya school with a Kostroma teacher, granted by Kostroma's department
    body = _user(
        "cross", [{"role": "school_admin", **_ids(organization_id=zeya.org.id, teacher_id=kostroma.teacher.id)}]
    )
    resp = await client.post(USERS, json=body, headers=kostroma.headers("department"))
    assert resp.status_code == 422, resp.text
    body["roles"] = [{"role": "school_admin", **_ids(organization_id=zeya.org.id)}]
    resp = await client.post(USERS, json=body, headers=kostroma.headers("department"))
    assert resp.status_code == 422
    assert resp.json()["errors"][0] == {
        "field": "body.roles.0.organization_id",
        "code": "unknown",
        "message": "Организация не найдена",
    }
    # nothing was saved: Zeya's department sees no such user
    listing = await client.get(USERS, params={"q": body["email"]}, headers=zeya.headers("sysadmin"))
    assert listing.json()["total"] == 0


async def test_role_ids_must_agree_with_each_other(client, session) -> None:  # type: ignore[no-untyped-def]
    a = await make_tenant(session)
    b = await make_tenant(session)
    cases = [
        # a school of B under A's municipality
        {"role": "school_admin", **_ids(municipality_id=a.municipality.id, organization_id=b.org.id)},
        # a teacher of B under A's municipality
        {"role": "teacher", **_ids(municipality_id=a.municipality.id, teacher_id=b.teacher.id)},
        # a school administrator with a teacher attached (meaningless for that role)
        {"role": "school_admin", **_ids(organization_id=a.org.id, teacher_id=a.teacher.id)},
        # a department with a school
        {"role": "department", **_ids(municipality_id=a.municipality.id, organization_id=a.org.id)},
        # a municipality of A with B's region
        {"role": "department", **_ids(municipality_id=a.municipality.id, region_id=b.region.id)},
    ]
    for role in cases:
        resp = await client.post(USERS, json=_user("mix", [role]), headers=a.headers("sysadmin"))
        assert resp.status_code == 422, (role, resp.text)
        assert resp.json()["errors"][0]["code"] in {"mismatch", "not_applicable"}, resp.text
    # a consistent role is accepted and stored with the school's municipality
    ok = await client.post(
        USERS,
        json=_user("ok", [{"role": "school_admin", **_ids(organization_id=a.org.id)}]),
        headers=a.headers("department"),
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["roles"][0]["municipality_id"] == str(a.municipality.id)


async def test_patch_cannot_move_a_role_into_another_municipality(client, session) -> None:  # type: ignore[no-untyped-def]
    a = await make_tenant(session)
    b = await make_tenant(session)
    target = a.users["methodologist"]
    resp = await client.patch(
        f"{USERS}/{target.id}",
        json={"roles": [{"role": "school_admin", **_ids(organization_id=b.org.id, teacher_id=a.teacher.id)}]},
        headers={**a.headers("department"), "If-Match": "*"},
    )
    assert resp.status_code == 422, resp.text
    again = await client.get(f"{USERS}/{target.id}", headers=a.headers("department"))
    assert [r["role"] for r in again.json()["roles"]] == ["methodologist"]


@pytest.mark.parametrize(
    ("role", "field"),
    [
        ("school_admin", "organization_id"),
        ("teacher", "teacher_id"),
        ("department", "municipality_id"),
        ("association_leader", "municipality_id"),
    ],
)
async def test_a_foreign_id_and_a_random_id_give_the_same_error(client, session, role, field) -> None:  # type: ignore[no-untyped-def]
    a = await make_tenant(session)
    b = await make_tenant(session)
    foreign = {"organization_id": b.org.id, "teacher_id": b.teacher.id, "municipality_id": b.municipality.id}[field]
    answers = []
    for value in (foreign, uuid.uuid4()):
        resp = await client.post(
            USERS, json=_user("leak", [{"role": role, field: str(value)}]), headers=a.headers("department")
        )
        body = resp.json()
        answers.append((resp.status_code, body["code"], body["detail"], body["errors"]))
    assert answers[0] == answers[1]
    assert answers[0][0] == 422


async def test_the_database_refuses_an_inconsistent_role(session) -> None:  # type: ignore[no-untyped-def]
    a = await make_tenant(session)
    b = await make_tenant(session)
    bad = [
        {"role": "school_admin", "municipality_id": a.municipality.id, "organization_id": b.org.id},
        {"role": "teacher", "municipality_id": a.municipality.id, "teacher_id": b.teacher.id},
        {
            "role": "school_admin",
            "municipality_id": a.municipality.id,
            "organization_id": a.org.id,
            "teacher_id": a.teacher.id,
        },
        {"role": "sysadmin", "municipality_id": a.municipality.id},
    ]
    for ra in bad:
        nested = await session.begin_nested()
        session.add(User(email=f"db.{uuid.uuid4().hex[:6]}@test.mms", full_name="X Y", roles=[RoleAssignment(**ra)]))
        with pytest.raises(IntegrityError):
            await session.flush()
        await nested.rollback()
    count = await session.scalar(
        text("SELECT count(*) FROM role_assignments WHERE organization_id = :o AND municipality_id = :m"),
        {"o": b.org.id, "m": a.municipality.id},
    )
    assert count == 0
