"""The only module that touches python-jose: sign and verify access tokens (HS256, `kid` for rotation).

Decoding always passes an explicit algorithm list, so `alg: none` or an algorithm switch is rejected.
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


def issue_access_token(
    subject: str, *, scope: str | None = None, extra: dict[str, Any] | None = None
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
    }
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
        claims = jwt.decode(token, key, algorithms=ALLOWED_ALGORITHMS, audience=AUDIENCE, issuer=ISSUER)
    except JWTError as e:
        raise InvalidToken(str(e)) from e
    if claims.get("typ") != "access":
        raise InvalidToken("type")
    return claims
