"""Diagnostics scoring: hand-computed scores per area, band edges exactly at 50 % and 75 %, blank items counting 0,
the multiple-choice rule (each wrong choice cancels a correct one), per-area band overrides — as pure functions and
through the API (answers saved with If-Match, one submission, the profile stored); a teacher never reads another
teacher's answers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from app.diagnostics import scoring
from app.diagnostics.schemas import InstrumentContent
from tests.diagnostics_helpers import (
    API,
    SECTIONS,
    my_assignment,
    open_campaign,
    published_instrument,
    teacher_headers,
    v,
)
from tests.factories import make_tenant

ANSWERS = {
    "s1": "b",  # 2 of 2
    "s2": ["a", "b"],  # one correct, one wrong: 2 × max(0, 1 − 1) / 2 = 0
    "s3": 2,  # 2 of 4 → subject 4 / 8 = 50 % exactly: partial (not deficit)
    "m1": "a",  # 3 of 3; m2 left blank → 0 of 1 → methodical 3 / 4 = 75 % exactly: none (not partial)
    "d1": ["a", "b", "d"],  # 3 × (2 − 1) / 3 = 1; d2 = 1 → digital 2 / 6 = 33.33 %: deficit
    "d2": 1,
    "n1": "Нужна помощь с цифровыми сервисами",
}


def _content(scale: dict | None = None) -> InstrumentContent:
    return InstrumentContent.model_validate({"sections": SECTIONS, "scale": scale or {}})


def test_hand_computed_scores_and_band_edges() -> None:
    got = {r.area_code: r for r in scoring.score(_content(), ANSWERS)}
    assert list(got) == ["subject", "methodical", "digital"]  # the needs section (no area) is not scored
    assert (got["subject"].score, got["subject"].max_score, got["subject"].percent) == (4, 8, 50)
    assert got["subject"].band == "partial"  # exactly 50 % is not a deficit
    assert (got["methodical"].score, got["methodical"].max_score, got["methodical"].percent) == (3, 4, 75)
    assert got["methodical"].band == "none"  # exactly 75 % is no deficit
    assert (got["digital"].score, got["digital"].max_score) == (2, 6)
    assert got["digital"].percent == Fraction(100, 3)
    assert got["digital"].percent_decimal == Decimal("33.33")
    assert got["digital"].band == "deficit"


def test_just_below_the_edges() -> None:
    # subject 3.5 of 8 would need a half point: the multiple item with 1 of 2 correct and no wrong gives 1
    got = {r.area_code: r for r in scoring.score(_content(), {"s1": "b", "s2": ["a"], "s3": 0})}
    assert got["subject"].score == 3 and got["subject"].percent == Fraction(300, 8)  # 37.5 %
    assert got["subject"].band == "deficit"
    # methodical 0 + scale 1 of 1 → 1 / 4 = 25 %; digital all right → 6 / 6
    got = {r.area_code: r for r in scoring.score(_content(), {"m2": 1, "d1": ["a", "b", "c"], "d2": 3})}
    assert got["methodical"].percent == 25 and got["methodical"].band == "deficit"
    assert got["digital"].percent == 100 and got["digital"].band == "none"


def test_blank_items_count_zero_and_keep_the_maximum() -> None:
    got = {r.area_code: r for r in scoring.score(_content(), {})}
    assert {a: (r.score, r.max_score, r.band) for a, r in got.items()} == {
        "subject": (0, 8, "deficit"),
        "methodical": (0, 4, "deficit"),
        "digital": (0, 6, "deficit"),
    }


def test_multiple_choice_rule() -> None:
    content = _content()
    item = content.items()["d1"]  # correct a, b, c of a–d; 3 points
    assert scoring.item_score(item, ["a", "b", "c"]) == 3
    assert scoring.item_score(item, ["a", "b"]) == 2
    assert scoring.item_score(item, ["a"]) == 1
    assert scoring.item_score(item, ["a", "d"]) == 0  # one wrong cancels one correct
    assert scoring.item_score(item, ["a", "b", "c", "d"]) == 2  # ticking everything costs a point
    assert scoring.item_score(item, ["d"]) == 0  # never below 0
    assert scoring.item_score(item, []) == 0
    assert scoring.item_score(item, None) == 0
    item2 = content.items()["s2"]  # correct a, c of four; 2 points
    assert scoring.item_score(item2, ["a", "b", "c", "d"]) == 0


def test_band_overrides_per_area() -> None:
    scale = {"deficit_below": 50, "partial_below": 75, "areas": {"digital": {"deficit_below": 30, "partial_below": 60}}}
    got = {r.area_code: r for r in scoring.score(_content(scale), ANSWERS)}
    assert got["digital"].band == "partial"  # 33.33 % ≥ 30
    assert got["subject"].band == "partial"


async def test_submission_through_the_api(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    inst = await published_instrument(client, t)
    assert inst["area_max"] == {"subject": 8.0, "methodical": 4.0, "digital": 6.0}
    campaign = await open_campaign(client, t, inst["id"])
    assert campaign["assigned"] == 1 and campaign["state"] == "open"
    teacher = t.headers("teacher")
    row = await my_assignment(client, teacher, campaign["id"])
    assert row["status"] == "assigned" and row["actions"] == [] and row["item_count"] == 8

    r = await client.get(f"{API}/assignments/{row['id']}", headers=teacher)
    assert r.status_code == 200, r.text
    assert r.json()["instrument"]["sections"][0]["items"][0]["code"] == "s1"
    assert r.json()["actions"] == ["answer", "submit"]

    # autosave in two steps; without If-Match 428, with a stale one 412; a wrong answer 422 naming the item
    half = {k: ANSWERS[k] for k in ("s1", "s2", "s3")}
    assert (
        await client.put(f"{API}/assignments/{row['id']}/answers", json={"answers": half}, headers=teacher)
    ).status_code == 428
    r1 = await client.put(f"{API}/assignments/{row['id']}/answers", json={"answers": half}, headers={**teacher, **v(r)})
    assert r1.status_code == 200, r1.text
    assert r1.json()["status"] == "in_progress" and r1.json()["answered"] == 3
    stale = await client.put(
        f"{API}/assignments/{row['id']}/answers", json={"answers": half}, headers={**teacher, **v(r)}
    )
    assert stale.status_code == 412
    bad = await client.put(
        f"{API}/assignments/{row['id']}/answers",
        json={"answers": {"s3": 7, "zz": "a"}},
        headers={**teacher, **v(r1)},
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"body.answers.s3", "body.answers.zz"}
    rest = {k: val for k, val in ANSWERS.items() if k not in half}
    r2 = await client.put(
        f"{API}/assignments/{row['id']}/answers", json={"answers": {**rest, "m2": None}}, headers={**teacher, **v(r1)}
    )
    assert r2.status_code == 200, r2.text
    assert r2.json()["answers"] == ANSWERS  # resumable: everything saved so far

    # another teacher of the municipality cannot read or answer it
    other = await teacher_headers(session, t, t.teacher2)
    assert (await client.get(f"{API}/assignments/{row['id']}", headers=other)).status_code == 404
    put = await client.put(
        f"{API}/assignments/{row['id']}/answers", json={"answers": {}}, headers={**other, "If-Match": "*"}
    )
    assert put.status_code == 404
    listed = await client.get(f"{API}/assignments", headers=other)
    assert listed.json()["items"] == []
    # nor may the school administrator or the methodologist read the answers
    for who in ("school_admin", "methodologist", "department"):
        assert (await client.get(f"{API}/assignments/{row['id']}", headers=t.headers(who))).status_code == 403

    s = await client.post(f"{API}/assignments/{row['id']}/submit", headers={**teacher, **v(r2)})
    assert s.status_code == 200, s.text
    got = {a["area_code"]: a for a in s.json()["results"]}
    assert {k: (a["score"], a["max_score"], a["percent"], a["band"]) for k, a in got.items()} == {
        "subject": ("4.0000", "8.0000", "50.00", "partial"),
        "methodical": ("3.0000", "4.0000", "75.00", "none"),
        "digital": ("2.0000", "6.0000", "33.33", "deficit"),
    }
    assert s.json()["status"] == "submitted" and s.json()["actions"] == []
    again = await client.post(f"{API}/assignments/{row['id']}/submit", headers={**teacher, "If-Match": "*"})
    assert again.status_code == 409 and again.json()["code"] == "already_submitted"
    late = await client.put(
        f"{API}/assignments/{row['id']}/answers", json={"answers": {"s1": "a"}}, headers={**teacher, "If-Match": "*"}
    )
    assert late.status_code == 409

    profiles = await client.get(f"{API}/deficit-profiles", headers=teacher)
    assert profiles.status_code == 200
    (p,) = profiles.json()["items"]
    assert p["deficit_areas"] == ["digital"] and p["campaign_id"] == campaign["id"]
