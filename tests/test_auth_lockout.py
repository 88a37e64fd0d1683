"""Sign-in throttling: wrong passwords or secrets sent from elsewhere never lock the right one out; guessing is
throttled per (account, address) and per address, and slowed down for the account across addresses."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from httpx import ASGITransport, AsyncClient

from app.core.settings import get_settings
from tests.factories import CLIENT_SECRET, make_tenant
from tests.test_auth import TOKEN, login


@pytest.fixture
async def attacker(app, client) -> AsyncIterator[AsyncClient]:  # type: ignore[no-untyped-def]
    """Requests from another address, on the same test database session as `client`."""
    transport = ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture(autouse=True)
def _fast_slowdown(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "login_slowdown_max_seconds", 0.05)


async def test_wrong_passwords_from_elsewhere_do_not_lock_the_user_out(client, attacker, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    email = t.users["teacher"].email
    limit = get_settings().login_max_failures_per_account_and_address
    for _ in range(limit):
        assert (await login(attacker, email, "guess-guess")).status_code == 400
    blocked = await login(attacker, email, "guess-again")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "Слишком много неудачных попыток" in blocked.json()["detail"]
    assert (await login(attacker, email)).status_code == 429  # the pair stays locked even with the right password
    ok = await login(client, email)  # the user, from their own address
    assert ok.status_code == 200, ok.text


async def test_wrong_secrets_from_elsewhere_do_not_lock_out_an_integration(client, attacker, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_teachers_read"]
    limit = get_settings().login_max_failures_per_account_and_address
    wrong = {"grant_type": "client_credentials", "client_id": c.client_id, "client_secret": "wrong-secret"}
    for _ in range(limit):
        assert (await attacker.post(TOKEN, data=wrong)).status_code == 401
    assert (await attacker.post(TOKEN, data=wrong)).status_code == 429
    right = {**wrong, "client_secret": CLIENT_SECRET}
    resp = await client.post(TOKEN, data=right)
    assert resp.status_code == 200, resp.text


async def test_guessing_one_account_from_many_addresses_is_slowed_down(app, client, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    email = t.users["teacher"].email
    threshold = get_settings().login_slowdown_after_failures_per_account
    for i in range(threshold):
        transport = ASGITransport(app=app, client=(f"198.51.100.{i + 1}", 40000))
        async with AsyncClient(transport=transport, base_url="http://test") as c:
            assert (await login(c, email, "guess-guess")).status_code == 400
    monkeypatch.setattr(get_settings(), "login_slowdown_max_seconds", 0.6)
    started = time.monotonic()
    resp = await login(client, email)
    assert time.monotonic() - started >= 0.45  # waited (0.5 s at the threshold) …
    assert resp.status_code == 200  # … but was not locked out
