"""Permission to read the audit log (the department within its municipality; the system administrator)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class AuditPerm(StrEnum):
    READ = "audit:read"


declare({AuditPerm.READ: "Чтение журнала аудита"}, {"department": {AuditPerm.READ: Reach.ASSIGNED}})
