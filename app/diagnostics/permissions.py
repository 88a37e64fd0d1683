"""Permissions of the diagnostics module. Everyone in a municipality reads the frameworks, the published
instruments and the campaigns; the department and the methodologist write instruments and campaigns of their
municipality; a teacher answers their own assignments; individual results (assignments' status, deficit
profiles) are read by the teacher (own), the school administrator (the school's teachers) and the methodologist
(the municipality) — the department reads aggregated figures only (completion per organization, topics)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class DiagnosticsPerm(StrEnum):
    READ = "diagnostics:read"
    WRITE = "diagnostics:write"
    ANSWER = "diagnostics:answer"
    RESULTS = "diagnostics:results"
    MONITOR = "diagnostics:monitor"
    REMIND = "diagnostics:remind"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = DiagnosticsPerm
declare(
    {
        P.READ: "Чтение рамок компетенций, опубликованных инструментов диагностики и мониторингов",
        P.WRITE: "Инструменты диагностики и мониторинги муниципалитета: создание и изменение",
        P.ANSWER: "Прохождение своей диагностики",
        P.RESULTS: "Индивидуальные результаты диагностики (профили дефицитов, кто не завершил)",
        P.MONITOR: "Ход мониторинга по организациям и итоги опроса о темах (сводные цифры)",
        P.REMIND: "Напоминания педагогам, не завершившим диагностику",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.MONITOR: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.RESULTS: A, P.MONITOR: A, P.REMIND: A},
        "school_admin": {P.READ: M, P.RESULTS: A, P.MONITOR: A, P.REMIND: A},
        "association_leader": {P.READ: M},
        "teacher": {P.READ: M, P.ANSWER: A, P.RESULTS: A},
    },
)
