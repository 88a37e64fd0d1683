"""Serving approved KPI values: a table made only of snapshot rows is kept for a few seconds per caller and query
(the same bytes and ETag, 304 on If-None-Match), cleared at once when a new snapshot is approved; a table with live
rows is never kept; the token's principal is remembered only on that route, never on the others."""

from __future__ import annotations

import time
from typing import Any

from app.core.access import principal_cache
from app.core.cache import TtlCache
from app.kpi import service
from tests.factories import make_tenant
from tests.test_kpi_snapshots import API, _create, _match, _ok, _second_department, _speaker, _values


async def _approve(client: Any, t: Any, approver: dict[str, str]) -> dict[str, Any]:
    draft = await _create(client, t)
    sent = _ok(
        await client.post(
            f"{API}/kpi/snapshots/{draft['id']}/submit", headers={**t.headers("methodologist"), **_match(draft)}
        )
    )
    return _ok(await client.post(f"{API}/kpi/snapshots/{sent['id']}/approve", headers={**approver, **_match(sent)}))


async def test_approved_table_is_kept_and_cleared_on_approval(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await _speaker(client, t, t.teacher.id)
    live = await _values(client, t)
    assert {r["source"] for r in live.json()["rows"]} == {"live"}
    assert len(service.VALUES_CACHE) == 0 or all(k[1] != t.users["department"].id for k in service.VALUES_CACHE._items)

    await _approve(client, t, t.headers("department"))
    first = await _values(client, t, who="methodologist")
    assert {r["source"] for r in first.json()["rows"]} == {"snapshot"}
    kept = [k for k in service.VALUES_CACHE._items if k[1] == t.users["methodologist"].id]
    assert len(kept) == 1
    again = await _values(client, t, who="methodologist")
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"].startswith("application/json")
    not_modified = await client.get(
        f"{API}/kpi/values",
        params={"indicators": "K-4.2.1", "period": "2025/2026", "municipality_id": str(t.municipality.id)},
        headers={**t.headers("methodologist"), "If-None-Match": first.headers["etag"]},
    )
    assert not_modified.status_code == 304

    # a second speaker, then a new snapshot approved by another department member: served at once, not the kept one
    await _speaker(client, t, t.teacher2.id, title="Второй семинар")
    await _approve(client, t, await _second_department(session, t))
    after = await _values(client, t, who="methodologist")
    assert after.headers["etag"] != first.headers["etag"]
    [before_row], [after_row] = first.json()["rows"], after.json()["rows"]
    assert (before_row["numerator"], after_row["numerator"]) == (1, 2) and after_row["source"] == "snapshot"


async def test_principal_is_remembered_only_on_the_opted_in_route(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    principal_cache.clear()
    assert (await _values(client, t)).status_code == 200
    assert len(principal_cache) == 1
    assert (await client.get(f"{API}/auth/me", headers=t.headers("department"))).status_code == 200
    assert len(principal_cache) == 1  # /me resolved the token itself


def test_ttl_cache_expires_and_stays_bounded() -> None:
    cache: TtlCache[int] = TtlCache(60, maxsize=2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert cache.get("a") is None and cache.get("c") == 3  # the oldest went first
    cache.put("d", 4, ttl_seconds=0.01)
    time.sleep(0.05)
    assert cache.get("d") is None
    cache.clear()
    assert len(cache) == 0
