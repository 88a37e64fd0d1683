"""Permissions of machine clients (integrations): the department within its municipality, the system administrator."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class ClientPerm(StrEnum):
    READ = "clients:read"
    WRITE = "clients:write"


A = Reach.ASSIGNED
declare(
    {ClientPerm.READ: "Чтение интеграций", ClientPerm.WRITE: "Управление интеграциями"},
    {"department": {ClientPerm.READ: A, ClientPerm.WRITE: A}},
)
