"""Shared builders of the individual-route tests: a submitted diagnostic with a hand-made deficit profile (written
straight into the tables, as scoring would), and tagged records a draft proposes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagProfileArea
from app.diagnostics.schemas import SHIPPED_INSTRUMENT_ID
from app.routes.service import today

API = "/api/v1/individual-routes"
PERCENT = {"deficit": Decimal("30"), "partial": Decimal("60"), "none": Decimal("90")}


async def campaign(session: Any, t: Any, opens_on: date | None = None, **kw: Any) -> DiagCampaign:
    opens = opens_on or today() - timedelta(days=10)
    c = DiagCampaign(
        municipality_id=t.municipality.id,
        instrument_id=kw.pop("instrument_id", SHIPPED_INSTRUMENT_ID),
        title=kw.pop("title", "Мониторинг профессиональных дефицитов"),
        opens_on=opens,
        closes_on=kw.pop("closes_on", opens + timedelta(days=30)),
        target={"organization_ids": []},
        **kw,
    )
    session.add(c)
    await session.flush()
    return c


async def submitted(
    session: Any,
    t: Any,
    teacher: Any,
    bands: dict[str, str],
    *,
    org: Any = None,
    c: DiagCampaign | None = None,
    on: date | None = None,
) -> DiagAssignment:
    """The teacher's submitted assignment with a profile of these bands (area → band), submitted on `on` (noon,
    Moscow)."""
    c = c or await campaign(session, t)
    org = org or t.org
    when = datetime.combine(on or today(), time(9, 0), tzinfo=UTC)
    a = DiagAssignment(
        municipality_id=t.municipality.id,
        campaign_id=c.id,
        teacher_id=teacher.id,
        organization_id=org.id,
        status="submitted",
        answers={},
        started_at=when,
        submitted_at=when,
    )
    session.add(a)
    await session.flush()
    for area, band in bands.items():
        session.add(
            DiagProfileArea(
                municipality_id=t.municipality.id,
                assignment_id=a.id,
                campaign_id=c.id,
                teacher_id=teacher.id,
                organization_id=org.id,
                area_code=area,
                score=PERCENT[band] / 10,
                max_score=Decimal("10"),
                percent=PERCENT[band],
                band=band,
                submitted_at=when,
            )
        )
    await session.flush()
    return a


def etag(resp: Any) -> dict[str, str]:
    return {"If-Match": resp.headers["etag"]}


async def draft(client: Any, t: Any, assignment: DiagAssignment, who: str = "methodologist", **kw: Any) -> Any:
    r = await client.post(f"{API}/draft", json={"assignment_id": str(assignment.id), **kw}, headers=t.headers(who))
    assert r.status_code == 201, r.text
    return r


async def approved(client: Any, t: Any, assignment: DiagAssignment, who: str = "methodologist") -> Any:
    r = await draft(client, t, assignment, who)
    r = await client.post(f"{API}/{r.json()['id']}/approve", headers={**t.headers(who), **etag(r)})
    assert r.status_code == 200, r.text
    return r
