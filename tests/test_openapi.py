"""The committed OpenAPI file is what the code exports; both OAuth2 flows are declared."""

from __future__ import annotations

import json
from pathlib import Path

from app.__main__ import export_openapi

ROOT = Path(__file__).resolve().parents[1]


def test_openapi_file_is_current() -> None:
    committed = (ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8")
    assert committed == export_openapi(), "openapi/openapi.json is stale: run `python -m app export-openapi`"


def test_security_schemes_and_operation_ids() -> None:
    spec = json.loads(export_openapi())
    flows = spec["components"]["securitySchemes"]["OAuth2"]["flows"]
    assert set(flows) == {"password", "clientCredentials"}
    assert "kpi:read" in flows["clientCredentials"]["scopes"]
    ops = [op["operationId"] for p in spec["paths"].values() for op in p.values()]
    assert len(ops) == len(set(ops))
    teacher_get = spec["paths"]["/api/v1/teachers/{teacher_id}"]["get"]
    assert "404" in teacher_get["responses"]
    assert "application/problem+json" in teacher_get["responses"]["404"]["content"]
