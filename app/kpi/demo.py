"""Demo data of KPIs: each municipality's set of indicators (Kostroma's, Zeya's and Kislovodsk's programmes), its
targets for the previous and the current academic year, and Kostroma's approval workflow: the previous academic
year's snapshot computed by the methodologist and approved by the department, and a snapshot of the year before
waiting for approval. Codes are stored as given: indicators that come later (Z-GMO-PLAN, KV-1…5, K-4.1.3,
Z-MONITOR) are simply left out of calculations until their passports exist."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.periods import Period
from app.kpi import repository as repo
from app.kpi import snapshots
from app.kpi.models import KpiTarget
from app.kpi.permissions import KpiPerm
from app.kpi.schemas import KpiSnapshotCreate

SETS: dict[str, list[str]] = {
    "kostroma": [
        "K-4.1.1",
        "K-4.1.2",
        "K-4.1.3",
        "K-4.2.1",
        "K-4.2.2",
        "K-4.2.3",
        "K-4.3.1",
        "K-4.3.2",
        "K-4.4.1",
        "PD-3Y",
    ],
    "zeya": ["Z-MENTOR", "Z-GMO-PLAN", "PD-3Y", "K-4.4.1", "Z-MONITOR"],
    "kislovodsk": ["KV-1", "KV-2", "KV-3", "KV-4", "KV-5", "PD-3Y"],
}
# code → (target of the previous academic year, of the current one): near what the demo records give, so the
# screens show every status (met, close, missed).
TARGETS: dict[str, dict[str, tuple[float, float]]] = {
    "kostroma": {
        "K-4.1.1": (4, 6),
        "K-4.1.2": (80, 80),
        "K-4.2.1": (5, 5),
        "K-4.2.2": (20, 25),
        "K-4.2.3": (10, 12),
        "K-4.3.1": (15, 10),
        "K-4.3.2": (8, 8),
        "K-4.4.1": (20, 15),
        "PD-3Y": (65, 70),
        "K-4.1.3": (80, 90),
    },
    "zeya": {
        "Z-MENTOR": (100, 100),
        "Z-GMO-PLAN": (90, 100),
        "PD-3Y": (70, 75),
        "K-4.4.1": (20, 40),
        "Z-MONITOR": (1, 1),
    },
    "kislovodsk": {"KV-1": (1, 1), "KV-2": (1, 1), "KV-3": (1, 1), "KV-4": (1, 1), "KV-5": (1, 1), "PD-3Y": (75, 80)},
}


def _person(user_id: uuid.UUID, name: str, municipality_id: uuid.UUID, *perms: str) -> Principal:
    scope = Scope(municipality_ids=frozenset({municipality_id}))
    return Principal(
        kind="user",
        id=user_id,
        name=name,
        permissions=frozenset(perms),
        scopes=dict.fromkeys(perms, scope),
        tenant_ids=frozenset({municipality_id}),
    )


async def seed(
    session: AsyncSession,
    munis: Mapping[str, Any],
    today: date,
    methodologist: tuple[uuid.UUID, str],
    department: tuple[uuid.UUID, str],
) -> None:
    current = Period.current("academic_year", today)
    previous = current.previous()
    for mkey, codes in SETS.items():
        muni = munis[mkey].id
        await repo.replace_selection(session, None, muni, codes)
        for code, (prev_target, cur_target) in TARGETS[mkey].items():
            session.add(
                KpiTarget(municipality_id=muni, code=code, academic_year=previous.year, target=Decimal(prev_target))
            )
            session.add(
                KpiTarget(municipality_id=muni, code=code, academic_year=current.year, target=Decimal(cur_target))
            )
    await session.flush()

    kostroma = munis["kostroma"].id
    meth = _person(*methodologist, kostroma, KpiPerm.READ, KpiPerm.SUBMIT)
    dep = _person(*department, kostroma, KpiPerm.READ, KpiPerm.SUBMIT, KpiPerm.APPROVE)
    # the previous academic year: computed, submitted and approved — what reports get for it by default
    s = await snapshots.create_snapshot(session, meth, KpiSnapshotCreate(municipality_id=kostroma, period=previous))
    s = await snapshots.submit(session, meth, s.id, None, f'"{s.version}"')
    await snapshots.approve(session, dep, s.id, None, f'"{s.version}"')
    # the year before: submitted, waiting for the department
    s = await snapshots.create_snapshot(
        session, meth, KpiSnapshotCreate(municipality_id=kostroma, period=previous.previous())
    )
    await snapshots.submit(session, meth, s.id, None, f'"{s.version}"')
