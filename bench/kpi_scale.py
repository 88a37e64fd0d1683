# ruff: noqa: S608 - the generator's SQL is assembled from constants of this file, never from input
"""Benchmark: every catalogue KPI at the scale of a region (issue 12), live and from an approved snapshot.

Data (deterministic: ids are md5 of their position, every value is generate_series arithmetic — no random()):
one region of 50 municipalities × 30 organizations (1,500), 800 teachers per municipality (40,000) with main
employments (moves mid-year, leavers before the reference date, hires after it), part-time jobs, archived teachers
and categories; 100 events per municipality (5,000: every level × type, some cancelled or archived, two academic
years) with 8,000 participations each (400,000: roles, attendance, the intention flag, some archived); help
requests, attestation applications, mentoring pairs, courses, practices with authors, associations with members,
plan lines and meetings, and documents. `--scale country` builds 25 such regions (×25 rows; the queries are measured
for one municipality and one region, so the figures show what grows with the database, not with the scope).

Measured, one uvicorn worker, one request at a time (REQUESTS each, after a warm-up):
- `GET /api/v1/kpi/values?indicators=<every catalogue code>&period=2025/2026&municipality_id=…&breakdown=organization
  &mode=live` as the municipality's department (target: median under 200 ms),
- `…&region_id=…&breakdown=municipality&mode=live` as a region-wide department (target: median under 1 s),
- an approved snapshot (methodologist creates and submits, department approves): 8 requests in flight for ~8 s
  against `/api/v1/health` and against `/api/v1/kpi/values?…&municipality_id=…&breakdown=organization` (approved),
  the same client (api_bench's load loop): the snapshot's rate at least half of health's, p99 under 50 ms.
Exit status 1 when a target is missed.

    .venv/bin/python bench/kpi_scale.py                    # embedded PostgreSQL in var/bench-kpi (regenerated)
    .venv/bin/python bench/kpi_scale.py --reuse            # keep the data of the last run (skip generation)
    .venv/bin/python bench/kpi_scale.py --explain          # also EXPLAIN (ANALYZE, BUFFERS) the heaviest statements
    .venv/bin/python bench/kpi_scale.py --scale country --generate-only   # 25 regions; time the generation
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import shutil
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA_DIR_GIVEN = "DATA_DIR" in os.environ
os.environ.setdefault("DATA_DIR", str(ROOT / "var" / "bench-kpi"))

import httpx  # noqa: E402
from sqlalchemy import event, text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from app.core.embedded_pg import start_embedded  # noqa: E402
from app.core.migrations import upgrade  # noqa: E402
from app.core.tokens import issue_access_token  # noqa: E402
from bench.api_bench import free_port, start_server  # noqa: E402

MUNICIPALITIES_PER_REGION = 50
ORGS = 30  # per municipality
TEACHERS = 800  # per municipality
EVENTS = 100  # per municipality
PARTICIPANTS_PER_EVENT = 80  # → 8,000 participations per municipality
HELP = 400
ATTESTATIONS = 200
PAIRS = 80
COURSES = 1_200
PRACTICES = 60
ASSOCIATIONS = 20  # 5 city-wide (ГМО), 15 school (ШМО)
MEMBERS = 10
PLAN_LINES = 6
MEETINGS = 4  # the first plan lines are held
DOCUMENTS = 12

PERIOD = "2025/2026"
REQUESTS = 20
TARGET_MUNICIPALITY_MS = 200.0
TARGET_REGION_MS = 1000.0
TARGET_SNAPSHOT_SHARE = 0.5
TARGET_SNAPSHOT_P99_MS = 50.0
CONCURRENCY = 8
DURATION_S = 8.0

# uuid of the k-th thing of a kind: deterministic, so every run (and both scales) has the same ids
U = "md5({0})::uuid"


def ids(kind: str, *parts: str) -> str:
    return U.format(" || '-' || ".join([f"'{kind}'", *[f"({p})::text" for p in parts]]))


MUNI = ids("muni", "m")
ORG = ids("org", "m", "{o}")
TEACHER = ids("teacher", "m", "{t}")

GENERATE: list[tuple[str, str]] = [
    (
        "regions",
        f"""INSERT INTO regions (id, code, name, version)
        SELECT {ids("region", "r")}, 'B' || r, 'Регион для замеров ' || r, 1 FROM generate_series(0, :regions - 1) r""",
    ),
    (
        "municipalities",
        f"""INSERT INTO municipalities (id, region_id, name, young_rule, version)
        SELECT {MUNI}, {ids("region", "m / :per_region")}, 'Муниципалитет ' || lpad(m::text, 4, '0'),
               CASE WHEN m % 5 = 4 THEN 'and' ELSE 'or' END, 1
        FROM generate_series(0, :municipalities - 1) m""",
    ),
    (
        "organizations",
        f"""INSERT INTO organizations (id, municipality_id, type_code, name, short_name, version)
        SELECT {ORG.format(o="o")}, {MUNI}, 'sosh', 'Школа № ' || o || ' (муниципалитет ' || m || ')',
               'Школа № ' || lpad(o::text, 2, '0'), 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {ORGS - 1}) o""",
    ),
    # users: a department and a methodologist per municipality, a department per region (assignees, snapshots)
    (
        "users",
        f"""INSERT INTO users (id, municipality_id, email, full_name, version)
        SELECT {ids("user", "kind", "m")}, {MUNI}, kind || m || '@bench.mms', 'Замеров (' || kind || ' ' || m || ')', 1
        FROM generate_series(0, :municipalities - 1) m, unnest(ARRAY['department', 'methodologist']) kind
        UNION ALL
        SELECT {ids("user", "'region'", "r")}, NULL, 'region' || r || '@bench.mms', 'Замеров (регион ' || r || ')', 1
        FROM generate_series(0, :regions - 1) r""",
    ),
    (
        "role_assignments",
        f"""INSERT INTO role_assignments (id, user_id, role, municipality_id, region_id)
        SELECT {ids("role", "kind", "m")}, {ids("user", "kind", "m")}, kind, {MUNI}, NULL
        FROM generate_series(0, :municipalities - 1) m, unnest(ARRAY['department', 'methodologist']) kind
        UNION ALL
        SELECT {ids("role", "'region'", "r")}, {ids("user", "'region'", "r")}, 'department', NULL, {ids("region", "r")}
        FROM generate_series(0, :regions - 1) r""",
    ),
    # teachers: birth 1960…2001 and start 1985…2025 spread in every municipality (~27 % young on R), every 50th
    # archived, some without teaching_since
    (
        "teachers",
        f"""INSERT INTO teachers (id, municipality_id, last_name, first_name, middle_name, birth_date, teaching_since,
                                  archived_at, archive_reason, version)
        SELECT {TEACHER.format(t="t")}, {MUNI}, 'Замерова', 'Анна', 'Ивановна',
               DATE '1960-01-01' + ((m * {TEACHERS} + t)::bigint * 7919 % 15000)::int,
               CASE WHEN t % 97 <> 0 THEN DATE '1985-09-01' + ((m * {TEACHERS} + t)::bigint * 7907 % 14600)::int END,
               CASE WHEN t % 50 = 7 THEN TIMESTAMPTZ '2026-03-01 10:00+03' END,
               CASE WHEN t % 50 = 7 THEN 'увольнение' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {TEACHERS - 1}) t""",
    ),
    # the main job at the home school (t % 30): movers (t % 20 = 3) leave it on 31.01.2026 for another school of
    # the municipality, leavers (t % 40 = 11) leave on 30.06.2026, hires (t % 100 = 99) start after R
    (
        "employments",
        f"""INSERT INTO employments (id, municipality_id, teacher_id, organization_id, position_code, kind, rate,
                                     start_date, end_date)
        SELECT {ids("job", "m", "t")}, {MUNI}, {TEACHER.format(t="t")}, {ORG.format(o=f"t % {ORGS}")}, 'teacher',
               'main', 1,
               CASE WHEN t % 100 = 99 THEN DATE '2026-10-01' ELSE DATE '2015-09-01' END,
               CASE WHEN t % 20 = 3 THEN DATE '2026-01-31' WHEN t % 40 = 11 THEN DATE '2026-06-30' END
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {TEACHERS - 1}) t
        UNION ALL
        SELECT {ids("job-moved", "m", "t")}, {MUNI}, {TEACHER.format(t="t")}, {ORG.format(o=f"(t + 7) % {ORGS}")},
               'teacher', 'main', 1, DATE '2026-02-01', NULL
        FROM generate_series(0, :municipalities - 1) m, generate_series(3, {TEACHERS - 1}, 20) t
        UNION ALL
        SELECT {ids("job-part", "m", "t")}, {MUNI}, {TEACHER.format(t="t")}, {ORG.format(o=f"(t + 1) % {ORGS}")},
               'teacher', 'internal_part_time', 0.25, DATE '2020-09-01', NULL
        FROM generate_series(0, :municipalities - 1) m, generate_series(5, {TEACHERS - 1}, 10) t""",
    ),
    (
        "teacher_categories",
        f"""INSERT INTO teacher_categories (id, municipality_id, teacher_id, category_code, granted_on, expires_on)
        SELECT {ids("cat", "m", "t")}, {MUNI}, {TEACHER.format(t="t")},
               CASE WHEN t % 2 = 0 THEN 'first' ELSE 'highest' END,
               DATE '2026-08-31' - (t * 3 % 2500), DATE '2026-08-31' - (t * 3 % 2500) + 1826
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {TEACHERS - 1}) t WHERE t % 3 <> 0""",
    ),
    # events: every level × type (e % 7, e / 7 % 10) over two academic years, every 25th cancelled, some archived
    (
        "events",
        f"""INSERT INTO events (id, municipality_id, type, level, format, status, title, start_date,
                                organizer_organization_id, archived_at, archive_reason, version)
        SELECT {ids("event", "m", "e")}, {MUNI},
               (ARRAY['seminar', 'webinar', 'pds_session', 'conference', 'master_class', 'round_table',
                      'consultation', 'contest', 'project', 'course'])[e / 7 % 10 + 1],
               (ARRAY['school', 'municipal', 'inter_municipal', 'regional', 'inter_regional', 'federal',
                      'international'])[e % 7 + 1],
               'offline', CASE WHEN e % 25 = 24 THEN 'cancelled' ELSE 'held' END, 'Мероприятие ' || e,
               DATE '2024-09-01' + (e * 7 % 730), {ORG.format(o=f"e % {ORGS}")},
               CASE WHEN e % 97 = 50 THEN TIMESTAMPTZ '2026-01-10 10:00+03' END,
               CASE WHEN e % 97 = 50 THEN 'ошибка' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {EVENTS - 1}) e""",
    ),
    # 80 distinct teachers per event ((e·13 + i·10) mod 800), counted at their home school
    (
        "participations",
        f"""INSERT INTO participations (id, municipality_id, event_id, teacher_id, organization_id, role, result,
                                        intends_to_apply, attendance, hours, archived_at, archive_reason, version)
        SELECT {ids("part", "m", "e", "i")}, {MUNI}, {ids("event", "m", "e")},
               {TEACHER.format(t=f"(e * 13 + i * 10) % {TEACHERS}")},
               {ORG.format(o=f"(e * 13 + i * 10) % {TEACHERS} % {ORGS}")},
               (ARRAY['listener', 'listener', 'listener', 'listener', 'listener', 'listener', 'listener',
                      'listener', 'listener', 'listener', 'listener', 'listener', 'listener', 'listener',
                      'speaker', 'speaker', 'organizer', 'jury', 'contestant', 'contestant'])[(e + i * 3) % 20 + 1],
               CASE WHEN (e + i * 3) % 20 = 18 THEN 'participant' END,
               (e + i) % 3 = 1,
               CASE WHEN (e + i) % 17 = 0 THEN 'absent' WHEN (e + i) % 3 = 0 THEN 'registered' ELSE 'attended' END,
               4, CASE WHEN (e * 7 + i) % 101 = 0 THEN TIMESTAMPTZ '2026-01-10 10:00+03' END,
               CASE WHEN (e * 7 + i) % 101 = 0 THEN 'ошибка' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {EVENTS - 1}) e,
             generate_series(0, {PARTICIPANTS_PER_EVENT - 1}) i""",
    ),
    # help requests: 300 teachers, 100 of them with two; new / in progress / closed (full, full, partial)
    (
        "help_requests",
        f"""INSERT INTO help_requests (id, municipality_id, organization_id, teacher_id, topic_code, description,
                                       desired_form, opened_on, state, assignee_id, taken_at, resolution, closed_at,
                                       version)
        SELECT {ids("help", "m", "h")}, {MUNI}, {ORG.format(o=f"h % 300 * 2 % {ORGS}")},
               {TEACHER.format(t="h % 300 * 2")},
               (ARRAY['subject', 'methodical', 'psychological', 'communicative', 'digital'])[h % 5 + 1],
               'Нужна методическая помощь', 'consultation', DATE '2024-10-01' + (h * 3 % 660),
               (ARRAY['new', 'in_progress', 'closed', 'closed'])[h % 4 + 1],
               CASE WHEN h % 4 > 0 THEN {ids("user", "'methodologist'", "m")} END,
               CASE WHEN h % 4 > 0 THEN TIMESTAMPTZ '2024-10-01 10:00+03' + (h * 3 % 660) * INTERVAL '1 day' END,
               CASE WHEN h % 4 > 1 THEN (ARRAY['full', 'full', 'partial'])[h % 3 + 1] END,
               CASE WHEN h % 4 > 1 THEN TIMESTAMPTZ '2024-10-11 10:00+03' + (h * 3 % 660) * INTERVAL '1 day' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {HELP - 1}) h""",
    ),
    # attestation applications of distinct teachers (t = 4a), half decided
    (
        "attestations",
        f"""INSERT INTO attestations (id, municipality_id, teacher_id, category_sought, applied_on, decided_on, result,
                                      version)
        SELECT {ids("att", "m", "a")}, {MUNI}, {TEACHER.format(t="a * 4")},
               (ARRAY['first', 'highest', 'conformity'])[a % 3 + 1], DATE '2024-10-01' + (a * 5 % 640),
               CASE WHEN a % 2 = 0 THEN DATE '2024-10-31' + (a * 5 % 640) END,
               CASE WHEN a % 4 = 0 THEN 'granted' WHEN a % 2 = 0 THEN 'refused' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {ATTESTATIONS - 1}) a""",
    ),
    # mentoring pairs: mentee t = 10p + 1, mentor t = 10p + 2; active, finished or cancelled
    (
        "mentoring_pairs",
        f"""INSERT INTO mentoring_pairs (id, municipality_id, mentor_id, mentee_id, form, start_date, end_date, status,
                                         version)
        SELECT {ids("pair", "m", "p")}, {MUNI}, {TEACHER.format(t="p * 10 + 2")}, {TEACHER.format(t="p * 10 + 1")},
               'teacher_teacher', DATE '2024-09-01' + (p * 9 % 600),
               CASE WHEN p % 11 = 10 THEN DATE '2024-09-11' + (p * 9 % 600)
                    WHEN p % 4 = 3 THEN DATE '2025-03-01' + (p * 9 % 600) END,
               CASE WHEN p % 11 = 10 THEN 'cancelled' WHEN p % 4 = 3 THEN 'finished' ELSE 'active' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {PAIRS - 1}) p""",
    ),
    # courses ending 2022 … 2026 (half the teachers have two)
    (
        "courses",
        f"""INSERT INTO courses (id, municipality_id, teacher_id, title, program_kind, provider_name,
                                 provider_state_owned, hours, start_date, end_date, version)
        SELECT {ids("course", "m", "c")}, {MUNI}, {TEACHER.format(t=f"c % {TEACHERS}")}, 'Курс повышения квалификации',
               'advanced_training', 'Институт развития образования', true, 72,
               DATE '2021-12-10' + (c * 13 % 1700), DATE '2022-01-10' + (c * 13 % 1700), 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {COURSES - 1}) c""",
    ),
    (
        "practices",
        f"""INSERT INTO practices (id, municipality_id, organization_id, title, kind, level, status, published_at,
                                   version)
        SELECT {ids("practice", "m", "k")}, {MUNI}, {ORG.format(o=f"k % {ORGS}")}, 'Практика ' || k,
               (ARRAY['lesson_plan', 'programme', 'technique', 'case', 'video'])[k % 5 + 1],
               (ARRAY['school', 'municipal', 'regional'])[k % 3 + 1],
               CASE WHEN k % 5 IN (3, 4) THEN 'published' WHEN k % 5 = 1 THEN 'submitted' ELSE 'draft' END,
               CASE WHEN k % 5 IN (3, 4) THEN TIMESTAMPTZ '2024-10-01 12:00+00' + k * 12 * INTERVAL '1 day' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {PRACTICES - 1}) k""",
    ),
    (
        "practice_authors",
        f"""INSERT INTO practice_authors (id, municipality_id, practice_id, teacher_id, sort_order)
        SELECT {ids("author", "m", "k")}, {MUNI}, {ids("practice", "m", "k")},
               {TEACHER.format(t=f"k * 13 % {TEACHERS}")}, 0
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {PRACTICES - 1}) k""",
    ),
    (
        "associations",
        f"""INSERT INTO associations (id, municipality_id, level, organization_id, title, academic_year, version)
        SELECT {ids("assoc", "m", "s")}, {MUNI}, CASE WHEN s < 5 THEN 'city' ELSE 'school' END,
               CASE WHEN s >= 5 THEN {ORG.format(o=f"s % {ORGS}")} END, 'Методобъединение ' || s, 2025, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {ASSOCIATIONS - 1}) s""",
    ),
    (
        "association_members",
        f"""INSERT INTO association_members (id, municipality_id, association_id, teacher_id, joined_on, version)
        SELECT {ids("member", "m", "s", "i")}, {MUNI}, {ids("assoc", "m", "s")},
               {TEACHER.format(t=f"(s * 40 + i) % {TEACHERS}")}, DATE '2025-09-01', 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {ASSOCIATIONS - 1}) s,
             generate_series(0, {MEMBERS - 1}) i""",
    ),
    (
        "association_meeting_plans",
        f"""INSERT INTO association_meeting_plans (id, municipality_id, association_id, planned_date, topic, version)
        SELECT {ids("plan", "m", "s", "q")}, {MUNI}, {ids("assoc", "m", "s")}, DATE '2025-09-15' + q * 60,
               'Заседание ' || (q + 1), 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {ASSOCIATIONS - 1}) s,
             generate_series(0, {PLAN_LINES - 1}) q""",
    ),
    (
        "association_meetings",
        f"""INSERT INTO association_meetings (id, municipality_id, association_id, plan_id, held_on, topic, version)
        SELECT {ids("meeting", "m", "s", "q")}, {MUNI}, {ids("assoc", "m", "s")}, {ids("plan", "m", "s", "q")},
               DATE '2025-09-17' + q * 60, 'Заседание ' || (q + 1), 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {ASSOCIATIONS - 1}) s,
             generate_series(0, {MEETINGS - 1}) q""",
    ),
    # documents: 4 of the municipality itself, 8 of schools; 3 of 4 approved; some span several years
    (
        "documents",
        f"""INSERT INTO documents (id, municipality_id, organization_id, type, title, academic_year,
                                   last_academic_year, url, status, approved_at, approved_by_name, version)
        SELECT {ids("doc", "m", "d")}, {MUNI}, CASE WHEN d >= 4 THEN {ORG.format(o=f"d % {ORGS}")} END,
               (ARRAY['regulation', 'programme', 'roadmap', 'work_plan', 'association_plan', 'attestation_plan',
                      'pd_plan', 'association_monitoring', 'deficit_monitoring', 'monitoring_report',
                      'analytical_report', 'recommendations'])[d + 1],
               'Документ ' || d, CASE WHEN d % 3 = 0 THEN 2024 ELSE 2025 END,
               CASE WHEN d % 3 = 0 THEN 2026 END,
               CASE WHEN d % 4 <> 3 THEN 'https://example.org/doc/' || d END,
               CASE WHEN d % 4 <> 3 THEN 'approved' ELSE 'draft' END,
               CASE WHEN d % 4 <> 3 THEN TIMESTAMPTZ '2025-09-10 10:00+03' END,
               CASE WHEN d % 4 <> 3 THEN 'Замеров' END, 1
        FROM generate_series(0, :municipalities - 1) m, generate_series(0, {DOCUMENTS - 1}) d""",
    ),
]


def sizes(regions: int) -> dict[str, int]:
    return {
        "regions": regions,
        "per_region": MUNICIPALITIES_PER_REGION,
        "municipalities": regions * MUNICIPALITIES_PER_REGION,
    }


def uid(kind: str, *parts: object) -> uuid.UUID:
    """The same id as the generator's md5 of 'kind-part-…'."""
    import hashlib

    return uuid.UUID(hashlib.md5("-".join([kind, *map(str, parts)]).encode()).hexdigest())  # noqa: S324 - an id


async def generate(url: str, regions: int) -> dict[str, tuple[int, float]]:
    """Rows and seconds per table."""
    engine = create_async_engine(url)
    values = sizes(regions)
    out: dict[str, tuple[int, float]] = {}
    async with engine.begin() as conn:
        for table, sql in GENERATE:
            t0 = time.perf_counter()
            result = await conn.execute(text(sql), {k: v for k, v in values.items() if f":{k}" in sql})
            out[table] = (result.rowcount, time.perf_counter() - t0)
    async with engine.connect() as conn:  # ANALYZE outside the transaction
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        t0 = time.perf_counter()
        await conn.execute(text("VACUUM ANALYZE"))
        out["vacuum analyze"] = (0, time.perf_counter() - t0)
    await engine.dispose()
    return out


# --- measuring ------------------------------------------------------------------------------------------------------


def latency(base: str, path: str, token: str) -> tuple[float, float, int]:
    """Median and p95 (ms) of REQUESTS requests one at a time, and the body's size."""
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as c:
        r = c.get(path)  # warm up caches and the connection pool
        assert r.status_code == 200, r.text
        size = len(r.content)
        times = []
        for _ in range(REQUESTS):
            t0 = time.perf_counter()
            r = c.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], size


def catalogue_codes(base: str, token: str) -> list[str]:
    """Every catalogue indicator (the shipped ones, not a municipality's own)."""
    r = httpx.get(f"{base}/api/v1/kpi/indicators?limit=100", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert r.status_code == 200, r.text
    return sorted({i["code"] for i in r.json()["items"] if i.get("municipality_id") is None})


async def load(base: str, path: str, token: str) -> tuple[float, float]:
    """Requests per second and p99 (ms) with CONCURRENCY requests in flight for DURATION_S (api_bench's loop)."""
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as c:
        for _ in range(CONCURRENCY):
            r = await c.get(path)
            assert r.status_code == 200, r.text
        times: list[float] = []
        deadline = time.perf_counter() + DURATION_S

        async def worker() -> None:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                r = await c.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, r.text

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - t0
    times.sort()
    return len(times) / elapsed, times[max(0, int(len(times) * 0.99) - 1)]


def approve_snapshot(base: str, municipality: uuid.UUID, codes: list[str]) -> str | None:
    """Create + submit (methodologist) and approve (department) a snapshot of the municipality's values; the
    snapshot's id, or None when this build has no snapshots (the endpoint answers 404/405)."""
    methodologist, _ = issue_access_token(f"user:{uid('user', 'methodologist', 0)}")
    department, _ = issue_access_token(f"user:{uid('user', 'department', 0)}")
    with httpx.Client(base_url=base, timeout=120) as c:
        r = c.post(
            "/api/v1/kpi/snapshots",
            headers={"Authorization": f"Bearer {methodologist}"},
            json={"municipality_id": str(municipality), "period": PERIOD, "indicators": codes},
        )
        if r.status_code in (404, 405):
            return None
        assert r.status_code in (200, 201), r.text
        snap = r.json()
        etag = r.headers.get("ETag") or f'"{snap["version"]}"'
        r = c.post(
            f"/api/v1/kpi/snapshots/{snap['id']}/submit",
            headers={"Authorization": f"Bearer {methodologist}", "If-Match": etag},
        )
        assert r.status_code == 200, r.text
        etag = r.headers.get("ETag") or f'"{r.json()["version"]}"'
        r = c.post(
            f"/api/v1/kpi/snapshots/{snap['id']}/approve",
            headers={"Authorization": f"Bearer {department}", "If-Match": etag},
        )
        assert r.status_code == 200, r.text
        return str(snap["id"])


def measure(url: str) -> bool:
    muni, region = uid("muni", 0), uid("region", 0)
    department, _ = issue_access_token(f"user:{uid('user', 'department', 0)}")
    region_department, _ = issue_access_token(f"user:{uid('user', 'region', 0)}")
    port = free_port()
    server = start_server(url, port)
    ok = True
    try:
        base = f"http://127.0.0.1:{port}"
        codes = catalogue_codes(base, department)
        print(f"indicators ({len(codes)}): {', '.join(codes)}")
        common = f"/api/v1/kpi/values?indicators={','.join(codes)}&period={PERIOD}"
        cases = (
            ("municipality, per school", department, f"{common}&municipality_id={muni}&breakdown=organization",
             TARGET_MUNICIPALITY_MS),
            ("region, per municipality", region_department, f"{common}&region_id={region}&breakdown=municipality",
             TARGET_REGION_MS),
        )  # fmt: skip
        for name, token, path, target in cases:
            median, p95, size = latency(base, path + "&mode=live", token)
            good = median <= target
            ok &= good
            print(
                f"live  {name:26} median {median:7.1f} ms  p95 {p95:7.1f} ms  ({size / 1024:.0f} KiB)  "
                f"target median ≤ {target:g} ms  {'ok' if good else 'MISSED'}"
            )
        snapshot = approve_snapshot(base, muni, codes)
        if snapshot is None:
            print(
                "approved snapshot: not measured — this build has no POST /api/v1/kpi/snapshots (TODO: merge kpi-snap)"
            )
            return ok
        path = f"{common}&municipality_id={muni}&breakdown=organization&mode=approved"
        health_rps, health_p99 = asyncio.run(load(base, "/api/v1/health", department))
        # the floor of any authenticated read: the bearer token's user, session and roles (one statement), a static
        # list — what an approved answer could cost at best without caching the caller too
        floor_rps, floor_p99 = asyncio.run(load(base, "/api/v1/kpi/measures", department))
        snap_rps, snap_p99 = asyncio.run(load(base, path, department))
        share = snap_rps / health_rps
        good = share >= TARGET_SNAPSHOT_SHARE and snap_p99 <= TARGET_SNAPSHOT_P99_MS
        ok &= good
        print(
            f"load  /api/v1/health                {health_rps:7.0f} req/s  p99 {health_p99:6.1f} ms  "
            f"({CONCURRENCY} in flight)"
        )
        print(
            f"load  /api/v1/kpi/measures         {floor_rps:7.0f} req/s  p99 {floor_p99:6.1f} ms  "
            f"(authenticated floor: {floor_rps / health_rps:.0%} of health)"
        )
        print(
            f"load  approved snapshot, per school {snap_rps:7.0f} req/s  p99 {snap_p99:6.1f} ms  "
            f"share of health {share:.0%}  target ≥ {TARGET_SNAPSHOT_SHARE:.0%}, p99 ≤ {TARGET_SNAPSHOT_P99_MS:g} ms  "
            f"{'ok' if good else 'MISSED'}"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return ok


# --- EXPLAIN: the statements one live request runs, the heaviest explained ---------------------------------------


def _short(text_: str) -> str:
    """Long lists of municipality ids shortened for reading: `$14::UUID, … (50)`, `'{…50 ids…}'`."""
    import re

    def params(m: re.Match[str]) -> str:
        return f"{m.group(1)}, … ({m.group(0).count('::UUID')})"

    text_ = re.sub(r"(\$\d+::UUID)(, \$\d+::UUID){3,}", params, text_)
    text_ = re.sub(
        r"'\{([0-9a-f-]{36},){3,}[0-9a-f-]{36}\}'", lambda m: f"'{{…{m.group(0).count(',') + 1} ids…}}'", text_
    )
    return re.sub(r"(UUID\('[0-9a-f-]{36}'\), ){3,}UUID\('[0-9a-f-]{36}'\)", "UUID(…), …", text_)


async def explain(url: str, top: int) -> None:
    """Run the region-wide and the municipal live calculation in-process, time every statement, and print EXPLAIN
    (ANALYZE, BUFFERS) of the `top` slowest."""
    from app.auth.principal import user_principal
    from app.core.db import Database
    from app.core.periods import Period
    from app.kpi import service
    from app.kpi.schemas import ValuesQuery
    from app.main import create_app

    create_app()  # registers every module's measures
    Database.configure(url)
    assert Database.engine is not None and Database.sessionmaker is not None
    timings: list[tuple[float, str, Any, str]] = []
    label = [""]

    @event.listens_for(Database.engine.sync_engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        conn.info["t0"] = time.perf_counter()

    @event.listens_for(Database.engine.sync_engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        timings.append(((time.perf_counter() - conn.info["t0"]) * 1000, statement, parameters, label[0]))

    muni, region = uid("muni", 0), uid("region", 0)
    async with Database.sessionmaker() as session:
        codes = [
            r[0]
            for r in (
                await session.execute(text("SELECT code FROM kpi_indicators WHERE municipality_id IS NULL"))
            ).all()
        ]
        for name, role_row, kw in (
            ("municipality", ("department", None, muni, None, None),
             {"municipality_id": muni, "breakdown": "organization"}),
            ("region", ("department", region, None, None, None),
             {"region_id": region, "breakdown": "municipality"}),
        ):  # fmt: skip
            principal = await user_principal(session, uuid.uuid4(), "bench", [role_row])
            fields = {f.name for f in dataclasses.fields(ValuesQuery)}
            extra = {"mode": "live"} if "mode" in fields else {}  # snapshots (kpi-snap) add the mode
            q = ValuesQuery(
                indicators=codes,
                periods=[Period.parse(PERIOD)],
                organization_id=None,
                municipality_id=kw.get("municipality_id"),
                region_id=kw.get("region_id"),
                breakdown=kw["breakdown"],
                **extra,
            )
            label[0] = ""
            await service.values(session, principal, q)  # warm
            label[0] = name
            t0 = time.perf_counter()
            await service.values(session, principal, q)
            print(f"{name}: {(time.perf_counter() - t0) * 1000:.0f} ms in-process")
        event.remove(Database.engine.sync_engine, "before_cursor_execute", _before)
        event.remove(Database.engine.sync_engine, "after_cursor_execute", _after)
        for name in ("municipality", "region"):
            mine = [t for t in timings if t[3] == name]
            total = sum(t[0] for t in mine)
            print(f"\n=== {name}: {len(mine)} statements, {total:.0f} ms in the database ===")
            for ms, statement, _, _ in mine:
                print(f"{ms:8.1f} ms  {_short(statement)[:100]}")
            for ms, statement, parameters, _ in sorted(mine, key=lambda t: -t[0])[:top]:
                print(f"\n--- {ms:.1f} ms ---\n{_short(statement)}\n-- parameters: {_short(repr(parameters))}")
                conn = await session.connection()
                plan = await conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                print("\n".join(_short(r[0]) for r in plan.all()))
    await Database.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=("region", "country"), default="region")
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last run")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) the heaviest statements")
    parser.add_argument("--explain-only", action="store_true", help="--explain without the HTTP measurements")
    parser.add_argument("--top", type=int, default=4, help="how many statements --explain prints per scope")
    args = parser.parse_args()
    regions = 25 if args.scale == "country" else 1
    data_dir = Path(os.environ["DATA_DIR"])
    if args.scale == "country" and not DATA_DIR_GIVEN:
        data_dir = data_dir.with_name(data_dir.name + "-country")  # var/bench-kpi-country
    if not args.reuse:
        shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    _server, url = start_embedded(data_dir)
    upgrade(url, "heads")  # migrations of branches not yet chained may sit side by side
    if not args.reuse:
        t0 = time.perf_counter()
        rows = asyncio.run(generate(url, regions))
        total = time.perf_counter() - t0
        for table, (n, seconds) in rows.items():
            print(f"  {table:28} {n:>10,} rows  {seconds:6.1f} s")
        print(f"generated {args.scale} scale ({regions} region(s)) in {total:.1f} s")
    if args.generate_only:
        return 0
    if args.explain or args.explain_only:
        asyncio.run(explain(url, args.top))
    if args.explain_only:
        return 0
    return 0 if measure(url) else 1


if __name__ == "__main__":
    sys.exit(main())
