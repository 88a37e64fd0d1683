"""Permissions of regions and municipalities, and the roles that hold them."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class TenantPerm(StrEnum):
    REGIONS_READ = "regions:read"
    REGIONS_WRITE = "regions:write"
    MUNICIPALITIES_READ = "municipalities:read"
    MUNICIPALITIES_WRITE = "municipalities:write"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = TenantPerm
declare(
    {
        P.REGIONS_READ: "Чтение регионов",
        P.REGIONS_WRITE: "Изменение регионов",
        P.MUNICIPALITIES_READ: "Чтение муниципалитетов",
        P.MUNICIPALITIES_WRITE: "Изменение муниципалитетов и их настроек",
    },
    {
        "department": {P.REGIONS_READ: A, P.MUNICIPALITIES_READ: A, P.MUNICIPALITIES_WRITE: A},
        "methodologist": {P.REGIONS_READ: A, P.MUNICIPALITIES_READ: A},
        "school_admin": {P.REGIONS_READ: M, P.MUNICIPALITIES_READ: M},
        "association_leader": {P.REGIONS_READ: M, P.MUNICIPALITIES_READ: M},
        "teacher": {P.REGIONS_READ: M, P.MUNICIPALITIES_READ: M},
    },
)
