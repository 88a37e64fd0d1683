"""Background jobs: large exports and imports go to the queue (202 + job link), the job runs with the starter's
current rights and reports progress, only the starter and the municipality's department see it, and a real
procrastinate worker runs queued jobs from the test database."""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text, update

from app.audit.models import AuditEvent
from app.auth.models import User
from app.core.db import Database
from app.core.settings import get_settings
from app.files import storage
from app.jobs.models import Job
from app.jobs.queue import libpq_url, run_worker
from app.jobs.runner import INTERNAL_ERROR, execute_job, job_handler
from app.teachers.models import Teacher
from tests.factories import Tenant, make_tenant

API = "/api/v1"
HEADER = "Табельный номер;Фамилия;Имя;Отчество;Должность\n"


@pytest.fixture(autouse=True)
def _small_thresholds(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    settings = get_settings()
    monkeypatch.setattr(settings, "jobs_export_threshold", 1)
    monkeypatch.setattr(settings, "jobs_import_threshold", 2)
    monkeypatch.setattr(settings, "data_dir", tmp_path)
    storage.get_storage.cache_clear()
    yield
    storage.get_storage.cache_clear()


@pytest.fixture
async def tenant(engine) -> AsyncIterator[Tenant]:  # type: ignore[no-untyped-def]
    """A committed tenant: jobs run in their own transactions and must see it."""
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        t = await make_tenant(s)
        await s.commit()
    yield t


async def _job(job_id: str) -> Job:
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        return await s.get_one(Job, uuid.UUID(job_id))


async def _start_export(raw_client, t: Tenant, who: str = "department", fmt: str = "xlsx") -> dict:  # type: ignore[no-untyped-def]
    r = await raw_client.get(
        f"{API}/teachers/export",
        params={"format": fmt, "municipality_id": str(t.municipality.id)},
        headers=t.headers(who),
    )
    assert r.status_code == 202, r.headers
    body = r.json()
    assert r.headers["location"] == body["job_url"] == f"{API}/jobs/{body['job_id']}"
    assert "в фоне" in body["message"]
    return body


async def test_large_export_runs_as_a_job_and_its_file_is_the_result(raw_client, tenant) -> None:  # type: ignore[no-untyped-def]
    t = tenant
    body = await _start_export(raw_client, t)
    r = await raw_client.get(body["job_url"], headers=t.headers("department"))
    assert r.status_code == 200, r.text
    queued = r.json()
    assert (queued["state"], queued["state_name"], queued["total"], queued["done"]) == ("queued", "В очереди", 2, 0)
    assert queued["kind_name"] == "Выгрузка списка педагогов" and queued["result_url"] is None

    await execute_job(uuid.UUID(body["job_id"]))

    done = (await raw_client.get(body["job_url"], headers=t.headers("department"))).json()
    assert done["state"] == "succeeded", done
    assert (done["done"], done["total"], done["result"]) == (2, 2, {"rows": 2, "format": "xlsx"})
    assert done["finished_at"] and done["result_url"] == f"{API}/files/{done['result_file_id']}/content"
    f = await raw_client.get(done["result_url"], headers=t.headers("department"))
    assert f.status_code == 200, f.text
    assert "Педагоги" in unquote(f.headers["content-disposition"])
    rows = list(load_workbook(io.BytesIO(f.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and {r[1] for r in rows[1:]} == {"Иванова", "Петров"}
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        actions = set(
            (await s.scalars(select(AuditEvent.action).where(AuditEvent.municipality_id == t.municipality.id))).all()
        )
    assert {"job_started", "export", "job_succeeded", "create", "download"} <= actions


async def test_small_export_stays_synchronous(raw_client, tenant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "jobs_export_threshold", 5000)
    r = await raw_client.get(f"{API}/teachers/export", params={"format": "csv"}, headers=tenant.headers("department"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")


async def test_a_job_is_seen_by_its_starter_and_the_department_only(raw_client, tenant, engine) -> None:  # type: ignore[no-untyped-def]
    t = tenant
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        other = await make_tenant(s)
        await s.commit()
    body = await _start_export(raw_client, t, who="methodologist", fmt="csv")
    url = body["job_url"]
    assert (await raw_client.get(url, headers=t.headers("methodologist"))).status_code == 200
    assert (await raw_client.get(url, headers=t.headers("department"))).status_code == 200
    assert (await raw_client.get(url, headers=t.headers("sysadmin"))).status_code == 200
    for who in ("school_admin", "client_teachers_read"):
        r = await raw_client.get(url, headers=t.headers(who))
        assert r.status_code == 404 and r.json()["detail"] == "Задача не найдена", (who, r.text)
    assert (await raw_client.get(url, headers=other.headers("department"))).status_code == 404
    assert (await raw_client.get(url, headers=t.headers("teacher"))).status_code == 403
    mine = (await raw_client.get(f"{API}/jobs", headers=t.headers("methodologist"))).json()
    assert [j["id"] for j in mine["items"]] == [body["job_id"]] and mine["total"] == 1
    theirs = (await raw_client.get(f"{API}/jobs", headers=t.headers("department"))).json()
    assert body["job_id"] not in [j["id"] for j in theirs["items"]]  # the list is the caller's own jobs


async def test_a_client_export_job_is_polled_and_downloaded_by_the_client(raw_client, tenant) -> None:  # type: ignore[no-untyped-def]
    t = tenant
    body = await _start_export(raw_client, t, who="client_teachers_read", fmt="csv")
    await execute_job(uuid.UUID(body["job_id"]))
    job = (await raw_client.get(body["job_url"], headers=t.headers("client_teachers_read"))).json()
    assert job["state"] == "succeeded", job
    f = await raw_client.get(job["result_url"], headers=t.headers("client_teachers_read"))
    assert f.status_code == 200 and "Петров" in f.content.decode("utf-8-sig")


async def test_a_job_of_a_switched_off_account_does_not_run(raw_client, tenant) -> None:  # type: ignore[no-untyped-def]
    t = tenant
    body = await _start_export(raw_client, t)
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        await s.execute(update(User).where(User.id == t.users["department"].id).values(is_active=False))
        await s.commit()
    await execute_job(uuid.UUID(body["job_id"]))
    job = await _job(body["job_id"])
    assert job.state == "failed" and job.error and "отключена" in job.error and job.result_file_id is None


async def test_an_unexpected_error_fails_the_job_in_russian_and_rolls_its_work_back(raw_client, tenant) -> None:  # type: ignore[no-untyped-def]
    @job_handler("test_boom", "Проверка ошибки")
    async def boom(ctx):  # type: ignore[no-untyped-def]
        await ctx.save_result_file("x.csv", b"a;b\n", "text/csv")
        raise RuntimeError("secret detail with a name")

    from app.auth.principal import load_user_principal
    from app.jobs.service import start_job

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        user = await s.scalar(
            select(User)
            .where(User.id == tenant.users["department"].id)
            .options(__import__("sqlalchemy.orm", fromlist=["joinedload"]).joinedload(User.roles))
        )
        principal = await load_user_principal(s, user)
        job = await start_job(s, principal, "test_boom", {}, municipality_id=tenant.municipality.id)
        await s.commit()
    await execute_job(job.id)
    failed = await _job(str(job.id))
    assert failed.state == "failed" and failed.error == INTERNAL_ERROR and failed.result_file_id is None
    async with Database.sessionmaker() as s:
        files = await s.scalar(text("SELECT count(*) FROM files WHERE owner_id = :id"), {"id": job.id})
    assert files == 0
    await execute_job(job.id)  # a job that has ended is never run again
    assert (await _job(str(job.id))).state == "failed"


def _csv(n: int, prefix: str) -> bytes:
    lines = [f"{prefix}{i};Фонова{i};Анна;Ивановна;учитель" for i in range(n)]
    return (HEADER + "\n".join(lines) + "\n").encode()


async def test_large_import_runs_as_a_job_with_row_progress(raw_client, tenant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = tenant
    seen: list[tuple[int, int | None]] = []
    from app.jobs import runner

    original = runner.JobContext.progress

    async def spy(self, done, total=None, message=None, force=False):  # type: ignore[no-untyped-def]
        seen.append((done, total))
        await original(self, done, total, message, force=True)

    monkeypatch.setattr(runner.JobContext, "progress", spy)
    prefix = uuid.uuid4().hex[:6]
    r = await raw_client.post(
        f"{API}/teachers/import",
        headers=t.headers("school_admin"),
        data={"organization_id": str(t.org.id), "dry_run": "false"},
        files={"file": ("hr.csv", _csv(5, prefix), "text/csv")},
    )
    assert r.status_code == 202, r.text
    job_url = r.json()["job_url"]
    job = (await raw_client.get(job_url, headers=t.headers("school_admin"))).json()
    assert (job["state"], job["total"], job["organization_id"]) == ("queued", 5, str(t.org.id))
    await execute_job(uuid.UUID(r.json()["job_id"]))
    job = (await raw_client.get(job_url, headers=t.headers("school_admin"))).json()
    assert job["state"] == "succeeded", job
    assert job["result"]["applied"] is True and job["result"]["to_create"] == 5
    assert (job["done"], job["total"]) == (5, 5)
    assert [d for d, total in seen if total == 5] == [0, 1, 2, 3, 4]  # one report per applied row
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        created = await s.scalar(
            select(func.count())
            .select_from(Teacher)
            .where(Teacher.last_name.like("Фонова%"), Teacher.municipality_id == t.municipality.id)
        )
    assert created == 5


async def test_a_large_import_with_bad_rows_fails_and_keeps_the_report(raw_client, tenant) -> None:  # type: ignore[no-untyped-def]
    t = tenant
    content = _csv(3, uuid.uuid4().hex[:6]) + "999;;Без;Фамилии;учитель\n".encode()
    r = await raw_client.post(
        f"{API}/teachers/import",
        headers=t.headers("school_admin"),
        data={"organization_id": str(t.org.id), "dry_run": "false"},
        files={"file": ("hr.csv", content, "text/csv")},
    )
    assert r.status_code == 202, r.text
    await execute_job(uuid.UUID(r.json()["job_id"]))
    job = (await raw_client.get(r.json()["job_url"], headers=t.headers("school_admin"))).json()
    assert job["state"] == "failed" and job["error"] == "В файле есть ошибки — ничего не загружено"
    assert job["result"]["errors"][0]["message"] == "Не указана фамилия"
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        n = await s.scalar(
            select(func.count()).select_from(Teacher).where(Teacher.municipality_id == t.municipality.id)
        )
    assert n == 2  # all or nothing


async def test_a_dry_run_of_a_large_file_stays_synchronous(raw_client, tenant) -> None:  # type: ignore[no-untyped-def]
    r = await raw_client.post(
        f"{API}/teachers/import",
        headers=tenant.headers("school_admin"),
        data={"organization_id": str(tenant.org.id), "dry_run": "true"},
        files={"file": ("hr.csv", _csv(5, uuid.uuid4().hex[:6]), "text/csv")},
    )
    assert r.status_code == 200 and r.json()["to_create"] == 5


async def test_a_real_worker_runs_the_queued_jobs(raw_client, tenant, database_url) -> None:  # type: ignore[no-untyped-def]
    body = await _start_export(raw_client, tenant, fmt="csv")
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        queued = await s.scalar(
            text("SELECT status FROM procrastinate_jobs WHERE id = (SELECT queue_job_id FROM jobs WHERE id = :id)"),
            {"id": uuid.UUID(body["job_id"])},
        )
    assert queued == "todo"
    await run_worker(database_url, wait=False, concurrency=1, signals=False)  # runs what is queued, then returns
    job = await _job(body["job_id"])
    assert job.state == "succeeded" and job.result_file_id is not None, job.error
    async with Database.sessionmaker() as s:
        status = await s.scalar(text("SELECT status FROM procrastinate_jobs WHERE id = :id"), {"id": job.queue_job_id})
    assert status == "succeeded"


def test_libpq_url() -> None:
    assert libpq_url("postgresql+asyncpg://u:p@h:5432/db") == "postgresql://u:p@h:5432/db"
    assert libpq_url("postgresql+asyncpg://u@h/db?ssl=require") == "postgresql://u@h/db?sslmode=require"
