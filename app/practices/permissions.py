"""Permissions of the practice bank. Everyone in a municipality reads its published practices; drafts and practices
in review are read by their authors, their school, the methodologists and the reviewers assigned to them (that is
a rule of the module on top of the scope). Authors (for their own practices), their school administrator and the
methodologist write; the expert permission (`practices:review`) is held by methodologists and association leaders;
the methodologist assigns reviewers, publishes, returns and keeps the review criteria (`practices:publish`)."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class PracticePerm(StrEnum):
    READ = "practices:read"
    WRITE = "practices:write"
    REVIEW = "practices:review"
    PUBLISH = "practices:publish"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = PracticePerm
declare(
    {
        P.READ: "Чтение банка практик",
        P.WRITE: "Описание практик (авторы, школа, методист)",
        P.REVIEW: "Экспертиза практик (эксперт)",
        P.PUBLISH: "Назначение экспертов, публикация и возврат практик, критерии экспертизы",
    },
    {
        "department": {P.READ: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.REVIEW: A, P.PUBLISH: A},
        "school_admin": {P.READ: M, P.WRITE: A},
        "association_leader": {P.READ: M, P.REVIEW: M},
        "teacher": {P.READ: M, P.WRITE: A},
    },
)
