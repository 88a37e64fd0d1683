"""Permissions of documents (положения, программы, планы-графики, мониторинги, справки, приказы) and of the set of
document types each municipality requires, and the roles that hold them.

Least privilege: the municipality (department, methodologist) keeps and reads every document of its municipality
and its schools; a school administrator keeps their school's documents and reads the municipality's approved
ones; a teacher reads the approved documents of their school and of their municipality (never drafts). The
checklist (which required documents exist) is for those who keep documents; the required set is the
municipality's, and a school reads it (what is asked of it).
"""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class DocumentPerm(StrEnum):
    READ = "documents:read"
    WRITE = "documents:write"
    CHECKLIST = "documents:checklist"
    REQUIREMENTS_READ = "document_requirements:read"
    REQUIREMENTS_WRITE = "document_requirements:write"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY
P = DocumentPerm
declare(
    {
        P.READ: "Чтение документов (положения, планы, программы, справки)",
        P.WRITE: "Ведение и утверждение документов",
        P.CHECKLIST: "Контроль наличия обязательных документов",
        P.REQUIREMENTS_READ: "Чтение перечня обязательных документов",
        P.REQUIREMENTS_WRITE: "Настройка перечня обязательных документов",
    },
    {
        "department": {p: A for p in P},
        "methodologist": {p: A for p in P},
        "school_admin": {P.READ: A, P.WRITE: A, P.CHECKLIST: A, P.REQUIREMENTS_READ: M},
        "teacher": {P.READ: A},
    },
)
