"""`python -m app serve` with the embedded PostgreSQL leaves no server behind: SIGTERM and SIGINT stop it, and
after a SIGKILL (or a crash that leaves postmaster.pid behind) the next start recovers and stops it on exit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_of(data_dir: Path) -> list[psutil.Process]:
    pgdata = str((data_dir / "pgdata").resolve())
    out = []
    for proc in psutil.process_iter(attrs=("name", "cmdline", "status")):
        if proc.info["status"] == psutil.STATUS_ZOMBIE:
            continue  # a dead process nobody reaped (a container without an init) runs nothing
        if proc.info["name"] == "postgres" and pgdata in " ".join(proc.info["cmdline"] or []):
            out.append(proc)  # the postmaster and its workers
            try:
                out.extend(c for c in proc.children(recursive=True) if c.status() != psutil.STATUS_ZOMBIE)
            except psutil.Error:
                pass
    return out


def _wait_gone(data_dir: Path, timeout: float = 20) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = _postgres_of(data_dir)
        if not left:
            return []
        time.sleep(0.3)
    return _postgres_of(data_dir)


class Serve:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = _free_port()
        env = {
            **os.environ,
            "DATA_DIR": str(data_dir),
            "DATABASE_URL": "",
            "ENVIRONMENT": "development",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("TEST_DATABASE_URL", None)
        self.log = data_dir.parent / f"serve-{self.port}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text(errors="replace")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/ready", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError("server did not get ready:\n" + self.log.read_text(errors="replace"))

    def stop(self, sig: int) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=60)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # A short path: the server's Unix socket path must fit in 107 bytes.
    with tempfile.TemporaryDirectory(prefix="mms-pg-") as tmp:
        d = Path(tmp) / "data"
        yield d
        for proc in _postgres_of(d):  # never leave a server behind, whatever the test did
            proc.kill()


def test_embedded_postgres_stops_on_every_exit_path_and_recovers_after_kill(data_dir: Path) -> None:
    # 1. SIGTERM (a service manager's stop): the app exits cleanly and so does its PostgreSQL.
    first = Serve(data_dir)
    first.wait_ready()
    assert _postgres_of(data_dir), "the embedded server should be running"
    assert first.stop(signal.SIGTERM) == 0
    assert _wait_gone(data_dir) == [], first.log.read_text(errors="replace")

    # 2. SIGKILL of the app: its PostgreSQL is orphaned; the next start attaches to it and stops it on SIGINT.
    second = Serve(data_dir)
    second.wait_ready()
    second.stop(signal.SIGKILL)
    orphans = _postgres_of(data_dir)
    assert orphans, "postgres survives a SIGKILL of the app (nothing can stop it then)"
    third = Serve(data_dir)
    third.wait_ready()
    assert third.stop(signal.SIGINT) == 0
    assert _wait_gone(data_dir) == [], third.log.read_text(errors="replace")

    # 3. A crash of both (kill -9 of app and server) leaves postmaster.pid naming a pid that may be reused: the
    #    next start removes the stale file, starts a fresh server, and stops it on SIGTERM.
    fourth = Serve(data_dir)
    fourth.wait_ready()
    fourth.stop(signal.SIGKILL)
    for proc in _postgres_of(data_dir):
        proc.kill()
    assert _wait_gone(data_dir) == []
    # the workers of a killed postmaster notice its death and exit; wait until none runs
    pid_file = data_dir / "pgdata" / "postmaster.pid"
    assert pid_file.exists()
    lines = pid_file.read_text().splitlines()
    lines[0] = str(os.getpid())  # the dead server's pid now belongs to a live, unrelated process
    pid_file.write_text("\n".join(lines) + "\n")
    fifth = Serve(data_dir)
    fifth.wait_ready()
    assert fifth.stop(signal.SIGTERM) == 0
    assert _wait_gone(data_dir) == [], fifth.log.read_text(errors="replace")
