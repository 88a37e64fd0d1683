"""The home figures kept per organization: whatever writes teachers, employments or categories (the API, an import,
another module's SQL), the next read shows it; a new day or another warning period recomputes; the nightly job
recomputes every municipality."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from app.core.access import Scope
from app.jobs.schedule import NIGHTLY
from app.teachers import repository, rules, service
from app.teachers.models import Employment, TeacherCategory, TeacherStatsMunicipality, TeacherStatsVersion
from tests.factories import make_teacher, make_tenant


async def _by_org(client, t) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    resp = await client.get("/api/v1/teachers/stats/by-organization", headers=t.headers("department"))
    assert resp.status_code == 200, resp.text
    return {r["organization_id"]: r for r in resp.json()["items"]}


async def _home(client, t) -> dict:  # type: ignore[no-untyped-def]
    resp = await client.get("/api/v1/teachers/stats", headers=t.headers("department"))
    assert resp.status_code == 200, resp.text
    return resp.json()


async def test_every_kind_of_write_shows_in_the_next_read(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    before_org, before_home = await _by_org(client, t), await _home(client, t)
    # the factory's two teachers, one at each school
    assert before_org[str(t.org.id)]["teachers"] == before_org[str(t.org2.id)]["teachers"] == 1
    assert before_home["teachers"] == 2
    kept = await session.get(TeacherStatsMunicipality, t.municipality.id)
    assert kept is not None and kept.computed_on == date.today() and kept.teachers == 2

    # a new young teacher at the second school (the ORM, as the card and the import write)
    today = date.today()
    young = await make_teacher(
        session, t.municipality, t.org2, last_name="Новикова", birth_date=today - timedelta(days=365 * 24)
    )
    await session.flush()
    org2 = (await _by_org(client, t))[str(t.org2.id)]
    assert (org2["teachers"], org2["young_teachers"]) == (2, 1)
    assert (await _home(client, t))["young_teachers"] == before_home["young_teachers"] + 1

    # a part-time job at the first school: counted there too, still one teacher on the home page
    session.add(
        Employment(
            municipality_id=t.municipality.id,
            teacher_id=young.id,
            organization_id=t.org.id,
            position_code="teacher",
            kind="internal_part_time",
            rate=Decimal("0.25"),
            start_date=date(2020, 9, 1),
        )
    )
    await session.flush()
    assert (await _by_org(client, t))[str(t.org.id)]["teachers"] == 2
    assert (await _home(client, t))["teachers"] == 3

    # another module's plain SQL (no ORM): the part-time job ended yesterday
    await session.execute(
        update(Employment)
        .where(Employment.teacher_id == young.id, Employment.organization_id == t.org.id)
        .values(end_date=today - timedelta(days=1))
    )
    assert (await _by_org(client, t))[str(t.org.id)]["teachers"] == 1

    # a category that runs out in a month
    session.add(
        TeacherCategory(
            municipality_id=t.municipality.id,
            teacher_id=young.id,
            category_code="szd",
            granted_on=today - timedelta(days=5 * 365 - 30),
            expires_on=today + timedelta(days=30),
        )
    )
    await session.flush()
    assert (await _by_org(client, t))[str(t.org2.id)]["categories_expiring"] == 1 + before_org[str(t.org2.id)][
        "categories_expiring"
    ]
    assert (await _home(client, t))["categories_expiring"] == before_home["categories_expiring"] + 1

    # archived through the API: gone from both
    card = await client.get(f"/api/v1/teachers/{young.id}", headers=t.headers("department"))
    resp = await client.post(
        f"/api/v1/teachers/{young.id}/archive",
        json={"reason": "Создан по ошибке"},
        headers={**t.headers("department"), "If-Match": card.headers["etag"]},
    )
    assert resp.status_code in (200, 204), resp.text
    assert (await _by_org(client, t))[str(t.org2.id)] == before_org[str(t.org2.id)]
    assert (await _home(client, t))["teachers"] == before_home["teachers"]


async def test_a_write_moves_the_version_and_a_new_day_recomputes(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await _home(client, t)
    v1 = (await session.get(TeacherStatsVersion, t.municipality.id)).version  # type: ignore[union-attr]
    await session.execute(update(Employment).where(Employment.teacher_id == t.teacher.id).values(rate=Decimal("0.5")))
    await session.refresh(await session.get(TeacherStatsVersion, t.municipality.id))  # type: ignore[arg-type]
    v2 = (await session.get(TeacherStatsVersion, t.municipality.id)).version  # type: ignore[union-attr]
    assert v2 == v1 + 1
    scope = Scope(municipality_ids=frozenset({t.municipality.id}))
    assert await repository.refresh_stats_summaries(session, scope, date.today(), rules.EXPIRY_WARNING_DAYS) == 1
    assert await repository.refresh_stats_summaries(session, scope, date.today(), rules.EXPIRY_WARNING_DAYS) == 0
    # youth and expiry move with the date: ten years on, the factory teacher's category has long expired
    later = date.today() + timedelta(days=3650)
    assert await repository.refresh_stats_summaries(session, scope, later, rules.EXPIRY_WARNING_DAYS) == 1
    kept = (
        await session.execute(
            select(TeacherStatsMunicipality).where(TeacherStatsMunicipality.municipality_id == t.municipality.id)
        )
    ).scalar_one()
    await session.refresh(kept)
    assert kept.computed_on == later and kept.categories_expired == 2


async def test_nightly_job_recomputes_every_municipality(session) -> None:  # type: ignore[no-untyped-def]
    assert "teacher_stats_refresh" in NIGHTLY
    await make_tenant(session)
    assert await service.refresh_all_stats(session) >= 1
    assert await service.refresh_all_stats(session) == 0
