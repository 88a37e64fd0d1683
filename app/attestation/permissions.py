"""Permissions of attestation records: applications are kept by the municipality and by a school for its own
teachers; recording a decision (which writes the teacher's category history) is a right of its own; a teacher reads
their own applications."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class AttestationPerm(StrEnum):
    READ = "attestations:read"
    WRITE = "attestations:write"
    DECIDE = "attestations:decide"


A = Reach.ASSIGNED
P = AttestationPerm
declare(
    {
        P.READ: "Чтение заявлений на аттестацию и плана-графика",
        P.WRITE: "Ведение заявлений на аттестацию",
        P.DECIDE: "Внесение решений по аттестации (запись категории педагогу)",
    },
    {
        "department": {P.READ: A, P.WRITE: A, P.DECIDE: A},
        "methodologist": {P.READ: A, P.WRITE: A, P.DECIDE: A},
        "school_admin": {P.READ: A, P.WRITE: A, P.DECIDE: A},
        "teacher": {P.READ: A},
    },
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ, P.WRITE, P.DECIDE]},
)
