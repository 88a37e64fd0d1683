"""Notifications: each person reads only their own, newest first; unread filter and count; marking one or all
read; someone else's answers 404."""

from __future__ import annotations

from app.notifications.service import notify
from tests.factories import make_tenant

API = "/api/v1/notifications"


async def test_own_notifications_read_and_read_all(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    me, colleague = t.users["methodologist"], t.users["department"]
    made = await notify(
        session,
        [me.id, colleague.id, me.id],
        municipality_id=t.municipality.id,
        kind="test",
        title="Первое",
        link="/help-requests/1",
        exclude=colleague.id,
    )
    assert made == 1  # each person once; the excluded actor gets none
    await notify(session, [me.id], municipality_id=t.municipality.id, kind="test", title="Второе", body="Текст")
    h = t.headers("methodologist")
    listed = (await client.get(API, headers=h)).json()
    assert [n["title"] for n in listed["items"]] == ["Второе", "Первое"] and listed["total"] == 2
    assert (await client.get(f"{API}/unread-count", headers=h)).json() == {"unread": 2}
    first = listed["items"][1]
    read = await client.post(f"{API}/{first['id']}/read", headers=h)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert (await client.get(f"{API}/unread-count", headers=h)).json() == {"unread": 1}
    unread = (await client.get(API, params={"unread": True}, headers=h)).json()
    assert [n["title"] for n in unread["items"]] == ["Второе"]
    # another person cannot read or mark it
    other = t.headers("department")
    assert (await client.get(API, headers=other)).json()["total"] == 0
    assert (await client.post(f"{API}/{first['id']}/read", headers=other)).status_code == 404
    assert (await client.post(f"{API}/read-all", headers=h)).json() == {"unread": 0}
    assert (await client.get(f"{API}/unread-count", headers=h)).json() == {"unread": 0}


async def test_machine_clients_have_no_notifications(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    assert (await client.get(API, headers=t.headers("client_kpi"))).status_code == 403
    assert (await client.get(f"{API}/unread-count", headers=t.headers("anonymous"))).status_code == 401
