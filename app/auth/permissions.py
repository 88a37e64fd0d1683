"""The one joined table of every module's permissions and role grants.

Each module declares its own `resource:action` permissions and role grants in its `permissions.py`
(`app.core.access.declare`); the application imports them all (the audit module's with its router), so
`ROLE_PERMISSIONS` (role → permission → reach; the modules above auth — users, clients, audit — declare theirs
when the application imports them) and `CLIENT_SCOPES` (client scope → permissions) are the table.
"""

from __future__ import annotations

import app.organizations.permissions
import app.reference.permissions
import app.teachers.permissions
import app.tenants.permissions  # noqa: F401
from app.core.access import (
    CLIENT_SCOPE_GRANTS,
    CLIENT_SCOPE_TITLES,
    PERMISSION_TITLES,
    ROLE_GRANTS,
    Reach,
)
from app.organizations.permissions import OrganizationPerm
from app.reference.permissions import ReferencePerm
from app.teachers.permissions import TeacherPerm
from app.tenants.permissions import TenantPerm

CLIENT_SCOPE_TITLES.update(
    {
        "kpi:read": "Чтение показателей (KPI)",
        "teachers:read": "Чтение педагогов",
        "teachers:write": "Запись и импорт педагогов",
        "organizations:read": "Чтение организаций",
    }
)

# A permission is a `resource:action` string; the modules' enums (TeacherPerm.READ, …) are such strings.
Perm = str
__all__ = ["OrganizationPerm", "ReferencePerm", "TeacherPerm", "TenantPerm"]

ROLE_PERMISSIONS: dict[str, dict[str, Reach]] = ROLE_GRANTS
CLIENT_SCOPES: dict[str, set[str]] = CLIENT_SCOPE_GRANTS
PERM_TITLES_RU: dict[str, str] = PERMISSION_TITLES

ROLE_TITLES_RU = {
    "sysadmin": "Администратор системы",
    "department": "Управление образования",
    "methodologist": "Методист",
    "school_admin": "Администратор школы",
    "association_leader": "Руководитель методобъединения",
    "teacher": "Педагог",
}
