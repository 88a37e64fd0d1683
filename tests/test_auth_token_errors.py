"""The token endpoint answers errors the OAuth 2.0 way (RFC 6749 §5.2), in Russian, and documents them."""

from __future__ import annotations

from tests.factories import CLIENT_SECRET, make_tenant
from tests.test_auth import TOKEN, login


def _oauth(resp, status: int, error: str) -> dict:  # type: ignore[no-untyped-def]
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.headers["cache-control"] == "no-store"
    body = resp.json()
    assert body["error"] == error
    assert body["error_description"] and any("а" <= ch <= "я" for ch in body["error_description"].lower())
    assert "access_token" not in body
    return body


async def test_wrong_password_is_invalid_grant_with_the_russian_message(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session, with_passwords=True)
    body = _oauth(await login(client, t.users["teacher"].email, "wrong-password"), 400, "invalid_grant")
    assert body["error_description"] == "Неверный логин или пароль"
    # the problem fields the SPA reads are still there
    assert body["status"] == 400 and body["code"] == "invalid_grant" and body["detail"] == "Неверный логин или пароль"


async def test_unknown_grant_type_is_unsupported_grant_type(client) -> None:  # type: ignore[no-untyped-def]
    _oauth(
        await client.post(TOKEN, data={"grant_type": "authorization_code", "code": "x"}), 400, "unsupported_grant_type"
    )


async def test_missing_parameters_are_invalid_request(client) -> None:  # type: ignore[no-untyped-def]
    _oauth(await client.post(TOKEN, data={}), 400, "invalid_request")
    _oauth(await client.post(TOKEN, data={"grant_type": "password", "username": "a@b.ru"}), 400, "invalid_request")
    _oauth(await client.post(TOKEN, data={"grant_type": "refresh_token"}), 400, "invalid_request")
    _oauth(
        await client.post(TOKEN, data={"grant_type": "password", "username": "x" * 300, "password": "p"}),
        400,
        "invalid_request",
    )


async def test_bad_refresh_token_is_invalid_grant(client) -> None:  # type: ignore[no-untyped-def]
    _oauth(
        await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": "not-a-real-token-123"}),
        400,
        "invalid_grant",
    )


async def test_bad_client_is_401_invalid_client_with_www_authenticate(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_kpi"]
    for data in (
        {"grant_type": "client_credentials", "client_id": c.client_id, "client_secret": "wrong"},
        {"grant_type": "client_credentials"},
    ):
        resp = await client.post(TOKEN, data=data)
        _oauth(resp, 401, "invalid_client")
        assert resp.headers["www-authenticate"].startswith("Basic")


async def test_bad_scope_is_invalid_scope(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    c = t.clients["client_kpi"]
    data = {
        "grant_type": "client_credentials",
        "client_id": c.client_id,
        "client_secret": CLIENT_SECRET,
        "scope": "teachers:write",
    }
    _oauth(await client.post(TOKEN, data=data), 400, "invalid_scope")


def test_openapi_documents_the_token_errors(app) -> None:  # type: ignore[no-untyped-def]
    op = app.openapi()["paths"]["/api/v1/auth/token"]["post"]
    responses = op["responses"]
    assert "422" not in responses
    for status in ("400", "401", "429"):
        schema = responses[status]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/OAuthError")
    assert "unsupported_grant_type" in responses["400"]["description"]
    assert "WWW-Authenticate" in responses["401"]["headers"]
    error_schema = app.openapi()["components"]["schemas"]["OAuthError"]
    assert {"error", "error_description"} <= set(error_schema["required"])
