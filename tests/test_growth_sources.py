"""The teacher's growth from the modules above growth (they register their timeline sources): a practice the teacher
authored and got published, a methodological association they are a member of and the meeting they attended, help
they received (a closed request) — in the API and the portfolio DOCX, each as the caller may read it; a school
administrator of another school still gets 404."""

from __future__ import annotations

import io
import uuid

from docx import Document

from app.auth.models import RoleAssignment, User
from app.core.timeline import sources
from app.core.tokens import issue_access_token
from tests.factories import make_tenant

API = "/api/v1"
PRACTICE = "Проектная деятельность на уроках математики"
MEETING = "Формирующее оценивание на уроках математики"
SCORES = {"relevance": 3, "novelty": 2, "significance": 3, "replicability": 2, "design": 3}


def _v(body: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {"If-Match": f'"{body["version"]}"'}


async def _headers_of(session, t, **role) -> dict[str, str]:  # type: ignore[no-untyped-def]
    u = User(
        email=f"u.{uuid.uuid4().hex[:8]}@test.mms",
        full_name="Другая Школа",
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(municipality_id=t.municipality.id, **role)],
    )
    session.add(u)
    await session.flush()
    token, _ = issue_access_token(f"user:{u.id}")
    return {"Authorization": f"Bearer {token}"}


async def _published_practice(client, t) -> dict:  # type: ignore[no-untyped-def, type-arg]
    m = t.headers("methodologist")
    body = {
        "title": PRACTICE,
        "organization_id": str(t.org.id),
        "author_ids": [str(t.teacher.id)],
        "kind": "technique",
        "level": "municipal",
        "description": "Мини-проекты учеников в группах по итогам каждой темы курса.",
    }
    r = await client.post(f"{API}/practices", json=body, headers=t.headers("teacher"))
    assert r.status_code == 201, r.text
    p = r.json()
    for action, who, payload, status in (
        ("submit", m, {}, 200),
        ("start-review", m, {"reviewer_ids": [str(t.users["association_leader"].id)]}, 200),
        ("reviews", t.headers("association_leader"), {"scores": SCORES, "recommendation": "publish"}, 201),
        ("publish", m, {}, 200),
    ):
        r = await client.post(f"{API}/practices/{p['id']}/{action}", json=payload, headers=who | _v(p))
        assert r.status_code == status, r.text
        p = r.json()
    assert p["status"] == "published"
    return p


async def _association(client, t) -> dict:  # type: ignore[no-untyped-def, type-arg]
    m = t.headers("methodologist")
    body = {
        "level": "city",
        "title": "ГМО учителей математики",
        "subject_code": "mathematics",
        "leader_teacher_id": str(t.teacher2.id),
        "academic_year": "2024/2025",
    }
    r = await client.post(f"{API}/associations", json=body, headers=m)
    assert r.status_code == 201, r.text
    a = r.json()
    member = {"teacher_id": str(t.teacher.id), "joined_on": "2024-09-16"}
    r = await client.post(f"{API}/associations/{a['id']}/members", json=member, headers=m)
    assert r.status_code in (200, 201), r.text
    meeting = {
        "held_on": "2024-10-15",
        "topic": MEETING,
        "form": "семинар-практикум",
        "attendance": [str(t.teacher.id)],
    }
    r = await client.post(f"{API}/associations/{a['id']}/meetings", json=meeting, headers=m)
    assert r.status_code == 201, r.text
    return a


async def _resolved_help(client, t) -> str:  # type: ignore[no-untyped-def]
    ask = {"topic_code": "functional_literacy", "description": "Как составить задания по читательской грамотности"}
    created = await client.post(f"{API}/help-requests", json=ask, headers=t.headers("teacher"))
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    h = t.headers("methodologist")
    taken = await client.post(f"{API}/help-requests/{rid}/take", headers=h | {"If-Match": created.headers["etag"]})
    assert taken.status_code == 200, taken.text
    consulted = await client.post(
        f"{API}/help-requests/{rid}/consultations",
        json={"notes": "Разобрали банк заданий"},
        headers=h | {"If-Match": taken.headers["etag"]},
    )
    assert consulted.status_code == 201, consulted.text
    closed = await client.post(
        f"{API}/help-requests/{rid}/close",
        json={"resolution": "full", "comment": "Задания составлены"},
        headers=h | {"If-Match": consulted.headers["etag"]},
    )
    assert closed.status_code == 200, closed.text
    return rid


async def _records(client, t) -> tuple[dict, dict, str]:  # type: ignore[no-untyped-def, type-arg]
    return await _published_practice(client, t), await _association(client, t), await _resolved_help(client, t)


def _entries(body: dict) -> list[dict]:  # type: ignore[type-arg]
    return [e for y in body["years"] for e in y["entries"]]


def test_every_module_with_growth_records_registers_its_source() -> None:
    assert set(sources()) >= {
        "events",
        "courses",
        "attestation",
        "mentoring",
        "practices",
        "associations",
        "help_requests",
    }


async def test_growth_shows_practice_association_meeting_and_help(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    practice, association, help_id = await _records(client, t)
    r = await client.get(f"{API}/teachers/{t.teacher.id}/growth", headers=t.headers("methodologist"))
    assert r.status_code == 200, r.text
    entries = _entries(r.json())
    by_kind: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for e in entries:
        by_kind.setdefault(e["kind"], []).append(e)
    [p] = by_kind["practice"]
    assert p["record_id"] == practice["id"] and p["title"] == PRACTICE and p["kind_label"] == "Практика"
    assert p["start"] == practice["published_at"][:10]
    assert "муниципальный уровень" in p["detail"] and "опубликована" in p["detail"]
    membership = next(e for e in by_kind["association"] if e["record_id"] == association["id"])
    assert membership["kind_label"] == "Участник ГМО" and membership["title"] == "ГМО учителей математики"
    assert membership["start"] == "2024-09-16" and membership["end"] == "2025-08-31"
    assert "2024/2025 учебный год" in membership["detail"]
    meeting = next(e for e in by_kind["association"] if e["title"] == MEETING)
    assert meeting["kind_label"] == "Заседание ГМО" and meeting["start"] == "2024-10-15"
    assert meeting["detail"] == "ГМО учителей математики; семинар-практикум"
    years = {y["academic_year"]: y for y in r.json()["years"]}
    assert {e["title"] for e in years["2024/2025"]["entries"]} == {"ГМО учителей математики", MEETING}
    [h] = by_kind["help"]
    assert h["record_id"] == help_id and h["kind_label"] == "Методическая помощь"
    assert h["detail"].startswith("решено в полном объёме") and "консультаций: 1" in h["detail"]
    assert "Задания составлены" in h["detail"]
    # the leader of the association sees it from the other side; the teacher sees their own growth too
    leader = _entries(
        (await client.get(f"{API}/teachers/{t.teacher2.id}/growth", headers=t.headers("methodologist"))).json()
    )
    assert [e["kind_label"] for e in leader] == ["Руководитель ГМО"]
    own = await client.get(f"{API}/teachers/{t.teacher.id}/growth", headers=t.headers("teacher"))
    assert {e["kind"] for e in _entries(own.json())} == {"practice", "association", "help"}
    # the school administrator of the teacher's school sees the city association of their teacher as well
    school = await client.get(f"{API}/teachers/{t.teacher.id}/growth", headers=t.headers("school_admin"))
    assert school.status_code == 200
    assert {e["kind"] for e in _entries(school.json())} == {"practice", "association", "help"}


async def test_a_school_admin_of_another_school_does_not_see_them(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await _records(client, t)
    other = await _headers_of(session, t, role="school_admin", organization_id=t.org2.id)
    assert (await client.get(f"{API}/teachers/{t.teacher.id}/growth", headers=other)).status_code == 404
    assert (await client.get(f"{API}/teachers/{t.teacher.id}/portfolio", headers=other)).status_code == 404
    # nor does another municipality
    elsewhere = await make_tenant(session)
    foreign = await client.get(f"{API}/teachers/{t.teacher.id}/growth", headers=elsewhere.headers("methodologist"))
    assert foreign.status_code == 404


async def test_a_draft_practice_shows_only_to_who_reads_it(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    body = {
        "title": "Черновик о читательской грамотности",
        "organization_id": str(t.org2.id),
        "author_ids": [str(t.teacher2.id)],
        "kind": "case",
        "level": "school",
    }
    assert (await client.post(f"{API}/practices", json=body, headers=t.headers("methodologist"))).status_code == 201
    seen = await client.get(f"{API}/teachers/{t.teacher2.id}/growth", headers=t.headers("methodologist"))
    [draft] = _entries(seen.json())
    assert draft["kind"] == "practice" and "черновик" in draft["detail"]
    # the department reads published practices only: the draft is not in its view of the teacher's growth
    department = await client.get(f"{API}/teachers/{t.teacher2.id}/growth", headers=t.headers("department"))
    assert department.status_code == 200 and _entries(department.json()) == []


async def test_portfolio_contains_the_practice_meeting_and_help(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    await _records(client, t)
    r = await client.get(f"{API}/teachers/{t.teacher.id}/portfolio", headers=t.headers("teacher"))
    assert r.status_code == 200, r.text
    doc = Document(io.BytesIO(r.content))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert any(c.startswith(PRACTICE) for c in cells)
    assert {"Практика", "Участник ГМО", "Заседание ГМО", "Методическая помощь"} <= set(cells)
    assert f"{MEETING} (ГМО учителей математики; семинар-практикум)" in cells
    assert any("решено в полном объёме" in c for c in cells)
