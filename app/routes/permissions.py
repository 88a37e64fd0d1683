"""Permissions of individual routes (ИОМ). A route is read by its teacher (own), the school administrator (the
school's teachers), the methodologist (the municipality); the methodologist and the school administrator draft,
edit and approve routes (never their own); the teacher marks their actions done with evidence (an editor may too);
the department sees aggregated counts only (per status, per organization — no names)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class RoutesPerm(StrEnum):
    READ = "routes:read"
    WRITE = "routes:write"
    APPROVE = "routes:approve"
    COMPLETE = "routes:complete"
    SUMMARY = "routes:summary"


A = Reach.ASSIGNED
P = RoutesPerm
declare(
    {
        P.READ: "Чтение индивидуальных образовательных маршрутов",
        P.WRITE: "Составление и изменение индивидуальных образовательных маршрутов",
        P.APPROVE: "Утверждение и завершение индивидуальных образовательных маршрутов",
        P.COMPLETE: "Отметка о выполнении действий маршрута с подтверждением",
        P.SUMMARY: "Сводные цифры по индивидуальным образовательным маршрутам (без имён)",
    },
    {
        "department": {P.SUMMARY: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.APPROVE: A, P.COMPLETE: A, P.SUMMARY: A},
        "school_admin": {P.READ: A, P.WRITE: A, P.APPROVE: A, P.COMPLETE: A, P.SUMMARY: A},
        "teacher": {P.READ: A, P.COMPLETE: A},
    },
)
