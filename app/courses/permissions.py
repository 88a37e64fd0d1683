"""Permissions of teachers' course records: kept (and imported from providers' lists) by the municipality and by
a school for its own teachers; a teacher reads their own."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class CoursePerm(StrEnum):
    READ = "courses:read"
    WRITE = "courses:write"
    IMPORT = "courses:import"


A = Reach.ASSIGNED
P = CoursePerm
declare(
    {
        P.READ: "Чтение курсов повышения квалификации",
        P.WRITE: "Ведение курсов повышения квалификации",
        P.IMPORT: "Загрузка списков курсов от провайдеров",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.IMPORT: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.IMPORT: A},
        "school_admin": {P.READ: A, P.WRITE: A, P.IMPORT: A},
        "teacher": {P.READ: A},
    },
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ, P.WRITE, P.IMPORT]},
)
