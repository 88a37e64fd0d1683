"""Permissions of stored files (documents, materials, job results) inside the owner's municipality or school."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class FilePerm(StrEnum):
    READ = "files:read"
    WRITE = "files:write"


A = Reach.ASSIGNED
P = FilePerm
declare(
    {P.READ: "Чтение файлов", P.WRITE: "Загрузка и архивирование файлов"},
    {
        "department": {P.READ: A, P.WRITE: A},
        "methodologist": {P.READ: A, P.WRITE: A},
        "school_admin": {P.READ: A, P.WRITE: A},
    },
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ]},
)
