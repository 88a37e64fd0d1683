"""K-4.1.3 and Z-MONITOR by hand, through the KPI API.

2024/2025: five teachers with a deficit in a diagnostic submitted in the year (T1…T5). T1 and T2 have approved routes
from it (counted); T3 only a draft; T4's approved route comes from last year's diagnostic (2023/2024, not this year's);
T5's route is archived; T6 has an approved route from this year's diagnostic but no deficit in it (not in the
denominator, so not in the numerator either) → 2 / 5 = 40 %. Z-MONITOR: a deficit monitoring opened in the year with a
submission → yes; a year with none → no."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.core.db import utcnow
from app.routes.models import IndividualRoute, RouteAction, RouteGoal
from tests.factories import make_teacher, make_tenant
from tests.routes_helpers import campaign, submitted

API = "/api/v1"
YEAR = "2024/2025"
ON = date(2025, 3, 10)
LAST_YEAR = date(2024, 3, 10)


async def _route(session: Any, t: Any, a: Any, status: str = "approved", archived: bool = False) -> None:
    r = IndividualRoute(
        municipality_id=t.municipality.id,
        teacher_id=a.teacher_id,
        organization_id=a.organization_id,
        assignment_id=a.id,
        campaign_id=a.campaign_id,
        title="ИОМ",
        status=status,
        approved_at=None if status == "draft" else utcnow(),
        archived_at=utcnow() if archived else None,
        archive_reason="Ошибка" if archived else None,
    )
    session.add(r)
    await session.flush()
    g = RouteGoal(municipality_id=r.municipality_id, route_id=r.id, text="Цель", sort_order=0)
    session.add(g)
    await session.flush()
    session.add(
        RouteAction(municipality_id=r.municipality_id, route_id=r.id, goal_id=g.id, kind="self_study", title="Изучить")
    )
    await session.flush()


async def _values(client: Any, t: Any, codes: list[str], period: str = YEAR) -> dict[str, dict[str, Any]]:
    params = {"indicators": ",".join(codes), "period": period, "municipality_id": str(t.municipality.id)}
    r = await client.get(f"{API}/kpi/values", params=params, headers=t.headers("department"))
    assert r.status_code == 200, r.text
    return {row["indicator"]: row for row in r.json()["rows"]}


async def test_k_4_1_3_share_of_teachers_with_a_route(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    more = [await make_teacher(session, t.municipality, t.org, last_name=f"Педагог{i}") for i in range(4)]
    t1, t2, t3, t4, t5, t6 = [t.teacher, t.teacher2, *more]
    this_year = await campaign(session, t, opens_on=date(2025, 3, 1))
    last_year = await campaign(session, t, opens_on=date(2024, 3, 1))
    deficit = {"methodical": "deficit", "subject": "none"}
    a1 = await submitted(session, t, t1, deficit, c=this_year, on=ON)
    a2 = await submitted(session, t, t2, deficit, c=this_year, on=ON, org=t.org2)
    a3 = await submitted(session, t, t3, deficit, c=this_year, on=ON)
    await submitted(session, t, t4, deficit, c=this_year, on=ON)
    a4_old = await submitted(session, t, t4, deficit, c=last_year, on=LAST_YEAR)
    a5 = await submitted(session, t, t5, deficit, c=this_year, on=ON)
    a6 = await submitted(session, t, t6, {"methodical": "partial"}, c=this_year, on=ON)
    await _route(session, t, a1)
    await _route(session, t, a2, status="in_progress")
    await _route(session, t, a3, status="draft")
    await _route(session, t, a4_old)
    await _route(session, t, a5, archived=True)
    await _route(session, t, a6)

    row = (await _values(client, t, ["K-4.1.3"]))["K-4.1.3"]
    assert (row["numerator"], row["denominator"]) == (2, 5), row
    assert row["value"] == pytest.approx(40.0)
    # last year: T4's route from last year's diagnostic counts there (1 of 1)
    row = (await _values(client, t, ["K-4.1.3"], "2023/2024"))["K-4.1.3"]
    assert (row["numerator"], row["denominator"]) == (1, 1) and row["value"] == pytest.approx(100.0), row


async def test_z_monitor_yes_no(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = await campaign(session, t, opens_on=date(2025, 4, 1))
    await submitted(session, t, t.teacher, {"methodical": "deficit"}, c=c, on=date(2025, 4, 10))
    # a monitoring opened in 2023/2024 without a submission: no
    await campaign(session, t, opens_on=date(2024, 4, 1))
    yes = (await _values(client, t, ["Z-MONITOR"]))["Z-MONITOR"]
    no = (await _values(client, t, ["Z-MONITOR"], "2023/2024"))["Z-MONITOR"]
    assert yes["value"] == 1.0 and yes["numerator"] == 1, yes
    assert no["value"] == 0.0 and no["numerator"] == 0, no
