"""Diagnostics results on a hand-built fixture: corporate deficits (shares exact; a group of 4 hidden from the
school administrator and the department, shown to the methodologist; the minimum set per municipality), who sees
what (the department: figures, no drill-down; a school only its own groups), the drill-down audited, the
re-diagnosis comparison (improved / same / worse; route actions through the registered counter), and the campaign's
DOCX report and XLSX results."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from app.core.audit_trail import AuditEvent
from app.diagnostics import results
from app.diagnostics.models import DiagAssignment, DiagProfileArea
from app.tenants.models import Municipality
from tests.diagnostics_helpers import API, open_campaign, published_instrument
from tests.factories import make_teacher, make_tenant

PERCENT = {"deficit": Decimal("25"), "partial": Decimal("60"), "none": Decimal("90")}


async def _submit(session, campaign_id, teacher_id, bands, when, needs=None) -> None:  # type: ignore[no-untyped-def]
    """Mark the teacher's assignment submitted with a hand-made profile (area → band)."""
    a = (
        await session.scalars(
            select(DiagAssignment).where(
                DiagAssignment.campaign_id == campaign_id, DiagAssignment.teacher_id == teacher_id
            )
        )
    ).one()
    a.status, a.submitted_at, a.started_at = "submitted", when, when
    a.answers = {"n1": needs} if needs else {}
    for area, band in bands.items():
        session.add(
            DiagProfileArea(
                municipality_id=a.municipality_id,
                assignment_id=a.id,
                campaign_id=a.campaign_id,
                teacher_id=a.teacher_id,
                organization_id=a.organization_id,
                area_code=area,
                score=PERCENT[band],
                max_score=Decimal("100"),
                percent=PERCENT[band],
                band=band,
                submitted_at=when,
            )
        )
    await session.flush()


async def _fixture(client, session):  # type: ignore[no-untyped-def]
    """org: 4 teachers (digital all deficit); org2: 6 teachers with subject deficit 2, partial 1, none 3."""
    t = await make_tenant(session)
    small = [t.teacher] + [await make_teacher(session, t.municipality, t.org, last_name=f"Малая{i}") for i in range(3)]
    big = [t.teacher2] + [
        await make_teacher(session, t.municipality, t.org2, last_name=f"Большая{i}") for i in range(5)
    ]
    inst = await published_instrument(client, t)
    c = await open_campaign(client, t, inst["id"], target={})
    when = datetime.now(UTC) - timedelta(hours=2)
    for i, teacher in enumerate(small):
        await _submit(
            session,
            c["id"],
            teacher.id,
            {"subject": "none", "methodical": "partial", "digital": "deficit"},
            when,
            needs="Формирующее оценивание" if i < 2 else None,
        )
    subject = ["deficit", "deficit", "partial", "none", "none", "none"]
    for teacher, band in zip(big, subject, strict=True):
        await _submit(session, c["id"], teacher.id, {"subject": band, "methodical": "none", "digital": "partial"}, when)
    return t, c, small, big


def _group(body, key):  # type: ignore[no-untyped-def]
    return next(g for g in body["groups"] if g["key"] == key)


def _area(group, code):  # type: ignore[no-untyped-def]
    return next(a for a in group["areas"] if a["area_code"] == code)


async def test_corporate_deficits_shares_and_suppression(client, session) -> None:  # type: ignore[no-untyped-def]
    t, c, _, _ = await _fixture(client, session)
    url = f"{API}/corporate-deficits"
    params = {"campaign_id": c["id"], "group_by": "organization"}

    r = await client.get(url, params=params, headers=t.headers("methodologist"))
    assert r.status_code == 200, r.text
    m = r.json()
    assert m["min_group"] == 5 and m["drill_down"] is True
    big = _group(m, str(t.org2.id))
    assert big["size"] == 6 and not big["suppressed"]
    subj = _area(big, "subject")
    assert (subj["total"], subj["deficit"], subj["partial"], subj["none"]) == (6, 2, 1, 3)
    assert (subj["deficit_percent"], subj["partial_percent"], subj["none_percent"]) == (33.3, 16.7, 50.0)
    small = _group(m, str(t.org.id))
    assert small["size"] == 4 and not small["suppressed"]  # the methodologist sees small groups
    assert _area(small, "digital")["deficit_percent"] == 100.0
    total = m["total"]
    assert total["size"] == 10
    assert (_area(total, "digital")["deficit"], _area(total, "digital")["partial"]) == (4, 6)
    assert _area(total, "subject")["deficit_percent"] == 20.0

    # the department: aggregated figures, the group of 4 hidden with the reason, no drill-down
    d = (await client.get(url, params=params, headers=t.headers("department"))).json()
    hidden = _group(d, str(t.org.id))
    assert hidden["suppressed"] and hidden["size"] is None
    assert hidden["suppressed_reason"] == "менее 5 педагогов — данные скрыты"
    assert all(a["deficit"] is None and a["deficit_percent"] is None for a in hidden["areas"])
    assert _area(_group(d, str(t.org2.id)), "subject")["deficit"] == 2
    assert d["drill_down"] is False and "меньше 5 педагогов" in d["suppression_rule"]

    # the school administrator (org, 4 teachers): only its own school's group, hidden; the total hidden too
    s = (await client.get(url, params=params, headers=t.headers("school_admin"))).json()
    assert [g["key"] for g in s["groups"]] == [str(t.org.id)]
    assert s["groups"][0]["suppressed"] and s["total"]["suppressed"] and s["total"]["size"] is None

    # a teacher reads no corporate figures
    assert (await client.get(url, params=params, headers=t.headers("teacher"))).status_code == 403

    # the minimum is the municipality's setting (the department sets it): at 4 it sees the small school too
    muni_url = f"{API}/municipalities/{t.municipality.id}"
    muni = await client.get(muni_url, headers=t.headers("department"))
    assert muni.json()["diagnostics_min_group"] == 5
    r = await client.patch(
        muni_url,
        json={"diagnostics_min_group": 4},
        headers={**t.headers("department"), "If-Match": muni.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    d = (await client.get(url, params=params, headers=t.headers("department"))).json()
    assert d["min_group"] == 4 and not _group(d, str(t.org.id))["suppressed"]
    assert _group(d, str(t.org.id))["size"] == 4


async def test_other_groupings(client, session) -> None:  # type: ignore[no-untyped-def]
    t, c, _, _ = await _fixture(client, session)
    m = t.headers("methodologist")
    for group_by, key in (
        ("subject", "mathematics"),
        ("position", "teacher"),
        ("municipality", str(t.municipality.id)),
    ):
        r = await client.get(
            f"{API}/corporate-deficits", params={"campaign_id": c["id"], "group_by": group_by}, headers=m
        )
        assert r.status_code == 200, r.text
        g = _group(r.json(), key)
        assert g["size"] == 10 and _area(g, "subject")["deficit"] == 2, group_by
        assert g["name"] != key, group_by


async def test_drill_down_who_and_audit(client, session) -> None:  # type: ignore[no-untyped-def]
    t, c, small, big = await _fixture(client, session)
    url = f"{API}/corporate-deficits/teachers"
    params = {
        "campaign_id": c["id"],
        "group_by": "organization",
        "group": str(t.org2.id),
        "area": "subject",
        "band": "deficit",
    }
    before = await session.scalar(
        select(func.count()).where(AuditEvent.action == "read", AuditEvent.entity_type == "diag_assignment")
    )
    r = await client.get(url, params=params, headers=t.headers("methodologist"))
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == 2 and {x["teacher_id"] for x in page["items"]} == {str(big[0].id), str(big[1].id)}
    assert all(x["band_label"] == "дефицит" and x["percent"] == 25.0 for x in page["items"])
    after = await session.scalar(
        select(func.count()).where(AuditEvent.action == "read", AuditEvent.entity_type == "diag_assignment")
    )
    assert after - before == 2  # each teacher shown is a read of personal data

    dep = await client.get(url, params=params, headers=t.headers("department"))
    assert dep.status_code == 403 and dep.headers["content-type"].startswith("application/problem+json")
    # the school administrator: another school's teachers are not in its reach
    other = await client.get(url, params=params, headers=t.headers("school_admin"))
    assert other.status_code == 200 and other.json()["total"] == 0
    # its own school's group is smaller than the minimum: hidden from it
    own = {**params, "group": str(t.org.id), "area": "digital"}
    r = await client.get(url, params=own, headers=t.headers("school_admin"))
    assert r.status_code == 403 and r.json()["code"] == "group_suppressed"
    await session.execute(
        update(Municipality).where(Municipality.id == t.municipality.id).values(diagnostics_min_group=3)
    )
    r = await client.get(url, params=own, headers=t.headers("school_admin"))
    assert r.status_code == 200 and r.json()["total"] == 4
    assert {x["teacher_id"] for x in r.json()["items"]} == {str(x.id) for x in small}


async def test_comparison(client, session) -> None:  # type: ignore[no-untyped-def]
    t, first, _, big = await _fixture(client, session)
    inst_id = (await client.get(f"{API}/campaigns/{first['id']}", headers=t.headers("methodologist"))).json()[
        "instrument_id"
    ]
    second = await open_campaign(client, t, inst_id, target={})
    later = datetime.now(UTC) - timedelta(minutes=5)
    # org2 was subject deficit, deficit, partial, none, none, none
    again = ["none", "deficit", "partial", "deficit", "none", "partial"]  # improved, same, same, worse, same, worse
    for teacher, band in zip(big, again, strict=True):
        await _submit(
            session, second["id"], teacher.id, {"subject": band, "methodical": "none", "digital": "none"}, later
        )
    url = f"{API}/corporate-deficits/comparison"
    params = {"from_campaign_id": first["id"], "to_campaign_id": second["id"], "group_by": "organization"}

    r = await client.get(url, params=params, headers=t.headers("methodologist"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["size"] == 6 and body["actions_counted"] is True  # the routes module registers its counter
    subj = _area(body, "subject")
    assert (subj["improved"], subj["same"], subj["worse"]) == (1, 3, 2)
    digital = _area(body, "digital")
    assert (digital["improved"], digital["same"], digital["worse"]) == (6, 0, 0)
    assert _area(_group(body, str(t.org2.id)), "subject")["worse"] == 2
    teachers = body["teachers"]
    assert teachers["total"] == 6
    row = next(x for x in teachers["items"] if x["teacher_id"] == str(big[0].id))
    assert _area(row, "subject")["change"] == "improved" and row["completed_actions"] == 0
    assert _area(row, "subject")["from_band"] == "deficit" and _area(row, "subject")["to_band"] == "none"

    # the routes module registers its counter: the actions completed between the two submissions
    seen = []

    async def counter(session, spans):  # type: ignore[no-untyped-def]
        seen.extend(spans)
        return {big[0].id: 3}

    registered = list(results._counters)
    results.unregister_completed_actions_counter()
    try:
        off = (await client.get(url, params=params, headers=t.headers("methodologist"))).json()
        assert off["actions_counted"] is False
        assert {x["completed_actions"] for x in off["teachers"]["items"]} == {None}
        results.register_completed_actions_counter(counter)
        body = (await client.get(url, params=params, headers=t.headers("methodologist"))).json()
    finally:
        results._counters[:] = registered
    assert body["actions_counted"] is True
    counts = {x["teacher_id"]: x["completed_actions"] for x in body["teachers"]["items"]}
    assert counts[str(big[0].id)] == 3 and counts[str(big[1].id)] == 0
    assert all(start < end for _, start, end in seen)

    # the department: figures, no teachers; the school administrator (org: nobody compared) sees nothing hidden
    d = (await client.get(url, params=params, headers=t.headers("department"))).json()
    assert d["teachers"] is None and _area(d, "subject")["worse"] == 2
    s = (await client.get(url, params=params, headers=t.headers("school_admin"))).json()
    assert s["groups"] == [] and s["suppressed"] and s["size"] is None and s["teachers"]["total"] == 0
    same = await client.get(
        url, params={"from_campaign_id": first["id"], "to_campaign_id": first["id"]}, headers=t.headers("department")
    )
    assert same.status_code == 422


async def test_report_docx_and_results_xlsx(client, session) -> None:  # type: ignore[no-untyped-def]
    t, c, _, _ = await _fixture(client, session)
    r = await client.get(f"{API}/campaigns/{c['id']}/report.docx", headers=t.headers("department"))
    assert r.status_code == 200, r.text
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert "Аналитическая справка" in text and "Мониторинг дефицитов" in text
    assert "Назначено педагогам: 10; прошли диагностику: 10" in text
    assert "менее 5 педагогов — данные скрыты" in cells  # the small school, for the department
    assert "Гимназия" in cells and "дефицит 2 (33,3 %)" in cells
    assert "Формирующее оценивание — 2" in text
    assert "Применено правило: по группам, в которых меньше 5 педагогов" in text
    exports = await session.scalar(
        select(func.count()).where(
            AuditEvent.action == "export",
            AuditEvent.entity_type == "diag_campaign",
            AuditEvent.entity_id == uuid.UUID(c["id"]),
        )
    )
    assert exports == 1

    r = await client.get(f"{API}/campaigns/{c['id']}/report.docx", headers=t.headers("methodologist"))
    cells = "\n".join(
        cell.text for table in Document(io.BytesIO(r.content)).tables for row in table.rows for cell in row.cells
    )
    assert "данные скрыты" not in cells

    r = await client.get(f"{API}/campaigns/{c['id']}/results.xlsx", headers=t.headers("methodologist"))
    assert r.status_code == 200, r.text
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Педагоги", "Организации", "Области"]
    teachers = list(wb["Педагоги"].iter_rows(values_only=True))
    assert len(teachers) == 1 + 10 * 3 and teachers[0][0] == "Педагог"
    areas = {row[0]: row for row in wb["Области"].iter_rows(min_row=2, values_only=True)}
    assert len(areas) == 3 and all(row[1] == 10 for row in areas.values())

    r = await client.get(f"{API}/campaigns/{c['id']}/results.xlsx", headers=t.headers("department"))
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Организации", "Области"]
    notes = [row[-1] for row in wb["Организации"].iter_rows(min_row=2, values_only=True)]
    assert "менее 5 педагогов — данные скрыты" in notes
    assert (
        await client.get(f"{API}/campaigns/{c['id']}/results.xlsx", headers=t.headers("teacher"))
    ).status_code == 403
