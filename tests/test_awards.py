"""Awards: to a teacher or an organization (with a person outside the registry), for an event or a series; seen by
the municipality, the school concerned and the teacher awarded; written with If-Match."""

from __future__ import annotations

from datetime import date

from app.events.models import Event, EventSeries
from tests.factories import make_tenant

API = "/api/v1"


async def test_awards_to_teachers_and_organizations(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    series = EventSeries(municipality_id=t.municipality.id, title="ПДС", academic_year=2021)
    event = Event(
        municipality_id=t.municipality.id,
        type="contest",
        level="municipal",
        title="Учитель года",
        start_date=date(2022, 2, 1),
    )
    foreign = Event(
        municipality_id=other.municipality.id,
        type="seminar",
        level="municipal",
        title="Чужой",
        start_date=date(2022, 2, 1),
    )
    session.add_all([series, event, foreign])
    await session.flush()
    h = t.headers("department")
    to_head = await client.post(
        f"{API}/awards",
        json={
            "kind": "letter_of_thanks",
            "organization_id": str(t.org2.id),
            "recipient_name": "Волкова С.И., директор",
            "series_id": str(series.id),
            "awarded_on": "2022-05-30",
            "order_number": "517-рз/IV",
            "order_date": "2022-05-30",
        },
        headers=h,
    )
    assert to_head.status_code == 201, to_head.text
    assert to_head.json()["series_title"] == "ПДС" and to_head.json()["organization_name"] == t.org2.short_name
    to_teacher = await client.post(
        f"{API}/awards",
        json={
            "kind": "diploma",
            "teacher_id": str(t.teacher.id),
            "event_id": str(event.id),
            "awarded_on": "2022-02-20",
        },
        headers=t.headers("methodologist"),
    )
    assert to_teacher.status_code == 201, to_teacher.text
    assert (
        to_teacher.json()["teacher_name"] == "Иванова Мария Петровна"
        and to_teacher.json()["event_title"] == "Учитель года"
    )
    bad = await client.post(
        f"{API}/awards",
        json={
            "kind": "diploma",
            "teacher_id": str(t.teacher.id),
            "event_id": str(foreign.id),
            "awarded_on": "2022-02-20",
        },
        headers=h,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.event_id"
    both = await client.post(
        f"{API}/awards",
        json={
            "kind": "diploma",
            "teacher_id": str(t.teacher.id),
            "event_id": str(event.id),
            "series_id": str(series.id),
            "awarded_on": "2022-02-20",
        },
        headers=h,
    )
    assert both.status_code == 422
    # who sees what
    for who, expected in (("department", 2), ("school_admin", 1), ("teacher", 1)):
        r = await client.get(f"{API}/awards", headers=t.headers(who))
        assert r.status_code == 200 and r.json()["total"] == expected, (who, r.text)
    assert (await client.get(f"{API}/awards", headers=t.headers("teacher"))).json()["items"][0]["actions"] == []
    by_period = await client.get(f"{API}/awards", params={"period": "2021/2022", "kind": ["diploma"]}, headers=h)
    assert [a["kind"] for a in by_period.json()["items"]] == ["diploma"]
    # writes with If-Match
    url = f"{API}/awards/{to_head.json()['id']}"
    assert (await client.patch(url, json={"text": "За практику"}, headers=h)).status_code == 428
    ok = await client.patch(url, json={"text": "За практику"}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert (await client.patch(url, json={"text": "x"}, headers={**h, "If-Match": '"1"'})).status_code == 412
    assert (
        await client.patch(url, json={"text": "x"}, headers={**t.headers("school_admin"), "If-Match": "*"})
    ).status_code == 404
    done = await client.post(f"{url}/archive", json={"reason": "Внесено дважды"}, headers={**h, "If-Match": '"2"'})
    assert done.status_code == 200 and done.json()["archived_at"]
