"""Password hashing with argon2id (pwdlib), always off the event loop: one hash costs ~160 ms of CPU."""

from __future__ import annotations

import hashlib
import secrets

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from starlette.concurrency import run_in_threadpool

_hasher = PasswordHash((Argon2Hasher(),))
# Verified against when the account does not exist, so timing does not reveal which logins exist.
_DUMMY_HASH = _hasher.hash("dummy-password-for-timing")


def hash_password_sync(password: str) -> str:
    return _hasher.hash(password)


async def hash_password(password: str) -> str:
    return await run_in_threadpool(_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    return await run_in_threadpool(_hasher.verify, password, password_hash or _DUMMY_HASH)


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def sha256_hex(value: str) -> str:
    """For high-entropy secrets (refresh tokens, client secrets): a fast hash is enough and safe."""
    return hashlib.sha256(value.encode()).hexdigest()
