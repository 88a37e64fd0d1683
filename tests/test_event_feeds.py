"""iCalendar feeds: issued to an authenticated caller with a URL shown once (an opaque key, no personal data), read
without a token, listing the right events; a revoked key or a creator who lost access answers 404."""

from __future__ import annotations

from datetime import date, time, timedelta

from icalendar import Calendar

from app.events.models import Event, Participation
from tests.factories import make_tenant

API = "/api/v1"


async def _events(session, t, other):  # type: ignore[no-untyped-def]
    today = date.today()
    mine = Event(
        municipality_id=t.municipality.id,
        type="pds_session",
        level="municipal",
        format="online",
        title="Организация методической работы в школе",
        start_date=today - timedelta(days=5),
        start_time=time(15, 0),
        end_time=time(16, 30),
        url="https://example.org/webinar",
        content="Виртуальный методический кабинет",
    )
    public = Event(
        municipality_id=t.municipality.id,
        type="contest",
        level="municipal",
        title="Педагогический дебют",
        start_date=today + timedelta(days=10),
        end_date=today + timedelta(days=12),
    )
    archived = Event(
        municipality_id=t.municipality.id, type="seminar", level="school", title="Ошибочная запись", start_date=today
    )
    foreign = Event(
        municipality_id=other.municipality.id, type="seminar", level="municipal", title="Чужой", start_date=today
    )
    session.add_all([mine, public, archived, foreign])
    await session.flush()
    archived.archived_at = archived.created_at
    archived.archive_reason = "ошибка"
    session.add(
        Participation(municipality_id=t.municipality.id, event_id=mine.id, teacher_id=t.teacher.id, role="speaker")
    )
    await session.flush()
    return mine, public


def _path(url: str) -> str:
    return url[url.index("/api/v1/") :]


async def test_teacher_feed_lists_the_teachers_events(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    mine, _ = await _events(session, t, other)
    r = await client.post(f"{API}/calendar-feeds", json={"kind": "teacher"}, headers=t.headers("teacher"))
    assert r.status_code == 201, r.text
    feed = r.json()
    assert feed["teacher_id"] == str(t.teacher.id) and feed["title"] == "Мои методические мероприятия"
    url = feed["url"]
    assert url.startswith("http://test/api/v1/calendar-feeds/") and url.endswith(".ics")
    assert str(t.teacher.id) not in url and "Иванова" not in url and str(t.municipality.id) not in url
    ics = await client.get(_path(url))  # no token: calendar apps cannot send one
    assert ics.status_code == 200, ics.text
    assert ics.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(ics.content)
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Организация методической работы в школе"]
    ev = events[0]
    assert ev["uid"] == f"{mine.id}@mms"
    assert ev.decoded("dtstart").time() == time(15, 0) and ev.decoded("dtend").time() == time(16, 30)
    assert "Роль: выступающий" in str(ev["description"]) and str(ev["url"]) == "https://example.org/webinar"
    listed = await client.get(f"{API}/calendar-feeds", headers=t.headers("teacher"))
    assert [f["id"] for f in listed.json()["items"]] == [feed["id"]] and "url" not in listed.json()["items"][0]


async def test_municipality_feed_and_revocation(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    await _events(session, t, other)
    h = t.headers("methodologist")
    feed = (await client.post(f"{API}/calendar-feeds", json={"kind": "municipality"}, headers=h)).json()
    cal = Calendar.from_ical((await client.get(_path(feed["url"]))).content)
    summaries = sorted(str(e["summary"]) for e in cal.walk("VEVENT"))
    assert summaries == ["Организация методической работы в школе", "Педагогический дебют"]
    contest = next(e for e in cal.walk("VEVENT") if str(e["summary"]) == "Педагогический дебют")
    assert contest.decoded("dtend") - contest.decoded("dtstart") == timedelta(days=3)  # whole days, end exclusive
    # somebody else cannot revoke it; its creator can, and the URL stops working at once
    r = await client.post(f"{API}/calendar-feeds/{feed['id']}/revoke", headers=t.headers("department"))
    assert r.status_code == 404
    r = await client.post(f"{API}/calendar-feeds/{feed['id']}/revoke", headers=h)
    assert r.status_code == 200 and r.json()["revoked_at"] and r.json()["actions"] == []
    assert (await client.get(_path(feed["url"]))).status_code == 404
    assert (await client.post(f"{API}/calendar-feeds/{feed['id']}/revoke", headers=h)).status_code == 409
    assert (await client.get(f"{API}/calendar-feeds/not-a-real-key-0123456789.ics")).status_code == 404


async def test_feed_ends_with_its_creators_access(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    await _events(session, t, other)
    admin = t.headers("school_admin")
    assert (
        await client.post(
            f"{API}/calendar-feeds", json={"kind": "teacher", "teacher_id": str(t.teacher2.id)}, headers=admin
        )
    ).status_code == 404
    feed = (
        await client.post(
            f"{API}/calendar-feeds", json={"kind": "teacher", "teacher_id": str(t.teacher.id)}, headers=admin
        )
    ).json()
    assert feed["title"] == "Мероприятия: Иванова Мария Петровна"
    assert (await client.get(_path(feed["url"]))).status_code == 200
    t.users["school_admin"].is_active = False
    await session.flush()
    assert (await client.get(_path(feed["url"]))).status_code == 404
    r = await client.post(
        f"{API}/calendar-feeds",
        json={"kind": "municipality", "municipality_id": str(other.municipality.id)},
        headers=t.headers("department"),
    )
    assert r.status_code == 404
