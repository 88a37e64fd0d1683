"""Documents: the checklist (approved vs only a draft vs missing; a document of another year, an archived one or
another municipality's never counts), the set-based «documents_present» the KPIs read, the approval flow with
If-Match, what editing an approved document does, file-or-link validation, who sees which document, exports and
the municipality's required types."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from app.core.access import Scope
from app.core.settings import get_settings
from app.documents.service import documents_present
from app.files import storage
from app.organizations.models import Organization
from tests.factories import make_tenant

API = "/api/v1"
DOCS = f"{API}/documents"
REQS = f"{API}/document-requirements"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _storage(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "data_dir", tmp_path)
    storage.get_storage.cache_clear()
    yield
    storage.get_storage.cache_clear()


def _doc(**kw):  # type: ignore[no-untyped-def]
    return {
        "type": "attestation_plan",
        "title": "План-график аттестации педагогических работников на 2021–2026 годы",
        "academic_year": "2021/2022",
        "url": "https://school.example.ru/plan.pdf",
        **kw,
    }


async def _create(client, t, who, **kw):  # type: ignore[no-untyped-def]
    r = await client.post(DOCS, json=_doc(**kw), headers=t.headers(who))
    assert r.status_code == 201, r.text
    return r.json()


async def _approve(client, t, who, doc):  # type: ignore[no-untyped-def]
    r = await client.post(f"{DOCS}/{doc['id']}/approve", headers={**t.headers(who), "If-Match": f'"{doc["version"]}"'})
    assert r.status_code == 200, r.text
    return r.json()


async def _upload(client, t, who, name="План.pdf", **data):  # type: ignore[no-untyped-def]
    r = await client.post(
        f"{API}/files",
        headers=t.headers(who),
        data={k: str(v) for k, v in data.items()},
        files={"file": (name, PDF, "application/octet-stream")},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_create_read_list_filters_and_actions(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("methodologist")
    school = await _create(client, t, "methodologist", organization_id=str(t.org.id), number="01-10/112")
    assert school["status"] == "draft" and school["status_label"] == "черновик"
    assert school["type_label"] == "План-график аттестации педагогических работников на 5 лет"
    assert school["organization_name"] == t.org.short_name and school["academic_year"] == "2021/2022"
    assert school["actions"] == ["update", "approve", "archive"]
    muni = await _create(client, t, "methodologist", type="pd_plan", title="План-график ПК", academic_year="2022/2023")
    assert muni["organization_id"] is None and muni["municipality_id"] == str(t.municipality.id)
    got = await client.get(f"{DOCS}/{school['id']}", headers=h)
    assert got.status_code == 200 and got.headers["etag"] == '"1"'

    async def ids(**params):  # type: ignore[no-untyped-def]
        r = await client.get(DOCS, params=params, headers=h)
        assert r.status_code == 200, r.text
        return {d["id"] for d in r.json()["items"]}

    assert await ids() == {school["id"], muni["id"]}
    assert await ids(academic_year="2021/2022") == {school["id"]}
    assert await ids(organization_id=str(t.org.id)) == {school["id"]}
    assert await ids(level="municipality") == {muni["id"]}
    assert await ids(type="pd_plan") == {muni["id"]}
    assert await ids(status="approved") == set()
    assert await ids(q="01-10/112") == {school["id"]}
    bad = await client.get(DOCS, params={"academic_year": "2022"}, headers=h)
    assert bad.status_code == 422
    types = (await client.get(f"{DOCS}/types", headers=h)).json()
    plan = next(x for x in types if x["code"] == "attestation_plan")
    assert "критерий 3" in plan["criterion"]


async def test_file_or_link_and_what_can_be_approved(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    h = t.headers("department")
    f = await _upload(client, t, "department")
    both = await client.post(DOCS, json=_doc(file_id=f["id"]), headers=h)
    assert both.status_code == 422 and "файл, либо ссылку" in both.text
    bad_url = await client.post(DOCS, json=_doc(url="not a link"), headers=h)
    assert bad_url.status_code == 422
    foreign = await _upload(client, other, "department")
    r = await client.post(DOCS, json=_doc(url=None, file_id=foreign["id"]), headers=h)
    assert r.status_code == 422 and r.json()["code"] == "unknown_file"
    with_file = await _create(client, t, "department", url=None, file_id=f["id"])
    assert with_file["file_url"] == f"/api/v1/documents/{with_file['id']}/file"
    # a draft may have neither; approving it then is refused
    empty = await _create(client, t, "department", url=None)
    assert "Приложите файл" in empty["warnings"][0]
    refused = await client.post(f"{DOCS}/{empty['id']}/approve", headers={**h, "If-Match": '"1"'})
    assert refused.status_code == 422 and refused.json()["code"] == "nothing_to_approve"
    # a file then a link: the link replaces the file (never both)
    patched = await client.patch(
        f"{DOCS}/{with_file['id']}", json={"url": "https://example.ru/a.pdf"}, headers={**h, "If-Match": '"1"'}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["file_id"] is None and patched.json()["url"] == "https://example.ru/a.pdf"
    two = await client.patch(
        f"{DOCS}/{with_file['id']}",
        json={"url": "https://example.ru/b.pdf", "file_id": f["id"]},
        headers={**h, "If-Match": '"2"'},
    )
    assert two.status_code == 422


async def test_approval_flow_if_match_and_editing_an_approved_document(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("school_admin")
    doc = await _create(client, t, "school_admin")  # the school admin's own school by default
    assert doc["organization_id"] == str(t.org.id)
    url = f"{DOCS}/{doc['id']}/approve"
    missing = await client.post(url, headers=h)
    assert missing.status_code == 428
    stale = await client.post(url, headers={**h, "If-Match": '"7"'})
    assert stale.status_code == 412
    approved = await _approve(client, t, "school_admin", doc)
    assert approved["status"] == "approved" and approved["approved_at"] and approved["version"] == 2
    assert approved["approved_by_name"] == "Тест school_admin" and "approve" not in approved["actions"]
    again = await client.post(url, headers={**h, "If-Match": '"2"'})
    assert again.status_code == 409 and again.json()["code"] == "already_approved"
    # the title is not essential: still approved
    renamed = await client.patch(
        f"{DOCS}/{doc['id']}", json={"title": "План-график аттестации (уточнённый)"}, headers={**h, "If-Match": '"2"'}
    )
    assert renamed.status_code == 200 and renamed.json()["status"] == "approved" and not renamed.json()["warnings"]
    # the number is: back to draft, said so
    renumbered = await client.patch(f"{DOCS}/{doc['id']}", json={"number": "15-о"}, headers={**h, "If-Match": '"3"'})
    body = renumbered.json()
    assert renumbered.status_code == 200 and body["status"] == "draft" and body["approved_at"] is None
    assert "снова черновик" in body["warnings"][0]
    # the audit log has the approval and the status change
    log = await client.get(
        f"{API}/audit-events", params={"entity_id": doc["id"], "limit": 50}, headers=t.headers("department")
    )
    assert log.status_code == 200, log.text
    actions = [e["action"] for e in log.json()["items"]]
    assert "approve" in actions and actions.count("update") == 2
    approval = next(e for e in log.json()["items"] if e["action"] == "approve")
    assert (
        approval["action_label"] == "Утверждение" and approval["entity_label"] == "План-график аттестации (уточнённый)"
    )
    # archive: with a reason and the version; then nothing changes it
    arch = await client.post(f"{DOCS}/{doc['id']}/archive", json={"reason": "Внесён по ошибке"}, headers=h)
    assert arch.status_code == 428
    arch = await client.post(
        f"{DOCS}/{doc['id']}/archive", json={"reason": "Внесён по ошибке"}, headers={**h, "If-Match": '"4"'}
    )
    assert arch.status_code == 200 and arch.json()["archived_at"] and arch.json()["actions"] == []
    late = await client.patch(f"{DOCS}/{doc['id']}", json={"title": "Ещё"}, headers={**h, "If-Match": '"5"'})
    assert late.status_code == 409


async def test_who_sees_which_document(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    own_draft = await _create(client, t, "methodologist", organization_id=str(t.org.id), title="Своя школа, черновик")
    other_draft = await _create(client, t, "methodologist", organization_id=str(t.org2.id), title="Другая, черновик")
    other_ok = await _approve(
        client, t, "methodologist", await _create(client, t, "methodologist", organization_id=str(t.org2.id))
    )
    muni_draft = await _create(client, t, "methodologist", title="Муниципальный черновик")
    muni_ok = await _approve(client, t, "methodologist", await _create(client, t, "methodologist", title="Утверждён"))
    school_ok = await _approve(
        client, t, "methodologist", await _create(client, t, "methodologist", organization_id=str(t.org.id))
    )
    foreign = await _create(client, other, "methodologist")

    async def seen(who):  # type: ignore[no-untyped-def]
        r = await client.get(DOCS, params={"limit": 200}, headers=t.headers(who))
        assert r.status_code == 200, r.text
        return {d["id"] for d in r.json()["items"]}

    every = {x["id"] for x in (own_draft, other_draft, other_ok, muni_draft, muni_ok, school_ok)}
    assert await seen("department") == every
    # a school: its own (drafts too) and the municipality's approved ones — not another school's
    assert await seen("school_admin") == {own_draft["id"], school_ok["id"], muni_ok["id"]}
    # a teacher: approved ones of their school and municipality only
    assert await seen("teacher") == {school_ok["id"], muni_ok["id"]}
    sa = t.headers("school_admin")
    assert (await client.get(f"{DOCS}/{other_draft['id']}", headers=sa)).status_code == 404
    assert (await client.get(f"{DOCS}/{muni_draft['id']}", headers=sa)).status_code == 404
    assert (await client.get(f"{DOCS}/{foreign['id']}", headers=sa)).status_code == 404
    assert (await client.get(f"{DOCS}/{own_draft['id']}", headers=t.headers("teacher"))).status_code == 404
    # the municipality's approved document is read-only to a school: 403 saying whose it is, no actions
    card = (await client.get(f"{DOCS}/{muni_ok['id']}", headers=sa)).json()
    assert card["actions"] == []
    edit = await client.patch(f"{DOCS}/{muni_ok['id']}", json={"title": "Моё"}, headers={**sa, "If-Match": '"2"'})
    assert edit.status_code == 403 and edit.json()["code"] == "municipal_record"
    # and a school admin cannot file a document under another school
    r = await client.post(DOCS, json=_doc(organization_id=str(t.org2.id)), headers=sa)
    assert r.status_code == 422 and r.json()["code"] == "unknown_organization"
    assert (await client.get(f"{DOCS}/{foreign['id']}", headers=t.headers("department"))).status_code == 404


async def test_a_teacher_downloads_the_file_of_an_approved_document(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    f = await _upload(client, t, "school_admin", name="План аттестации.pdf")
    doc = await _approve(client, t, "school_admin", await _create(client, t, "school_admin", url=None, file_id=f["id"]))
    r = await client.get(doc["file_url"], headers=t.headers("teacher"))
    assert r.status_code == 200 and r.content == PDF
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    # the teacher has no access to the school's files as such
    assert (await client.get(f"{API}/files/{f['id']}", headers=t.headers("teacher"))).status_code == 403


async def _requirement(client, t, **kw):  # type: ignore[no-untyped-def]
    body = {"type": "attestation_plan", "applies_to": "organization", **kw}
    r = await client.post(REQS, json=body, headers=t.headers("methodologist"))
    assert r.status_code == 201, r.text
    return r.json()


async def test_checklist_counts_only_approved_documents_of_the_year(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    kindergarten = Organization(
        municipality_id=t.municipality.id, type_code="kindergarten", name="Детский сад № 1", short_name="ДОУ № 1"
    )
    session.add(kindergarten)
    await session.flush()
    await _requirement(client, t, organization_types=["sosh", "gymnasium"])  # schools only
    await _requirement(client, t, type="association_plan")  # every organization
    await _requirement(client, t, type="pd_plan", applies_to="municipality")
    m = "methodologist"
    # org: an approved attestation plan of 2021/2022
    await _approve(client, t, m, await _create(client, t, m, organization_id=str(t.org.id)))
    # org2: only a draft of this year; an approved one of another year; an approved one archived
    await _create(client, t, m, organization_id=str(t.org2.id))
    await _approve(client, t, m, await _create(client, t, m, organization_id=str(t.org2.id), academic_year="2020/2021"))
    gone = await _approve(client, t, m, await _create(client, t, m, organization_id=str(t.org2.id)))
    r = await client.post(
        f"{DOCS}/{gone['id']}/archive",
        json={"reason": "Заменён"},
        headers={**t.headers(m), "If-Match": f'"{gone["version"]}"'},
    )
    assert r.status_code == 200
    # another municipality's approved documents never show here
    await _requirement(client, other, type="pd_plan", applies_to="municipality")
    await _approve(client, other, m, await _create(client, other, m, type="pd_plan"))

    r = await client.get(f"{DOCS}/checklist", params={"academic_year": "2021/2022"}, headers=t.headers(m))
    assert r.status_code == 200, r.text
    data = r.json()
    assert [x["code"] for x in data["types"]] == ["association_plan", "attestation_plan", "pd_plan"]
    rows = {row["organization_id"]: row for row in data["rows"]}
    assert set(rows) == {None, str(t.org.id), str(t.org2.id), str(kindergarten.id)}
    assert data["rows"][0]["organization_id"] is None  # the municipality first

    def states(org):  # type: ignore[no-untyped-def]
        return {c["type"]: c["state"] for c in rows[org]["cells"]}

    assert states(str(t.org.id)) == {"association_plan": "missing", "attestation_plan": "approved"}
    assert states(str(t.org2.id)) == {"association_plan": "missing", "attestation_plan": "draft"}
    assert states(str(kindergarten.id)) == {"association_plan": "missing"}  # not a school: no attestation plan
    assert states(None) == {"pd_plan": "missing"}
    assert rows[str(t.org.id)]["approved"] == 1 and rows[str(t.org.id)]["missing"] == 1
    assert (data["required"], data["approved"], data["draft"], data["missing"]) == (6, 1, 1, 4)
    # the year before: org2's approved plan of 2020/2021 counts there
    earlier = (
        await client.get(f"{DOCS}/checklist", params={"academic_year": "2020/2021"}, headers=t.headers(m))
    ).json()
    row2 = next(x for x in earlier["rows"] if x["organization_id"] == str(t.org2.id))
    assert {c["type"]: c["state"] for c in row2["cells"]}["attestation_plan"] == "approved"
    # a school admin: their school only
    mine = (
        await client.get(f"{DOCS}/checklist", params={"academic_year": "2021/2022"}, headers=t.headers("school_admin"))
    ).json()
    assert [x["organization_id"] for x in mine["rows"]] == [str(t.org.id)]
    assert (
        await client.get(f"{DOCS}/checklist", params={"academic_year": "2021/2022"}, headers=t.headers("teacher"))
    ).status_code == 403
    # export: the grid
    x = await client.get(
        f"{DOCS}/checklist/export", params={"academic_year": "2021/2022", "format": "xlsx"}, headers=t.headers(m)
    )
    assert x.status_code == 200
    ws = load_workbook(io.BytesIO(x.content))["Документы 2021-2022"]
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    assert grid[0][2:5] == [
        "План-график заседаний методических объединений",
        "План-график аттестации педагогических работников на 5 лет",
        "План-график повышения квалификации педагогических работников",
    ]
    org_line = next(line for line in grid if line[1] == t.org.short_name)
    assert org_line[2:5] == ["нет", "✓", "—"]
    csv = await client.get(
        f"{DOCS}/checklist/export", params={"academic_year": "2021/2022", "format": "csv"}, headers=t.headers(m)
    )
    assert csv.status_code == 200 and "черновик" in csv.content.decode("utf-8-sig")


async def test_documents_present_answers_in_one_set(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    m = "methodologist"
    await _approve(client, t, m, await _create(client, t, m, organization_id=str(t.org.id)))
    await _approve(client, t, m, await _create(client, t, m, type="pd_plan"))
    await _create(client, t, m, organization_id=str(t.org2.id))  # a draft: no
    await _approve(client, t, m, await _create(client, t, m, organization_id=str(t.org2.id), academic_year="2022/2023"))
    await _approve(client, other, m, await _create(client, other, m))
    scope = Scope(municipality_ids=frozenset({t.municipality.id}))
    rows = await documents_present(session, scope, ["attestation_plan", "pd_plan"], 2021)
    assert sorted(rows, key=str) == sorted(
        [(t.municipality.id, t.org.id, "attestation_plan"), (t.municipality.id, None, "pd_plan")], key=str
    )
    assert await documents_present(session, scope, ["recommendations"], 2021) == []


async def test_a_document_of_several_years_counts_in_each_of_them(client, session) -> None:  # type: ignore[no-untyped-def]
    """Kislovodsk's programme 2021–2024 and a 5-year attestation plan: in force from the first to the last year."""
    t = await make_tenant(session)
    m = "methodologist"
    bad = await client.post(
        DOCS, json=_doc(academic_year="2021/2022", last_academic_year="2020/2021"), headers=t.headers(m)
    )
    assert bad.status_code == 422
    doc = await _create(client, t, m, type="programme", academic_year="2021/2022", last_academic_year="2023/2024")
    assert doc["years_label"] == "2021/2022 – 2023/2024"
    await _approve(client, t, m, doc)
    scope = Scope(municipality_ids=frozenset({t.municipality.id}))
    for year, expected in ((2020, False), (2021, True), (2023, True), (2024, False)):
        assert bool(await documents_present(session, scope, ["programme"], year)) is expected, year
    listed = await client.get(DOCS, params={"academic_year": "2022/2023"}, headers=t.headers(m))
    assert [d["id"] for d in listed.json()["items"]] == [doc["id"]]
    # shortening it is an essential change: back to draft
    r = await client.patch(
        f"{DOCS}/{doc['id']}", json={"last_academic_year": "2022/2023"}, headers={**t.headers(m), "If-Match": '"2"'}
    )
    assert r.status_code == 200 and r.json()["status"] == "draft" and r.json()["years_label"] == "2021/2022 – 2022/2023"


async def test_list_export_xlsx_and_csv(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")
    await _create(client, t, "department", organization_id=str(t.org.id), number="=1+1")
    x = await client.get(f"{DOCS}/export", params={"format": "xlsx", "academic_year": "2021/2022"}, headers=h)
    assert x.status_code == 200
    ws = load_workbook(io.BytesIO(x.content))["Документы"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:4] == ["№", "Учебный год", "Организация", "Тип документа"]
    assert rows[1][2] == t.org.short_name and rows[1][5] == "=1+1" and rows[1][7] == "черновик"
    c = await client.get(f"{DOCS}/export", params={"format": "csv"}, headers=h)
    assert c.status_code == 200 and "'=1+1" in c.content.decode("utf-8-sig")


async def test_required_types_are_the_municipalitys(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    req = await _requirement(client, t, organization_types=["sosh"], note="Кисловодск, критерий 3")
    assert req["type_label"].startswith("План-график аттестации") and req["applies_to_label"] == "каждая организация"
    dup = await client.post(
        REQS, json={"type": "attestation_plan", "applies_to": "organization"}, headers=t.headers("department")
    )
    assert dup.status_code == 409 and dup.json()["code"] == "requirement_exists"
    bad = await client.post(
        REQS,
        json={"type": "pd_plan", "applies_to": "municipality", "organization_types": ["sosh"]},
        headers=t.headers("department"),
    )
    assert bad.status_code == 422
    unknown = await client.post(
        REQS,
        json={"type": "pd_plan", "applies_to": "organization", "organization_types": ["castle"]},
        headers=t.headers("department"),
    )
    assert unknown.status_code == 422
    # a school reads what is required of it, but does not change it
    sa = t.headers("school_admin")
    listed = await client.get(REQS, headers=sa)
    assert listed.status_code == 200 and [x["id"] for x in listed.json()["items"]] == [req["id"]]
    assert listed.json()["items"][0]["actions"] == []
    assert (
        await client.post(REQS, json={"type": "pd_plan", "applies_to": "organization"}, headers=sa)
    ).status_code == 403
    h = t.headers("methodologist")
    on = await client.get(f"{DOCS}/checklist", params={"academic_year": "2021/2022"}, headers=h)
    assert [row["organization_id"] for row in on.json()["rows"]] == [str(t.org.id)]  # only the СОШ, not the gymnasium
    off = await client.patch(f"{REQS}/{req['id']}", json={"is_active": False}, headers={**h, "If-Match": '"1"'})
    assert off.status_code == 200 and off.json()["is_active"] is False
    # a requirement switched off is not checked
    assert (await client.get(f"{DOCS}/checklist", params={"academic_year": "2021/2022"}, headers=h)).json()[
        "rows"
    ] == []
    assert (await client.patch(f"{REQS}/{req['id']}", json={"note": "x"}, headers=h)).status_code == 428
    arch = await client.post(
        f"{REQS}/{req['id']}/archive", json={"reason": "Не требуется"}, headers={**h, "If-Match": '"2"'}
    )
    assert arch.status_code == 200
    # archived: a new one of the same type may be made
    await _requirement(client, t)


async def test_demo_documents_show_the_seeds_acts_and_the_checklists_gaps(client, session) -> None:  # type: ignore[no-untyped-def]
    from app.core.tokens import issue_access_token
    from app.demo.seed import _id, seed_demo

    assert await seed_demo(session, force=True)

    def headers(email):  # type: ignore[no-untyped-def]
        token, _ = issue_access_token(f"user:{_id(f'user:{email}')}")
        return {"Authorization": f"Bearer {token}"}

    kostroma = headers("methodologist@kostroma.demo.mms")
    regulation = (await client.get(DOCS, params={"type": "regulation"}, headers=kostroma)).json()["items"]
    assert [d["number"] for d in regulation] == ["1262-рз/IV"] and regulation[0]["status"] == "approved"
    checklist = (await client.get(f"{DOCS}/checklist", params={"academic_year": "2021/2022"}, headers=kostroma)).json()
    assert checklist["required"] > 0
    from app.core.periods import Period

    current = Period.current("academic_year").code
    now = (await client.get(f"{DOCS}/checklist", params={"academic_year": current}, headers=kostroma)).json()
    assert now["approved"] > 0 and now["missing"] > 0 and now["draft"] > 0
    assert any(c["state"] == "approved" for r in now["rows"] if r["organization_id"] is None for c in r["cells"])
    kislovodsk = headers("methodologist@kislovodsk.demo.mms")
    programme = (
        await client.get(DOCS, params={"type": "programme", "level": "municipality"}, headers=kislovodsk)
    ).json()
    assert programme["items"][0]["years_label"] == "2021/2022 – 2024/2025"
    assert programme["items"][0]["file_url"]
    # the teacher of СОШ № 22 reads the approved documents of the school and of Kostroma, not the drafts
    teacher = (await client.get(DOCS, params={"limit": 200}, headers=headers("teacher@kostroma.demo.mms"))).json()
    assert teacher["total"] > 0 and all(d["status"] == "approved" for d in teacher["items"])
