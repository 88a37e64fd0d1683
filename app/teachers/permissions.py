"""Permissions of teachers' records (personal data, 152-ФЗ), and the roles that hold them."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class TeacherPerm(StrEnum):
    READ = "teachers:read"
    WRITE = "teachers:write"
    IMPORT = "teachers:import"


A = Reach.ASSIGNED
P = TeacherPerm
declare(
    {P.READ: "Чтение педагогов", P.WRITE: "Изменение педагогов", P.IMPORT: "Импорт педагогов"},
    {
        "department": {P.READ: A, P.WRITE: A, P.IMPORT: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.IMPORT: A},
        "school_admin": {P.READ: A, P.WRITE: A, P.IMPORT: A},
        "teacher": {P.READ: A},
    },
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ, P.WRITE, P.IMPORT]},
)
