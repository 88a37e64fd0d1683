"""Access tokens end at once with their session or credentials: logout, a new password, switching off,
refresh-token reuse, a machine client's new secret; and a token missing a required claim is refused."""

from __future__ import annotations

from jose import jwt

from app.core.settings import get_settings
from app.core.tokens import ALGORITHM
from tests.factories import CLIENT_SECRET, make_tenant
from tests.test_auth import TOKEN, _claims, login

ME = "/api/v1/auth/me"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_logout_ends_the_access_token_at_once(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    body = (await login(client, t.users["teacher"].email)).json()
    auth = _bearer(body["access_token"])
    assert (await client.get(ME, headers=auth)).status_code == 200
    out = await client.post("/api/v1/auth/logout", json={"refresh_token": body["refresh_token"]}, headers=auth)
    assert out.status_code == 204
    resp = await client.get(ME, headers=auth)
    assert resp.status_code == 401 and resp.json()["code"] == "invalid_token"
    # another sign-in of the same user (another browser) is not affected
    other = (await login(client, t.users["teacher"].email)).json()
    assert (await client.get(ME, headers=_bearer(other["access_token"]))).status_code == 200


async def test_a_new_password_ends_existing_access_tokens(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    auth = _bearer((await login(client, t.users["teacher"].email)).json()["access_token"])
    resp = await client.patch(
        f"/api/v1/users/{t.users['teacher'].id}",
        json={"password": "another-long-password"},
        headers={**t.headers("department"), "If-Match": "*"},
    )
    assert resp.status_code == 200
    assert (await client.get(ME, headers=auth)).status_code == 401
    fresh = (await login(client, t.users["teacher"].email, "another-long-password")).json()
    assert (await client.get(ME, headers=_bearer(fresh["access_token"]))).status_code == 200


async def test_switching_off_and_on_again_does_not_revive_old_tokens(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    auth = _bearer((await login(client, t.users["teacher"].email)).json()["access_token"])
    url = f"/api/v1/users/{t.users['teacher'].id}"
    h = t.headers("department")
    etag = (await client.get(url, headers=h)).headers["etag"]
    off = await client.patch(url, json={"is_active": False}, headers={**h, "If-Match": etag})
    assert off.status_code == 200, off.text
    assert (
        await client.patch(url, json={"is_active": True}, headers={**h, "If-Match": off.headers["etag"]})
    ).status_code == 200
    assert (await client.get(ME, headers=auth)).status_code == 401


async def test_refresh_token_reuse_ends_the_sessions_access_tokens(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    first = (await login(client, t.users["teacher"].email)).json()
    rotated = (
        await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]})
    ).json()
    assert (await client.get(ME, headers=_bearer(rotated["access_token"]))).status_code == 200
    reuse = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]})
    assert reuse.status_code == 400
    for token in (first["access_token"], rotated["access_token"]):
        assert (await client.get(ME, headers=_bearer(token))).status_code == 401


async def _client_token(client, client_id: str, secret: str = CLIENT_SECRET) -> str:  # type: ignore[no-untyped-def]
    resp = await client.post(
        TOKEN, data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    )
    assert resp.status_code == 200, resp.text
    return resp.json()["access_token"]


async def test_a_new_client_secret_ends_its_access_tokens(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_teachers_read"]
    auth = _bearer(await _client_token(client, c.client_id))
    assert (await client.get("/api/v1/teachers", headers=auth)).status_code == 200
    rotated = await client.post(
        f"/api/v1/clients/{c.id}/rotate-secret", headers={**t.headers("department"), "If-Match": f'"{c.version}"'}
    )
    assert rotated.status_code == 200
    assert (await client.get("/api/v1/teachers", headers=auth)).status_code == 401
    new_auth = _bearer(await _client_token(client, c.client_id, rotated.json()["client_secret"]))
    assert (await client.get("/api/v1/teachers", headers=new_auth)).status_code == 200


async def test_switching_a_client_off_ends_its_tokens_even_after_switching_on(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_teachers_read"]
    auth = _bearer(await _client_token(client, c.client_id))
    url = f"/api/v1/clients/{c.id}"
    h = t.headers("department")
    off = await client.patch(url, json={"is_active": False}, headers={**h, "If-Match": f'"{c.version}"'})
    assert off.status_code == 200, off.text
    assert (await client.get("/api/v1/teachers", headers=auth)).status_code == 401
    assert (
        await client.patch(url, json={"is_active": True}, headers={**h, "If-Match": off.headers["etag"]})
    ).status_code == 200
    assert (await client.get("/api/v1/teachers", headers=auth)).status_code == 401


async def test_a_token_missing_a_required_claim_is_refused(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    kid = get_settings().jwt_active_kid
    key = get_settings().signing_keys()[kid]
    claims = _claims(f"user:{t.users['department'].id}")
    whole = jwt.encode(claims, key, algorithm=ALGORITHM, headers={"kid": kid})
    assert (await client.get(ME, headers=_bearer(whole))).status_code == 200
    for missing in ("exp", "aud", "iss", "sub", "cv"):
        partial = {k: v for k, v in claims.items() if k != missing}
        token = jwt.encode(partial, key, algorithm=ALGORITHM, headers={"kid": kid})
        resp = await client.get(ME, headers=_bearer(token))
        assert resp.status_code == 401, missing
        assert resp.json()["code"] == "invalid_token"


async def test_archiving_a_user_with_the_etag_the_screen_shows(client, session) -> None:  # type: ignore[no-untyped-def]
    """The SPA sends the ETag it read; ending the user's sessions must not make that ETag stale (was 412)."""
    from tests.factories import make_tenant

    t = await make_tenant(session)
    h = t.headers("department")
    target = t.users["methodologist"]
    read = await client.get(f"/api/v1/users/{target.id}", headers=h)
    resp = await client.post(
        f"/api/v1/users/{target.id}/archive",
        json={"reason": "Уволилась"},
        headers={**h, "If-Match": read.headers["etag"]},
    )
    assert resp.status_code == 200, resp.text
    stale = await client.post(
        f"/api/v1/users/{t.users['teacher'].id}/archive",
        json={"reason": "Уволилась"},
        headers={**h, "If-Match": '"999"'},
    )
    assert stale.status_code == 412
