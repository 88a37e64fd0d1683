"""Shared helpers of the diagnostics tests: a hand-made instrument whose scores are computed by hand in the tests,
a teacher's account, and a campaign open today."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from app.auth.models import RoleAssignment, User
from app.core.tokens import issue_access_token

API = "/api/v1"


def opts(*keys: str) -> list[dict[str, str]]:
    return [{"key": k, "text": f"Вариант {k}"} for k in keys]


# subject: single 2 + multiple 2 + scale 0..4 = 8; methodical: single 3 + scale 0..1 = 4;
# digital: multiple 3 (three correct of four) + scale 0..3 = 6; a needs section without an area (text, not scored).
SECTIONS: list[dict[str, Any]] = [
    {
        "area_code": "subject",
        "title": "Предметная",
        "items": [
            {
                "code": "s1",
                "type": "single",
                "text": "Вопрос 1",
                "options": opts("a", "b", "c"),
                "correct": "b",
                "points": 2,
            },
            {
                "code": "s2",
                "type": "multiple",
                "text": "Вопрос 2",
                "options": opts("a", "b", "c", "d"),
                "correct": ["a", "c"],
                "points": 2,
            },
            {"code": "s3", "type": "scale", "text": "Самооценка", "scale_max": 4},
        ],
    },
    {
        "area_code": "methodical",
        "title": "Методическая",
        "items": [
            {"code": "m1", "type": "single", "text": "Вопрос", "options": opts("a", "b"), "correct": "a", "points": 3},
            {"code": "m2", "type": "scale", "text": "Самооценка", "scale_max": 1},
        ],
    },
    {
        "area_code": "digital",
        "title": "Цифровая",
        "items": [
            {
                "code": "d1",
                "type": "multiple",
                "text": "Вопрос",
                "options": opts("a", "b", "c", "d"),
                "correct": ["a", "b", "c"],
                "points": 3,
            },
            {"code": "d2", "type": "scale", "text": "Самооценка", "scale_max": 3},
        ],
    },
    {"title": "Потребности", "items": [{"code": "n1", "type": "text", "text": "Что вам нужно?"}]},
]


def v(resp: Any) -> dict[str, str]:
    return {"If-Match": resp.headers["etag"]}


async def published_instrument(client: Any, t: Any, sections: list[dict[str, Any]] | None = None, **kw: Any) -> dict:
    body = {"title": "Тестовая диагностика", "sections": sections or SECTIONS, **kw}
    r = await client.post(f"{API}/instruments", json=body, headers=t.headers("methodologist"))
    assert r.status_code == 201, r.text
    r = await client.post(f"{API}/instruments/{r.json()['id']}/publish", headers={**t.headers("methodologist"), **v(r)})
    assert r.status_code == 200, r.text
    return r.json()


async def open_campaign(client: Any, t: Any, instrument_id: str, target: dict | None = None, **kw: Any) -> dict:
    today = date.today()
    body = {
        "instrument_id": instrument_id,
        "title": "Мониторинг дефицитов",
        "opens_on": str(kw.pop("opens_on", today - timedelta(days=1))),
        "closes_on": str(kw.pop("closes_on", today + timedelta(days=20))),
        "target": target if target is not None else {"organization_ids": [str(t.org.id)]},
        **kw,
    }
    r = await client.post(f"{API}/campaigns", json=body, headers=t.headers("methodologist"))
    assert r.status_code == 201, r.text
    return r.json()


async def teacher_headers(session: Any, t: Any, teacher: Any, role: str = "teacher") -> dict[str, str]:
    """A teacher account for `teacher` (the tenant's own teacher already has one)."""
    u = User(
        email=f"t.{uuid.uuid4().hex[:8]}@test.mms",
        full_name="Тест Педагог",
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(role=role, municipality_id=t.municipality.id, teacher_id=teacher.id)],
    )
    session.add(u)
    await session.flush()
    token, _ = issue_access_token(f"user:{u.id}")
    return {"Authorization": f"Bearer {token}"}


async def my_assignment(client: Any, headers: dict[str, str], campaign_id: str) -> dict:
    r = await client.get(f"{API}/assignments", params={"campaign_id": campaign_id}, headers=headers)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert len(items) == 1, items
    return items[0]
