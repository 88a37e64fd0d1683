"""Two editors save the same teacher with the same If-Match at once: one wins, the other gets 412."""

from __future__ import annotations

import asyncio

import pytest

from app.core.db import Database
from tests.factories import make_tenant


async def test_two_updates_with_same_if_match(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:  # committed data in its own tenant, so other tests are unaffected
        t = await make_tenant(s)
        await s.commit()
    url = f"/api/v1/teachers/{t.teacher.id}"
    h = t.headers("department")
    etag = (await raw_client.get(url, headers=h)).headers["etag"]
    results = await asyncio.gather(
        raw_client.patch(url, json={"last_name": "Первая"}, headers={**h, "If-Match": etag}),
        raw_client.patch(url, json={"last_name": "Вторая"}, headers={**h, "If-Match": etag}),
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200, 412], [r.text for r in results]
    winner = next(r for r in results if r.status_code == 200).json()["last_name"]
    final = (await raw_client.get(url, headers=h)).json()
    assert final["last_name"] == winner and final["version"] == 2


async def test_signing_in_twice_at_once_and_an_open_form_stay_valid(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    """Two tabs (or two browser-test workers) sign the same person in at once: both succeed (was 412 for one), and a
    sign-in does not make an administrator's open form of that user stale."""
    from tests.factories import PASSWORD

    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:
        t = await make_tenant(s, with_passwords=True)
        await s.commit()
    target = t.users["methodologist"]
    admin = t.headers("department")
    etag = (await raw_client.get(f"/api/v1/users/{target.id}", headers=admin)).headers["etag"]
    form = {"grant_type": "password", "username": target.email, "password": PASSWORD}
    results = await asyncio.gather(*(raw_client.post("/api/v1/auth/token", data=form) for _ in range(4)))
    assert [r.status_code for r in results] == [200] * 4, [r.text for r in results]
    saved = await raw_client.patch(
        f"/api/v1/users/{target.id}", json={"full_name": "Орлова Елена"}, headers={**admin, "If-Match": etag}
    )
    assert saved.status_code == 200, saved.text


# The writes that change or end access to a record, or destroy it: they take the version on screen, always.
REQUIRED = {
    "archive_teacher": ("department", "/api/v1/teachers/{teacher}", "/archive", {"reason": "Уволилась"}),
    "archive_organization": ("department", "/api/v1/organizations/{org2}", "/archive", {"reason": "Реорганизация"}),
    "update_user": ("department", "/api/v1/users/{user}", "", {"is_active": False}),
    "archive_user": ("department", "/api/v1/users/{user}", "/archive", {"reason": "Уволилась"}),
    "update_client": ("department", "/api/v1/clients/{client}", "", {"is_active": False}),
    "rotate_client_secret": ("department", "/api/v1/clients/{client}", "/rotate-secret", None),
    "archive_client": ("department", "/api/v1/clients/{client}", "/archive", {"reason": "Не нужна"}),
    "archive_municipality": ("sysadmin", "/api/v1/municipalities/{municipality}", "/archive", {"reason": "Слияние"}),
    "archive_region": ("sysadmin", "/api/v1/regions/{region}", "/archive", {"reason": "Слияние"}),
}


@pytest.mark.parametrize("operation", sorted(REQUIRED))
async def test_if_match_is_required_and_checked(client, session, operation: str) -> None:  # type: ignore[no-untyped-def]
    """Without If-Match: 428 (not FastAPI's 422) and nothing changes; a stale ETag: 412; the ETag read: success."""
    t = await make_tenant(session)
    who, card, action, body = REQUIRED[operation]
    ids = {
        "teacher": t.teacher.id,
        "org2": t.org2.id,
        "user": t.users["teacher"].id,
        "client": t.clients["client_kpi"].id,
        "municipality": t.municipality.id,
        "region": t.region.id,
    }
    url = card.format(**ids)
    h = t.headers(who)
    method = "PATCH" if action == "" else "POST"
    read = await client.get(url, headers=h)
    assert read.status_code == 200, read.text
    etag = read.headers["etag"]

    missing = await client.request(method, url + action, json=body, headers=h)
    assert missing.status_code == 428, missing.text
    assert missing.headers["content-type"].startswith("application/problem+json")
    problem = missing.json()
    assert problem["code"] == "if_match_required" and "If-Match" in problem["detail"]
    assert problem["current_version"] == read.json()["version"]
    assert (await client.get(url, headers=h)).headers["etag"] == etag  # nothing changed

    stale = await client.request(method, url + action, json=body, headers={**h, "If-Match": '"999"'})
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict", stale.text

    done = await client.request(method, url + action, json=body, headers={**h, "If-Match": etag})
    assert done.status_code == 200, done.text


def test_openapi_shows_which_operations_require_if_match(app) -> None:  # type: ignore[no-untyped-def]
    spec = app.openapi()
    required: set[str] = set()
    for ops in spec["paths"].values():
        for op in ops.values():
            header = next((p for p in op.get("parameters", []) if p["name"] == "If-Match"), None)
            if header is None:
                continue
            assert "412" in op["responses"], op["operationId"]
            if header["required"]:
                required.add(op["operationId"])
                assert header["schema"] == {**header["schema"], "type": "string"}, op["operationId"]
                assert "x-if-match-required" not in header["schema"]
                assert op["responses"]["428"]["content"] == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }
            else:
                assert "428" not in op["responses"], op["operationId"]
    assert set(REQUIRED) <= required, set(REQUIRED) - required
    # the modules built after issue 9 require If-Match on every change of a record (their own tests check the 428)
    for prefix in ("update_", "archive_"):
        for module_op in (
            "course",
            "attestation",
            "mentoring_pair",
            "event",
            "event_series",
            "participation",
            "award",
            "document",
            "document_requirement",
        ):
            assert prefix + module_op in required, prefix + module_op
        for module_op in ("association", "association_plan", "association_meeting"):
            assert prefix + module_op in required, prefix + module_op
    assert "update_association_member" in required
    assert "decide_attestation" in required
    assert "approve_document" in required
    for op in ("submit_practice", "start_practice_review", "review_practice", "publish_practice", "return_practice"):
        assert op in required, op
    for module_op in ("practice", "practice_criterion"):
        assert "update_" + module_op in required, module_op
    assert "archive_practice" in required
    for op_id in (
        "update_help_request",
        "take_help_request",
        "add_help_consultation",
        "close_help_request",
        "reopen_help_request",
        "archive_help_request",
    ):
        assert op_id in required, op_id
