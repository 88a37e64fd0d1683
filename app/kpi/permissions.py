"""Permissions of KPIs: the department, methodologists and school administrators (their own school) read values;
the department and methodologists keep their municipality's indicators; a machine client reads with `kpi:read`."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class KpiPerm(StrEnum):
    READ = "kpi:read"
    WRITE = "kpi:write"


A = Reach.ASSIGNED
P = KpiPerm
declare(
    {P.READ: "Чтение показателей (KPI)", P.WRITE: "Ведение показателей (KPI) муниципалитета"},
    {
        "department": {P.READ: A, P.WRITE: A},
        "methodologist": {P.READ: A, P.WRITE: A},
        "school_admin": {P.READ: A},
    },
    client_scopes={"kpi:read": [P.READ]},
)
