"""The command line a new installation uses: create-user for the first administrator, refusals in production
(demo data, a default or short SECRET_KEY), and the signing key generated for development."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from app.core.settings import DEV_SECRET, InsecureSettings, Settings
from tests.conftest import ROOT
from tests.test_auth import login

STRONG_KEY = "k" * 48


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ENVIRONMENT", "DATABASE_URL")}
    full_env.update({"PYTHONPATH": str(ROOT), "ENVIRONMENT": "test", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _email() -> str:
    return f"admin.{uuid.uuid4().hex[:8]}@test.mms"


async def test_create_user_makes_a_first_administrator_who_can_sign_in(client, database_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    email = _email()
    args = ("create-user", "--email", email, "--name", "Первый Администратор", "--password", "first-admin-pass")
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(tmp_path)}
    first = run_cli(*args, "--role", "sysadmin", env=env)
    assert first.returncode == 0, first.stderr
    assert f"Пользователь {email} создан" in first.stdout
    resp = await login(client, email, "first-admin-pass")
    assert resp.status_code == 200, resp.text
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {resp.json()['access_token']}"})
    assert me.json()["roles"][0]["role"] == "sysadmin"
    # the same e-mail again: refused with a clear message, nothing changed
    again = run_cli(*args[:-1], "another-password-1", "--role", "sysadmin", env=env)
    assert again.returncode != 0
    assert "уже есть" in again.stderr
    assert (await login(client, email, "first-admin-pass")).status_code == 200


def test_create_user_checks_the_roles_scope_ids(database_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(tmp_path)}
    base = ("create-user", "--email", _email(), "--name", "Директор Школы", "--password", "long-enough-pass")
    unknown = run_cli(*base, "--role", "school_admin", "--organization-id", str(uuid.uuid4()), env=env)
    assert unknown.returncode == 2
    assert "Организация не найдена" in unknown.stderr and "Traceback" not in unknown.stderr
    missing = run_cli(*base, "--role", "school_admin", env=env)
    assert missing.returncode == 2 and "не указана область" in missing.stderr
    short = run_cli(*base[:-1], "short", "--role", "sysadmin", env=env)
    assert short.returncode == 2 and "password" in short.stderr and "Traceback" not in short.stderr


@pytest.mark.parametrize("command", [("serve", "--demo"), ("seed-demo",)])
def test_demo_data_is_refused_in_production(command, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        "ENVIRONMENT": "production",
        "SECRET_KEY": STRONG_KEY,
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "DATA_DIR": str(tmp_path),
    }
    result = run_cli(*command, env=env, timeout=60)
    assert result.returncode == 2
    assert "Демо-данные в production не загружаются" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("key", [None, DEV_SECRET, "short-key"])
def test_serve_refuses_a_default_or_short_key_in_production_before_starting(key, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        "ENVIRONMENT": "production",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "DATA_DIR": str(tmp_path),
    }
    if key is not None:
        env["SECRET_KEY"] = key
    result = run_cli("serve", "--port", "1", env=env, timeout=60)
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "32" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists()  # no key is ever generated in production


def test_development_key_is_generated_once_into_the_data_folder(tmp_path: Path) -> None:
    settings = Settings(environment="development", data_dir=tmp_path / "data", secret_key="")
    key = settings.token_secret()
    path = tmp_path / "data" / "secret_key"
    assert len(key) >= 32 and key != DEV_SECRET
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = Settings(environment="development", data_dir=tmp_path / "data", secret_key=DEV_SECRET)
    assert again.token_secret() == key  # the old public default counts as "not set"
    assert Settings(environment="development", data_dir=tmp_path / "other").token_secret() != key
    assert Settings(environment="development", secret_key=STRONG_KEY).token_secret() == STRONG_KEY
    with pytest.raises(InsecureSettings):
        Settings(environment="production", data_dir=tmp_path / "data", database_url="postgresql://x/y").token_secret()
