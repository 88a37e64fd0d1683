"""A 2xx answer means the data is saved: the request's transaction commits before the response is sent, and a
failed commit answers an error (never a 200 for a write that was rolled back)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text

from app.core.db import Database
from tests.factories import PASSWORD, make_tenant

TOKEN = "/api/v1/auth/token"


class ClientFirstTransport(httpx.AsyncBaseTransport):
    """Runs the ASGI app like a real server does: the client gets the response as soon as its last byte is
    sent, while the app's task may still be running. The app is even held right after sending (until the
    caller's next request has finished), the worst timing a real network can give: whatever the app does after
    sending the response (e.g. a late commit) is not visible to the next request."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.tasks: list[asyncio.Task[None]] = []
        self.held: list[asyncio.Event] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        earlier = list(self.held)
        body = await request.aread()
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": "http",
            "path": request.url.path,
            "raw_path": request.url.raw_path.split(b"?")[0],
            "query_string": request.url.query,
            "root_path": "",
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "client": ("127.0.0.1", 1234),
            "server": ("test", 80),
            "state": {},
        }
        sent = False
        done = asyncio.Event()
        release = asyncio.Event()
        self.held.append(release)
        status = 500
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def receive():  # type: ignore[no-untyped-def]
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await release.wait()
            return {"type": "http.disconnect"}

        async def send(message):  # type: ignore[no-untyped-def]
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    done.set()
                    try:
                        await asyncio.wait_for(release.wait(), timeout=10)
                    except TimeoutError:
                        pass

        async def run() -> None:
            try:
                await self.app(scope, receive, send)
            finally:
                done.set()

        self.tasks.append(asyncio.create_task(run()))
        await done.wait()
        for ev in earlier:  # this request is answered: the previous ones may go on now
            ev.set()
        return httpx.Response(status, headers=headers, content=b"".join(chunks), request=request)

    async def aclose(self) -> None:
        for ev in self.held:
            ev.set()
        await asyncio.gather(*self.tasks, return_exceptions=True)


@pytest.fixture
async def real_client(app, engine) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    app.dependency_overrides.clear()
    async with httpx.AsyncClient(transport=ClientFirstTransport(app), base_url="http://test") as c:
        yield c


async def _committed_tenant():  # type: ignore[no-untyped-def]
    assert Database.sessionmaker is not None
    async with Database.sessionmaker() as s:  # committed data in its own tenant, so other tests are unaffected
        t = await make_tenant(s, with_passwords=True)
        await s.commit()
    return t


async def test_refresh_right_after_login_works_every_time(real_client: httpx.AsyncClient) -> None:
    t = await _committed_tenant()
    failures = []
    for i in range(20):
        login = await real_client.post(
            TOKEN, data={"grant_type": "password", "username": t.users["teacher"].email, "password": PASSWORD}
        )
        assert login.status_code == 200, login.text
        refresh = await real_client.post(
            TOKEN, data={"grant_type": "refresh_token", "refresh_token": login.json()["refresh_token"]}
        )
        if refresh.status_code != 200:
            failures.append((i, refresh.status_code, refresh.text))
    assert failures == []


async def test_a_saved_patch_is_visible_to_the_next_request(real_client: httpx.AsyncClient) -> None:
    t = await _committed_tenant()
    h = t.headers("department")
    url = f"/api/v1/teachers/{t.teacher.id}"
    for i in range(5):
        current = await real_client.get(url, headers=h)
        assert current.status_code == 200
        name = f"Сохранённая{'а' * i}"
        r = await real_client.patch(url, json={"last_name": name}, headers={**h, "If-Match": current.headers["etag"]})
        assert r.status_code == 200, r.text
        after = await real_client.get(url, headers=h)
        assert after.json()["last_name"] == name
        assert after.headers["etag"] == r.headers["etag"]


async def test_a_failed_commit_answers_an_error_and_saves_nothing(raw_client, engine) -> None:  # type: ignore[no-untyped-def]
    """A check the database makes only at COMMIT (a deferred constraint trigger, as deferred unique and foreign
    keys do) fails: the client gets a 409 problem, not a 200 for data that was rolled back."""
    t = await _committed_tenant()
    marker = "Отказпри" + t.municipality.id.hex[:6]
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "CREATE OR REPLACE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN RAISE EXCEPTION 'deferred check failed' USING ERRCODE = 'unique_violation'; END $$"
            )
        )
        await conn.execute(
            text(
                "CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER UPDATE ON teachers "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                f"WHEN (NEW.last_name = '{marker}') EXECUTE FUNCTION test_fail_at_commit()"
            )
        )
    try:
        h = t.headers("department")
        url = f"/api/v1/teachers/{t.teacher.id}"
        etag = (await raw_client.get(url, headers=h)).headers["etag"]
        r = await raw_client.patch(url, json={"last_name": marker}, headers={**h, "If-Match": etag})
        assert r.status_code == 409, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == "conflict"
        after = await raw_client.get(url, headers=h)
        assert after.json()["last_name"] == t.teacher.last_name
        assert after.headers["etag"] == etag
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DROP TRIGGER IF EXISTS test_fail_at_commit ON teachers"))
            await conn.execute(text("DROP FUNCTION IF EXISTS test_fail_at_commit()"))
