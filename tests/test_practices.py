"""Practice bank: the workflow draft → submitted → under_review → published / returned with experts who are neither
authors nor from the authors' school, scores against the municipality's criteria, the publication date set once,
Russian full-text search that finds word forms and never another's draft, presentations linked to a speaker's
participation, If-Match, scope, exports and the criteria settings."""

from __future__ import annotations

from datetime import date

from app.auth.models import RoleAssignment, User
from app.events.models import Event, Participation
from tests.factories import make_teacher, make_tenant

API = "/api/v1/practices"
SCORES = {"relevance": 3, "novelty": 2, "significance": 3, "replicability": 2, "design": 3}


def _body(t, **kw):  # type: ignore[no-untyped-def]
    return {
        "title": kw.pop("title", "Проектная деятельность на уроках математики"),
        "organization_id": str(kw.pop("organization_id", t.org.id)),
        "author_ids": [str(x) for x in kw.pop("author_ids", [t.teacher.id])],
        "kind": kw.pop("kind", "technique"),
        "level": kw.pop("level", "municipal"),
        "description": kw.pop("description", "Мини-проекты учеников в группах по итогам каждой темы курса."),
        "competence_areas": kw.pop("competence_areas", ["methodical"]),
        "subjects": kw.pop("subjects", ["mathematics"]),
        **kw,
    }


async def _user(session, t, *roles):  # type: ignore[no-untyped-def]
    """A user with these role assignments (dicts without the municipality, added here)."""
    u = User(
        email=f"u{len(t.users)}.{id(roles)}@test.mms",
        full_name=roles[0].pop("name", "Экспертова Елена Сергеевна"),
        municipality_id=t.municipality.id,
        roles=[RoleAssignment(municipality_id=t.municipality.id, **r) for r in roles],
    )
    session.add(u)
    await session.flush()
    key = f"user{len(t.users)}"
    t.users[key] = u
    return key


def _h(t, who, version=None):  # type: ignore[no-untyped-def]
    h = t.headers(who)
    if version is not None:
        h["If-Match"] = f'"{version}"'
    return h


async def _create(client, t, who="methodologist", **kw):  # type: ignore[no-untyped-def]
    r = await client.post(API, json=_body(t, **kw), headers=_h(t, who))
    assert r.status_code == 201, r.text
    return r.json()


async def _act(client, t, who, p, action, body=None, status=200):  # type: ignore[no-untyped-def]
    r = await client.post(f"{API}/{p['id']}/{action}", json=body or {}, headers=_h(t, who, p["version"]))
    assert r.status_code == status, r.text
    return r.json()


async def _to_review(client, t, p, reviewers=None):  # type: ignore[no-untyped-def]
    p = await _act(client, t, "methodologist", p, "submit")
    ids = [str(t.users[r].id) for r in (reviewers or ["association_leader"])]
    return await _act(client, t, "methodologist", p, "start-review", {"reviewer_ids": ids})


async def test_create_read_and_the_draft_is_not_public(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    p = await _create(client, t, who="teacher", materials=[{"title": "Презентация", "url": "https://example.org/p"}])
    assert p["status"] == "draft" and p["status_label"] == "черновик" and p["version"] == 1
    assert p["authors"][0]["full_name"] == "Иванова Мария Петровна"
    assert p["level_label"] == "муниципальный" and p["kind_label"].startswith("методика")
    assert p["competence_area_labels"] == ["Методическая компетентность"]
    assert p["materials"][0]["url"] == "https://example.org/p"
    assert set(p["actions"]) == {"update", "submit", "archive"}
    # the author's school and the methodologist see the draft; a teacher of another school and its admin do not
    assert (await client.get(f"{API}/{p['id']}", headers=_h(t, "school_admin"))).status_code == 200
    assert (await client.get(f"{API}/{p['id']}", headers=_h(t, "methodologist"))).status_code == 200
    other = await _user(session, t, {"role": "teacher", "teacher_id": t.teacher2.id, "name": "Петров Пётр"})
    assert (await client.get(f"{API}/{p['id']}", headers=_h(t, other))).status_code == 404
    assert (await client.get(API, headers=_h(t, other))).json()["total"] == 0
    # another municipality sees nothing
    t2 = await make_tenant(session)
    assert (await client.get(f"{API}/{p['id']}", headers=_h(t2, "methodologist"))).status_code == 404


async def test_teacher_describes_only_own_practices(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.post(API, json=_body(t, author_ids=[t.teacher2.id]), headers=_h(t, "teacher"))
    assert r.status_code == 422 and r.json()["code"] == "unknown_teacher"
    r = await client.post(API, json=_body(t, organization_id=t.org2.id), headers=_h(t, "teacher"))
    assert r.status_code == 422 and r.json()["code"] == "unknown_organization"
    # a colleague of another school may be a co-author
    p = await _create(client, t, who="teacher", author_ids=[t.teacher.id, t.teacher2.id])
    assert [a["full_name"] for a in p["authors"]] == ["Иванова Мария Петровна", "Петров Пётр Петрович"]


async def test_reviewer_from_the_authors_school_is_refused_naming_it(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    colleague = await make_teacher(session, t.municipality, t.org, last_name="Коллегова")
    expert = await _user(
        session,
        t,
        {"role": "association_leader", "name": "Коллегова Анна Ивановна"},
        {"role": "teacher", "teacher_id": colleague.id},
    )
    p = await _create(client, t)
    p = await _act(client, t, "methodologist", p, "submit")
    r = await client.post(
        f"{API}/{p['id']}/start-review",
        json={"reviewer_ids": [str(t.users[expert].id)]},
        headers=_h(t, "methodologist", p["version"]),
    )
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "reviewer_same_school"
    assert "Коллегова Анна Ивановна" in body["detail"] and t.org.short_name in body["detail"]
    assert "из другой организации" in body["detail"]
    # the candidates list says the same before anyone tries
    cands = (await client.get(f"{API}/{p['id']}/reviewer-candidates", headers=_h(t, "methodologist"))).json()
    by_name = {c["full_name"]: c["conflict"] for c in cands["items"]}
    assert t.org.short_name in by_name["Коллегова Анна Ивановна"] and by_name["Тест association_leader"] is None
    # the practice's organization counts too: an expert working only there is refused although no author does
    p2 = await _create(client, t, author_ids=[t.teacher2.id], organization_id=t.org.id, title="Кейс по истории")
    p2 = await _act(client, t, "methodologist", p2, "submit")
    r = await client.post(
        f"{API}/{p2['id']}/start-review",
        json={"reviewer_ids": [str(t.users[expert].id)]},
        headers=_h(t, "methodologist", p2["version"]),
    )
    assert r.status_code == 422 and r.json()["code"] == "reviewer_same_school"
    # nothing changed
    assert (await client.get(f"{API}/{p['id']}", headers=_h(t, "methodologist"))).json()["status"] == "submitted"


async def test_reviewer_who_is_an_author_is_refused(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    author = await make_teacher(session, t.municipality, t.org2, last_name="Авторова")
    expert = await _user(
        session,
        t,
        {"role": "association_leader", "name": "Авторова Ольга"},
        {"role": "teacher", "teacher_id": author.id},
    )
    p = await _create(client, t, author_ids=[t.teacher.id, author.id])
    p = await _act(client, t, "methodologist", p, "submit")
    r = await client.post(
        f"{API}/{p['id']}/start-review",
        json={"reviewer_ids": [str(t.users[expert].id)]},
        headers=_h(t, "methodologist", p["version"]),
    )
    assert r.status_code == 422 and r.json()["code"] == "reviewer_is_author"
    assert "Авторова Ольга — автор практики" in r.json()["detail"]
    # a user without the expert permission is no expert at all
    r = await client.post(
        f"{API}/{p['id']}/start-review",
        json={"reviewer_ids": [str(t.users["teacher"].id)]},
        headers=_h(t, "methodologist", p["version"]),
    )
    assert r.status_code == 422 and r.json()["code"] == "unknown_reviewer"


async def test_workflow_and_the_publication_date_is_set_once(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    p = await _create(client, t, who="teacher")
    # wrong state: a draft cannot be published
    r = await client.post(f"{API}/{p['id']}/publish", json={}, headers=_h(t, "methodologist", p["version"]))
    assert r.status_code == 409 and "черновик" in r.json()["detail"]
    # If-Match is required and checked
    r = await client.post(f"{API}/{p['id']}/submit", json={}, headers=_h(t, "teacher"))
    assert r.status_code == 428
    r = await client.post(f"{API}/{p['id']}/submit", json={}, headers=_h(t, "teacher", 99))
    assert r.status_code == 412
    p = await _act(client, t, "teacher", p, "submit")
    assert p["status"] == "submitted" and p["submitted_at"] and p["actions"] == []  # the author waits
    # the author cannot edit it now
    r = await client.patch(f"{API}/{p['id']}", json={"title": "Другое"}, headers=_h(t, "teacher", p["version"]))
    assert r.status_code == 409 and r.json()["code"] == "not_editable"
    p = await _act(
        client, t, "methodologist", p, "start-review", {"reviewer_ids": [str(t.users["association_leader"].id)]}
    )
    assert p["status"] == "under_review" and p["review_round"] == 1
    assert [(r["reviewer_name"], r["status"]) for r in p["reviews"]] == [("Тест association_leader", "assigned")]
    assert "publish" not in p["actions"]  # no review done yet
    # the expert sees it and may review; scores are checked against the criteria
    seen = (await client.get(f"{API}/{p['id']}", headers=_h(t, "association_leader"))).json()
    assert "review" in seen["actions"]
    bad = await client.post(
        f"{API}/{p['id']}/reviews",
        json={"scores": {**SCORES, "novelty": 4}, "recommendation": "publish"},
        headers=_h(t, "association_leader", p["version"]),
    )
    assert bad.status_code == 422 and "Новизна" in bad.json()["errors"][0]["message"]
    missing = await client.post(
        f"{API}/{p['id']}/reviews",
        json={"scores": {"relevance": 3}, "recommendation": "publish"},
        headers=_h(t, "association_leader", p["version"]),
    )
    assert missing.status_code == 422 and missing.json()["code"] == "score_missing"
    # another expert who is not assigned cannot
    r = await client.post(
        f"{API}/{p['id']}/reviews",
        json={"scores": SCORES, "recommendation": "publish"},
        headers=_h(t, "methodologist", p["version"]),
    )
    assert r.status_code == 409 and r.json()["code"] == "not_assigned"
    p = await _act(
        client,
        t,
        "association_leader",
        p,
        "reviews",
        {"scores": SCORES, "recommendation": "publish", "comment": "Рекомендую"},
        status=201,
    )
    done = p["reviews"][0]
    assert done["status"] == "done" and done["total"] == 13 and done["max_total"] == 15
    assert done["recommendation_label"] == "опубликовать" and p["review_total"] == 13.0
    p = await _act(client, t, "methodologist", p, "publish")
    first = p["published_at"]
    assert p["status"] == "published" and first
    # a later edit by the methodologist does not move the date
    r = await client.patch(
        f"{API}/{p['id']}", json={"keywords": "проект"}, headers=_h(t, "methodologist", p["version"])
    )
    assert r.status_code == 200 and r.json()["published_at"] == first
    p = r.json()
    # returned, resubmitted, reviewed again and re-published: still the first date
    p = await _act(client, t, "methodologist", p, "return", {"comment": "Добавьте материалы урока"})
    assert p["status"] == "returned" and p["return_comment"] == "Добавьте материалы урока"
    assert p["published_at"] == first
    p = (await client.get(f"{API}/{p['id']}", headers=_h(t, "teacher"))).json()
    assert "submit" in p["actions"] and "update" in p["actions"]
    p = await _act(client, t, "teacher", p, "submit")
    p = await _act(
        client, t, "methodologist", p, "start-review", {"reviewer_ids": [str(t.users["association_leader"].id)]}
    )
    assert p["review_round"] == 2
    p = await _act(client, t, "association_leader", p, "reviews", {"scores": SCORES, "recommendation": "publish"}, 201)
    p = await _act(client, t, "methodologist", p, "publish")
    assert p["status"] == "published" and p["published_at"] == first
    # every step is in the audit log
    audit = await client.get(
        "/api/v1/audit-events", params={"entity_id": p["id"], "limit": 50}, headers=_h(t, "department")
    )
    assert audit.status_code == 200, audit.text
    entries = audit.json()["items"]
    assert len(entries) >= 10 and all(e["entity_type"] == "practice" for e in entries)
    assert {e["action"] for e in entries} >= {"create", "update"}
    statuses = [e["changes"].get("status") for e in entries if e.get("changes") and "status" in e["changes"]]
    steps = [x["after"] for x in statuses if isinstance(x, dict)][::-1]
    assert steps == ["submitted", "under_review", "published", "returned", "submitted", "under_review", "published"]
    # the re-publication changed the status only: the publication date did not move
    assert "published_at" not in entries[0]["changes"] and entries[0]["entity_label"].startswith("Практика: ")


async def test_full_text_search_finds_word_forms_and_not_others_drafts(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    reader = await _user(session, t, {"role": "teacher", "teacher_id": t.teacher2.id, "name": "Петров Пётр"})
    published = await _create(
        client,
        t,
        title="Проектная деятельность в начальной школе",
        description="Учебные проекты младших школьников: от замысла до защиты.",
    )
    published = await _to_review(client, t, published)
    published = await _act(
        client, t, "association_leader", published, "reviews", {"scores": SCORES, "recommendation": "publish"}, 201
    )
    published = await _act(client, t, "methodologist", published, "publish")
    draft = await _create(client, t, who="teacher", title="Проектное обучение: черновик")
    found = (await client.get(API, params={"q": "проектной"}, headers=_h(t, reader))).json()
    assert [p["id"] for p in found["items"]] == [published["id"]]
    assert "«" in found["items"][0]["snippet"]
    # a phrase of other word forms, and nothing for an unrelated word
    assert (await client.get(API, params={"q": "учебного проекта"}, headers=_h(t, reader))).json()["total"] == 1
    assert (await client.get(API, params={"q": "хореография"}, headers=_h(t, reader))).json()["total"] == 0
    # the author finds their own draft; the methodologist both
    mine = (await client.get(API, params={"q": "проектный"}, headers=_h(t, "teacher"))).json()
    assert {p["id"] for p in mine["items"]} == {published["id"], draft["id"]}
    # another municipality finds nothing
    t2 = await make_tenant(session)
    assert (await client.get(API, params={"q": "проектной"}, headers=_h(t2, "methodologist"))).json()["total"] == 0
    # filters: status, organization, academic year of publication
    y = date.today().year if date.today().month >= 9 else date.today().year - 1
    pub = await client.get(
        API, params={"status": "published", "period": f"{y}/{y + 1}"}, headers=_h(t, "methodologist")
    )
    assert [p["id"] for p in pub.json()["items"]] == [published["id"]]
    earlier = await client.get(API, params={"period": f"{y - 2}/{y - 1}"}, headers=_h(t, "methodologist"))
    assert earlier.json()["total"] == 0
    org2 = await client.get(API, params={"organization_id": str(t.org2.id)}, headers=_h(t, "methodologist"))
    assert org2.json()["total"] == 0
    # tags: competence areas and subjects (any of), level, kind
    h = _h(t, reader)
    assert (await client.get(API, params={"area": ["digital", "methodical"]}, headers=h)).json()["total"] == 1
    assert (await client.get(API, params={"area": "digital"}, headers=h)).json()["total"] == 0
    assert (await client.get(API, params={"subject": "mathematics", "level": "municipal"}, headers=h)).json()[
        "total"
    ] == 1
    assert (await client.get(API, params={"kind": "video"}, headers=h)).json()["total"] == 0


async def test_presentation_links_a_speakers_participation(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    event = Event(
        municipality_id=t.municipality.id,
        type="seminar",
        level="municipal",
        title="Постоянно действующий семинар: сессия 3",
        start_date=date(2022, 1, 27),
    )
    session.add(event)
    await session.flush()
    speaker = Participation(
        municipality_id=t.municipality.id,
        event_id=event.id,
        teacher_id=t.teacher.id,
        role="speaker",
        presentation_title="Проектная деятельность",
    )
    listener = Participation(
        municipality_id=t.municipality.id, event_id=event.id, teacher_id=t.teacher2.id, role="listener"
    )
    session.add_all([speaker, listener])
    await session.flush()
    r = await client.post(API, json=_body(t, participation_ids=[str(listener.id)]), headers=_h(t, "methodologist"))
    assert r.status_code == 422 and r.json()["code"] == "not_a_speaker"
    p = await _create(client, t, participation_ids=[str(speaker.id)])
    assert p["presentations"][0]["event_title"] == "Постоянно действующий семинар: сессия 3"
    assert p["presentations"][0]["teacher_name"] == "Иванова Мария Петровна"
    # removing the speaker from the authors is refused while the presentation stays
    r = await client.patch(
        f"{API}/{p['id']}", json={"author_ids": [str(t.teacher2.id)]}, headers=_h(t, "methodologist", 1)
    )
    assert r.status_code == 422 and r.json()["code"] == "speaker_not_author"


async def test_archive_export_and_scope_of_writes(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    p = await _create(client, t, who="school_admin")
    csv = await client.get(f"{API}/export", params={"format": "csv"}, headers=_h(t, "methodologist"))
    assert csv.status_code == 200 and "Проектная деятельность" in csv.content.decode("utf-8-sig")
    xlsx = await client.get(f"{API}/export", headers=_h(t, "methodologist"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    t2 = await make_tenant(session)
    r = await client.post(f"{API}/{p['id']}/archive", json={"reason": "Дубль"}, headers=_h(t2, "methodologist", 1))
    assert r.status_code == 404
    r = await client.post(f"{API}/{p['id']}/archive", json={"reason": "Дубль записи"}, headers=_h(t, "school_admin"))
    assert r.status_code == 428
    r = await client.post(f"{API}/{p['id']}/archive", json={"reason": "Дубль записи"}, headers=_h(t, "school_admin", 1))
    assert r.status_code == 200 and r.json()["archived_at"] and r.json()["actions"] == []
    assert (await client.get(API, headers=_h(t, "methodologist"))).json()["total"] == 0


async def test_criteria_default_set_and_settings(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    got = (await client.get("/api/v1/practice-criteria", headers=_h(t, "teacher"))).json()
    assert [c["name"] for c in got["items"]] == [
        "Актуальность",
        "Новизна",
        "Практическая значимость",
        "Тиражируемость",
        "Качество оформления",
    ]
    assert all(c["max_score"] == 3 and c["actions"] == [] for c in got["items"])
    h = _h(t, "methodologist")
    r = await client.post(
        "/api/v1/practice-criteria", json={"code": "effect", "name": "Результативность", "max_score": 5}, headers=h
    )
    assert r.status_code == 201, r.text
    again = await client.post("/api/v1/practice-criteria", json={"code": "effect", "name": "Ещё"}, headers=h)
    assert again.status_code == 409
    design = next(c for c in got["items"] if c["code"] == "design")
    off = await client.patch(
        f"/api/v1/practice-criteria/{design['id']}", json={"is_active": False}, headers=_h(t, "methodologist", 1)
    )
    assert off.status_code == 200 and off.json()["is_active"] is False
    # a review now scores the active criteria only
    p = await _to_review(client, t, await _create(client, t))
    scores = {k: v for k, v in SCORES.items() if k != "design"} | {"effect": 5}
    p = await _act(client, t, "association_leader", p, "reviews", {"scores": scores, "recommendation": "revise"}, 201)
    assert p["reviews"][0]["total"] == 15 and p["reviews"][0]["max_total"] == 17


async def test_demo_practice_bank(client, session) -> None:  # type: ignore[no-untyped-def]
    """Kostroma's demo: the six seminar practices linked to their speakers, every state of the workflow."""
    from sqlalchemy import select

    from app.core.tokens import issue_access_token
    from app.demo.seed import seed_demo

    assert await seed_demo(session, force=True)

    async def headers(email: str) -> dict[str, str]:
        user = (await session.scalars(select(User).where(User.email == email))).one()
        return {"Authorization": f"Bearer {issue_access_token(f'user:{user.id}')[0]}"}

    metod = await headers("methodologist@kostroma.demo.mms")
    all_ = (await client.get(API, params={"limit": 50}, headers=metod)).json()
    states = sorted(p["status"] for p in all_["items"])
    assert states == [
        "draft",
        "published",
        "published",
        "published",
        "published",
        "returned",
        "submitted",
        "under_review",
    ]
    found = (
        await client.get(API, params={"q": "педсовета"}, headers=await headers("teacher@kostroma.demo.mms"))
    ).json()
    assert found["total"] == 1
    practice = found["items"][0]
    assert practice["status"] == "published" and practice["presentations"][0]["event_title"].startswith("Современные")
    assert len(practice["reviews"]) == 2 and practice["review_total"] is not None
    # the leader of the city association is the assigned expert of the practice under review
    leader = await headers("gmo@kostroma.demo.mms")
    review = (await client.get(API, params={"status": "under_review"}, headers=leader)).json()
    assert review["total"] == 1 and "review" in review["items"][0]["actions"]


async def test_publication_date_of_historical_data(client, session) -> None:  # type: ignore[no-untyped-def]
    """The methodologist records a past publication date (loading earlier years' bank); never a future one, and
    only at the first publication."""
    t = await make_tenant(session)
    p = await _to_review(client, t, await _create(client, t))
    p = await _act(client, t, "association_leader", p, "reviews", {"scores": SCORES, "recommendation": "publish"}, 201)
    future = date.today().replace(year=date.today().year + 1).isoformat()
    r = await client.post(
        f"{API}/{p['id']}/publish", json={"published_on": future}, headers=_h(t, "methodologist", p["version"])
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.published_on"
    p = await _act(client, t, "methodologist", p, "publish", {"published_on": "2022-10-14"})
    assert p["status"] == "published" and p["published_at"].startswith("2022-10-14")
    # returned and published again: the first date stays, and another date is refused
    p = await _act(client, t, "methodologist", p, "return", {"comment": "Добавьте материалы урока"})
    p = await _to_review(client, t, p)
    p = await _act(client, t, "association_leader", p, "reviews", {"scores": SCORES, "recommendation": "publish"}, 201)
    r = await client.post(
        f"{API}/{p['id']}/publish", json={"published_on": "2023-01-10"}, headers=_h(t, "methodologist", p["version"])
    )
    assert r.status_code == 409 and r.json()["code"] == "published_on_kept"
    p = await _act(client, t, "methodologist", p, "publish")
    assert p["published_at"].startswith("2022-10-14")
