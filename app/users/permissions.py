"""Permissions of user accounts and their role assignments (the department within its municipality; the system
administrator everywhere)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class UserPerm(StrEnum):
    READ = "users:read"
    WRITE = "users:write"


A = Reach.ASSIGNED
declare(
    {UserPerm.READ: "Чтение пользователей", UserPerm.WRITE: "Управление пользователями и ролями"},
    {"department": {UserPerm.READ: A, UserPerm.WRITE: A}},
)
