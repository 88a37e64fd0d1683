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


def _operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()]


def test_every_error_is_problem_json_with_its_schema() -> None:
    spec = json.loads(export_openapi())
    for path, method, op in _operations(spec):
        if op["operationId"] == "issue_token":  # RFC 6749 §5.2 errors, checked below
            continue
        for status, resp in op["responses"].items():
            if 400 <= int(status) < 500:
                assert set(resp["content"]) == {"application/problem+json"}, (method, path, status)
                schema = resp["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    token = spec["paths"]["/api/v1/auth/token"]["post"]["responses"]
    for status in ("400", "401", "429"):
        assert token[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/OAuthError"}
    assert set(token["4XX"]["content"]) == {"application/problem+json"}


def test_every_operation_lists_its_errors_and_required_permission() -> None:
    spec = json.loads(export_openapi())
    public = {"health", "ready", "issue_token", "calendar_feed_ics"}  # the iCalendar feed: a key in its URL
    for path, method, op in _operations(spec):
        codes = set(op["responses"])
        if op["operationId"] in public:
            continue
        assert "401" in codes, (method, path)
        scopes = [s for req in op.get("security", []) for values in req.values() for s in values]
        if op["operationId"] not in {"get_me", "logout"}:
            assert scopes, f"{op['operationId']} names no required permission"
            assert "403" in codes and "Требуется право" in op["description"]
        if "{" in path:
            assert "404" in codes, (method, path)
        if "requestBody" in op or op.get("parameters"):
            assert "422" in codes, (method, path)
        if method != "get":
            assert "409" in codes, (method, path)  # a write may meet a conflicting one at commit
        if any(p["name"] == "If-Match" for p in op.get("parameters", [])):
            assert "412" in codes, (method, path)
    update = spec["paths"]["/api/v1/teachers/{teacher_id}"]["patch"]
    assert update["security"] == [{"OAuth2": ["teachers:write"]}]
    # every scope named by an operation is declared by the flows
    declared = set(spec["components"]["securitySchemes"]["OAuth2"]["flows"]["password"]["scopes"])
    for _, _, op in _operations(spec):
        for req in op.get("security", []):
            assert set(req["OAuth2"]) <= declared


def test_every_field_has_a_description() -> None:
    spec = json.loads(export_openapi())
    missing = [
        f"{name}.{field}"
        for name, schema in spec["components"]["schemas"].items()
        for field, prop in schema.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert not missing, f"fields without a description (add Field(description=…) or FIELD_GLOSSARY): {missing}"


def test_every_request_body_has_an_example() -> None:
    spec = json.loads(export_openapi())
    schemas = spec["components"]["schemas"]
    missing = []
    for path, method, op in _operations(spec):
        for media in op.get("requestBody", {}).get("content", {}).values():
            if "example" in media or "examples" in media:
                continue
            schema = schemas[media["schema"]["$ref"].rsplit("/", 1)[-1]]
            props = [
                p
                for p in schema.get("properties", {}).values()
                if p.get("format") != "binary" and "contentMediaType" not in p  # files
            ]
            if schema.get("examples") or (props and all("examples" in p or "example" in p for p in props)):
                continue
            missing.append(f"{method.upper()} {path}")
    assert not missing, f"request bodies without an example: {missing}"
