"""Builders of test data: a tenant with an organization, a teacher and users of every role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import ApiClient, RoleAssignment, User
from app.core.passwords import hash_password_sync, sha256_hex
from app.core.tokens import issue_access_token
from app.organizations.models import Organization
from app.teachers import rules
from app.teachers.models import Employment, Teacher, TeacherCategory, TeacherExternalId, TeacherSubject
from app.tenants.models import Municipality, Region

PASSWORD = "correct-horse-battery"
PASSWORD_HASH = hash_password_sync(PASSWORD)  # hashed once: argon2 costs ~160 ms
CLIENT_SECRET = "client-secret-for-tests-0123456789"

ROLES = ["sysadmin", "department", "methodologist", "school_admin", "association_leader", "teacher"]
CLIENTS = ["client_teachers_read", "client_teachers_write", "client_kpi"]
PRINCIPALS = ["anonymous", *ROLES, *CLIENTS]


def _u() -> str:
    return uuid.uuid4().hex[:8]


@dataclass
class Tenant:
    region: Region
    municipality: Municipality
    org: Organization
    org2: Organization
    teacher: Teacher
    teacher2: Teacher
    users: dict[str, User] = field(default_factory=dict)
    clients: dict[str, ApiClient] = field(default_factory=dict)

    def headers(self, who: str) -> dict[str, str]:
        if who == "anonymous":
            return {}
        if who in self.clients:
            c = self.clients[who]
            token, _ = issue_access_token(f"client:{c.id}", scope=" ".join(c.scopes))
        else:
            token, _ = issue_access_token(f"user:{self.users[who].id}")
        return {"Authorization": f"Bearer {token}"}


async def make_teacher(session: AsyncSession, muni: Municipality, org: Organization, **kw) -> Teacher:  # type: ignore[no-untyped-def]
    t = Teacher(
        municipality_id=muni.id,
        last_name=kw.pop("last_name", "Иванова"),
        first_name=kw.pop("first_name", "Мария"),
        middle_name=kw.pop("middle_name", "Петровна"),
        birth_date=kw.pop("birth_date", date(1980, 5, 17)),
        teaching_since=kw.pop("teaching_since", date(2003, 9, 1)),
        **kw,
    )
    t.employments = [
        Employment(
            municipality_id=muni.id,
            organization_id=org.id,
            position_code="teacher",
            kind="main",
            rate=Decimal("1"),
            start_date=date(2010, 9, 1),
        )
    ]
    t.subjects = [TeacherSubject(municipality_id=muni.id, subject_code="mathematics")]
    granted = date(2021, 3, 1)
    t.categories = [
        TeacherCategory(
            municipality_id=muni.id,
            category_code="first",
            granted_on=granted,
            expires_on=rules.category_expiry("first", granted),
        )
    ]
    t.external_ids = [TeacherExternalId(municipality_id=muni.id, system="hr:test", external_id=_u())]
    session.add(t)
    await session.flush()
    return t


async def make_tenant(session: AsyncSession, with_passwords: bool = False) -> Tenant:
    region = Region(code=_u()[:6], name=f"Регион {_u()}")
    session.add(region)
    await session.flush()
    muni = Municipality(region_id=region.id, name=f"Город {_u()}")
    session.add(muni)
    await session.flush()
    org = Organization(municipality_id=muni.id, type_code="sosh", name=f"Школа {_u()}", short_name=f"СОШ {_u()}")
    org2 = Organization(
        municipality_id=muni.id, type_code="gymnasium", name=f"Гимназия {_u()}", short_name=f"Гимназия {_u()}"
    )
    session.add_all([org, org2])
    await session.flush()
    teacher = await make_teacher(session, muni, org)
    teacher2 = await make_teacher(session, muni, org2, last_name="Петров", first_name="Пётр", middle_name="Петрович")
    t = Tenant(region, muni, org, org2, teacher, teacher2)
    scopes = {
        "sysadmin": {"role": "sysadmin"},
        "department": {"role": "department", "municipality_id": muni.id},
        "methodologist": {"role": "methodologist", "municipality_id": muni.id},
        "school_admin": {"role": "school_admin", "municipality_id": muni.id, "organization_id": org.id},
        "association_leader": {"role": "association_leader", "municipality_id": muni.id},
        "teacher": {"role": "teacher", "municipality_id": muni.id, "teacher_id": teacher.id},
    }
    for role, ra in scopes.items():
        u = User(
            email=f"{role}.{_u()}@test.mms",
            full_name=f"Тест {role}",
            municipality_id=muni.id,
            password_hash=PASSWORD_HASH if with_passwords else None,
            roles=[RoleAssignment(**ra)],
        )
        session.add(u)
        t.users[role] = u
    for name, scopes_ in (
        ("client_teachers_read", ["teachers:read"]),
        ("client_teachers_write", ["teachers:write"]),
        ("client_kpi", ["kpi:read"]),
    ):
        c = ApiClient(
            municipality_id=muni.id,
            name=f"Клиент {name}",
            client_id=f"mms_{_u()}{_u()}",
            secret_hash=sha256_hex(CLIENT_SECRET),
            scopes=scopes_,
        )
        session.add(c)
        t.clients[name] = c
    await session.flush()
    return t
