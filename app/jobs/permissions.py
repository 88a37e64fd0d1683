"""Permissions of background jobs: one's own jobs, and (the education department) every job of the municipality."""

from __future__ import annotations

from enum import StrEnum

from app.core.access import Reach, declare


class JobPerm(StrEnum):
    READ = "jobs:read"  # one's own background jobs (progress and result)
    READ_ANY = "jobs:read_any"  # every job of the municipality


A = Reach.ASSIGNED
P = JobPerm
declare(
    {P.READ: "Просмотр своих фоновых задач", P.READ_ANY: "Просмотр всех фоновых задач муниципалитета"},
    {
        "department": {P.READ: A, P.READ_ANY: A},
        "methodologist": {P.READ: A},
        "school_admin": {P.READ: A},
    },
    # A large export runs as a job: an integration polls it and downloads the result file.
    client_scopes={"teachers:read": [P.READ], "teachers:write": [P.READ]},
)
