"""Permissions of notifications: every signed-in person reads their own (never anyone else's)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class NotificationPerm(StrEnum):
    READ = "notifications:read"


A = Reach.ASSIGNED
P = NotificationPerm
declare(
    {P.READ: "Чтение своих уведомлений"},
    {
        "department": {P.READ: A},
        "methodologist": {P.READ: A},
        "school_admin": {P.READ: A},
        "association_leader": {P.READ: A},
        "teacher": {P.READ: A},
    },
)
