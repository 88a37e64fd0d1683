"""The roadmap import: the dry run's report on the Zeya roadmap (in XLSX, CSV and DOCX: 57 activities in 4 sections,
the timeframe «По графику проведения ВПР (ежегодно)» flagged, people and organizations matched and not), then the
apply, and a re-import that updates instead of duplicating and keeps the reports."""

from __future__ import annotations

import pytest

from tests.fixtures.roadmap.make_fixtures import build
from tests.roadmap_helpers import ACTIVITIES, FIXTURES, OCCURRENCES, activity, create_programme, import_file, make_zeya


def test_fixtures_are_built_from_the_order_text() -> None:
    """The committed files are what the script builds (regenerate with make_fixtures.py after changing the text)."""
    for name, content in build().items():
        if name.endswith(".csv"):
            assert (FIXTURES / name).read_bytes() == content
        else:
            assert (FIXTURES / name).exists()


@pytest.mark.parametrize("name", ["zeya_roadmap.xlsx", "zeya_roadmap.csv", "zeya_roadmap.docx"])
async def test_dry_run_report(client, session, name: str) -> None:  # type: ignore[no-untyped-def]
    z = await make_zeya(session)
    p = await create_programme(client, z)
    r = await import_file(client, z, p["id"], name, dry_run=True)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["dry_run"] is True and rep["errors"] == []
    assert rep["rows"] == 57
    assert [(s["number"], s["activities"]) for s in rep["sections"]] == [(1, 12), (2, 10), (3, 30), (4, 5)]
    assert rep["sections"][0]["title"] == "Информационная поддержка"
    assert rep["sections"][1]["task"].startswith("организация, проведение и анализ результатов мониторингов")
    assert rep["sections"][3]["title"] == "Поддержка и сопровождение молодых педагогов, организация наставничества"
    assert rep["timeframes_recognised"] == 56 and rep["timeframes_unrecognised"] == 1
    [vpr] = [i for i in rep["items"] if not i["recognised"]]
    assert vpr["number"] == "2.2" and vpr["timeframe_text"] == "По графику проведения ВПР (ежегодно)"
    assert vpr["reasons"] == ["Срок задан чужим графиком: укажите даты"]
    assert "Лысенко С.Н." in rep["people_matched"] and "Белоглазова А.С." in rep["people_matched"]
    assert {"Ширшов К.В.", "Гокова В.Я.", "Перельгина Е.И."} <= set(rep["people_unmatched"])
    assert "ООА" in rep["organizations_matched"] and "МКУ «ЦОМОО г.Зеи»" in rep["organizations_matched"]
    assert rep["created"] == 57 and rep["updated"] == 0
    split = next(i for i in rep["items"] if i["number"] == "1.3")  # broken across two pages in the order
    assert split["title"].endswith("руководителей и педагогических кадров на текущий год")
    assert split["responsible_text"] == "Лысенко С.Н., главный специалист ООА\nРуководители ОО"
    # nothing written
    listed = await client.get(ACTIVITIES, params={"programme_id": p["id"]}, headers=z.headers("department"))
    assert listed.json()["total"] == 0


async def test_unreadable_file_is_reported_and_refused(client, session) -> None:  # type: ignore[no-untyped-def]
    z = await make_zeya(session)
    p = await create_programme(client, z)
    csv = "Табельный номер;Фамилия\n1;Иванова\n".encode()
    url = f"/api/v1/programmes/{p['id']}/import"
    files = {"file": ("x.csv", csv, "text/csv")}
    r = await client.post(url, files=files, data={"dry_run": "true"}, headers=z.headers("department"))
    assert r.status_code == 200 and r.json()["errors"][0].startswith("Не найдена строка заголовка")
    r = await client.post(url, files=files, data={"dry_run": "false"}, headers=z.headers("department"))
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


async def test_apply_and_reimport_without_duplicates(client, session) -> None:  # type: ignore[no-untyped-def]
    z = await make_zeya(session)
    p = await create_programme(client, z)
    r = await import_file(client, z, p["id"], "zeya_roadmap.xlsx")
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 57
    h = z.headers("department")
    listed = await client.get(ACTIVITIES, params={"programme_id": p["id"], "limit": 100}, headers=h)
    assert listed.json()["total"] == 57
    prog = (await client.get(f"/api/v1/programmes/{p['id']}", headers=h)).json()
    assert [s["number"] for s in prog["sections"]] == [1, 2, 3, 4] and prog["activity_count"] == 57

    a13 = await activity(client, z, p["id"], "1.3")
    kinds = {(x["kind"], x["name"]) for x in a13["responsibles"]}
    assert ("user", "Лысенко Светлана Николаевна") in kinds
    assert ("organization", "ООА г. Зеи") in kinds and ("role", "все образовательные организации (2)") in kinds
    vpr = await activity(client, z, p["id"], "2.2")
    assert vpr["schedule"]["kind"] == "unparsed" and vpr["schedule"]["needs_review"] and vpr["occurrences"] == []

    # a report on one occurrence, then the same file again (as CSV): nothing duplicated, the report is kept
    a25 = await activity(client, z, p["id"], "2.5")
    occ = a25["occurrences"][0]
    rep = await client.post(
        f"{OCCURRENCES}/{occ['id']}/reports", json={"text": "Проведён", "mark_done": True}, headers=h
    )
    assert rep.status_code == 201, rep.text
    again = await import_file(client, z, p["id"], "zeya_roadmap.csv")
    assert again.status_code == 200, again.text
    assert again.json()["created"] == 0 and again.json()["updated"] + again.json()["unchanged"] == 57
    listed = await client.get(ACTIVITIES, params={"programme_id": p["id"], "limit": 100}, headers=h)
    assert listed.json()["total"] == 57
    a25b = await activity(client, z, p["id"], "2.5")
    assert len(a25b["occurrences"]) == len(a25["occurrences"])
    assert a25b["occurrences"][0]["status"] == "done" and a25b["occurrences"][0]["reports"][0]["text"] == "Проведён"
    prog = (await client.get(f"/api/v1/programmes/{p['id']}", headers=h)).json()
    assert len(prog["sections"]) == 4
