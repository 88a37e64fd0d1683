"""Permission to read the reference dictionaries (every role and every machine client)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import ROLES, Reach, declare


class ReferencePerm(StrEnum):
    READ = "reference:read"


declare(
    {ReferencePerm.READ: "Чтение справочников"},
    {role: {ReferencePerm.READ: Reach.ASSIGNED} for role in ROLES if role != "sysadmin"},
    client_scopes={
        s: [ReferencePerm.READ] for s in ("kpi:read", "teachers:read", "teachers:write", "organizations:read")
    },
)
