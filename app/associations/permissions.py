"""Permissions of methodological associations: the municipality keeps all of them, a school its ШМО; an association
leader plans and records the meetings of the association named in their role and reads its members' growth; a
teacher reads the associations they are a member of."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class AssociationPerm(StrEnum):
    READ = "associations:read"
    WRITE = "associations:write"
    MEETINGS = "associations:meetings"
    GROWTH = "associations:growth"


A = Reach.ASSIGNED
P = AssociationPerm
declare(
    {
        P.READ: "Чтение методических объединений",
        P.WRITE: "Ведение методических объединений: состав, руководитель, архив",
        P.MEETINGS: "План-график и заседания методического объединения",
        P.GROWTH: "Профессиональный рост участников методического объединения",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.MEETINGS: A, P.GROWTH: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.MEETINGS: A, P.GROWTH: A},
        "school_admin": {P.READ: A, P.WRITE: A, P.MEETINGS: A, P.GROWTH: A},
        "association_leader": {P.READ: A, P.MEETINGS: A, P.GROWTH: A},
        "teacher": {P.READ: A},
    },
)
