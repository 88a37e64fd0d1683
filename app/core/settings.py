"""Application settings: one pydantic-settings class, read from the environment (prefix-free names)."""

from __future__ import annotations

import json
import os
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-insecure-secret-change-me"  # the old public default: treated as "not set"
MIN_SECRET_LENGTH = 32
SECRET_FILE_NAME = "secret_key"


class InsecureSettings(RuntimeError):
    """A production setting that must not start the server; the message is for the person installing it."""


@lru_cache(maxsize=8)
def _secret_from_data_dir(data_dir: Path) -> str:
    """Development and tests: a random key generated once into DATA_DIR/secret_key (mode 0600) and reused (read
    once per process: every request verifies a token with it)."""
    path = data_dir / SECRET_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


# Where the API lives; links the API hands out (a file's content, a job's state) start with it.
API_PREFIX = "/api/v1"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = Field(default="development", description="development | test | production")
    database_url: str | None = Field(default=None, description="postgresql+asyncpg://… ; empty → embedded server")
    data_dir: Path = Field(default=Path("var"), description="folder of the embedded PostgreSQL server")
    host: str = "127.0.0.1"
    port: int = 8000

    # Empty in development: a random key is generated into DATA_DIR/secret_key. Required (32+ chars) in production.
    secret_key: SecretStr = SecretStr("")
    # Extra verification keys as JSON {"kid": "secret"}; the active key signs, all listed keys verify.
    jwt_keys: str = ""
    jwt_active_kid: str = "k1"
    access_token_minutes: int = 15
    refresh_token_days: int = 14

    # Sign-in throttling (people and machine clients), counted over the window:
    # - one account from one address: locked (429) after this many failures — only that pair, never the account;
    login_max_failures_per_account_and_address: int = 5
    # - one address, whatever the accounts: locked (429);
    login_max_failures_per_address: int = 30
    # - one account from any addresses: not locked (an attacker could lock out a person or an integration), but each
    #   further attempt waits 0.5 s, 1 s, 2 s … up to the maximum before it is checked.
    login_slowdown_after_failures_per_account: int = 5
    login_slowdown_max_seconds: float = 8.0
    login_failure_window_seconds: int = 900

    # Background jobs (procrastinate on the same database). The worker runs inside `serve` unless switched off
    # (production: JOBS_WORKER_IN_SERVER=false and a separate `python -m app worker`); never in tests.
    jobs_worker_in_server: bool | None = None
    jobs_worker_concurrency: int = 2
    # A teacher export of more rows than this runs as a job (202 with the job link); an import apply likewise.
    jobs_export_threshold: int = 5_000
    jobs_import_threshold: int = 300

    # Stored files: a folder under DATA_DIR by default, an S3-compatible store when FILES_S3_URL is set
    # (s3://bucket/prefix; FILES_S3_OPTIONS as JSON, e.g. {"endpoint": "http://minio:9000", "region": "ru-1",
    # "access_key_id": "…", "secret_access_key": "…"}).
    files_max_bytes: int = 20 * 1024 * 1024
    files_s3_url: str | None = None
    files_s3_options: SecretStr = SecretStr("")

    cors_origins: list[str] = []
    frontend_dist: Path = Path("frontend/dist")

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, v: str | None) -> str | None:
        if not v:
            return None
        for prefix in ("postgres://", "postgresql://"):
            if v.startswith(prefix):
                return "postgresql+asyncpg://" + v[len(prefix) :]
        return v

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def worker_in_server(self) -> bool:
        if self.jobs_worker_in_server is not None:
            return self.jobs_worker_in_server
        return self.environment not in ("test", "production")

    def signing_keys(self) -> dict[str, str]:
        """All verification keys by kid; the active one is always present."""
        keys: dict[str, str] = {}
        if self.jwt_keys:
            keys.update({str(k): str(v) for k, v in json.loads(self.jwt_keys).items()})
        keys.setdefault(self.jwt_active_kid, self.token_secret())
        return keys

    @property
    def secret_key_is_set(self) -> bool:
        value = self.secret_key.get_secret_value()
        return bool(value) and value != DEV_SECRET

    def token_secret(self) -> str:
        """The key that signs access tokens: SECRET_KEY, or (outside production) the generated one."""
        if self.secret_key_is_set:
            return self.secret_key.get_secret_value()
        if self.is_production:
            self.check_production_ready()
        return _secret_from_data_dir(self.data_dir)

    def check_production_ready(self) -> None:
        if not self.is_production:
            return
        value = self.secret_key.get_secret_value()
        if not self.secret_key_is_set or len(value) < MIN_SECRET_LENGTH:
            raise InsecureSettings(
                "В production нужен свой SECRET_KEY — случайная строка не короче 32 символов "
                "(например: python -c 'import secrets; print(secrets.token_urlsafe(48))'). "
                "Значение по умолчанию публично: токены с ним может подделать кто угодно."
            )
        if not self.database_url:
            raise InsecureSettings("В production нужен DATABASE_URL (postgresql://пользователь:пароль@хост:5432/база)")


@lru_cache
def get_settings() -> Settings:
    return Settings()
