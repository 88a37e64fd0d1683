"""Permissions of mentoring pairs: the municipality and a school (for its own teachers) keep them; a teacher reads
the pairs they are in."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class MentoringPerm(StrEnum):
    READ = "mentoring:read"
    WRITE = "mentoring:write"


A = Reach.ASSIGNED
P = MentoringPerm
declare(
    {P.READ: "Чтение пар наставничества", P.WRITE: "Ведение пар наставничества"},
    {
        "department": {P.READ: A, P.WRITE: A},
        "methodologist": {P.READ: A, P.WRITE: A},
        "school_admin": {P.READ: A, P.WRITE: A},
        "teacher": {P.READ: A},
    },
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ, P.WRITE]},
)
