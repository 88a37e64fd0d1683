"""Permissions of KPIs: the department, methodologists and school administrators (their own school) read values and
the teachers behind them; the department and methodologists keep their municipality's indicators, its set and
targets, and prepare snapshots of a period's values; the department approves them (not the one who submitted); a
machine client reads values (never the people) with `kpi:read`."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class KpiPerm(StrEnum):
    READ = "kpi:read"
    WRITE = "kpi:write"
    DRILLDOWN = "kpi:drilldown"  # the teachers behind a value: personal data, people only
    SUBMIT = "kpi:submit"  # create a snapshot of a period's values and submit it for approval
    APPROVE = "kpi:approve"  # approve or return a submitted snapshot (never one's own: four eyes)


A = Reach.ASSIGNED
P = KpiPerm
declare(
    {
        P.READ: "Чтение показателей (KPI)",
        P.WRITE: "Ведение показателей (KPI) муниципалитета",
        P.DRILLDOWN: "Педагоги, учтённые в показателях (KPI)",
        P.SUBMIT: "Подготовка и отправка срезов показателей (KPI) на утверждение",
        P.APPROVE: "Утверждение срезов показателей (KPI)",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.DRILLDOWN: A, P.SUBMIT: A, P.APPROVE: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.DRILLDOWN: A, P.SUBMIT: A},
        "school_admin": {P.READ: A, P.DRILLDOWN: A},
    },
    client_scopes={"kpi:read": [P.READ]},
)
