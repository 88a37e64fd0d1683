"""The demo data of events: Kostroma's standing seminar exactly as order 517-рз/IV lists its sessions, the six
letters of thanks, synthetic participation; Zeya's contests and city associations' seminars."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core.tokens import issue_access_token
from app.demo.seed import seed_demo
from app.events.demo import KOSTROMA_HEADS, KOSTROMA_SESSIONS

API = "/api/v1"


async def _headers(session, email: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    user = (await session.scalars(select(User).where(User.email == email))).one()
    token, _ = issue_access_token(f"user:{user.id}")
    return {"Authorization": f"Bearer {token}"}


async def test_demo_events(client, session) -> None:  # type: ignore[no-untyped-def]
    assert await seed_demo(session, force=True)
    h = await _headers(session, "methodologist@kostroma.demo.mms")
    series = (await client.get(f"{API}/event-series", params={"academic_year": "2021/2022"}, headers=h)).json()
    assert series["total"] == 1
    card = (await client.get(f"{API}/event-series/{series['items'][0]['id']}", headers=h)).json()
    assert card["order_number"] == "178-рз/IV" and card["organizer_organization_name"] == "МБУ ГЦОКО"
    sessions = card["sessions"]
    assert [(s["start_date"], s["title"]) for s in sessions] == [
        (day.isoformat(), topic) for day, topic, *_ in KOSTROMA_SESSIONS
    ]
    assert all(s["participant_count"] > 10 for s in sessions)
    first = (await client.get(f"{API}/events/{sessions[0]['id']}", headers=h)).json()
    assert first["responsible_organizations"][0]["note"] == "Управленческая команда школы № 29"
    assert first["responsible_organizations"][0]["organization_name"] == "СОШ № 29"
    assert first["responsible_people"][0]["name"] == "О.Б. Бучина"
    assert first["content"].startswith("Нормативно-правовое регулирование деятельности ШМС")
    speakers = (
        await client.get(
            f"{API}/participations", params={"series_id": card["id"], "role": "speaker", "limit": 200}, headers=h
        )
    ).json()
    assert speakers["total"] == 18 and any(p["intends_to_apply"] for p in speakers["items"])
    awards = (await client.get(f"{API}/awards", params={"series_id": card["id"]}, headers=h)).json()
    assert sorted(a["recipient_name"] for a in awards["items"]) == sorted(name for _, name in KOSTROMA_HEADS)
    assert {a["order_number"] for a in awards["items"]} == {"517-рз/IV"}

    zeya = await _headers(session, "department@zeya.demo.mms")
    contests = (await client.get(f"{API}/events", params={"type": "contest", "limit": 50}, headers=zeya)).json()
    titles = " ".join(e["title"] for e in contests["items"])
    assert "«Учитель года Амурской области»" in titles and "«Педагогический дебют»" in titles
    seminars = (await client.get(f"{API}/events", params={"q": "ГМО", "limit": 50}, headers=zeya)).json()
    assert seminars["total"] >= 10
    winners = (await client.get(f"{API}/participations", params={"result": "winner"}, headers=zeya)).json()
    assert winners["total"] >= 6
    # the school-recorded regional conference is visible to Kostroma's department
    dept = await _headers(session, "department@kostroma.demo.mms")
    recorded = (await client.get(f"{API}/events", params={"owner": "school"}, headers=dept)).json()
    assert [e["level"] for e in recorded["items"]] == ["regional"]
