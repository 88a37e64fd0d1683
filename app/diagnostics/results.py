"""Diagnostics results: corporate deficits (per organization, subject, position or municipality and per area the
number and share of teachers in each band), the drill-down to the teachers of a group for those entitled to
individuals (audited: personal data), the re-diagnosis comparison of two campaigns (improved / same / worse per
area, per group and per teacher, with the route actions completed in between), and the campaign's analytical
report (DOCX) and results (XLSX), both audited.

Who sees what: the aggregates need `diagnostics:monitor` (department, methodologist, school administrator — a
school only its own rows); individuals need `diagnostics:results` as well (a school its teachers, a methodologist
the municipality; the department never). Small-group suppression: a group with fewer teachers than the
municipality's `diagnostics_min_group` (default 5) shows no figures to anyone below the methodologist role, i.e.
to anyone whose individual results reach is not the whole municipality.

Route actions: the `routes` module sits above diagnostics, so it registers its counter here with
`register_completed_actions_counter`; while nothing is registered the comparison gives `completed_actions: null`
and `actions_counted: false`."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import Forbidden, Unprocessable
from app.core.pagination import Page, PageParams
from app.diagnostics import report, service
from app.diagnostics import repository as repo
from app.diagnostics import results_repository as rrepo
from app.diagnostics.models import BANDS, DiagCampaign
from app.diagnostics.permissions import DiagnosticsPerm
from app.diagnostics.results_schemas import (
    AreaBands,
    AreaChange,
    AreaRef,
    Comparison,
    ComparisonGroup,
    ComparisonTeacher,
    CorporateDeficits,
    CorporateFilters,
    CorporateGroup,
    CorporateTeacher,
    DrillDownFilters,
    TeacherAreaChange,
)
from app.organizations import service as organizations
from app.reference import service as reference
from app.tenants import service as tenants

P = DiagnosticsPerm

# --- the extension point for the routes module ---

# (teacher id, the earlier submission, the later submission) → how many of the teacher's route actions were
# completed in between (a teacher missing from the answer counts 0).
ActionSpan = tuple[uuid.UUID, datetime, datetime]
CompletedActionsCounter = Callable[[AsyncSession, Sequence[ActionSpan]], Awaitable[Mapping[uuid.UUID, int]]]
_counters: list[CompletedActionsCounter] = []


def register_completed_actions_counter(counter: CompletedActionsCounter) -> None:
    """Called once by the module that keeps individual routes (at import): the comparison then shows per teacher
    the route actions completed between the two submissions. Registering again replaces the counter."""
    _counters[:] = [counter]


def unregister_completed_actions_counter() -> None:
    """Back to «not connected» (for tests)."""
    _counters.clear()


async def completed_actions(session: AsyncSession, spans: Sequence[ActionSpan]) -> dict[uuid.UUID, int] | None:
    """Completed route actions per teacher in each span; None while no routes module has registered."""
    if not _counters:
        return None
    got = await _counters[0](session, spans)
    return {teacher_id: int(got.get(teacher_id, 0)) for teacher_id, _, _ in spans}


# --- suppression ---


def sees_small_groups(principal: Principal, municipality_id: uuid.UUID) -> bool:
    """The methodologist role and above: individual results over the whole municipality."""
    return principal.has(P.RESULTS) and principal.scope(P.RESULTS).covers_municipality(municipality_id)


def entitled_to_individuals(principal: Principal) -> bool:
    """Individual results within the principal's reach (a school its teachers, a methodologist the municipality;
    a teacher only themself) — never the department."""
    return principal.has(P.RESULTS)


def suppressed_reason(min_group: int) -> str:
    return f"менее {min_group} педагогов — данные скрыты"


def suppression_rule(min_group: int, sees_small: bool) -> str:
    rule = (
        f"Группы, в которых меньше {min_group} педагогов, показываются без цифр всем, кроме методистов "
        "муниципального уровня: так нельзя узнать результаты отдельного педагога."
    )
    if sees_small:
        rule += " Вам как методисту показаны цифры всех групп."
    return rule


def _pct(n: int, total: int) -> float | None:
    return round(n * 100 / total, 1) if total else None


def _bands(area_code: str, area_name: str, row: Any | None, hide: bool) -> AreaBands:
    if hide or row is None:
        return AreaBands(
            area_code=area_code,
            area_name=area_name,
            total=None if hide else 0,
            deficit=None if hide else 0,
            partial=None if hide else 0,
            none=None if hide else 0,
            deficit_percent=None,
            partial_percent=None,
            none_percent=None,
        )
    total = int(row.total)
    return AreaBands(
        area_code=area_code,
        area_name=area_name,
        total=total,
        deficit=int(row.deficit),
        partial=int(row.partial),
        none=int(row.none),
        deficit_percent=_pct(int(row.deficit), total),
        partial_percent=_pct(int(row.partial), total),
        none_percent=_pct(int(row.none), total),
    )


# --- the context of a campaign ---


@dataclass
class _Ctx:
    campaign: DiagCampaign
    min_group: int
    sees_small: bool
    on: date
    areas: list[AreaRef]


async def _area_refs(session: AsyncSession, c: DiagCampaign) -> list[AreaRef]:
    inst = (await repo.instruments_by_id(session, {c.instrument_id}))[c.instrument_id]
    names = await reference.competence_area_names(session)
    codes: list[str] = []
    for s in inst.sections or []:
        code = s.get("area_code")
        if code and code not in codes:
            codes.append(code)
    return [AreaRef(area_code=x, area_name=names.get(x, x)) for x in codes]


async def _context(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID, perm: str = P.MONITOR) -> _Ctx:
    c = await repo.campaigns.get(session, principal.scope(perm), campaign_id)
    return _Ctx(
        campaign=c,
        min_group=await tenants.diagnostics_min_group(session, c.municipality_id),
        sees_small=sees_small_groups(principal, c.municipality_id),
        on=min(c.closes_on, date.today()),
        areas=await _area_refs(session, c),
    )


async def _group_names(session: AsyncSession, group_by: str, keys: set[str]) -> dict[str, str]:
    ids = {uuid.UUID(k) for k in keys if k} if group_by in ("organization", "municipality") else set()
    if group_by == "organization":
        named = {str(k): v for k, v in (await organizations.names(session, ids)).items()}
        empty = "Без места работы"
    elif group_by == "municipality":
        named = {str(k): v for k, v in (await tenants.municipality_names(session, ids)).items()}
        empty = "Муниципалитет не указан"
    elif group_by == "position":
        named = await reference.position_names(session)
        empty = "Должность не указана"
    else:
        named = await reference.subject_names(session)
        empty = "Предмет не указан"
    return {k: (named.get(k, k) if k else empty) for k in keys}


# --- corporate deficits ---


async def corporate_deficits(session: AsyncSession, principal: Principal, f: CorporateFilters) -> CorporateDeficits:
    ctx = await _context(session, principal, f.campaign_id)
    return await _corporate(session, principal, ctx, f.group_by)


async def _corporate(session: AsyncSession, principal: Principal, ctx: _Ctx, group_by: str) -> CorporateDeficits:
    per_group, sizes, totals, size = await rrepo.band_counts(
        session, ctx.campaign.id, principal.scope(P.MONITOR), group_by, ctx.on
    )
    cells = {(r.group_key, r.area_code): r for r in per_group}
    names = await _group_names(session, group_by, {r.group_key for r in sizes})
    reason = suppressed_reason(ctx.min_group)

    def group(key: str, name: str, n: int, rows: Mapping[str, Any]) -> CorporateGroup:
        hide = n < ctx.min_group and not ctx.sees_small
        return CorporateGroup(
            key=key,
            name=name,
            size=None if hide else n,
            suppressed=hide,
            suppressed_reason=reason if hide else None,
            areas=[_bands(a.area_code, a.area_name, rows.get(a.area_code), hide) for a in ctx.areas],
        )

    groups = [
        group(
            r.group_key,
            names[r.group_key],
            int(r.size),
            {a.area_code: cells.get((r.group_key, a.area_code)) for a in ctx.areas},
        )
        for r in sizes
    ]
    groups.sort(key=lambda g: (g.key == "", g.name.lower()))
    total = group("", "Итого", size, {r.area_code: r for r in totals})
    return CorporateDeficits(
        campaign_id=ctx.campaign.id,
        campaign_title=ctx.campaign.title,
        group_by=group_by,  # type: ignore[arg-type]
        min_group=ctx.min_group,
        suppression_rule=suppression_rule(ctx.min_group, ctx.sees_small),
        drill_down=entitled_to_individuals(principal),
        areas=ctx.areas,
        groups=groups,
        total=total,
    )


def _not_entitled() -> Forbidden:
    return Forbidden(
        "Переход к педагогам доступен только тем, кому доступны индивидуальные результаты (методист, "
        "администратор школы)",
        code="individuals_not_allowed",
    )


async def _audit_reads(
    session: AsyncSession, principal: Principal, rows: Sequence[tuple[uuid.UUID, uuid.UUID]], source: str
) -> None:
    """One «read» entry per teacher's assignment shown (personal data), in the current transaction."""
    for assignment_id, muni in rows:
        await record(session, principal, "read", "diag_assignment", assignment_id, muni, {"source": source})


async def drill_down(
    session: AsyncSession, principal: Principal, f: DrillDownFilters, page: PageParams
) -> Page[CorporateTeacher]:
    """The teachers of one group in one band of one area (for those entitled to individuals, inside their reach;
    a group hidden from the caller stays hidden)."""
    if not entitled_to_individuals(principal):
        raise _not_entitled()
    ctx = await _context(session, principal, f.campaign_id, P.READ)
    if f.area_code not in {a.area_code for a in ctx.areas}:
        raise Unprocessable("В мониторинге нет такой области", code="unknown_area")
    scope = principal.scope(P.RESULTS)
    if not ctx.sees_small:
        _, sizes, _, _ = await rrepo.band_counts(session, ctx.campaign.id, scope, f.group_by, ctx.on)
        n = next((int(r.size) for r in sizes if r.group_key == f.group), 0)
        if 0 < n < ctx.min_group:
            raise Forbidden(f"Группа скрыта: {suppressed_reason(ctx.min_group)}", code="group_suppressed")
    rows, total = await rrepo.drill_down(
        session, ctx.campaign.id, scope, f.group_by, ctx.on, f.group, f.area_code, f.band, page
    )
    orgs = await organizations.names(session, {r.organization_id for r in rows if r.organization_id})
    await _audit_reads(
        session, principal, [(r.assignment_id, ctx.campaign.municipality_id) for r in rows], "corporate_deficits"
    )
    items = [
        CorporateTeacher(
            teacher_id=r.teacher_id,
            teacher_name=r.teacher_name,
            organization_id=r.organization_id,
            organization_name=orgs.get(r.organization_id) if r.organization_id else None,
            area_code=r.area_code,
            percent=float(r.percent),
            band=r.band,
            band_label=BANDS.get(r.band, r.band),
            submitted_at=r.submitted_at,
        )
        for r in rows
    ]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


# --- re-diagnosis ---


def _changes(area: AreaRef, row: Any | None, hide: bool) -> AreaChange:
    if hide:
        return AreaChange(area_code=area.area_code, area_name=area.area_name, improved=None, same=None, worse=None)
    return AreaChange(
        area_code=area.area_code,
        area_name=area.area_name,
        improved=int(row.improved) if row else 0,
        same=int(row.same) if row else 0,
        worse=int(row.worse) if row else 0,
    )


async def comparison(
    session: AsyncSession,
    principal: Principal,
    from_campaign_id: uuid.UUID,
    to_campaign_id: uuid.UUID,
    group_by: str | None,
    page: PageParams,
) -> Comparison:
    """Per area (in all, per group, per teacher for those entitled) the change of band between two campaigns of a
    municipality: improved, same or worse; the teachers who submitted both only."""
    if from_campaign_id == to_campaign_id:
        raise Unprocessable("Выберите два разных мониторинга", code="same_campaign")
    a = await _context(session, principal, from_campaign_id)
    b = await _context(session, principal, to_campaign_id)
    if a.campaign.municipality_id != b.campaign.municipality_id:
        raise Unprocessable("Сравнивать можно мониторинги одного муниципалитета", code="other_municipality")
    scope = principal.scope(P.MONITOR)
    per_group, sizes, totals, size = await rrepo.change_counts(
        session, a.campaign.id, b.campaign.id, scope, group_by, b.on
    )
    areas = [x for x in b.areas if x.area_code in {y.area_code for y in a.areas}]
    reason = suppressed_reason(b.min_group)
    hide_total = size < b.min_group and not b.sees_small
    total_rows = {r.area_code: r for r in totals}
    groups: list[ComparisonGroup] = []
    if group_by is not None:
        cells = {(r.group_key, r.area_code): r for r in per_group}
        names = await _group_names(session, group_by, {r.group_key for r in sizes})
        for r in sizes:
            hide = int(r.size) < b.min_group and not b.sees_small
            groups.append(
                ComparisonGroup(
                    key=r.group_key,
                    name=names[r.group_key],
                    size=None if hide else int(r.size),
                    suppressed=hide,
                    suppressed_reason=reason if hide else None,
                    areas=[_changes(x, cells.get((r.group_key, x.area_code)), hide) for x in areas],
                )
            )
        groups.sort(key=lambda g: (g.key == "", g.name.lower()))
    teachers_page: Page[ComparisonTeacher] | None = None
    counted = bool(_counters)
    if entitled_to_individuals(principal):
        teachers_page = await _teacher_changes(session, principal, a, b, page)
    return Comparison(
        from_campaign_id=a.campaign.id,
        from_campaign_title=a.campaign.title,
        to_campaign_id=b.campaign.id,
        to_campaign_title=b.campaign.title,
        group_by=group_by,  # type: ignore[arg-type]
        min_group=b.min_group,
        suppression_rule=suppression_rule(b.min_group, b.sees_small),
        size=None if hide_total else size,
        suppressed=hide_total,
        areas=[_changes(x, total_rows.get(x.area_code), hide_total) for x in areas],
        groups=groups,
        teachers=teachers_page,
        actions_counted=counted,
    )


async def _teacher_changes(
    session: AsyncSession, principal: Principal, a: _Ctx, b: _Ctx, page: PageParams
) -> Page[ComparisonTeacher]:
    rows, total = await rrepo.teacher_changes(
        session, a.campaign.id, b.campaign.id, principal.scope(P.RESULTS), b.on, page
    )
    by_teacher: dict[uuid.UUID, list[Any]] = {}
    for r in rows:
        by_teacher.setdefault(r.teacher_id, []).append(r)
    spans = [(tid, rs[0].from_at, rs[0].to_at) for tid, rs in by_teacher.items()]
    actions = await completed_actions(session, spans)
    orgs = await organizations.names(session, {r.organization_id for r in rows if r.organization_id})
    items = []
    for tid, rs in by_teacher.items():
        first = rs[0]
        items.append(
            ComparisonTeacher(
                teacher_id=tid,
                teacher_name=first.teacher_name,
                organization_id=first.organization_id,
                organization_name=orgs.get(first.organization_id) if first.organization_id else None,
                from_submitted_at=first.from_at,
                to_submitted_at=first.to_at,
                areas=[
                    TeacherAreaChange(area_code=r.area_code, from_band=r.from_band, to_band=r.to_band, change=r.change)
                    for r in rs
                ],
                completed_actions=actions.get(tid, 0) if actions is not None else None,
            )
        )
    shown = {r.teacher_id: r.assignment_id for r in rows}
    await _audit_reads(session, principal, [(x, b.campaign.municipality_id) for x in shown.values()], "comparison")
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


# --- the report (DOCX) and the results (XLSX) ---


def _top_needs(texts: Sequence[str], limit: int = 10) -> list[tuple[str, int]]:
    """Free-text answers grouped by their normalised text, most frequent first."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for t in texts:
        key = " ".join(t.split()).lower().rstrip(".")
        if not key:
            continue
        counts[key] += 1
        shown.setdefault(key, " ".join(t.split()))
    return [(shown[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


async def _report_data(
    session: AsyncSession, principal: Principal, campaign_id: uuid.UUID
) -> tuple[report.ReportData, DiagCampaign]:
    ctx = await _context(session, principal, campaign_id)
    c = ctx.campaign
    part = await rrepo.participation(session, c.id, principal.scope(P.MONITOR))
    org_names = await organizations.names(session, {r.organization_id for r in part if r.organization_id})
    participation = sorted(
        (
            (
                org_names.get(r.organization_id, "—") if r.organization_id else "Без места работы",
                int(r.assigned),
                int(r.submitted),
            )
            for r in part
        ),
        key=lambda x: x[0].lower(),
    )
    by_org = await _corporate(session, principal, ctx, "organization")
    topics = await service.topic_results(session, principal, c.id)
    inst = (await repo.instruments_by_id(session, {c.instrument_id}))[c.instrument_id]
    muni = (await tenants.municipality_names(session, {c.municipality_id})).get(c.municipality_id, "")
    data = report.ReportData(
        title=c.title,
        municipality=muni,
        instrument=inst.title,
        opens_on=c.opens_on,
        closes_on=c.closes_on,
        participation=participation,
        corporate=by_org,
        topics=[(t.rank, t.text, t.votes, t.percent) for t in topics.topics][:15],
        topic_survey=inst.kind == "topic_survey",
        needs=_top_needs(topics.texts),
        respondents=topics.respondents,
        generated_at=datetime.now().astimezone(),
    )
    return data, c


async def campaign_report(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> tuple[bytes, str]:
    data, c = await _report_data(session, principal, campaign_id)
    content = await run_in_threadpool(report.render_docx, data)
    await record(session, principal, "export", "diag_campaign", c.id, c.municipality_id, {"format": "docx"})
    return content, report.file_name(data.title, "Отчёт")


async def campaign_results(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> tuple[bytes, str]:
    ctx = await _context(session, principal, campaign_id)
    by_org = await _corporate(session, principal, ctx, "organization")
    teacher_rows: list[list[Any]] | None = None
    if entitled_to_individuals(principal):
        rows = await rrepo.teacher_rows(session, ctx.campaign.id, principal.scope(P.RESULTS))
        orgs = await organizations.names(session, {r.organization_id for r in rows if r.organization_id})
        area_names = {a.area_code: a.area_name for a in ctx.areas}
        teacher_rows = [
            [
                r.teacher_name,
                orgs.get(r.organization_id, "") if r.organization_id else "",
                area_names.get(r.area_code, r.area_code),
                float(r.percent),
                BANDS.get(r.band, r.band),
                r.submitted_at.date(),
            ]
            for r in rows
        ]
    content = await run_in_threadpool(report.render_xlsx, by_org, teacher_rows)
    await record(
        session,
        principal,
        "export",
        "diag_campaign",
        ctx.campaign.id,
        ctx.campaign.municipality_id,
        {"format": "xlsx", "rows": len(teacher_rows) if teacher_rows is not None else 0},
    )
    return content, report.file_name(ctx.campaign.title, "Результаты")
