"""A school administrator's reach over a person employed at several schools, and no-op PATCHes (issue 8)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.teachers.models import Employment
from tests.factories import make_tenant

EMPLOYMENT_FIELDS = ("organization_id", "position_code", "kind", "rate", "start_date", "end_date")
CATEGORY_FIELDS = ("category_code", "granted_on", "legal_basis")


async def _two_schools(session):  # type: ignore[no-untyped-def]
    """The tenant's teacher2 works mainly at org2 and part-time at org (the school admin's school)."""
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
    return t


def _as_patch(card: dict) -> dict:  # type: ignore[type-arg]
    """What an SPA or an integrator sends back: the editable fields of what GET returned."""
    return {
        "last_name": card["last_name"],
        "first_name": card["first_name"],
        "middle_name": card["middle_name"],
        "birth_date": card["birth_date"],
        "email": card["email"],
        "employments": [{k: e[k] for k in EMPLOYMENT_FIELDS} for e in card["employments"]],
        "subjects": card["subjects"],
        "categories": [{k: c[k] for k in CATEGORY_FIELDS} for c in card["categories"]],
        "external_ids": card["external_ids"],
    }


async def test_a_no_op_patch_of_what_get_returned_succeeds(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    url = f"/api/v1/teachers/{t.teacher.id}"
    got = await client.get(url, headers=t.headers("department"))
    card = got.json()
    resp = await client.patch(
        url, json=_as_patch(card), headers={**t.headers("department"), "If-Match": got.headers["etag"]}
    )
    assert resp.status_code == 200, resp.text
    after = resp.json()
    assert resp.headers["etag"] == got.headers["etag"]  # nothing changed: same version
    assert after["employments"] == card["employments"] and after["external_ids"] == card["external_ids"]
    # each collection alone, too
    for key in ("employments", "external_ids", "categories", "subjects"):
        one = await client.patch(url, json={key: _as_patch(card)[key]}, headers=t.headers("department"))
        assert one.status_code == 200, (key, one.text)


async def test_school_admin_changes_only_its_own_employment_rows(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await _two_schools(session)
    url = f"/api/v1/teachers/{t.teacher2.id}"
    card = (await client.get(url, headers=t.headers("school_admin"))).json()
    assert {e["organization_id"] for e in card["employments"]} == {str(t.org.id), str(t.org2.id)}
    rows = _as_patch(card)["employments"]
    # dropping (or ending) the other school's row: refused, nothing changed
    own_only = [e for e in rows if e["organization_id"] == str(t.org.id)]
    resp = await client.patch(url, json={"employments": own_only}, headers=t.headers("school_admin"))
    assert resp.status_code == 403, resp.text
    assert resp.json()["code"] == "foreign_employment" and "в других организациях" in resp.json()["detail"]
    ended = [{**e, "end_date": "2024-06-30"} if e["organization_id"] == str(t.org2.id) else e for e in rows]
    assert (await client.patch(url, json={"employments": ended}, headers=t.headers("school_admin"))).status_code == 403
    # adding a row at another school: refused too
    extra = [*rows, {**own_only[0], "organization_id": str(t.org2.id), "start_date": "2024-09-01"}]
    assert (await client.patch(url, json={"employments": extra}, headers=t.headers("school_admin"))).status_code == 403
    card_after = (await client.get(url, headers=t.headers("department"))).json()
    assert len(card_after["employments"]) == 2
    # its own row: allowed
    mine = [{**e, "rate": "0.75"} if e["organization_id"] == str(t.org.id) else e for e in rows]
    ok = await client.patch(url, json={"employments": mine}, headers=t.headers("school_admin"))
    assert ok.status_code == 200, ok.text
    assert {e["organization_id"]: e["rate"] for e in ok.json()["employments"]}[str(t.org.id)] == "0.75"
    # the department may change any row
    dep = await client.patch(url, json={"employments": own_only}, headers=t.headers("department"))
    assert dep.status_code == 200, dep.text


async def test_school_admin_cannot_archive_a_person_working_elsewhere(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await _two_schools(session)
    url = f"/api/v1/teachers/{t.teacher2.id}/archive"
    resp = await client.post(url, json={"reason": "Уволилась"}, headers={**t.headers("school_admin"), "If-Match": "*"})
    assert resp.status_code == 409, resp.text
    assert resp.json()["code"] == "works_elsewhere"
    assert "управление образования" in resp.json()["detail"]
    card = (await client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=t.headers("department"))).json()
    assert card["archived_at"] is None
    # its own-only teacher: allowed; the municipality may archive the other one
    own = await client.post(
        f"/api/v1/teachers/{t.teacher.id}/archive",
        json={"reason": "Уволилась"},
        headers={**t.headers("school_admin"), "If-Match": "*"},
    )
    assert own.status_code == 200, own.text
    dep = await client.post(url, json={"reason": "Уволилась"}, headers={**t.headers("methodologist"), "If-Match": "*"})
    assert dep.status_code == 200, dep.text
