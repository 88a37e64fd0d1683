"""The only module that touches python-jose: sign and verify access tokens (HS256, `kid` for rotation).

Decoding always passes an explicit algorithm list, so `alg: none` or an algorithm switch is rejected, and requires
`exp`, `aud`, `iss` and `sub`. A token carries `cv` (the subject's credentials version) and, for a person, `sid`
(the sign-in session, i.e. the refresh-token family); `app/auth/principal.py` checks both on every request.
Swapping the JWT library means changing this file only.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from jose import JWTError, jwt

from app.core.settings import get_settings

ALGORITHM = "HS256"
ALLOWED_ALGORITHMS = [ALGORITHM]
ISSUER = "mms"
AUDIENCE = "mms-api"


class InvalidToken(Exception):
    pass


REQUIRED_CLAIMS = ("exp", "aud", "iss", "sub")


def issue_access_token(
    subject: str,
    *,
    scope: str | None = None,
    session_id: uuid.UUID | None = None,
    credentials_version: int = 0,
    extra: dict[str, Any] | None = None,
) -> tuple[str, int]:
    settings = get_settings()
    now = datetime.now(UTC)
    ttl = settings.access_token_minutes * 60
    claims: dict[str, Any] = {
        "sub": subject,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "cv": credentials_version,
    }
    if session_id is not None:
        claims["sid"] = str(session_id)
    if scope is not None:
        claims["scope"] = scope
    if extra:
        claims.update(extra)
    kid = settings.jwt_active_kid
    key = settings.signing_keys()[kid]
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers={"kid": kid}), ttl


def decode_access_token(token: str) -> dict[str, Any]:
    settings = get_settings()
    try:
        header = jwt.get_unverified_header(token)
    except JWTError as e:
        raise InvalidToken("malformed") from e
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise InvalidToken("algorithm")
    key = settings.signing_keys().get(str(header.get("kid")))
    if key is None:
        raise InvalidToken("unknown key")
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=ALLOWED_ALGORITHMS,
            audience=AUDIENCE,
            issuer=ISSUER,
            options={f"require_{c}": True for c in REQUIRED_CLAIMS},
        )
    except JWTError as e:
        raise InvalidToken(str(e)) from e
    if claims.get("typ") != "access":
        raise InvalidToken("type")
    if any(claims.get(c) in (None, "") for c in REQUIRED_CLAIMS):
        raise InvalidToken("missing claim")
    return claims
