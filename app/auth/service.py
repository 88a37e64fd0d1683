"""Sign-in: password and client-credentials grants, refresh-token rotation with reuse detection, throttling."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.models import ApiClient, LoginFailure, RefreshToken, User
from app.auth.oauth import InvalidClient, InvalidGrant, InvalidScope
from app.auth.principal import Principal
from app.auth.schemas import TokenResponse
from app.core.audit_trail import record
from app.core.errors import AppError, TooManyRequests
from app.core.passwords import new_secret, sha256_hex, verify_password
from app.core.settings import get_settings
from app.core.tokens import issue_access_token


def _keys(account: str, address: str | None) -> dict[str, str]:
    """Hashed throttling keys: the account alone, the (account, address) pair, and the address alone."""
    account = account.lower()
    keys = {"account": sha256_hex(f"account:{account}")}
    if address:
        keys["pair"] = sha256_hex(f"pair:{account}|{address}")
        keys["address"] = sha256_hex(f"address:{address}")
    return keys


async def _failures(session: AsyncSession, key: str, since: datetime) -> tuple[int, datetime | None]:
    count, oldest = (
        await session.execute(
            select(func.count(), func.min(LoginFailure.at)).where(
                LoginFailure.key_hash == key, LoginFailure.at >= since
            )
        )
    ).one()
    return count, oldest


async def check_throttle(session: AsyncSession, account: str, address: str | None) -> None:
    """429 for a guessing (account, address) pair or address; a slow-down, never a lockout, for the account alone.

    So wrong passwords (or client secrets) sent from elsewhere cannot lock the right one out, while guessing one
    account from many addresses still costs seconds per attempt.
    """
    s = get_settings()
    window = timedelta(seconds=s.login_failure_window_seconds)
    now = datetime.now(UTC)
    keys = _keys(account, address)
    limits = (
        ("pair", s.login_max_failures_per_account_and_address),
        ("address", s.login_max_failures_per_address),
    )
    for kind, limit in limits:
        if kind not in keys:
            continue
        count, oldest = await _failures(session, keys[kind], now - window)
        if count >= limit and oldest is not None:
            retry = max(1, int((oldest + window - now).total_seconds()))
            raise TooManyRequests(
                f"Слишком много неудачных попыток входа. Повторите через {max(1, retry // 60)} мин.",
                headers={"Retry-After": str(retry)},
            )
    count, _ = await _failures(session, keys["account"], now - window)
    over = count - s.login_slowdown_after_failures_per_account
    if over >= 0:
        delay = min(s.login_slowdown_max_seconds, 0.5 * 2 ** min(over, 16))
        await session.commit()  # nothing is written yet: give the connection back to the pool while waiting
        await asyncio.sleep(delay)


async def _fail(session: AsyncSession, account: str, address: str | None, err: AppError) -> AppError:
    """Failed attempts are kept even though the request fails: commit them before raising."""
    for key in _keys(account, address).values():
        session.add(LoginFailure(key_hash=key))
    await session.commit()
    return err


async def _clear(session: AsyncSession, account: str, address: str | None) -> None:
    """A success clears the account's and the pair's failures (not the address's: another account's success must
    not reset a guessing attack from that address); rows older than a day of any key are purged on the way."""
    keys = _keys(account, address)
    await session.execute(
        delete(LoginFailure).where(
            or_(
                LoginFailure.key_hash.in_([keys["account"], *([keys["pair"]] if "pair" in keys else [])]),
                LoginFailure.at < datetime.now(UTC) - timedelta(days=1),
            )
        )
    )


async def _issue_refresh(session: AsyncSession, user_id: uuid.UUID, family_id: uuid.UUID) -> str:
    token = new_secret(32)
    session.add(
        RefreshToken(
            user_id=user_id,
            family_id=family_id,
            token_hash=sha256_hex(token),
            expires_at=datetime.now(UTC) + timedelta(days=get_settings().refresh_token_days),
        )
    )
    await session.flush()
    return token


async def password_grant(session: AsyncSession, login: str, password: str, address: str | None) -> TokenResponse:
    login = login.strip().lower()
    await check_throttle(session, login, address)
    user = await session.scalar(select(User).where(User.email == login))
    ok = await verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active or user.archived_at is not None:
        raise await _fail(session, login, address, InvalidGrant("Неверный логин или пароль"))
    # Not an edit of the account: no version bump (an administrator's open form stays current, and two sign-ins at
    # once do not conflict), no change of updated_at.
    await session.execute(
        update(User)
        .where(User.id == user.id)
        .values(last_login_at=datetime.now(UTC), updated_at=User.updated_at)
        .execution_options(synchronize_session=False)
    )
    await _clear(session, login, address)
    family_id = uuid.uuid4()
    access, ttl = issue_access_token(
        f"user:{user.id}", session_id=family_id, credentials_version=user.credentials_version
    )
    refresh = await _issue_refresh(session, user.id, family_id)
    await record(
        session,
        Principal(kind="user", id=user.id, name=user.full_name, ip=address),
        "login",
        "user",
        user.id,
        user.municipality_id,
    )
    return TokenResponse(access_token=access, expires_in=ttl, refresh_token=refresh)


async def refresh_grant(session: AsyncSession, refresh_token: str) -> TokenResponse:
    now = datetime.now(UTC)
    row = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(refresh_token)).with_for_update()
    )
    if row is None:
        raise InvalidGrant("Сессия недействительна, войдите снова")
    if row.used_at is not None or row.revoked_at is not None:
        # Reuse of a rotated token means it leaked: revoke the whole chain.
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == row.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await session.commit()
        raise InvalidGrant("Сессия отозвана, войдите снова", code="token_reused" if row.used_at else "invalid_grant")
    if row.expires_at < now:
        raise InvalidGrant("Сессия истекла, войдите снова")
    user = await session.get(User, row.user_id)
    if user is None or not user.is_active or user.archived_at is not None:
        raise InvalidGrant("Учётная запись отключена")
    row.used_at = now
    access, ttl = issue_access_token(
        f"user:{user.id}", session_id=row.family_id, credentials_version=user.credentials_version
    )
    new_refresh = await _issue_refresh(session, user.id, row.family_id)
    return TokenResponse(access_token=access, expires_in=ttl, refresh_token=new_refresh)


async def client_credentials_grant(
    session: AsyncSession, client_id: str, client_secret: str, scope: str | None, address: str | None
) -> TokenResponse:
    await check_throttle(session, f"client:{client_id}", address)
    client = await session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if (
        client is None
        or not client.is_active
        or client.archived_at is not None
        or client.secret_hash != sha256_hex(client_secret)
    ):
        raise await _fail(session, f"client:{client_id}", address, InvalidClient("Неверный client_id или секрет"))
    await _clear(session, f"client:{client_id}", address)
    requested = set((scope or "").split()) or set(client.scopes)
    if not requested <= set(client.scopes):
        raise InvalidScope("Запрошены права, которые не выданы клиенту")
    await session.execute(
        update(ApiClient)
        .where(ApiClient.id == client.id)
        .values(last_used_at=datetime.now(UTC), updated_at=ApiClient.updated_at)
        .execution_options(synchronize_session=False)
    )
    granted = " ".join(sorted(requested))
    access, ttl = issue_access_token(
        f"client:{client.id}", scope=granted, credentials_version=client.credentials_version
    )
    return TokenResponse(access_token=access, expires_in=ttl, scope=granted)


async def logout(session: AsyncSession, refresh_token: str, principal: Principal) -> None:
    """Ends the refresh token's session and the access token's own: both stop working at once."""
    row = await session.scalar(select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(refresh_token)))
    families = {principal.session_id} - {None}
    if row is not None and row.user_id == principal.id:
        families.add(row.family_id)
    if not families:
        return  # idempotent: nothing to revoke
    await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.user_id == principal.id,
            RefreshToken.family_id.in_(families),
            RefreshToken.revoked_at.is_(None),
        )
        .values(revoked_at=datetime.now(UTC))
    )
    await record(session, principal, "logout", "user", principal.id, None)


def reach_of(principal: Principal) -> tuple[dict[str, str], list[uuid.UUID]]:
    """How far each permission of the principal reaches (the widest of its grants), and the organizations it holds at
    school level: what the SPA needs to choose its screens without knowing role names."""
    reach: dict[str, str] = {}
    organizations: set[uuid.UUID] = set()
    for perm in sorted(principal.permissions):
        scope = principal.scope(perm)
        organizations |= scope.organization_ids
        if scope.all:
            reach[perm] = "all"
        elif scope.municipality_ids:
            reach[perm] = "municipality"
        elif scope.organization_ids:
            reach[perm] = "organization"
        elif scope.teacher_ids:
            reach[perm] = "own"
    return reach, sorted(organizations)
