"""Sign-in, tokens and throttling, through the real token endpoint."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

from jose import jwt

from app.core.settings import get_settings
from app.core.tokens import ALGORITHM, AUDIENCE, ISSUER
from tests.factories import CLIENT_SECRET, PASSWORD, make_tenant

TOKEN = "/api/v1/auth/token"


async def login(client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return await client.post(TOKEN, data={"grant_type": "password", "username": email, "password": password})


def _b64(d: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()


async def test_password_login_gives_working_tokens(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    resp = await login(client, t.users["department"].email.upper())  # logins are case-insensitive
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60 and body["refresh_token"]
    header = jwt.get_unverified_header(body["access_token"])
    assert header["kid"] == get_settings().jwt_active_kid and header["alg"] == "HS256"
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["roles"][0]["role"] == "department"
    assert "teachers:read" in me.json()["permissions"]


async def test_wrong_password_is_a_russian_problem(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    resp = await login(client, t.users["teacher"].email, "wrong-password")
    assert resp.status_code == 400
    assert resp.headers["content-type"].startswith("application/json")  # RFC 6749 §5.2, with the problem fields
    assert resp.json()["error"] == "invalid_grant" and resp.json()["code"] == "invalid_grant"
    assert resp.json()["detail"] == "Неверный логин или пароль"


async def test_repeated_failures_answer_429_with_retry_after(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    email = t.users["teacher"].email
    for _ in range(get_settings().login_max_failures_per_account_and_address):
        assert (await login(client, email, "nope-nope")).status_code == 400
    resp = await login(client, email)  # even the right password is refused while throttled
    assert resp.status_code == 429
    assert int(resp.headers["Retry-After"]) > 0
    assert resp.json()["code"] == "too_many_requests"
    other = await login(client, t.users["department"].email)  # another account is not affected
    assert other.status_code == 200


async def test_refresh_rotates_and_reuse_revokes_the_chain(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    first = (await login(client, t.users["teacher"].email)).json()["refresh_token"]
    r1 = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": first})
    assert r1.status_code == 200
    second = r1.json()["refresh_token"]
    assert second != first
    # the old token is replayed: refused, and the whole chain is revoked
    reuse = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": first})
    assert reuse.status_code == 400 and reuse.json()["code"] == "token_reused"
    after = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": second})
    assert after.status_code == 400


async def test_logout_revokes_refresh_token(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    body = (await login(client, t.users["teacher"].email)).json()
    auth = {"Authorization": f"Bearer {body['access_token']}"}
    assert (
        await client.post("/api/v1/auth/logout", json={"refresh_token": body["refresh_token"]}, headers=auth)
    ).status_code == 204
    again = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]})
    assert again.status_code == 400


def _claims(sub: str, **over) -> dict:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    c = {
        "sub": sub,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "typ": "access",
        "jti": "x",
        "cv": 0,
    }
    c.update(over)
    return c


async def test_expired_token_is_401(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    key = get_settings().signing_keys()[get_settings().jwt_active_kid]
    past = int((datetime.now(UTC) - timedelta(minutes=1)).timestamp())
    token = jwt.encode(
        _claims(f"user:{t.users['department'].id}", exp=past),
        key,
        algorithm=ALGORITHM,
        headers={"kid": get_settings().jwt_active_kid},
    )
    resp = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 401 and resp.json()["code"] == "invalid_token"
    assert resp.headers["www-authenticate"].startswith("Bearer")


async def test_wrong_signature_unknown_kid_and_alg_none_are_rejected(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    sub = f"user:{t.users['sysadmin'].id}"
    kid = get_settings().jwt_active_kid
    forged = jwt.encode(_claims(sub), "not-the-key", algorithm=ALGORITHM, headers={"kid": kid})
    unknown_kid = jwt.encode(
        _claims(sub), get_settings().signing_keys()[kid], algorithm=ALGORITHM, headers={"kid": "other"}
    )
    none_token = f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': kid})}.{_b64(_claims(sub))}."
    hs512 = jwt.encode(_claims(sub), get_settings().signing_keys()[kid], algorithm="HS512", headers={"kid": kid})
    refresh_as_access = jwt.encode(
        _claims(sub, typ="refresh"), get_settings().signing_keys()[kid], algorithm=ALGORITHM, headers={"kid": kid}
    )
    for token in (forged, unknown_kid, none_token, hs512, refresh_as_access, "garbage"):
        resp = await client.get("/api/v1/users", headers={"Authorization": f"Bearer {token}"})
        assert resp.status_code == 401, token


async def test_rotated_key_still_verifies_old_tokens(client, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    old_key = get_settings().signing_keys()[get_settings().jwt_active_kid]
    token = jwt.encode(_claims(f"user:{t.users['department'].id}"), old_key, algorithm=ALGORITHM, headers={"kid": "k0"})
    monkeypatch.setattr(get_settings(), "jwt_keys", json.dumps({"k0": old_key}))
    resp = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200


async def test_client_credentials_scopes(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_teachers_read"]
    resp = await client.post(
        TOKEN, data={"grant_type": "client_credentials", "client_id": c.client_id, "client_secret": CLIENT_SECRET}
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["scope"] == "teachers:read" and "refresh_token" not in {k for k, v in resp.json().items() if v}
    auth = {"Authorization": f"Bearer {resp.json()['access_token']}"}
    listing = await client.get("/api/v1/teachers", headers=auth)
    assert listing.status_code == 200 and listing.json()["total"] == 2
    write = await client.patch(f"/api/v1/teachers/{t.teacher.id}", json={"phone": "123456"}, headers=auth)
    assert write.status_code == 403
    # asking for a scope the client was not given
    bad = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": c.client_id,
            "client_secret": CLIENT_SECRET,
            "scope": "teachers:write",
        },
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_scope"
    wrong = await client.post(
        TOKEN, data={"grant_type": "client_credentials", "client_id": c.client_id, "client_secret": "wrong"}
    )
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_client"
    # HTTP Basic authentication of the client works too
    basic = base64.b64encode(f"{c.client_id}:{CLIENT_SECRET}".encode()).decode()
    ok = await client.post(
        TOKEN, data={"grant_type": "client_credentials"}, headers={"Authorization": f"Basic {basic}"}
    )
    assert ok.status_code == 200


async def test_archived_client_cannot_get_tokens(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_kpi"]
    resp = await client.post(
        f"/api/v1/clients/{c.id}/archive",
        json={"reason": "отключён"},
        headers={**t.headers("department"), "If-Match": "*"},
    )
    assert resp.status_code == 200
    token = await client.post(
        TOKEN, data={"grant_type": "client_credentials", "client_id": c.client_id, "client_secret": CLIENT_SECRET}
    )
    assert token.status_code == 401


async def test_created_client_secret_is_shown_once_and_works(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    resp = await client.post(
        "/api/v1/clients",
        json={"municipality_id": str(t.municipality.id), "name": "Электронная школа", "scopes": ["kpi:read"]},
        headers=t.headers("department"),
    )
    assert resp.status_code == 201
    created = resp.json()
    assert created["client_secret"]
    again = await client.get(f"/api/v1/clients/{created['id']}", headers=t.headers("department"))
    assert "client_secret" not in again.json()
    token = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
        },
    )
    assert token.status_code == 200 and token.json()["scope"] == "kpi:read"


async def test_deactivated_user_token_stops_working(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    headers = t.headers("teacher")
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    resp = await client.patch(
        f"/api/v1/users/{t.users['teacher'].id}",
        json={"is_active": False},
        headers={**t.headers("department"), "If-Match": "*"},
    )
    assert resp.status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401


async def test_failures_from_one_address_are_throttled_across_accounts(client, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    monkeypatch.setattr(get_settings(), "login_max_failures_per_address", 3)
    for role in ("teacher", "department", "methodologist"):
        assert (await login(client, t.users[role].email, "wrong-password")).status_code == 400
    resp = await login(client, t.users["school_admin"].email)
    assert resp.status_code == 429 and "Retry-After" in resp.headers


async def test_regional_role_sees_every_municipality_of_its_region(client, session) -> None:  # type: ignore[no-untyped-def]
    from app.auth.models import RoleAssignment, User
    from app.tenants.models import Municipality
    from tests.factories import make_teacher

    a = await make_tenant(session)
    b = await make_tenant(session)
    # a second municipality in region A with its own teacher
    muni2 = Municipality(region_id=a.region.id, name="Второй город")
    session.add(muni2)
    await session.flush()
    from app.organizations.models import Organization

    org2 = Organization(municipality_id=muni2.id, type_code="sosh", name="Школа 2", short_name="Ш2")
    session.add(org2)
    await session.flush()
    t2 = await make_teacher(session, muni2, org2, last_name="Региональная")
    user = User(
        email="regional@test.mms",
        full_name="Региональный методист",
        roles=[RoleAssignment(role="methodologist", region_id=a.region.id)],
    )
    session.add(user)
    await session.flush()
    from app.core.tokens import issue_access_token

    token, _ = issue_access_token(f"user:{user.id}")
    h = {"Authorization": f"Bearer {token}"}
    listing = (await client.get("/api/v1/teachers", params={"limit": 200}, headers=h)).json()
    munis = {i["municipality_id"] for i in listing["items"]}
    assert munis == {str(a.municipality.id), str(muni2.id)}
    assert (await client.get(f"/api/v1/teachers/{t2.id}", headers=h)).status_code == 200
    assert (await client.get(f"/api/v1/teachers/{b.teacher.id}", headers=h)).status_code == 404


async def test_successful_login_clears_the_accounts_failures(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    email = t.users["teacher"].email
    limit = get_settings().login_max_failures_per_account_and_address
    for _ in range(limit - 1):
        await login(client, email, "wrong-password")
    assert (await login(client, email)).status_code == 200
    for _ in range(limit - 1):
        await login(client, email, "wrong-password")
    assert (await login(client, email)).status_code == 200  # not throttled: the counter started again


async def test_new_password_ends_the_users_open_sessions(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    refresh = (await login(client, t.users["teacher"].email)).json()["refresh_token"]
    resp = await client.patch(
        f"/api/v1/users/{t.users['teacher'].id}",
        json={"password": "another-long-password"},
        headers={**t.headers("department"), "If-Match": "*"},
    )
    assert resp.status_code == 200, resp.text
    assert (await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": refresh})).status_code == 400
    assert (await login(client, t.users["teacher"].email)).status_code == 400
    assert (await login(client, t.users["teacher"].email, "another-long-password")).status_code == 200


async def test_an_administrator_cannot_switch_off_their_own_account(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    me = t.users["department"]
    resp = await client.patch(
        f"/api/v1/users/{me.id}", json={"is_active": False}, headers={**t.headers("department"), "If-Match": "*"}
    )
    assert resp.status_code == 409
    assert resp.json()["code"] == "self_deactivate"
    assert (await client.get("/api/v1/auth/me", headers=t.headers("department"))).status_code == 200


async def test_saving_the_same_roles_keeps_them_and_writes_no_role_change(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    target = t.users["methodologist"]
    url = f"/api/v1/users/{target.id}"
    read = await client.get(url, headers=t.headers("department"))
    before = read.json()
    roles = [
        {k: r[k] for k in ("role", "region_id", "municipality_id", "organization_id", "teacher_id")}
        for r in before["roles"]
    ]
    resp = await client.patch(
        url,
        json={"full_name": "Методист Переименованный", "roles": roles},
        headers={**t.headers("department"), "If-Match": read.headers["etag"]},
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["roles"] == before["roles"]
    events = (
        await client.get(
            "/api/v1/audit-events",
            params={"entity_type": "user", "entity_id": str(target.id), "action": "update"},
            headers=t.headers("department"),
        )
    ).json()["items"]
    assert events and set(events[0]["changes"]) == {"full_name"}


async def test_me_says_how_far_each_permission_reaches(client, session) -> None:  # type: ignore[no-untyped-def]
    """The SPA picks its screens from this, never from role names."""
    from tests.factories import make_tenant

    t = await make_tenant(session)
    expected = {
        "sysadmin": ("all", []),
        "department": ("municipality", []),
        "school_admin": ("organization", [str(t.org.id)]),
        "teacher": ("own", []),
    }
    for who, (reach, organizations) in expected.items():
        me = (await client.get("/api/v1/auth/me", headers=t.headers(who))).json()
        assert me["reach"]["teachers:read"] == reach, (who, me["reach"])
        assert me["organization_ids"] == organizations, who
    teacher = (await client.get("/api/v1/auth/me", headers=t.headers("teacher"))).json()
    assert teacher["reach"]["organizations:read"] == "municipality" and "teachers:write" not in teacher["reach"]
