"""Two editors save the same teacher with the same If-Match at once: one wins, the other gets 412."""

from __future__ import annotations

import asyncio

from app.core.db import Database
from tests.factories import make_tenant


async def test_two_updates_with_same_if_match(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:  # committed data in its own tenant, so other tests are unaffected
        t = await make_tenant(s)
        await s.commit()
    url = f"/api/v1/teachers/{t.teacher.id}"
    h = t.headers("department")
    etag = (await raw_client.get(url, headers=h)).headers["etag"]
    results = await asyncio.gather(
        raw_client.patch(url, json={"last_name": "Первая"}, headers={**h, "If-Match": etag}),
        raw_client.patch(url, json={"last_name": "Вторая"}, headers={**h, "If-Match": etag}),
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 412], [r.text for r in results]
    winner = next(r for r in results if r.status_code == 200).json()["last_name"]
    final = (await raw_client.get(url, headers=h)).json()
    assert final["last_name"] == winner and final["version"] == 2


async def test_signing_in_twice_at_once_and_an_open_form_stay_valid(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    """Two tabs (or two browser-test workers) sign the same person in at once: both succeed (was 412 for one), and a
    sign-in does not make an administrator's open form of that user stale."""
    from tests.factories import PASSWORD

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        t = await make_tenant(s, with_passwords=True)
        await s.commit()
    target = t.users["methodologist"]
    admin = t.headers("department")
    etag = (await raw_client.get(f"/api/v1/users/{target.id}", headers=admin)).headers["etag"]
    form = {"grant_type": "password", "username": target.email, "password": PASSWORD}
    results = await asyncio.gather(*(raw_client.post("/api/v1/auth/token", data=form) for _ in range(4)))
    assert [r.status_code for r in results] == [200] * 4, [r.text for r in results]
    saved = await raw_client.patch(
        f"/api/v1/users/{target.id}", json={"full_name": "Орлова Елена"}, headers={**admin, "If-Match": etag}
    )
    assert saved.status_code == 200, saved.text
