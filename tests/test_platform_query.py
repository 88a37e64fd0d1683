"""Query-string contract for integrators: an unknown parameter is an error (a misspelt filter must not return the
unfiltered list), and every synced list takes `updated_since` for incremental sync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app.organizations.models import Organization
from app.teachers.models import Teacher
from app.tenants.models import Municipality, Region
from tests.factories import make_tenant


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v1/teachers", "organisation_id"),
        ("/api/v1/organizations", "municipality"),
        ("/api/v1/regions", "search"),
        ("/api/v1/municipalities", "regionid"),
        ("/api/v1/audit-events", "entity"),
        ("/api/v1/users", "page"),
        ("/api/v1/teachers/export", "limit"),
        ("/api/v1/health", "x"),
        ("/api/v1/reference/subjects", "q"),
    ],
)
async def test_unknown_query_parameter_is_422_naming_it(client, session, path: str, param: str) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.get(path, params={param: "1"}, headers=t.headers("sysadmin"))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert f"«{param}»" in body["detail"] and body["detail"].startswith("Неизвестный параметр")
    assert body["errors"] == [
        {
            "field": f"query.{param}",
            "message": body["errors"][0]["message"],
            "code": "unknown_query_parameter",
        }
    ]
    assert f"«{param}»" in body["errors"][0]["message"]


async def test_misspelt_filter_no_longer_returns_the_unfiltered_list(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    good = await client.get("/api/v1/teachers", params={"organization_id": str(t.org.id)}, headers=h)
    assert good.status_code == 200 and good.json()["total"] == 1
    assert (
        await client.get("/api/v1/teachers", params={"organisation_id": str(t.org.id)}, headers=h)
    ).status_code == 422
    # declared parameters (repeated lists, aliases of dependencies, paging) are still accepted
    ok = await client.get(
        "/api/v1/teachers",
        params=[
            ("organization_id", str(t.org.id)),
            ("organization_id", str(t.org2.id)),
            ("limit", "5"),
            ("sort", "-updated_at"),
        ],
        headers=h,
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["total"] == 2


async def test_updated_since_returns_records_changed_at_or_after(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    old = datetime(2020, 1, 1, tzinfo=UTC)
    since = datetime.now(UTC) - timedelta(hours=1)
    for model, ids in (
        (Teacher, [t.teacher2.id]),
        (Organization, [t.org2.id]),
        (Municipality, [t.municipality.id]),
        (Region, [t.region.id]),
    ):
        await session.execute(update(model).where(model.id.in_(ids)).values(updated_at=old))
    await session.execute(update(Teacher).where(Teacher.id == t.teacher.id).values(updated_at=since))
    h = t.headers("sysadmin")
    stamp = since.isoformat()

    teachers = await client.get(
        "/api/v1/teachers", params={"updated_since": stamp, "municipality_id": str(t.municipality.id)}, headers=h
    )
    assert teachers.status_code == 200, teachers.text
    assert [i["id"] for i in teachers.json()["items"]] == [str(t.teacher.id)]  # "at or after": equal counts

    orgs = await client.get(
        "/api/v1/organizations", params={"updated_since": stamp, "municipality_id": str(t.municipality.id)}, headers=h
    )
    assert [i["id"] for i in orgs.json()["items"]] == [str(t.org.id)]
    all_orgs = await client.get(
        "/api/v1/organizations",
        params={"updated_since": "2019-12-31T00:00:00", "municipality_id": str(t.municipality.id)},
        headers=h,
    )
    assert all_orgs.json()["total"] == 2  # a time without zone is UTC

    munis = await client.get(
        "/api/v1/municipalities", params={"updated_since": stamp, "region_id": str(t.region.id)}, headers=h
    )
    assert munis.status_code == 200 and munis.json()["total"] == 0
    munis = await client.get(
        "/api/v1/municipalities",
        params={"updated_since": "2020-01-01T00:00:00Z", "region_id": str(t.region.id)},
        headers=h,
    )
    assert [i["id"] for i in munis.json()["items"]] == [str(t.municipality.id)]

    regions = await client.get("/api/v1/regions", params={"updated_since": stamp, "q": t.region.name}, headers=h)
    assert regions.status_code == 200 and regions.json()["total"] == 0
    regions = await client.get("/api/v1/regions", params={"updated_since": "2019-06-01", "q": t.region.name}, headers=h)
    assert regions.json()["total"] == 1

    bad = await client.get("/api/v1/teachers", params={"updated_since": "вчера"}, headers=h)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.updated_since"


async def test_a_patch_moves_a_teacher_into_the_next_sync(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await session.execute(
        update(Teacher)
        .where(Teacher.municipality_id == t.municipality.id)
        .values(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    )
    h = t.headers("department")
    since = datetime.now(UTC) - timedelta(seconds=5)
    before = await client.get("/api/v1/teachers", params={"updated_since": since.isoformat()}, headers=h)
    assert before.json()["total"] == 0
    url = f"/api/v1/teachers/{t.teacher2.id}"
    etag = (await client.get(url, headers=h)).headers["etag"]
    assert (await client.patch(url, json={"subjects": ["physics"]}, headers={**h, "If-Match": etag})).status_code == 200
    after = await client.get("/api/v1/teachers", params={"updated_since": since.isoformat()}, headers=h)
    assert [i["id"] for i in after.json()["items"]] == [str(t.teacher2.id)]
