"""Benchmark: the home-page statistics at the scale of a whole region.

One region of 50 municipalities, 1,500 organizations and 40,000 teachers (with their current employments and
categories, a share of them young or with expiring/expired categories) is generated inside PostgreSQL with
set-based INSERT … SELECT (seconds, not minutes). One uvicorn worker then serves `GET /api/v1/teachers/stats` and
`GET /api/v1/teachers/stats/by-organization` to a region-wide department (its role names the region, so it sees all
50 municipalities) and to the system administrator, one request at a time; the median and 95th percentile latency
are printed against the target (stats under 100 ms).

    .venv/bin/python bench/region_scale.py        # embedded PostgreSQL in var/bench-region
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATA_DIR", str(ROOT / "var" / "bench-region"))

import httpx  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from app.core.embedded_pg import start_embedded  # noqa: E402
from app.core.migrations import upgrade  # noqa: E402
from app.core.tokens import issue_access_token  # noqa: E402
from bench.api_bench import free_port, start_server  # noqa: E402

MUNICIPALITIES = 50
ORGANIZATIONS = 1_500
TEACHERS = 40_000
REQUESTS = 30
TARGET_MS = 100.0

GENERATE = [
    # one region, its municipalities and organizations (30 per municipality)
    "INSERT INTO regions (id, code, name, version) VALUES (:region, 'RB', 'Регион для замеров', 1)",
    """INSERT INTO municipalities (id, region_id, name, version)
        SELECT gen_random_uuid(), :region, 'Муниципалитет ' || n, 1 FROM generate_series(1, :municipalities) n""",
    """INSERT INTO organizations (id, municipality_id, type_code, name, short_name, version)
        SELECT gen_random_uuid(), m.id, 'sosh', 'Школа ' || n || ' (' || m.name || ')', 'Школа ' || n, 1
        FROM municipalities m, generate_series(1, :per_municipality) n WHERE m.region_id = :region""",
    # teachers spread over the organizations; ages and experience vary so some are «young»
    """CREATE TEMP TABLE bench_orgs AS
        SELECT id, municipality_id, row_number() OVER (ORDER BY id) - 1 AS k FROM organizations
        WHERE municipality_id IN (SELECT id FROM municipalities WHERE region_id = :region)""",
    """CREATE TEMP TABLE bench_teachers AS
        SELECT gen_random_uuid() AS id, o.id AS organization_id, o.municipality_id, n
        FROM generate_series(0, :teachers - 1) n JOIN bench_orgs o ON o.k = n % :organizations""",
    """INSERT INTO teachers (id, municipality_id, last_name, first_name, middle_name, birth_date, teaching_since,
                             version)
        SELECT id, municipality_id, 'Замерова', 'Анна', 'Ивановна', DATE '1960-01-01' + (n % 14000),
               DATE '1985-09-01' + (n % 13000), 1 FROM bench_teachers""",
    """INSERT INTO employments (id, municipality_id, teacher_id, organization_id, position_code, kind, rate,
                                start_date)
        SELECT gen_random_uuid(), municipality_id, id, organization_id, 'teacher', 'main', 1, DATE '2015-09-01'
        FROM bench_teachers""",
    # categories: first/highest granted over the last 7 years (some expired, some expiring within 6 months)
    """INSERT INTO teacher_categories (id, municipality_id, teacher_id, category_code, granted_on, expires_on)
        SELECT gen_random_uuid(), municipality_id, id, CASE WHEN n % 2 = 0 THEN 'first' ELSE 'highest' END,
               CURRENT_DATE - (n % 2500), CURRENT_DATE - (n % 2500) + 1826
        FROM bench_teachers WHERE n % 3 <> 0""",
    "ANALYZE",
]


async def generate(url: str, region: uuid.UUID) -> float:
    engine = create_async_engine(url)
    t0 = time.perf_counter()
    values = {
        "region": region,
        "municipalities": MUNICIPALITIES,
        "per_municipality": ORGANIZATIONS // MUNICIPALITIES,
        "teachers": TEACHERS,
        "organizations": ORGANIZATIONS,
    }
    async with engine.begin() as conn:
        for sql in GENERATE:
            statement = text(sql)
            await conn.execute(statement, {k: v for k, v in values.items() if f":{k}" in sql})
    await engine.dispose()
    return time.perf_counter() - t0


async def add_users(url: str, region: uuid.UUID) -> dict[str, uuid.UUID]:
    engine = create_async_engine(url)
    users = {"region_department": uuid.uuid4(), "sysadmin": uuid.uuid4()}
    async with engine.begin() as conn:
        for name, user_id in users.items():
            await conn.execute(
                text("INSERT INTO users (id, email, full_name, version) VALUES (:id, :email, :name, 1)"),
                {"id": user_id, "email": f"{name}@bench.mms", "name": name},
            )
            role = "department" if name == "region_department" else "sysadmin"
            await conn.execute(
                text(
                    "INSERT INTO role_assignments (id, user_id, role, region_id) VALUES "
                    "(gen_random_uuid(), :user, :role, :region)"
                ),
                {"user": user_id, "role": role, "region": region if role == "department" else None},
            )
    await engine.dispose()
    return users


def latency(base: str, path: str, token: str) -> tuple[float, float]:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
        assert c.get(path).status_code == 200  # warm up caches and the connection pool
        times = []
        for _ in range(REQUESTS):
            t0 = time.perf_counter()
            r = c.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def cold_request(base: str, path: str, token: str) -> float:
    """One request when every municipality's kept figures are stale (the first read of a new day without the
    nightly job): the whole region is recomputed inside it."""
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
        t0 = time.perf_counter()
        r = c.get(path)
        assert r.status_code == 200, r.text
        return (time.perf_counter() - t0) * 1000


async def _touch_one_municipality(url: str, k: int) -> None:
    """A write in one municipality, as a card save would make it: one employment's rate rewritten."""
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE employments SET rate = rate WHERE id = (SELECT id FROM employments ORDER BY id "
                "OFFSET :k LIMIT 1)"
            ),
            {"k": (k * 7919) % TEACHERS},
        )
    await engine.dispose()


def after_write(base: str, path: str, token: str, url: str) -> tuple[float, float]:
    """A read right after a write in one municipality: that municipality's figures are recomputed inside it."""
    times = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
        for k in range(REQUESTS // 2):
            asyncio.run(_touch_one_municipality(url, k))
            t0 = time.perf_counter()
            r = c.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    data_dir = Path(os.environ["DATA_DIR"])
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    _server, url = start_embedded(data_dir)
    upgrade(url)
    region = uuid.uuid4()
    seconds = asyncio.run(generate(url, region))
    users = asyncio.run(add_users(url, region))
    print(
        f"generated {MUNICIPALITIES} municipalities, {ORGANIZATIONS} organizations, {TEACHERS} teachers "
        f"in {seconds:.1f} s"
    )
    port = free_port()
    server = start_server(url, port)
    ok = True
    try:
        base = f"http://127.0.0.1:{port}"
        region_token, _ = issue_access_token(f"user:{users['region_department']}")
        cold = cold_request(base, "/api/v1/teachers/stats/by-organization?limit=50", region_token)
        print(f"{'region_department':18} {'first read, every municipality stale (new day)':48} {cold:7.1f} ms")
        for who, user_id in users.items():
            token, _ = issue_access_token(f"user:{user_id}")
            for path in ("/api/v1/teachers/stats", "/api/v1/teachers/stats/by-organization?limit=50"):
                median, p95 = latency(base, path, token)
                good = median <= TARGET_MS
                ok &= good
                print(
                    f"{who:18} {path:48} median {median:7.1f} ms  p95 {p95:7.1f} ms  "
                    f"target ≤ {TARGET_MS:g}  {'ok' if good else 'MISSED'}"
                )
        for path in ("/api/v1/teachers/stats", "/api/v1/teachers/stats/by-organization?limit=50"):
            median, p95 = after_write(base, path, region_token, url)
            good = median <= TARGET_MS
            ok &= good
            print(
                f"{'after a write':18} {path:48} median {median:7.1f} ms  p95 {p95:7.1f} ms  "
                f"target ≤ {TARGET_MS:g}  {'ok' if good else 'MISSED'}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
