"""Application settings: one pydantic-settings class, read from the environment (prefix-free names)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-insecure-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = Field(default="development", description="development | test | production")
    database_url: str | None = Field(default=None, description="postgresql+asyncpg://… ; empty → embedded server")
    data_dir: Path = Field(default=Path("var"), description="folder of the embedded PostgreSQL server")
    host: str = "127.0.0.1"
    port: int = 8000

    secret_key: SecretStr = SecretStr(DEV_SECRET)
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

    def signing_keys(self) -> dict[str, str]:
        """All verification keys by kid; the active one is always present."""
        keys: dict[str, str] = {}
        if self.jwt_keys:
            keys.update({str(k): str(v) for k, v in json.loads(self.jwt_keys).items()})
        keys.setdefault(self.jwt_active_kid, self.secret_key.get_secret_value())
        return keys

    def check_production_ready(self) -> None:
        if self.is_production:
            if self.secret_key.get_secret_value() == DEV_SECRET or len(self.secret_key.get_secret_value()) < 32:
                raise RuntimeError("SECRET_KEY must be set to a random value of 32+ characters in production")
            if not self.database_url:
                raise RuntimeError("DATABASE_URL is required in production")


@lru_cache
def get_settings() -> Settings:
    return Settings()
