"""Diagnostics instruments: the shipped framework and instruments, drafts seen only by their writers, a published
version immutable (409) with a new version made by copy, validation of the typed items, and the JSON and XLSX
round trips (export → import gives the same content), with an XLSX written by hand and its error report."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from app.diagnostics.schemas import SHIPPED_FRAMEWORK_ID, SHIPPED_INSTRUMENT_ID, SHIPPED_TOPIC_SURVEY_ID
from tests.diagnostics_helpers import API, SECTIONS, published_instrument, v
from tests.factories import make_tenant

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_shipped_framework_and_instruments(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await client.get(f"{API}/frameworks/{SHIPPED_FRAMEWORK_ID}", headers=t.headers("teacher"))
    assert r.status_code == 200, r.text
    areas = {a["area_code"]: a["labour_functions"] for a in r.json()["areas"]}
    assert list(areas) == ["subject", "methodical", "psychological", "communicative", "digital"]
    assert "A/01.6" in areas["subject"] and "A/02.6" in areas["psychological"]
    r = await client.get(f"{API}/instruments/{SHIPPED_INSTRUMENT_ID}", headers=t.headers("teacher"))
    assert r.status_code == 200
    inst = r.json()
    assert inst["status"] == "published" and inst["municipality_id"] is None
    assert [s["area_code"] for s in inst["sections"]] == list(areas)
    assert all(3 <= len(s["items"]) <= 4 for s in inst["sections"])
    assert inst["actions"] == ["export"]  # a teacher only reads it
    m = await client.get(f"{API}/instruments/{SHIPPED_INSTRUMENT_ID}", headers=t.headers("methodologist"))
    assert m.json()["actions"] == ["export", "new_version"]  # the municipality may make its own copy
    survey = await client.get(f"{API}/instruments/{SHIPPED_TOPIC_SURVEY_ID}", headers=t.headers("school_admin"))
    assert survey.json()["kind"] == "topic_survey"
    # a shipped instrument is nobody's to edit
    r = await client.patch(
        f"{API}/instruments/{SHIPPED_INSTRUMENT_ID}",
        json={"title": "Моя"},
        headers={**t.headers("methodologist"), "If-Match": "*"},
    )
    assert r.status_code == 404


async def test_draft_publish_immutable_new_version(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    m = t.headers("methodologist")
    r = await client.post(f"{API}/instruments", json={"title": "Черновик", "sections": SECTIONS}, headers=m)
    assert r.status_code == 201, r.text
    draft = r.json()
    assert (
        draft["status"] == "draft"
        and draft["instrument_version"] == 1
        and draft["municipality_id"] == str(t.municipality.id)
    )
    assert draft["actions"] == ["export", "update", "publish", "archive"]
    # a draft is not for teachers or schools
    for who in ("teacher", "school_admin"):
        assert (await client.get(f"{API}/instruments/{draft['id']}", headers=t.headers(who))).status_code == 404
        listed = await client.get(f"{API}/instruments", headers=t.headers(who))
        assert draft["id"] not in {i["id"] for i in listed.json()["items"]}
    # editing a draft
    r2 = await client.patch(
        f"{API}/instruments/{draft['id']}", json={"title": "Диагностика 2027"}, headers={**m, **v(r)}
    )
    assert r2.status_code == 200 and r2.json()["title"] == "Диагностика 2027"
    # publish: then nothing changes any more
    p = await client.post(f"{API}/instruments/{draft['id']}/publish", headers={**m, **v(r2)})
    assert p.status_code == 200 and p.json()["status"] == "published" and p.json()["published_at"]
    for body in ({"title": "Иначе"}, {"sections": SECTIONS[:1]}, {"scale": {"deficit_below": 40}}):
        e = await client.patch(f"{API}/instruments/{draft['id']}", json=body, headers={**m, **v(p)})
        assert e.status_code == 409 and e.json()["code"] == "published_immutable", e.text
    again = await client.post(f"{API}/instruments/{draft['id']}/publish", headers={**m, **v(p)})
    assert again.status_code == 409
    assert (await client.get(f"{API}/instruments/{draft['id']}", headers=t.headers("teacher"))).status_code == 200
    # a new version: a draft copy in the same family, which may be edited; the published one stays as it was
    nv = await client.post(f"{API}/instruments/{draft['id']}/versions", json={}, headers=m)
    assert nv.status_code == 201, nv.text
    v2 = nv.json()
    assert (v2["family_id"], v2["instrument_version"], v2["status"]) == (draft["family_id"], 2, "draft")
    assert v2["sections"] == p.json()["sections"]
    e2 = await client.patch(
        f"{API}/instruments/{v2['id']}",
        json={"scale": {"deficit_below": 40, "partial_below": 70}},
        headers={**m, **v(nv)},
    )
    assert e2.status_code == 200 and e2.json()["scale"]["deficit_below"] == 40
    assert (await client.get(f"{API}/instruments/{draft['id']}", headers=m)).json()["scale"]["deficit_below"] == 50
    # the audit log: created, edited (the content summarised, not copied), published, a new version
    log = await client.get(
        "/api/v1/audit-events", params={"entity_type": "diag_instrument"}, headers=t.headers("department")
    )
    assert log.status_code == 200
    entries = [(e["action"], e["entity_id"]) for e in log.json()["items"]]
    assert ("publish", draft["id"]) in entries and ("update", v2["id"]) in entries
    scale_edit = next(e for e in log.json()["items"] if e["action"] == "update" and e["entity_id"] == v2["id"])
    assert scale_edit["changes"] == {"scale": "дефицит ниже 40 %, частичный ниже 70 %"}
    assert {e["action_label"] for e in log.json()["items"] if e["action"] == "publish"} == {"Опубликован"}
    fam = await client.get(f"{API}/instruments", params={"family_id": draft["family_id"]}, headers=m)
    assert sorted(i["instrument_version"] for i in fam.json()["items"]) == [1, 2]
    # the shipped instrument: the municipality's own copy (a new family, version 1)
    own = await client.post(f"{API}/instruments/{SHIPPED_INSTRUMENT_ID}/versions", json={}, headers=m)
    assert own.status_code == 201
    assert own.json()["municipality_id"] == str(t.municipality.id) and own.json()["instrument_version"] == 1
    # a school administrator cannot write
    assert (
        await client.post(
            f"{API}/instruments", json={"title": "X", "sections": SECTIONS}, headers=t.headers("school_admin")
        )
    ).status_code == 403


async def test_item_validation(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    m = t.headers("methodologist")
    bad_sections = [
        [
            {
                "area_code": "subject",
                "title": "S",
                "items": [
                    {
                        "code": "a",
                        "type": "single",
                        "text": "?",
                        "options": [{"key": "a", "text": "1"}, {"key": "b", "text": "2"}],
                        "correct": "c",
                    }
                ],
            }
        ],
        [
            {
                "area_code": "subject",
                "title": "S",
                "items": [{"code": "a", "type": "scale", "text": "?", "scale_max": 0}],
            }
        ],
        [{"area_code": "subject", "title": "S", "items": [{"code": "a", "type": "essay", "text": "?"}]}],
        [
            {
                "area_code": "subject",
                "title": "S",
                "items": [{"code": "a", "type": "text", "text": "?"}, {"code": "a", "type": "text", "text": "?"}],
            }
        ],
        [
            {
                "area_code": "no_such_area",
                "title": "S",
                "items": [{"code": "a", "type": "scale", "text": "?", "scale_max": 3}],
            }
        ],
    ]
    for sections in bad_sections:
        r = await client.post(f"{API}/instruments", json={"title": "Плохой", "sections": sections}, headers=m)
        assert r.status_code == 422, (sections, r.text)
    r = await client.post(
        f"{API}/instruments",
        json={"title": "Границы", "sections": SECTIONS, "scale": {"deficit_below": 80, "partial_below": 60}},
        headers=m,
    )
    assert r.status_code == 422
    # a deficit instrument with nothing to score cannot be published
    only_text = [{"title": "Потребности", "items": [{"code": "n", "type": "text", "text": "?"}]}]
    r = await client.post(f"{API}/instruments", json={"title": "Пустой", "sections": only_text}, headers=m)
    p = await client.post(f"{API}/instruments/{r.json()['id']}/publish", headers={**m, **v(r)})
    assert p.status_code == 422 and p.json()["code"] == "nothing_to_score"


async def test_json_round_trip(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    m = t.headers("methodologist")
    inst = await published_instrument(
        client,
        t,
        scale={
            "deficit_below": 45,
            "partial_below": 70,
            "areas": {"digital": {"deficit_below": 30, "partial_below": 60}},
        },
    )
    r = await client.get(f"{API}/instruments/{inst['id']}/export", params={"format": "json"}, headers=m)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    data = r.json()
    assert data["format"] == "mms-instrument/1" and data["title"] == inst["title"]
    imp = await client.post(
        f"{API}/instruments/import",
        files={"file": ("instrument.json", r.content, "application/json")},
        data={"dry_run": "false"},
        headers=m,
    )
    assert imp.status_code == 200, imp.text
    new = imp.json()["instrument"]
    assert new["status"] == "draft" and new["id"] != inst["id"]
    assert new["sections"] == inst["sections"] and new["scale"] == inst["scale"]
    # a broken file: nothing created, the error named
    bad = await client.post(
        f"{API}/instruments/import",
        files={"file": ("x.json", b'{"title": "X", "sections": []}', "application/json")},
        data={"dry_run": "true"},
        headers=m,
    )
    assert bad.status_code == 200 and bad.json()["ok"] is False and bad.json()["instrument"] is None


async def test_xlsx_round_trip_and_hand_written_sheet(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    m = t.headers("methodologist")
    inst = await published_instrument(client, t)
    r = await client.get(f"{API}/instruments/{inst['id']}/export", params={"format": "xlsx"}, headers=m)
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    ws = load_workbook(io.BytesIO(r.content))["Задания"]
    assert [c.value for c in ws[2]][:5] == ["Раздел", "Область", "Код", "Тип", "Задание"]
    assert ws.max_row == 2 + sum(len(s["items"]) for s in inst["sections"])
    imp = await client.post(
        f"{API}/instruments/import",
        files={"file": ("instrument.xlsx", r.content, XLSX)},
        data={"dry_run": "false", "title": "Из Excel"},
        headers=m,
    )
    assert imp.status_code == 200, imp.text
    new = imp.json()["instrument"]
    assert new["title"] == "Из Excel"
    assert new["sections"] == inst["sections"]

    # a sheet a methodologist typed: one item per row, the title row above the header, Russian type names
    wb = Workbook()
    sh = wb.active
    sh.append(["Анкета для учителей математики"])
    sh.append(["Раздел", "Область", "Тип", "Задание", "Варианты", "Верный ответ", "Баллы", "Максимум шкалы"])
    sh.append(["Предмет", "subject", "один ответ", "2 + 2 =", "a) 3\nb) 4\nc) 5", "b", 1, None])
    sh.append(["Предмет", "subject", "несколько ответов", "Чётные", "a) 2; b) 3; c) 4", "a, c", 2, None])
    sh.append(["Методика", "methodical", "шкала", "Я планирую урок", None, None, None, 4])
    sh.append(["Потребности", None, "текст", "Что нужно?", None, None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    check = await client.post(
        f"{API}/instruments/import",
        files={"file": ("анкета.xlsx", buf.getvalue(), XLSX)},
        data={"dry_run": "true"},
        headers=m,
    )
    assert check.status_code == 200 and check.json()["ok"] is True, check.text
    assert (check.json()["item_count"], check.json()["section_count"]) == (4, 3)
    assert check.json()["instrument"] is None  # a check creates nothing
    done = await client.post(
        f"{API}/instruments/import", files={"file": ("анкета.xlsx", buf.getvalue(), XLSX)}, headers=m
    )
    got = done.json()["instrument"]
    assert got["title"] == "анкета" and got["area_max"] == {"subject": 3.0, "methodical": 4.0}
    multiple = got["sections"][0]["items"][1]
    assert multiple["options"] == [{"key": "a", "text": "2"}, {"key": "b", "text": "3"}, {"key": "c", "text": "4"}]
    assert multiple["correct"] == ["a", "c"]

    # errors: reported by line, nothing created
    sh.append(["Предмет", "subject", "эссе", "?", None, None, None, None])
    sh.append(["Предмет", "subject", "один ответ", "?", "a) 1\nb) 2", "z", 1, None])
    buf = io.BytesIO()
    wb.save(buf)
    bad = await client.post(
        f"{API}/instruments/import",
        files={"file": ("a.xlsx", buf.getvalue(), XLSX)},
        data={"dry_run": "true"},
        headers=m,
    )
    assert bad.json()["ok"] is False
    assert {e["line"] for e in bad.json()["errors"]} == {7, 8}  # the unknown type; the correct answer not an option
    refused = await client.post(
        f"{API}/instruments/import", files={"file": ("a.xlsx", buf.getvalue(), XLSX)}, headers=m
    )
    assert refused.status_code == 422 and refused.json()["code"] == "import_invalid"
