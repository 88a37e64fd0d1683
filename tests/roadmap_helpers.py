"""Builders of the roadmap tests: a municipality shaped like Zeya (the education department «ООА», the
methodological centre «МКУ «ЦОМОО»», the main specialist Лысенко С.Н. with an account, the senior methodologist
Белоглазова А.С. as a teacher with a teacher account) and a programme with the Zeya roadmap imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token
from app.organizations.models import Organization
from tests.factories import Tenant, make_teacher, make_tenant

FIXTURES = Path(__file__).parent / "fixtures" / "roadmap"
PROGRAMMES = "/api/v1/programmes"
ACTIVITIES = "/api/v1/roadmap-activities"
OCCURRENCES = "/api/v1/roadmap-occurrences"


@dataclass
class Zeya:
    t: Tenant
    ooa: Organization
    comoo: Organization
    lysenko: User
    beloglazova: Any  # Teacher
    beloglazova_user: User

    def headers(self, who: str) -> dict[str, str]:
        if who == "lysenko":
            user = self.lysenko
        elif who == "beloglazova":
            user = self.beloglazova_user
        else:
            return self.t.headers(who)
        return {"Authorization": f"Bearer {issue_access_token(f'user:{user.id}')[0]}"}


async def make_zeya(session) -> Zeya:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    ooa = Organization(
        municipality_id=t.municipality.id,
        type_code="education_authority",
        name="Отдел образования администрации города Зеи",
        short_name="ООА г. Зеи",
    )
    comoo = Organization(
        municipality_id=t.municipality.id,
        type_code="methodological_center",
        name="Муниципальное казённое учреждение «Центр обеспечения методического обслуживания»",
        short_name="МКУ «ЦОМОО»",
    )
    session.add_all([ooa, comoo])
    await session.flush()
    lysenko = User(
        email=f"lysenko.{t.municipality.id.hex[:8]}@test.mms",
        full_name="Лысенко Светлана Николаевна",
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(role="department", municipality_id=t.municipality.id)],
    )
    beloglazova = await make_teacher(
        session, t.municipality, comoo, last_name="Белоглазова", first_name="Анна", middle_name="Сергеевна"
    )
    bu = User(
        email=f"beloglazova.{t.municipality.id.hex[:8]}@test.mms",
        full_name="Белоглазова Анна Сергеевна",
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(role="teacher", municipality_id=t.municipality.id, teacher_id=beloglazova.id)],
    )
    session.add_all([lysenko, bu])
    await session.flush()
    return Zeya(t, ooa, comoo, lysenko, beloglazova, bu)


PROGRAMME = {
    "title": "Программа поддержки школьных, муниципальных методических объединений",
    "period_start": "2020-08-01",
    "period_end": "2022-12-31",
    "status": "running",
    "basis_text": "Приказ ООА от 17.08.2020 № 265-од",
    "stages": [
        {"title": "Организационный", "starts_on": "2020-08-01", "ends_on": "2020-12-31"},
        {"title": "Основной", "starts_on": "2021-01-01", "ends_on": "2022-06-30"},
        {"title": "Заключительный", "starts_on": "2022-06-01", "ends_on": "2022-12-31"},
    ],
}


async def create_programme(client, z: Zeya, **kw) -> dict:  # type: ignore[no-untyped-def]
    body = {**PROGRAMME, "municipality_id": str(z.t.municipality.id), **kw}
    r = await client.post(PROGRAMMES, json=body, headers=z.headers("department"))
    assert r.status_code == 201, r.text
    return r.json()


async def import_file(client, z: Zeya, programme_id: str, name: str = "zeya_roadmap.xlsx", dry_run: bool = False):  # type: ignore[no-untyped-def]
    content = (FIXTURES / name).read_bytes()
    return await client.post(
        f"{PROGRAMMES}/{programme_id}/import",
        files={"file": (name, content, "application/octet-stream")},
        data={"dry_run": "true" if dry_run else "false"},
        headers=z.headers("department"),
    )


async def activity(client, z: Zeya, programme_id: str, number: str, who: str = "department") -> dict:  # type: ignore[no-untyped-def]
    r = await client.get(ACTIVITIES, params={"programme_id": programme_id, "limit": 200}, headers=z.headers(who))
    assert r.status_code == 200, r.text
    [item] = [a for a in r.json()["items"] if a["number"] == number]
    full = await client.get(f"{ACTIVITIES}/{item['id']}", headers=z.headers(who))
    assert full.status_code == 200, full.text
    return full.json()
