"""The contract seen from an integrator's side: a Python client generated from openapi/openapi.json with
`openapi-python-client` makes one call of each kind against the app — the token form, a list with query
parameters, a read with its ETag, a JSON create, a PATCH with If-Match, the multipart teacher import — and gets
typed answers, including a typed Problem for an error."""

from __future__ import annotations

import importlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient

from tests.factories import PASSWORD, make_tenant

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture(scope="module")
def mms_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not GENERATOR.exists():
        pytest.fail("openapi-python-client is not installed (it is in the dev dependencies)")
    out = tmp_path_factory.mktemp("generated")
    env = {**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(ROOT / "openapi" / "openapi.json"),
            "--meta",
            "none",
            "--output-path",
            str(out / "mms_client"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unable to parse" not in result.stdout, result.stdout  # every operation made it into the client
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("mms_client")
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "mms_client" or m.startswith("mms_client.")]:
            del sys.modules[name]
        shutil.rmtree(out, ignore_errors=True)


def _api(name: str) -> Any:
    return importlib.import_module(f"mms_client.api.{name}")


async def test_generated_client_makes_every_kind_of_call(app, client, session, mms_client) -> None:  # type: ignore[no-untyped-def]
    from mms_client import AuthenticatedClient, Client
    from mms_client.models import (
        ArchiveRequest,
        BodyImportTeachers,
        BodyIssueToken,
        OrganizationCreate,
        Problem,
        TeacherUpdate,
    )
    from mms_client.types import File

    tenant = await make_tenant(session, with_passwords=True)
    transport = ASGITransport(app=app)

    # the token form (application/x-www-form-urlencoded)
    anonymous = Client(base_url="http://test")
    anonymous.set_async_httpx_client(AsyncClient(transport=transport, base_url="http://test"))
    token = await _api("auth.issue_token").asyncio(
        client=anonymous,
        body=BodyIssueToken.from_dict(
            {"grant_type": "password", "username": tenant.users["department"].email, "password": PASSWORD}
        ),
    )
    assert token.access_token and token.refresh_token

    api = AuthenticatedClient(base_url="http://test", token=token.access_token)
    api.set_async_httpx_client(
        AsyncClient(
            transport=transport, base_url="http://test", headers={"Authorization": f"Bearer {token.access_token}"}
        )
    )

    # a list with query parameters
    page = await _api("teachers.list_teachers").asyncio(client=api, limit=10, organization_id=tenant.org.id)
    assert [t.id for t in page.items] == [tenant.teacher.id] and page.total == 1

    # a read, with its ETag
    read = await _api("teachers.get_teacher").asyncio_detailed(client=api, teacher_id=tenant.teacher.id)
    assert read.status_code == 200 and read.parsed.last_name == tenant.teacher.last_name
    etag = read.headers["etag"]

    # a PATCH with If-Match
    updated = await _api("teachers.update_teacher").asyncio_detailed(
        client=api, teacher_id=tenant.teacher.id, body=TeacherUpdate(phone="+7 900 123-45-67"), if_match=etag
    )
    assert updated.status_code == 200 and updated.parsed.phone == "+7 900 123-45-67"
    stale = await _api("teachers.update_teacher").asyncio_detailed(
        client=api, teacher_id=tenant.teacher.id, body=TeacherUpdate(phone="+7 900 000-00-00"), if_match=etag
    )
    assert stale.status_code == 412 and isinstance(stale.parsed, Problem)

    # a JSON create, then archive
    org = await _api("organizations.create_organization").asyncio(
        client=api,
        body=OrganizationCreate(
            municipality_id=tenant.municipality.id, type_code="sosh", name="Средняя школа № 99", short_name="СОШ № 99"
        ),
    )
    assert org.short_name == "СОШ № 99"
    archived = await _api("organizations.archive_organization").asyncio(
        client=api, organization_id=org.id, body=ArchiveRequest(reason="Открыта по ошибке"), if_match=f'"{org.version}"'
    )
    assert archived.archived_at is not None

    # the multipart teacher import
    csv = "Табельный номер;Фамилия;Имя;Отчество;Должность\n0042;Тестова;Анна;Ивановна;учитель\n".encode()
    report = await _api("teachers.import_teachers").asyncio(
        client=api,
        body=BodyImportTeachers(
            file=File(payload=io.BytesIO(csv), file_name="hr.csv", mime_type="text/csv"),
            organization_id=tenant.org.id,
            dry_run=True,
        ),
    )
    assert report.total_rows == 1 and report.to_create == 1, report

    # an error is a typed Problem with its code
    missing = await _api("teachers.get_teacher").asyncio(client=api, teacher_id=tenant.org.id)
    assert isinstance(missing, Problem) and missing.code == "not_found" and missing.status == 404
