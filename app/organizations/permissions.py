"""Permissions of organizations, and the roles that hold them. Opening and closing an organization is a
municipal act (`organizations:manage`); a school edits its own card within the fields its role may change."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class OrganizationPerm(StrEnum):
    READ = "organizations:read"
    WRITE = "organizations:write"
    MANAGE = "organizations:manage"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = OrganizationPerm
declare(
    {
        P.READ: "Чтение организаций",
        P.WRITE: "Изменение организаций",
        P.MANAGE: "Открытие и архивирование организаций",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.MANAGE: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.MANAGE: A},
        "school_admin": {P.READ: M, P.WRITE: A},
        "association_leader": {P.READ: M},
        "teacher": {P.READ: M},
    },
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ], "organizations:read": [P.READ]},
)

# Fields of an organization only the municipality (those who may open and close organizations) changes: the
# state's programmes (ШНОР/ШФНСУ, innovation sites, resource centres) and what the organization is.
MUNICIPAL_FIELDS = frozenset(
    {"is_low_results", "is_unfavourable", "innovation_level", "is_resource_center", "is_state_owned", "type_code"}
)
