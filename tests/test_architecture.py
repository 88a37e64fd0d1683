"""The module shape, checked on the source: routers speak HTTP only, `app/core` knows no module, and no lower
module imports a higher one. Read the imports with `ast` (also those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"

# Lower first. A module may import itself, `app.core` and the modules below it.
LAYERS = [
    "core",
    "reference",
    "tenants",
    "organizations",
    "files",
    "jobs",
    "teachers",
    "auth",
    "users",
    "clients",
    "audit",
    "notifications",
    "events",
    "courses",
    "attestation",
    "mentoring",
    "growth",
    "documents",
    "help_requests",
    "practices",
    "associations",
    "diagnostics",
    "routes",
    "kpi",
    "roadmap",
    "demo",
]
TOP = {"main", "models", "__main__", "__init__"}  # the application's assembly: may import everything


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def _module_of(path: Path) -> str:
    rel = path.relative_to(APP)
    return rel.parts[0].removesuffix(".py")


def _app_module(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "app" and len(parts) > 1 else None


def _files() -> list[Path]:
    return sorted(APP.rglob("*.py"))


ROUTER_FILES = {"router.py"}


def _is_router(p: Path) -> bool:
    """A module's router.py, or one of the files a big module splits it into (`<part>_router.py`)."""
    return p.name in ROUTER_FILES or p.name.endswith("_router.py")


def test_routers_do_not_import_sqlalchemy() -> None:
    """Every router is HTTP only: no router builds SQL (issue 9 emptied the allow-list; keep it empty)."""
    bad = [
        f"{p.relative_to(APP)}: {name}"
        for p in _files()
        if _is_router(p)
        for name in _imports(p)
        if name == "sqlalchemy" or name.startswith("sqlalchemy.")
    ]
    assert not bad, "a router builds SQL (move it into the module's repository): " + "; ".join(bad)


def test_every_router_module_is_named_router() -> None:
    """An APIRouter lives in a module's router.py (so the check above sees every router)."""
    bad = [
        str(p.relative_to(APP))
        for p in _files()
        if not _is_router(p) and _module_of(p) not in TOP | {"core"} and "APIRouter(" in p.read_text(encoding="utf-8")
    ]
    assert not bad, bad


def test_core_imports_no_module() -> None:
    bad = [
        f"{p.relative_to(APP)}: {name}"
        for p in (APP / "core").rglob("*.py")
        for name in _imports(p)
        if (m := _app_module(name)) is not None and m != "core"
    ]
    assert not bad, "app/core must not depend on a module: " + "; ".join(bad)


def test_no_lower_module_imports_a_higher_one() -> None:
    bad = []
    for p in _files():
        own = _module_of(p)
        if own in TOP or own not in LAYERS:
            continue
        for name in _imports(p):
            other = _app_module(name)
            if other is None or other == own:
                continue
            if other in TOP or other not in LAYERS or LAYERS.index(other) > LAYERS.index(own):
                bad.append(f"{p.relative_to(APP)} ({own}) imports {name} ({other})")
    assert not bad, "layer order " + " < ".join(LAYERS) + " broken: " + "; ".join(sorted(set(bad)))


def test_audit_knows_no_module() -> None:
    """The audit log reads every module's records through the registry of `app.core.audit_trail` (each module
    describes its records at the end of its repository.py): app/audit imports only `app.core` and itself."""
    bad = [
        f"{p.relative_to(APP)}: {name}"
        for p in (APP / "audit").rglob("*.py")
        for name in _imports(p)
        if (m := _app_module(name)) is not None and m not in {"core", "audit"}
    ]
    assert not bad, "app/audit imports a module (let it describe(AuditSubject(...)) instead): " + "; ".join(bad)


def test_every_package_is_in_the_layer_order() -> None:
    packages = {p.name for p in APP.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages <= set(LAYERS), f"add the new module to LAYERS in this test: {sorted(packages - set(LAYERS))}"


def test_if_match_is_checked_in_one_place() -> None:
    callers = [
        p.relative_to(APP)
        for p in _files()
        if "check_if_match" in p.read_text(encoding="utf-8") or "crud" in {x.stem for x in [p]}
    ]
    assert not callers, callers
    assert not (APP / "core" / "crud.py").exists()


def test_domain_modules_have_the_shape() -> None:
    for module in (
        "tenants",
        "organizations",
        "teachers",
        "reference",
        "users",
        "clients",
        "audit",
        "files",
        "jobs",
        "events",
        "courses",
        "attestation",
        "mentoring",
        "documents",
        "associations",
        "notifications",
        "help_requests",
        "kpi",
    ):
        files = {p.name for p in (APP / module).glob("*.py")}
        missing = {"router.py", "service.py", "repository.py", "schemas.py", "models.py", "permissions.py"} - files
        assert not missing, f"app/{module} lacks {sorted(missing)}"


def test_the_checks_catch_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "router.py"
    bad.write_text("from sqlalchemy import select\nfrom app.teachers import service\n", encoding="utf-8")
    names = _imports(bad)
    assert "sqlalchemy" in names and _app_module("app.teachers.service") == "teachers"


def test_every_dependency_of_a_route_is_async() -> None:
    """FastAPI runs a plain `def` dependency (or handler) in a worker thread: a thread hop per call, per request —
    on the teacher list three of them cost more than its SQL. Every dependency and handler is `async def`."""
    import inspect

    from fastapi.routing import APIRoute, iter_route_contexts

    from app.main import create_app

    def walk(dependant):  # type: ignore[no-untyped-def]
        yield dependant
        for sub in dependant.dependencies:
            yield from walk(sub)

    sync = set()
    routes = [r for r in iter_route_contexts(create_app().routes) if isinstance(r.original_route, APIRoute)]
    assert len(routes) > 40
    for route in routes:
        for d in walk(route.dependant):
            call = d.call
            if call is None:
                continue
            target = call if inspect.isfunction(call) or inspect.ismethod(call) else type(call).__call__
            if not (inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)):
                sync.add(f"{route.path}: {getattr(call, '__qualname__', call)}")
    assert not sync, "dependencies that run in a thread pool:\n" + "\n".join(sorted(sync))
