"""Benchmark: teacher list/profile throughput and a 2,000-row import, against the embedded PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATA_DIR", str(ROOT / "var" / "bench"))

from httpx import ASGITransport, AsyncClient  # noqa: E402

from app.core.db import Database  # noqa: E402
from app.core.embedded_pg import start_embedded  # noqa: E402
from app.core.migrations import upgrade  # noqa: E402
from app.core.tokens import issue_access_token  # noqa: E402
from app.demo.seed import _id, seed_demo  # noqa: E402
from app.main import create_app  # noqa: E402

TARGETS = {"list_rps": 150.0, "profile_rps": 300.0, "import_s": 10.0, "peak_mb": 300.0}


def hr_file(rows: int) -> bytes:
    head = "Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Должность;Вид занятости;Преподаваемые предметы\n"
    lines = [f"B{i:05d};Бенчмаркова;Анна;Ивановна;01.02.1985;учитель;основное;Математика" for i in range(rows)]
    return (head + "\n".join(lines) + "\n").encode()


async def run(url: str) -> int:
    Database.configure(url)
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        await seed_demo(s)
        await s.commit()
    app = create_app()
    token, _ = issue_access_token(f"user:{_id('user:department@kostroma.demo.mms')}")
    h = {"Authorization": f"Bearer {token}"}
    teacher_id = _id("teacher:s22:3")
    results: dict[str, float] = {}
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as c:
        for name, path, n in (
            ("list_rps", "/api/v1/teachers?limit=50", 200),
            ("profile_rps", f"/api/v1/teachers/{teacher_id}", 400),
        ):
            await c.get(path, headers=h)
            t0 = time.perf_counter()
            for _ in range(n):
                r = await c.get(path, headers=h)
                assert r.status_code == 200, r.text
            results[name] = n / (time.perf_counter() - t0)
        org = str(_id("org:s29"))
        data = hr_file(2000)
        t0 = time.perf_counter()
        for dry in ("true", "false"):
            r = await c.post(
                "/api/v1/teachers/import",
                headers=h,
                data={"organization_id": org, "dry_run": dry, "external_system": f"bench-{time.time()}"},
                files={"file": ("hr.csv", data, "text/csv")},
            )
            assert r.status_code == 200, r.text
        results["import_s"] = time.perf_counter() - t0
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    await Database.dispose()
    ok = True
    for k, v in results.items():
        target = TARGETS[k]
        good = v >= target if k.endswith("rps") else v <= target
        ok &= good
        print(
            f"{k:12} {v:10.1f}   target {'≥' if k.endswith('rps') else '≤'} {target:g}   {'ok' if good else 'MISSED'}"
        )
    return 0 if ok else 1


def main() -> int:
    data_dir = Path(os.environ["DATA_DIR"])
    shutil.rmtree(data_dir, ignore_errors=True)  # the same data every run
    data_dir.mkdir(parents=True)
    _server, url = start_embedded(data_dir)
    upgrade(url)
    return asyncio.run(run(url))


if __name__ == "__main__":
    sys.exit(main())
