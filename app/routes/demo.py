"""Demo individual routes in Kostroma: routes drawn (as the methodologist would) from the deficit monitoring running
now — most approved, one in progress with a done action and its evidence, one with an overdue action, one left a
draft — and the demo teacher's own route from last year's monitoring (in progress: one action done with a link,
one overdue), so every screen of the module shows something real."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.diagnostics.models import DiagAssignment, DiagCampaign, DiagProfileArea
from app.diagnostics.schemas import SHIPPED_INSTRUMENT_ID
from app.routes import service
from app.routes.models import IndividualRoute
from app.routes.permissions import RoutesPerm
from app.routes.schemas import ActionDone, DraftRequest

ROUTES_FROM_RUNNING = 8  # drafts made from the running monitoring (the last one stays a draft)
LAST_YEAR_PROFILE = {"methodical": ("deficit", 4), "digital": ("deficit", 5), "psychological": ("partial", 7)}


def _methodologist(user_id: uuid.UUID, name: str, municipality_id: uuid.UUID) -> Principal:
    perms = [p.value for p in RoutesPerm]
    scope = Scope(municipality_ids=frozenset({municipality_id}))
    return Principal(
        kind="user",
        id=user_id,
        name=name,
        permissions=frozenset(perms),
        scopes=dict.fromkeys(perms, scope),
        roles=frozenset({"methodologist"}),
        tenant_ids=frozenset({municipality_id}),
    )


def _etag(r: Any) -> str:
    return f'"{r.version}"'


async def _last_year_assignment(
    session: AsyncSession, municipality_id: uuid.UUID, teacher: Any, today: date
) -> DiagAssignment:
    """The demo teacher's submitted diagnostic in last year's Kostroma deficit monitoring (the closed one the
    re-diagnosis compares with), with a hand-made profile: two areas in deficit, one partial."""
    c = await session.scalar(
        select(DiagCampaign)
        .where(
            DiagCampaign.municipality_id == municipality_id,
            DiagCampaign.instrument_id == SHIPPED_INSTRUMENT_ID,
            DiagCampaign.closes_on < today,
        )
        .order_by(DiagCampaign.opens_on.desc(), DiagCampaign.id)
        .limit(1)
    )
    assert c is not None, "the diagnostics demo makes last year's Kostroma monitoring"
    when = datetime.combine(c.opens_on + timedelta(days=11), time(10, 30), tzinfo=UTC)
    org_id = teacher.employments[0].organization_id if teacher.employments else None
    a = await session.scalar(
        select(DiagAssignment).where(DiagAssignment.campaign_id == c.id, DiagAssignment.teacher_id == teacher.id)
    )
    if a is None:
        a = DiagAssignment(municipality_id=municipality_id, campaign_id=c.id, teacher_id=teacher.id, answers={})
        session.add(a)
    a.organization_id = org_id
    a.status, a.started_at, a.submitted_at = "submitted", when - timedelta(minutes=25), when
    await session.flush()
    await session.execute(delete(DiagProfileArea).where(DiagProfileArea.assignment_id == a.id))
    for area, (band, score) in LAST_YEAR_PROFILE.items():
        session.add(
            DiagProfileArea(
                municipality_id=municipality_id,
                assignment_id=a.id,
                campaign_id=c.id,
                teacher_id=teacher.id,
                organization_id=org_id,
                area_code=area,
                score=Decimal(score),
                max_score=Decimal(10),
                percent=Decimal(score * 10),
                band=band,
                submitted_at=when,
            )
        )
    await session.flush()
    return a


async def _overdue(session: AsyncSession, route_id: uuid.UUID, today: date, days: int) -> None:
    """Move the last planned action's deadline into the past (as if the plan had been made months ago)."""
    r = await session.get(IndividualRoute, route_id)
    assert r is not None
    planned = [a for g in r.goals for a in g.actions if a.status == "planned"]
    if planned:
        planned[-1].deadline = today - timedelta(days=days)
        await session.flush()


async def seed(
    session: AsyncSession,
    munis: Mapping[str, Any],
    demo_teacher: Any,
    today: date,
    methodologist: tuple[uuid.UUID, str],
) -> int:
    """Returns how many routes were made."""
    kostroma = munis["kostroma"].id
    who = _methodologist(*methodologist, kostroma)
    running = (
        (
            await session.execute(
                select(DiagAssignment.id)
                .join(DiagCampaign, DiagCampaign.id == DiagAssignment.campaign_id)
                .where(
                    DiagCampaign.municipality_id == kostroma,
                    DiagCampaign.instrument_id == SHIPPED_INSTRUMENT_ID,
                    DiagCampaign.opens_on <= today,
                    DiagCampaign.closes_on >= today,
                    DiagAssignment.status == "submitted",
                    DiagAssignment.id.in_(
                        select(DiagProfileArea.assignment_id).where(DiagProfileArea.band == "deficit")
                    ),
                )
                .order_by(DiagAssignment.submitted_at, DiagAssignment.id)
                .limit(ROUTES_FROM_RUNNING)
            )
        )
        .scalars()
        .all()
    )
    made = 0
    for i, assignment_id in enumerate(running):
        r = await service.create_draft(
            session, who, DraftRequest(assignment_id=assignment_id, include_partial=i % 3 == 0)
        )
        made += 1
        if i == len(running) - 1:
            continue  # one draft waits for approval
        r = await service.approve(session, who, r.id, _etag(r))
        acts = [a for g in r.goals for a in g.actions]
        if i == 0 and acts:  # in progress: the first action done, with a link as evidence
            await service.mark_done(
                session,
                who,
                r.id,
                acts[0].id,
                ActionDone(evidence_url="https://kostroma-edu.example/certificates/1234", evidence_note="Сертификат"),
                _etag(r),
            )
        if i == 1:  # an action overdue
            await _overdue(session, r.id, today, 12)

    # the demo teacher's own route from last year's monitoring: in progress, one action done, one overdue
    a = await _last_year_assignment(session, kostroma, demo_teacher, today)
    r = await service.create_draft(session, who, DraftRequest(assignment_id=a.id))
    r = await service.approve(session, who, r.id, _etag(r))
    acts = [x for g in r.goals for x in g.actions]
    if acts:
        await service.mark_done(
            session,
            who,
            r.id,
            acts[-1].id,
            ActionDone(
                evidence_url="https://kostroma-edu.example/materials/self-study",
                evidence_note="Конспект изученных материалов",
            ),
            _etag(r),
        )
        await _overdue(session, r.id, today, 20)
    made += 1
    return made
