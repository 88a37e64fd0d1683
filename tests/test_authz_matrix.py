"""Authorization matrix: every API operation × every principal × own/other tenant, with the exact status.

The table below is written by hand from the product's rules (not derived from app.auth.permissions), and a test
checks that every operation of the app is in it, so a new endpoint cannot ship without a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import PRINCIPALS, Tenant, make_tenant

SYS = {"sysadmin"}
DEPT = {"sysadmin", "department"}
METH = {"sysadmin", "department", "methodologist"}
SCHOOL = {"sysadmin", "department", "methodologist", "school_admin"}
PEOPLE = {"sysadmin", "department", "methodologist", "school_admin", "association_leader", "teacher"}
TEACHER_READERS = SCHOOL | {"teacher", "client_teachers_read", "client_teachers_write"}
TEACHER_WRITERS = SCHOOL | {"client_teachers_write"}
ORG_READERS = PEOPLE | {"client_teachers_read", "client_teachers_write"}
REF_READERS = ORG_READERS | {"client_kpi"}
ALL_AUTHENTICATED = set(PRINCIPALS) - {"anonymous"}

CSV = "Табельный номер;Фамилия;Имя;Отчество;Должность\n777;Тестова;Анна;Ивановна;учитель\n".encode()


@dataclass
class Op:
    method: str
    path: Callable[[Tenant], str]
    allowed: set[str]
    ok: int = 200
    body: Callable[[Tenant], Any] | None = None
    # status for an allowed principal (other than sysadmin) acting on the other tenant's record;
    # None: the operation has no tenant-specific target (lists), so it is called once.
    other: int | None = 404
    files: bool = False
    # principals that hold the permission but not over this target: 403 in their own tenant, 404 in another
    partial: frozenset[str] = frozenset()


OPS: dict[str, Op] = {
    "health": Op("GET", lambda t: "/api/v1/health", set(PRINCIPALS), other=None),
    "get_me": Op("GET", lambda t: "/api/v1/auth/me", ALL_AUTHENTICATED, other=None),
    "list_regions": Op("GET", lambda t: "/api/v1/regions", PEOPLE, other=None),
    "get_region": Op("GET", lambda t: f"/api/v1/regions/{t.region.id}", PEOPLE),
    "create_region": Op(
        "POST",
        lambda t: "/api/v1/regions",
        SYS,
        201,
        lambda t: {"code": "x" + t.region.code[:5], "name": "Новый " + t.region.name},
        other=None,
    ),
    "update_region": Op("PATCH", lambda t: f"/api/v1/regions/{t.region.id}", SYS, body=lambda t: {}),
    "archive_region": Op(
        "POST", lambda t: f"/api/v1/regions/{t.region.id}/archive", SYS, body=lambda t: {"reason": "тест"}
    ),
    "list_municipalities": Op("GET", lambda t: "/api/v1/municipalities", PEOPLE, other=None),
    "get_municipality": Op("GET", lambda t: f"/api/v1/municipalities/{t.municipality.id}", PEOPLE),
    "create_municipality": Op(
        "POST",
        lambda t: "/api/v1/municipalities",
        SYS,
        201,
        lambda t: {"region_id": str(t.region.id), "name": "Новый город"},
    ),
    "update_municipality": Op(
        "PATCH", lambda t: f"/api/v1/municipalities/{t.municipality.id}", DEPT, body=lambda t: {"young_age_limit": 36}
    ),
    "archive_municipality": Op(
        "POST", lambda t: f"/api/v1/municipalities/{t.municipality.id}/archive", SYS, body=lambda t: {"reason": "тест"}
    ),
    "list_organizations": Op("GET", lambda t: "/api/v1/organizations", ORG_READERS, other=None),
    "get_organization": Op("GET", lambda t: f"/api/v1/organizations/{t.org.id}", ORG_READERS),
    "create_organization": Op(
        "POST",
        lambda t: "/api/v1/organizations",
        METH,
        201,
        lambda t: {
            "municipality_id": str(t.municipality.id),
            "type_code": "sosh",
            "name": "Новая школа",
            "short_name": "НШ",
        },
        partial=frozenset({"school_admin"}),
    ),
    "update_organization": Op(
        "PATCH", lambda t: f"/api/v1/organizations/{t.org.id}", SCHOOL, body=lambda t: {"address": "ул. Тестовая, 1"}
    ),
    "archive_organization": Op(
        "POST",
        lambda t: f"/api/v1/organizations/{t.org.id}/archive",
        METH,
        body=lambda t: {"reason": "реорганизация"},
        partial=frozenset({"school_admin"}),  # may edit its own school, but closing it is a municipal act
    ),
    "list_teachers": Op("GET", lambda t: "/api/v1/teachers", TEACHER_READERS, other=None),
    "export_teachers": Op("GET", lambda t: "/api/v1/teachers/export?format=csv", TEACHER_READERS, other=None),
    "teacher_stats_by_organization": Op(
        "GET", lambda t: "/api/v1/teachers/stats/by-organization", TEACHER_READERS, other=None
    ),
    "teacher_stats": Op("GET", lambda t: "/api/v1/teachers/stats", TEACHER_READERS, other=None),
    "get_teacher": Op("GET", lambda t: f"/api/v1/teachers/{t.teacher.id}", TEACHER_READERS),
    "create_teacher": Op(
        "POST",
        lambda t: "/api/v1/teachers",
        TEACHER_WRITERS,
        201,
        lambda t: {
            "last_name": "Новикова",
            "first_name": "Анна",
            "employments": [{"organization_id": str(t.org.id), "position_code": "teacher", "start_date": "2020-09-01"}],
        },
    ),
    "update_teacher": Op(
        "PATCH",
        lambda t: f"/api/v1/teachers/{t.teacher.id}",
        TEACHER_WRITERS,
        body=lambda t: {"phone": "+7 900 000-00-00"},
    ),
    "archive_teacher": Op(
        "POST",
        lambda t: f"/api/v1/teachers/{t.teacher.id}/archive",
        TEACHER_WRITERS,
        body=lambda t: {"reason": "создан по ошибке"},
    ),
    "import_teachers": Op(
        "POST",
        lambda t: "/api/v1/teachers/import",
        TEACHER_WRITERS,
        files=True,
        body=lambda t: {"organization_id": str(t.org.id), "dry_run": "true"},
    ),
    "teacher_import_error_report": Op(
        "POST",
        lambda t: "/api/v1/teachers/import/errors",
        TEACHER_WRITERS,
        files=True,
        body=lambda t: {"organization_id": str(t.org.id)},
    ),
    "teacher_import_template": Op(
        "GET", lambda t: "/api/v1/teachers/import/template?format=csv", TEACHER_WRITERS, other=None
    ),
    "list_organization_types": Op("GET", lambda t: "/api/v1/reference/organization-types", REF_READERS, other=None),
    "list_positions": Op("GET", lambda t: "/api/v1/reference/positions", REF_READERS, other=None),
    "list_subjects": Op("GET", lambda t: "/api/v1/reference/subjects", REF_READERS, other=None),
    "list_qualification_categories": Op(
        "GET", lambda t: "/api/v1/reference/qualification-categories", REF_READERS, other=None
    ),
    "list_event_levels": Op("GET", lambda t: "/api/v1/reference/event-levels", REF_READERS, other=None),
    "list_users": Op("GET", lambda t: "/api/v1/users", DEPT, other=None),
    "get_user": Op("GET", lambda t: f"/api/v1/users/{t.users['teacher'].id}", DEPT),
    "create_user": Op(
        "POST",
        lambda t: "/api/v1/users",
        DEPT,
        201,
        lambda t: {
            "email": f"new.{t.region.code}@test.mms",
            "full_name": "Новый Пользователь",
            "password": "long-password-1",
            "roles": [{"role": "methodologist", "municipality_id": str(t.municipality.id)}],
        },
        other=422,
    ),
    "update_user": Op(
        "PATCH",
        lambda t: f"/api/v1/users/{t.users['teacher'].id}",
        DEPT,
        body=lambda t: {"full_name": "Изменённое Имя"},
    ),
    "archive_user": Op(
        "POST", lambda t: f"/api/v1/users/{t.users['teacher'].id}/archive", DEPT, body=lambda t: {"reason": "уволен"}
    ),
    "list_clients": Op("GET", lambda t: "/api/v1/clients", DEPT, other=None),
    "get_client": Op("GET", lambda t: f"/api/v1/clients/{t.clients['client_kpi'].id}", DEPT),
    "create_client": Op(
        "POST",
        lambda t: "/api/v1/clients",
        DEPT,
        201,
        lambda t: {"municipality_id": str(t.municipality.id), "name": "Интеграция", "scopes": ["kpi:read"]},
    ),
    "update_client": Op(
        "PATCH",
        lambda t: f"/api/v1/clients/{t.clients['client_kpi'].id}",
        DEPT,
        body=lambda t: {"name": "Переименован"},
    ),
    "rotate_client_secret": Op("POST", lambda t: f"/api/v1/clients/{t.clients['client_kpi'].id}/rotate-secret", DEPT),
    "archive_client": Op(
        "POST",
        lambda t: f"/api/v1/clients/{t.clients['client_kpi'].id}/archive",
        DEPT,
        body=lambda t: {"reason": "больше не нужен"},
    ),
    "list_audit_events": Op("GET", lambda t: "/api/v1/audit-events", DEPT, other=None),
}
# Not in the matrix, tested on their own: token issuing, logout and readiness have no role rules.
EXEMPT = {"issue_token", "logout", "ready"}


def test_every_operation_is_in_the_matrix(app) -> None:  # type: ignore[no-untyped-def]
    ops = {op["operationId"] for path in app.openapi()["paths"].values() for op in path.values()}
    assert ops - EXEMPT == set(OPS), f"missing: {ops - EXEMPT - set(OPS)}; stale: {set(OPS) - (ops - EXEMPT)}"


def _expected(op: Op, who: str, target: str) -> int:
    if who == "anonymous" and op.allowed != set(PRINCIPALS):
        return 401
    if who in op.partial:
        return 403 if target == "own" else 404
    if who not in op.allowed:
        return 403
    if target == "other" and who != "sysadmin":
        return op.other  # type: ignore[return-value]
    return op.ok


CASES = [
    (name, who, target)
    for name, op in OPS.items()
    for who in PRINCIPALS
    for target in (["own"] if op.other is None else ["own", "other"])
]


@pytest.mark.parametrize(("name", "who", "target"), CASES, ids=[f"{n}-{w}-{t}" for n, w, t in CASES])
async def test_matrix(client, session, name: str, who: str, target: str) -> None:  # type: ignore[no-untyped-def]
    op = OPS[name]
    own = await make_tenant(session)
    other = await make_tenant(session) if target == "other" else own
    kwargs: dict[str, Any] = {"headers": own.headers(who)}
    if op.files:
        kwargs["files"] = {"file": ("hr.csv", CSV, "text/csv")}
        kwargs["data"] = op.body(other) if op.body else None
    elif op.body is not None:
        kwargs["json"] = op.body(other)
    resp = await client.request(op.method, op.path(other), **kwargs)
    expected = _expected(op, who, target)
    assert resp.status_code == expected, resp.text
    if expected >= 400:
        assert resp.headers["content-type"].startswith("application/problem+json")
    if expected == 401:
        assert resp.headers["www-authenticate"].startswith("Bearer")


LISTS = {
    "list_organizations": "municipality_id",
    "list_teachers": "municipality_id",
    "list_users": "municipality_id",
    "list_clients": "municipality_id",
    "list_municipalities": "id",
    "list_audit_events": "municipality_id",
}


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("who", sorted(ALL_AUTHENTICATED - {"sysadmin"}))
async def test_lists_never_show_another_tenant(client, session, name: str, who: str) -> None:  # type: ignore[no-untyped-def]
    op = OPS[name]
    own = await make_tenant(session)
    other = await make_tenant(session)
    # make sure the other tenant has audit entries too
    await client.get(f"/api/v1/teachers/{other.teacher.id}", headers=other.headers("department"))
    resp = await client.get(op.path(own) + "?limit=200", headers=own.headers(who))
    if who not in op.allowed:
        assert resp.status_code == 403
        return
    assert resp.status_code == 200
    values = {str(item[LISTS[name]]) for item in resp.json()["items"]}
    assert str(other.municipality.id) not in values
