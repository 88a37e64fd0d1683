"""Permissions are `resource:action` strings; roles map to permission sets here and only here.

Each grant also says how far it reaches from the role assignment's scope:
- ASSIGNED: exactly the scope of the assignment (the organization of a school admin, the teacher's own record);
- MUNICIPALITY: the whole municipality the assignment belongs to (e.g. a school admin reads the list of
  organizations of their city, which holds no personal data).
"""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    REGIONS_READ = "regions:read"
    REGIONS_WRITE = "regions:write"
    MUNICIPALITIES_READ = "municipalities:read"
    MUNICIPALITIES_WRITE = "municipalities:write"
    ORGANIZATIONS_READ = "organizations:read"
    ORGANIZATIONS_WRITE = "organizations:write"
    ORGANIZATIONS_MANAGE = "organizations:manage"  # open and close (archive) organizations: a municipal act
    TEACHERS_READ = "teachers:read"
    TEACHERS_WRITE = "teachers:write"
    TEACHERS_IMPORT = "teachers:import"
    USERS_READ = "users:read"
    USERS_WRITE = "users:write"
    CLIENTS_READ = "clients:read"
    CLIENTS_WRITE = "clients:write"
    AUDIT_READ = "audit:read"
    REFERENCE_READ = "reference:read"
    KPI_READ = "kpi:read"
    JOBS_READ = "jobs:read"  # one's own background jobs (progress and result)
    JOBS_READ_ANY = "jobs:read_any"  # every job of the municipality (the education department)
    FILES_READ = "files:read"
    FILES_WRITE = "files:write"


class Reach(StrEnum):
    ASSIGNED = "assigned"
    MUNICIPALITY = "municipality"


A, M = Reach.ASSIGNED, Reach.MUNICIPALITY

ROLE_PERMISSIONS: dict[str, dict[Perm, Reach]] = {
    "sysadmin": dict.fromkeys(Perm, A),
    "department": {
        Perm.REGIONS_READ: A,
        Perm.MUNICIPALITIES_READ: A,
        Perm.MUNICIPALITIES_WRITE: A,
        Perm.ORGANIZATIONS_READ: A,
        Perm.ORGANIZATIONS_WRITE: A,
        Perm.ORGANIZATIONS_MANAGE: A,
        Perm.TEACHERS_READ: A,
        Perm.TEACHERS_WRITE: A,
        Perm.TEACHERS_IMPORT: A,
        Perm.USERS_READ: A,
        Perm.USERS_WRITE: A,
        Perm.CLIENTS_READ: A,
        Perm.CLIENTS_WRITE: A,
        Perm.AUDIT_READ: A,
        Perm.REFERENCE_READ: A,
        Perm.KPI_READ: A,
        Perm.JOBS_READ: A,
        Perm.JOBS_READ_ANY: A,
        Perm.FILES_READ: A,
        Perm.FILES_WRITE: A,
    },
    "methodologist": {
        Perm.REGIONS_READ: A,
        Perm.MUNICIPALITIES_READ: A,
        Perm.ORGANIZATIONS_READ: A,
        Perm.ORGANIZATIONS_WRITE: A,
        Perm.ORGANIZATIONS_MANAGE: A,
        Perm.TEACHERS_READ: A,
        Perm.TEACHERS_WRITE: A,
        Perm.TEACHERS_IMPORT: A,
        Perm.REFERENCE_READ: A,
        Perm.KPI_READ: A,
        Perm.JOBS_READ: A,
        Perm.FILES_READ: A,
        Perm.FILES_WRITE: A,
    },
    "school_admin": {
        Perm.REGIONS_READ: M,
        Perm.MUNICIPALITIES_READ: M,
        Perm.ORGANIZATIONS_READ: M,
        Perm.ORGANIZATIONS_WRITE: A,
        Perm.TEACHERS_READ: A,
        Perm.TEACHERS_WRITE: A,
        Perm.TEACHERS_IMPORT: A,
        Perm.REFERENCE_READ: A,
        Perm.KPI_READ: A,
        Perm.JOBS_READ: A,
        Perm.FILES_READ: A,
        Perm.FILES_WRITE: A,
    },
    "association_leader": {
        Perm.REGIONS_READ: M,
        Perm.MUNICIPALITIES_READ: M,
        Perm.ORGANIZATIONS_READ: M,
        Perm.REFERENCE_READ: A,
    },
    "teacher": {
        Perm.REGIONS_READ: M,
        Perm.MUNICIPALITIES_READ: M,
        Perm.ORGANIZATIONS_READ: M,
        Perm.TEACHERS_READ: A,
        Perm.REFERENCE_READ: A,
    },
}

# Scopes a machine client may be granted (client-credentials grant), and the permissions each one carries.
CLIENT_SCOPES: dict[str, set[Perm]] = {
    "kpi:read": {Perm.KPI_READ, Perm.REFERENCE_READ},
    # A large export runs as a job: the client polls it and downloads the result file.
    "teachers:read": {
        Perm.TEACHERS_READ,
        Perm.ORGANIZATIONS_READ,
        Perm.REFERENCE_READ,
        Perm.JOBS_READ,
        Perm.FILES_READ,
    },
    "teachers:write": {
        Perm.TEACHERS_READ,
        Perm.TEACHERS_WRITE,
        Perm.TEACHERS_IMPORT,
        Perm.ORGANIZATIONS_READ,
        Perm.REFERENCE_READ,
        Perm.JOBS_READ,
        Perm.FILES_READ,
    },
    "organizations:read": {Perm.ORGANIZATIONS_READ, Perm.REFERENCE_READ},
}

ROLE_TITLES_RU = {
    "sysadmin": "Администратор системы",
    "department": "Управление образования",
    "methodologist": "Методист",
    "school_admin": "Администратор школы",
    "association_leader": "Руководитель методобъединения",
    "teacher": "Педагог",
}

PERM_TITLES_RU: dict[str, str] = {
    Perm.REGIONS_READ: "Чтение регионов",
    Perm.REGIONS_WRITE: "Изменение регионов",
    Perm.MUNICIPALITIES_READ: "Чтение муниципалитетов",
    Perm.MUNICIPALITIES_WRITE: "Изменение муниципалитетов и их настроек",
    Perm.ORGANIZATIONS_READ: "Чтение организаций",
    Perm.ORGANIZATIONS_WRITE: "Изменение организаций",
    Perm.ORGANIZATIONS_MANAGE: "Открытие и архивирование организаций",
    Perm.TEACHERS_READ: "Чтение педагогов",
    Perm.TEACHERS_WRITE: "Изменение педагогов",
    Perm.TEACHERS_IMPORT: "Импорт педагогов",
    Perm.USERS_READ: "Чтение пользователей",
    Perm.USERS_WRITE: "Управление пользователями и ролями",
    Perm.CLIENTS_READ: "Чтение интеграций",
    Perm.CLIENTS_WRITE: "Управление интеграциями",
    Perm.AUDIT_READ: "Чтение журнала аудита",
    Perm.REFERENCE_READ: "Чтение справочников",
    Perm.KPI_READ: "Чтение показателей (KPI)",
    Perm.JOBS_READ: "Просмотр своих фоновых задач",
    Perm.JOBS_READ_ANY: "Просмотр всех фоновых задач муниципалитета",
    Perm.FILES_READ: "Чтение файлов",
    Perm.FILES_WRITE: "Загрузка и архивирование файлов",
}
