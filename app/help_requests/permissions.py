"""Permissions of help requests: a teacher asks for themselves and reads their own; a school asks for its teachers
or for itself and reads the school's; the municipality reads all; a methodologist handles them (takes, consults,
closes, archives)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class HelpRequestPerm(StrEnum):
    READ = "help_requests:read"
    CREATE = "help_requests:create"
    HANDLE = "help_requests:handle"


A = Reach.ASSIGNED
P = HelpRequestPerm
declare(
    {
        P.READ: "Чтение обращений за методической помощью",
        P.CREATE: "Подача обращений за методической помощью",
        P.HANDLE: "Работа с обращениями: взять, консультировать, закрыть",
    },
    {
        "department": {P.READ: A},
        "methodologist": {P.READ: A, P.HANDLE: A},
        "school_admin": {P.READ: A, P.CREATE: A},
        "teacher": {P.READ: A, P.CREATE: A},
    },
)
