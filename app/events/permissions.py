"""Permissions of methodological events, their series, participation, awards and calendar feeds, and the roles
that hold them.

Events and series are public inside the municipality (everyone there reads the calendar); the municipality records
municipal events, a school records events for its own teachers (a regional conference, a federal contest) and the
municipality sees them. Participation and awards name teachers (personal data): the municipality sees all of them,
a school those of its teachers, a teacher their own. Teachers write nothing here (art. 47 part 6.1: no reporting
duties for teachers); they may subscribe to their own calendar.
"""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class EventPerm(StrEnum):
    READ = "events:read"
    WRITE = "events:write"
    PARTICIPATIONS_READ = "participations:read"
    PARTICIPATIONS_WRITE = "participations:write"
    AWARDS_READ = "awards:read"
    AWARDS_WRITE = "awards:write"
    FEEDS = "calendar_feeds:manage"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = EventPerm
declare(
    {
        P.READ: "Чтение мероприятий и календаря",
        P.WRITE: "Внесение и изменение мероприятий и их циклов",
        P.PARTICIPATIONS_READ: "Чтение участия педагогов в мероприятиях",
        P.PARTICIPATIONS_WRITE: "Запись педагогов на мероприятия, отметка посещения",
        P.AWARDS_READ: "Чтение наград (благодарности, дипломы)",
        P.AWARDS_WRITE: "Внесение наград",
        P.FEEDS: "Подписка на календарь мероприятий (iCalendar)",
    },
    {
        "department": {p: A for p in P},
        "methodologist": {p: A for p in P},
        "school_admin": {
            P.READ: M,
            P.WRITE: A,
            P.PARTICIPATIONS_READ: A,
            P.PARTICIPATIONS_WRITE: A,
            P.AWARDS_READ: A,
            P.AWARDS_WRITE: A,
            P.FEEDS: A,
        },
        "association_leader": {P.READ: M},
        "teacher": {P.READ: M, P.PARTICIPATIONS_READ: A, P.AWARDS_READ: A, P.FEEDS: A},
    },
)
