"""Permissions of programmes and roadmaps: everyone of a municipality reads its programmes; the department and the
methodologist keep them (create, import, edit the activities); a responsible person reports progress on their
activities — a school administrator for the activities of their organization, a teacher (or any account) for the
ones that name them."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class RoadmapPerm(StrEnum):
    READ = "roadmap:read"
    WRITE = "roadmap:write"
    REPORT = "roadmap:report"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = RoadmapPerm
declare(
    {
        P.READ: "Чтение программ и дорожных карт",
        P.WRITE: "Программы и дорожные карты муниципалитета: создание, загрузка, изменение",
        P.REPORT: "Отчёты о выполнении мероприятий дорожной карты, за которые вы отвечаете",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.REPORT: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.REPORT: A},
        "school_admin": {P.READ: M, P.REPORT: A},
        "association_leader": {P.READ: M, P.REPORT: A},
        "teacher": {P.READ: M, P.REPORT: A},
    },
)
