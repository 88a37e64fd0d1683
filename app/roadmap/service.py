"""Programmes and roadmaps: the rules (a programme inside the caller's municipality, KPI codes the municipality
knows, evidence that exists in the municipality, who may report on an activity), the schedule of an activity and
its occurrences (generated from the parsed timeframe inside the programme's period; a change regenerates the
occurrences that have no report and are not done), the import (dry run and apply, an activity per number), the
progress by section and the reads with `actions`. Every change is audited."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import FieldError, NotFound, PayloadTooLarge, Unprocessable
from app.core.pagination import Page, PageParams
from app.core.sheets import FileError, FileTooLarge
from app.roadmap import importer, timeframes
from app.roadmap import repository as repo
from app.roadmap.models import Activity, Occurrence, Programme, Report, Section
from app.roadmap.permissions import RoadmapPerm
from app.roadmap.schemas import (
    OCCURRENCE_STATUS_LABELS,
    PROGRAMME_STATUS_LABELS,
    SCHEDULE_KIND_LABELS,
    ActivityFilters,
    ActivityRead,
    ActivityResponsible,
    ActivityScheduleRead,
    ActivityUpdate,
    OccurrenceRead,
    OccurrenceStatusCounts,
    OccurrenceUpdate,
    ProgrammeCreate,
    ProgrammeFilters,
    ProgrammeProgress,
    ProgrammeRead,
    ProgrammeStageRead,
    ProgrammeTimeline,
    ProgrammeUpdate,
    RoadmapEvidenceRead,
    RoadmapImportReport,
    RoadmapImportRow,
    RoadmapImportSection,
    RoadmapReportCreate,
    RoadmapReportRead,
    RoadmapSectionProgress,
    RoadmapSectionRead,
)

MOSCOW = ZoneInfo("Europe/Moscow")
MAX_IMPORT_ROWS = 1000


def today_moscow() -> date:
    return datetime.now(MOSCOW).date()


def _bad(field: str, code: str, message: str) -> Unprocessable:
    return Unprocessable(errors=[FieldError(field=field, code=code, message=message)])


# --- programmes ---


async def _programme_reads(session: AsyncSession, principal: Principal, items: list[Programme]) -> list[ProgrammeRead]:
    ids = [p.id for p in items]
    stages: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for s in await repo.stages_of(session, ids):
        stages[s.programme_id].append(s)
    sections: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for s in await repo.sections_of(session, ids):
        sections[s.programme_id].append(s)
    counts = await repo.activity_counts(session, ids)
    write = principal.scope(RoadmapPerm.WRITE) if principal.has(RoadmapPerm.WRITE) else None
    out = []
    for p in items:
        r = ProgrammeRead.model_validate(p)
        r.status_label = PROGRAMME_STATUS_LABELS.get(p.status, p.status)
        r.stages = [ProgrammeStageRead.model_validate(s) for s in stages[p.id]]
        r.sections = [RoadmapSectionRead.model_validate(s) for s in sections[p.id]]
        r.activity_count = counts.get(p.id, 0)
        if write is not None and p.archived_at is None and write.covers_municipality(p.municipality_id):
            r.actions = ["update", "archive", "import"]
        out.append(r)
    return out


async def list_programmes(
    session: AsyncSession, principal: Principal, f: ProgrammeFilters, page: PageParams
) -> Page[ProgrammeRead]:
    items, total = await repo.programme_page(
        session, principal.scope(RoadmapPerm.READ), f.status, f.include_archived, page
    )
    return Page(
        items=await _programme_reads(session, principal, items), total=total, limit=page.limit, offset=page.offset
    )


async def read_programme(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID, perm: str = RoadmapPerm.READ
) -> ProgrammeRead:
    p = await repo.programmes.get(session, principal.scope(perm), programme_id)
    return (await _programme_reads(session, principal, [p]))[0]


async def _check_refs(
    session: AsyncSession, municipality_id: uuid.UUID, organization_id: uuid.UUID | None, document_id: uuid.UUID | None
) -> None:
    if organization_id is not None:
        orgs = {o.id for o in await repo.organizations_of(session, municipality_id)}
        if organization_id not in orgs:
            raise _bad("body.organization_id", "unknown_organization", "Организация не найдена в муниципалитете")
    if document_id is not None:
        if not await repo.evidence_titles(session, municipality_id, "document", [document_id]):
            raise _bad("body.basis_document_id", "unknown_document", "Документ не найден в муниципалитете")


async def create_programme(session: AsyncSession, principal: Principal, body: ProgrammeCreate) -> ProgrammeRead:
    if not principal.scope(RoadmapPerm.WRITE).covers_municipality(body.municipality_id):
        raise _bad("body.municipality_id", "unknown_municipality", "Муниципалитет не найден")
    await _check_refs(session, body.municipality_id, body.organization_id, body.basis_document_id)
    data = body.model_dump(exclude={"stages"})
    p = Programme(**data)
    await repo.programmes.create(session, principal, p)
    await repo.replace_stages(session, p, [s.model_dump() for s in body.stages])
    return await read_programme(session, principal, p.id, RoadmapPerm.WRITE)


async def update_programme(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID, body: ProgrammeUpdate, if_match: str | None
) -> ProgrammeRead:
    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.WRITE), programme_id)
    repo.programmes.check_version(p, if_match)
    values = body.model_dump(exclude_unset=True)
    stages = values.pop("stages", None)
    start, end = values.get("period_start", p.period_start), values.get("period_end", p.period_end)
    if end < start:
        raise _bad("body.period_end", "dates", "Окончание периода раньше его начала")
    await _check_refs(session, p.municipality_id, values.get("organization_id"), values.get("basis_document_id"))
    extra = None
    if stages is not None:
        await repo.replace_stages(session, p, stages)
        extra = {"stages": [s["title"] for s in stages]}
    await repo.programmes.update(session, principal, p, values, if_match, extra_changes=extra)
    if "period_start" in values or "period_end" in values:
        for a in await repo.programme_activities(session, p.id):
            if a.archived_at is None:
                await _regenerate(session, p, a)
    return await read_programme(session, principal, p.id, RoadmapPerm.WRITE)


async def archive_programme(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID, reason: str, if_match: str | None
) -> ProgrammeRead:
    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.WRITE), programme_id)
    await repo.programmes.archive(session, principal, p, reason, if_match)
    return await read_programme(session, principal, p.id, RoadmapPerm.WRITE)


async def progress(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID, today: date | None = None
) -> ProgrammeProgress:
    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.READ), programme_id)
    today = today or today_moscow()
    rows = await repo.progress_counts(session, p.id, today)

    def item(section_id: uuid.UUID, number: int, title: str, r: dict[str, int]) -> RoadmapSectionProgress:
        counts = OccurrenceStatusCounts(**{s: r[s] for s in OCCURRENCE_STATUS_LABELS})
        live = sum(r[s] for s in OCCURRENCE_STATUS_LABELS) - r["cancelled"]
        return RoadmapSectionProgress(
            section_id=section_id,
            number=number,
            title=title,
            activities=r["activities"],
            occurrences=counts,
            due_to_date=r["due_to_date"],
            done_percent=round(100 * r["done"] / live, 1) if live else None,
            done_of_due_percent=round(100 * r["done_of_due"] / r["due_to_date"], 1) if r["due_to_date"] else None,
        )

    keys = ["activities", "needs_review", *OCCURRENCE_STATUS_LABELS, "due_to_date", "done_of_due"]
    sections = [item(r.id, r.number, r.title, {k: int(getattr(r, k)) for k in keys}) for r in rows]
    total = {k: sum(int(getattr(r, k)) for r in rows) for k in keys}
    return ProgrammeProgress(
        programme_id=p.id,
        on=today,
        sections=sections,
        total=item(p.id, 0, "Всего", total),
        needs_review=total["needs_review"],
    )


# --- schedules and occurrences ---


def _schedule_columns(s: timeframes.Schedule) -> dict[str, Any]:
    return {
        "schedule_kind": s.kind,
        "starts_on": s.starts_on,
        "due_on": s.due_on,
        "rrule": s.rrule,
        "window_months": s.window_months,
        "until": s.until,
        "schedule_note": s.note,
        "needs_review": s.needs_review,
        "review_reasons": list(s.reasons),
    }


def schedule_of(a: Activity) -> timeframes.Schedule:
    return timeframes.Schedule(
        kind=a.schedule_kind,  # type: ignore[arg-type]
        starts_on=a.starts_on,
        due_on=a.due_on,
        rrule=a.rrule,
        window_months=a.window_months,
        until=a.until,
        note=a.schedule_note,
        needs_review=a.needs_review,
        reasons=list(a.review_reasons or []),
    )


async def _regenerate(session: AsyncSession, programme: Programme, a: Activity) -> tuple[int, int]:
    """Bring the activity's occurrences in line with its schedule: an occurrence with the same dates stays; one
    that no longer fits goes unless it is done, in progress or has a report; the missing ones are added (those
    already past due start overdue). Returns (added, removed)."""
    wanted = timeframes.occurrences(schedule_of(a), programme.period_start, programme.period_end)
    existing = await repo.occurrences_of(session, [a.id])
    reported = await repo.reported_occurrences(session, [o.id for o in existing])
    have = {(o.starts_on, o.due_on) for o in existing}
    keys = {(w.starts_on, w.due_on) for w in wanted}
    removed = 0
    for o in existing:
        if (o.starts_on, o.due_on) in keys or o.status in ("done", "in_progress") or o.id in reported:
            continue
        await session.delete(o)
        removed += 1
    today = today_moscow()
    added = 0
    for w in wanted:
        if (w.starts_on, w.due_on) in have:
            continue
        session.add(
            Occurrence(
                municipality_id=a.municipality_id,
                programme_id=a.programme_id,
                activity_id=a.id,
                starts_on=w.starts_on,
                due_on=w.due_on,
                status="overdue" if w.due_on < today else "planned",
            )
        )
        added += 1
    await session.flush()
    return added, removed


# --- activities: reads ---


def _responsibles(a: Activity) -> list[ActivityResponsible]:
    return [ActivityResponsible.model_validate(r) for r in (a.responsibles or [])]


def _state(counts: OccurrenceStatusCounts) -> str:
    if counts.overdue:
        return "overdue"
    if counts.in_progress:
        return "in_progress"
    if counts.planned:
        return "planned"
    if counts.done:
        return "done"
    return "unscheduled"


def _report_read(r: Report) -> RoadmapReportRead:
    return RoadmapReportRead(
        id=r.id,
        occurrence_id=r.occurrence_id,
        activity_id=r.activity_id,
        reported_on=r.reported_on,
        text=r.text,
        links=list(r.links or []),
        file_ids=list(r.file_ids or []),
        records=[RoadmapEvidenceRead(**x) for x in (r.records or [])],
        author_name=r.author_name,
        created_at=r.created_at,
    )


def _activity_read(row: Any, writable: set[uuid.UUID], reportable: set[uuid.UUID]) -> ActivityRead:
    a: Activity = row[0]
    counts = OccurrenceStatusCounts(**{s: int(getattr(row, s)) for s in OCCURRENCE_STATUS_LABELS})
    out = ActivityRead(
        id=a.id,
        municipality_id=a.municipality_id,
        programme_id=a.programme_id,
        programme_title=row.programme_title,
        section_id=a.section_id,
        section_number=row.section_number,
        section_title=row.section_title,
        number=a.number,
        title=a.title,
        timeframe_text=a.timeframe_text,
        schedule=ActivityScheduleRead(
            kind=a.schedule_kind,
            kind_label=SCHEDULE_KIND_LABELS.get(a.schedule_kind, a.schedule_kind),
            starts_on=a.starts_on,
            due_on=a.due_on,
            rrule=a.rrule,
            window_months=a.window_months,
            until=a.until,
            note=a.schedule_note,
            needs_review=a.needs_review,
            reasons=list(a.review_reasons or []),
            set_by_hand=a.schedule_set_by_hand,
        ),
        responsible_text=a.responsible_text,
        responsibles=_responsibles(a),
        kpi_codes=list(a.kpi_codes or []),
        status_counts=counts,
        state=_state(counts),
        next_due_on=row.next_due_on,
        version=a.version,
        updated_at=a.updated_at,
        archived_at=a.archived_at,
    )
    if a.archived_at is None:
        out.actions = [x for x, ok in (("update", a.id in writable), ("report", a.id in reportable)) if ok]
    return out


async def _rights(
    session: AsyncSession, principal: Principal, ids: list[uuid.UUID]
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    writable = (
        await repo.in_scope(session, principal.scope(RoadmapPerm.WRITE), ids, None)
        if principal.has(RoadmapPerm.WRITE)
        else set()
    )
    reportable = (
        await repo.in_scope(session, principal.scope(RoadmapPerm.REPORT), ids, _user_id(principal))
        if principal.has(RoadmapPerm.REPORT)
        else set()
    )
    return writable, reportable


def _user_id(principal: Principal) -> uuid.UUID | None:
    return principal.id if principal.kind == "user" else None


async def list_activities(
    session: AsyncSession, principal: Principal, f: ActivityFilters, page: PageParams, today: date | None = None
) -> Page[ActivityRead]:
    today = today or today_moscow()
    mine_teachers: list[uuid.UUID] = []
    if f.mine:
        mine_teachers = [*(await repo.teacher_ids_of_user(session, principal.id)), *([principal.teacher_id] or [])]
        mine_teachers = [t for t in mine_teachers if t]
    conds = repo.activity_filters(f, principal, today, mine_teachers)
    rows, total = await repo.activity_page(session, principal.scope(RoadmapPerm.READ), conds, page)
    writable, reportable = await _rights(session, principal, [r[0].id for r in rows])
    return Page(
        items=[_activity_read(r, writable, reportable) for r in rows], total=total, limit=page.limit, offset=page.offset
    )


async def read_activity(session: AsyncSession, principal: Principal, activity_id: uuid.UUID) -> ActivityRead:
    row = await repo.activity_row(session, principal.scope(RoadmapPerm.READ), activity_id)
    if row is None:
        raise NotFound(repo.activities.not_found)
    writable, reportable = await _rights(session, principal, [activity_id])
    out = _activity_read(row, writable, reportable)
    occs = await repo.occurrences_of(session, [activity_id])
    reports: dict[uuid.UUID, list[RoadmapReportRead]] = defaultdict(list)
    for r in await repo.reports_of(session, [o.id for o in occs]):
        reports[r.occurrence_id].append(_report_read(r))
    can_report = activity_id in reportable and out.archived_at is None
    out.occurrences = [
        OccurrenceRead(
            id=o.id,
            activity_id=o.activity_id,
            starts_on=o.starts_on,
            due_on=o.due_on,
            status=o.status,
            status_label=OCCURRENCE_STATUS_LABELS.get(o.status, o.status),
            done_on=o.done_on,
            version=o.version,
            reports=reports[o.id],
            actions=["update", "report"] if can_report else [],
        )
        for o in occs
    ]
    return out


# --- activities: writes ---


async def _check_kpi(session: AsyncSession, municipality_id: uuid.UUID, codes: list[str], field: str) -> list[str]:
    codes = list(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    if codes:
        known = {c.upper() for c in await repo.kpi_codes_of(session, municipality_id)}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise _bad(field, "unknown_kpi_code", f"Нет такого показателя KPI: {', '.join(unknown)}")
    return codes


async def update_activity(
    session: AsyncSession, principal: Principal, activity_id: uuid.UUID, body: ActivityUpdate, if_match: str | None
) -> ActivityRead:
    a = await repo.activities.get(session, principal.scope(RoadmapPerm.WRITE), activity_id)
    repo.activities.check_version(a, if_match)
    if a.archived_at is not None:
        raise Unprocessable("Мероприятие в архиве: изменить его нельзя", code="archived")
    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.WRITE), a.programme_id)
    values = body.model_dump(exclude_unset=True, exclude={"schedule"})
    if "kpi_codes" in values:
        values["kpi_codes"] = await _check_kpi(session, a.municipality_id, values["kpi_codes"], "body.kpi_codes")
    reschedule = False
    if "schedule" in body.model_fields_set:
        reschedule = True
        if body.schedule is None:  # back to the timeframe as written
            values |= _schedule_columns(
                timeframes.parse(values.get("timeframe_text", a.timeframe_text), p.period_start, p.period_end)
            )
            values["schedule_set_by_hand"] = False
        else:
            values |= _hand_schedule(body.schedule, p)
            values["schedule_set_by_hand"] = True
    elif "timeframe_text" in values and not a.schedule_set_by_hand:
        reschedule = True
        values |= _schedule_columns(timeframes.parse(values["timeframe_text"], p.period_start, p.period_end))
    if "responsible_text" in values:
        matcher = await Matcher.load(session, a.municipality_id)
        values |= matcher.responsible_columns(values["responsible_text"])[0]
    await repo.activities.update(session, principal, a, values, if_match)
    if reschedule:
        added, removed = await _regenerate(session, p, a)
        if added or removed:
            await repo.activities.audit(
                session, principal, "update", a, {"occurrences": {"added": added, "removed": removed}}
            )
    return await read_activity(session, principal, a.id)


def _hand_schedule(s: Any, p: Programme) -> dict[str, Any]:
    from dateutil.relativedelta import relativedelta

    if s.kind == "recurring":
        if not s.rrule:
            raise _bad("body.schedule.rrule", "required", "Для повтора укажите RRULE, например FREQ=YEARLY;BYMONTH=4")
        try:
            from dateutil.rrule import rrulestr

            rrulestr(s.rrule, dtstart=datetime(s.starts_on.year, s.starts_on.month, s.starts_on.day))
        except (ValueError, TypeError) as e:
            raise _bad("body.schedule.rrule", "bad_rrule", "Правило повтора (RRULE) не распознано") from e
    rule = s.rrule if s.kind == "recurring" else (timeframes.CONTINUOUS_RRULE if s.kind == "continuous" else None)
    due = s.due_on
    if due is None and s.kind != "continuous":
        months = max(s.window_months, 1)
        due = s.starts_on + relativedelta(months=months) - relativedelta(days=1)
    if due is not None and due < s.starts_on:
        raise _bad("body.schedule.due_on", "dates", "Срок раньше начала")
    return {
        "schedule_kind": s.kind,
        "starts_on": s.starts_on,
        "due_on": due if s.kind != "continuous" else (s.due_on or p.period_end),
        "rrule": rule,
        "window_months": s.window_months if s.kind == "recurring" else 0,
        "until": s.until,
        "schedule_note": s.note,
        "needs_review": False,
        "review_reasons": [],
    }


async def update_occurrence(
    session: AsyncSession, principal: Principal, occurrence_id: uuid.UUID, body: OccurrenceUpdate, if_match: str | None
) -> OccurrenceRead:
    o = await repo.occurrence_for_report(
        session, principal.scope(RoadmapPerm.REPORT), occurrence_id, _user_id(principal)
    )
    if o is None:
        raise NotFound(repo.occurrences.not_found)
    values: dict[str, Any] = {"status": body.status}
    if body.status == "done":
        values["done_on"] = body.done_on or today_moscow()
    elif o.done_on is not None:
        values["done_on"] = None
    await repo.occurrences.update(session, principal, o, values, if_match)
    return await _occurrence_read(session, o, ["update", "report"])


async def _occurrence_read(session: AsyncSession, o: Occurrence, actions: list[str]) -> OccurrenceRead:
    reports = [_report_read(r) for r in await repo.reports_of(session, [o.id])]
    return OccurrenceRead(
        id=o.id,
        activity_id=o.activity_id,
        starts_on=o.starts_on,
        due_on=o.due_on,
        status=o.status,
        status_label=OCCURRENCE_STATUS_LABELS.get(o.status, o.status),
        done_on=o.done_on,
        version=o.version,
        reports=reports,
        actions=actions,
    )


async def create_report(
    session: AsyncSession, principal: Principal, occurrence_id: uuid.UUID, body: RoadmapReportCreate
) -> OccurrenceRead:
    """A progress report with its evidence: every record and file must exist in the activity's municipality (422
    naming the item otherwise — a record of another municipality answers like a missing one)."""
    o = await repo.occurrence_for_report(
        session, principal.scope(RoadmapPerm.REPORT), occurrence_id, _user_id(principal)
    )
    if o is None:
        raise NotFound(repo.occurrences.not_found)
    records = []
    by_kind: dict[str, list[uuid.UUID]] = defaultdict(list)
    for r in body.records:
        by_kind[r.kind].append(r.id)
    titles: dict[tuple[str, uuid.UUID], str] = {}
    for kind, ids in by_kind.items():
        for i, t in (await repo.evidence_titles(session, o.municipality_id, kind, ids)).items():
            titles[(kind, i)] = t
    for n, r in enumerate(body.records):
        if (r.kind, r.id) not in titles:
            raise _bad(f"body.records.{n}.id", "unknown_record", "Запись не найдена в муниципалитете")
        records.append({"kind": r.kind, "id": str(r.id), "title": titles[(r.kind, r.id)]})
    if body.file_ids:
        found = await repo.evidence_titles(session, o.municipality_id, "file", body.file_ids)
        for n, fid in enumerate(body.file_ids):
            if fid not in found:
                raise _bad(f"body.file_ids.{n}", "unknown_file", "Файл не найден в муниципалитете")
    report = Report(
        municipality_id=o.municipality_id,
        activity_id=o.activity_id,
        occurrence_id=o.id,
        reported_on=body.reported_on or today_moscow(),
        text=body.text,
        links=list(body.links),
        file_ids=list(body.file_ids),
        records=records,
        author_id=_user_id(principal),
        author_name=principal.name,
    )
    session.add(report)
    await session.flush()
    await record(
        session,
        principal,
        "create",
        "roadmap_report",
        report.id,
        o.municipality_id,
        {"reported_on": report.reported_on.isoformat(), "text": report.text, "records": records},
    )
    if body.mark_done and o.status != "done":
        await repo.occurrences.update(session, principal, o, {"status": "done", "done_on": report.reported_on}, None)
    elif o.status in ("planned", "overdue") and not body.mark_done:
        await repo.occurrences.update(session, principal, o, {"status": "in_progress"}, None)
    return await _occurrence_read(session, o, ["update", "report"])


# --- import: matching names ---


# «Руководители ОО» — the heads of every educational organization of the municipality: each school reports its part.
HEADS_OF_ORGANIZATIONS = re.compile(r"^руководител\w*\s+(ОО|ОУ|образовательных\s+(организаций|учреждений))$", re.I)
EDUCATIONAL_TYPES = frozenset(
    {"sosh", "oosh", "gymnasium", "lyceum", "boarding_school", "kindergarten", "additional_education"}
)


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", (s or "").lower().replace("ё", "е")).strip()


@dataclass
class Matcher:
    """The municipality's people and organizations, to match «Ответственные» against."""

    users: list[Any]
    teachers: list[Any]
    orgs: list[Any]

    @classmethod
    async def load(cls, session: AsyncSession, municipality_id: uuid.UUID) -> Matcher:
        users, teachers = await repo.people_of(session, municipality_id)
        return cls(users, teachers, await repo.organizations_of(session, municipality_id))

    @staticmethod
    def _same_surname(a: str, b: str) -> bool:
        a, b = _fold(a), _fold(b)
        if a == b:
            return True
        try:
            from rapidfuzz import fuzz
        except ImportError:  # pragma: no cover - rapidfuzz is in the lock file
            return False
        return len(a) >= 5 and fuzz.ratio(a, b) >= 90  # «Лысенко» / «Лысенко́», a typo of one letter

    def people(self, m: importer.PersonMention) -> list[dict[str, Any]]:
        out = []
        initials = _fold(m.initials)
        for uid, full_name in self.users:
            parts = (full_name or "").split()
            if len(parts) >= 2 and self._same_surname(parts[0], m.last_name):
                ini = _fold("".join(p[0] for p in parts[1:3]))
                if ini == initials:
                    out.append({"kind": "user", "id": str(uid), "name": full_name})
        for tid, last, first, middle in self.teachers:
            if self._same_surname(last, m.last_name) and _fold((first or "")[:1] + (middle or "")[:1]) == initials:
                out.append({"kind": "teacher", "id": str(tid), "name": " ".join(x for x in (last, first, middle) if x)})
        return out

    def organization(self, mention: str) -> Any | None:
        key = importer.org_key(mention)
        for o in self.orgs:
            if key and key in (importer.org_key(o.short_name or ""), importer.org_key(o.name or "")):
                return o
        try:
            from rapidfuzz import fuzz
        except ImportError:  # pragma: no cover
            return None
        best = max(self.orgs, key=lambda o: fuzz.token_set_ratio(_fold(mention), _fold(o.short_name)), default=None)
        if best is not None and fuzz.token_set_ratio(_fold(mention), _fold(best.short_name)) >= 90:
            return best
        return None

    def responsible_columns(self, text: str) -> tuple[dict[str, Any], list[str], list[str], list[str], list[str]]:
        """The structured columns of «Ответственные», and (people matched, not, organizations matched, not)."""
        parts = importer.split_responsible(text)
        items: list[dict[str, Any]] = []
        users: list[str] = []
        teachers: list[str] = []
        orgs: list[str] = []
        pm, pu, om, ou = [], [], [], []
        for m in parts.people:
            found = self.people(m)
            if found:
                pm.append(m.text)
                for f in found:
                    items.append({"text": m.text, "role": m.role, **f})
                    (users if f["kind"] == "user" else teachers).append(f["id"])
            else:
                pu.append(m.text)
                items.append({"text": m.text, "kind": "role", "id": None, "name": m.text, "role": m.role})
        for mention in parts.organizations:
            o = self.organization(mention)
            if o is not None:
                om.append(mention)
                items.append({"text": mention, "kind": "organization", "id": str(o.id), "name": o.short_name})
                orgs.append(str(o.id))
            else:
                ou.append(mention)
        for role in parts.roles:
            name = None
            if HEADS_OF_ORGANIZATIONS.match(role.strip()):
                schools = [o for o in self.orgs if o.type_code in EDUCATIONAL_TYPES]
                orgs.extend(str(o.id) for o in schools)
                name = f"все образовательные организации ({len(schools)})"
            items.append({"text": role, "kind": "role", "id": None, "name": name, "role": role})
        columns = {
            "responsible_text": text,
            "responsibles": items,
            "responsible_user_ids": [uuid.UUID(x) for x in dict.fromkeys(users)],
            "responsible_teacher_ids": [uuid.UUID(x) for x in dict.fromkeys(teachers)],
            "responsible_organization_ids": [uuid.UUID(x) for x in dict.fromkeys(orgs)],
        }
        return columns, pm, pu, om, ou


# --- import ---


def _parse_file(filename: str, content: bytes) -> importer.ParsedTable:
    return importer.parse_table(filename, content)


async def import_roadmap(
    session: AsyncSession,
    principal: Principal,
    programme_id: uuid.UUID,
    filename: str,
    content: bytes,
    dry_run: bool,
    kpi_codes: dict[str, list[str]] | None = None,
) -> RoadmapImportReport:
    """Parse the file; a dry run reports what would be loaded, an apply creates or updates the sections and the
    activities by number (no duplicates; reports and done occurrences are kept; an activity missing from the file
    stays as it is)."""
    import anyio

    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.WRITE), programme_id)
    try:
        table = await anyio.to_thread.run_sync(_parse_file, filename or "roadmap", content)
    except FileTooLarge as e:
        raise PayloadTooLarge(str(e), code="file_too_large") from e
    except FileError as e:
        report = RoadmapImportReport(
            dry_run=dry_run,
            rows=0,
            sections=[],
            timeframes_recognised=0,
            timeframes_unrecognised=0,
            people_matched=[],
            people_unmatched=[],
            organizations_matched=[],
            organizations_unmatched=[],
            errors=[str(e)],
        )
        if not dry_run:
            raise Unprocessable(str(e), code="bad_file") from e
        return report
    errors = []
    if not table.activities:
        errors.append("В таблице нет мероприятий (строк с номером «1.1», «2.5»…)")
    if len(table.activities) > MAX_IMPORT_ROWS:
        errors.append(f"Слишком много мероприятий: больше {MAX_IMPORT_ROWS}")
    matcher = await Matcher.load(session, p.municipality_id)
    existing = {a.number: a for a in await repo.programme_activities(session, p.id)}
    rows: list[RoadmapImportRow] = []
    pm: dict[str, None] = {}
    pu: dict[str, None] = {}
    om: dict[str, None] = {}
    ou: dict[str, None] = {}
    planned: list[tuple[importer.ParsedActivity, dict[str, Any]]] = []
    recognised = 0
    for pa in {a.number: a for a in table.activities}.values():
        s = timeframes.parse(pa.timeframe, p.period_start, p.period_end)
        cols, m1, u1, m2, u2 = matcher.responsible_columns(pa.responsible)
        for d, xs in ((pm, m1), (pu, u1), (om, m2), (ou, u2)):
            d.update(dict.fromkeys(xs))
        ok = s.kind != "unparsed"
        recognised += ok
        values = {"title": pa.title, "timeframe_text": pa.timeframe, **cols}
        old = existing.get(pa.number)
        if old is None or not old.schedule_set_by_hand:
            values |= _schedule_columns(s)
        if old is None:
            action = "create"
        else:
            same = all(getattr(old, k) == v for k, v in values.items() if k != "responsibles")
            action = "unchanged" if same and old.archived_at is None else "update"
        planned.append((pa, values))
        rows.append(
            RoadmapImportRow(
                line=pa.line,
                number=pa.number,
                title=pa.title,
                section_number=pa.section_number,
                timeframe_text=pa.timeframe,
                schedule_kind=s.kind,
                recognised=ok,
                reasons=list(s.reasons),
                responsible_text=pa.responsible,
                matched=[ActivityResponsible.model_validate(r) for r in cols["responsibles"] if r["kind"] != "role"],
                unmatched=u1 + u2,
                action=action,
            )
        )
    report = RoadmapImportReport(
        dry_run=dry_run,
        rows=len(rows),
        sections=[
            RoadmapImportSection(
                number=s.number,
                title=s.title,
                task=s.task,
                activities=sum(1 for a in rows if a.section_number == s.number),
            )
            for s in table.sections
        ],
        timeframes_recognised=recognised,
        timeframes_unrecognised=len(rows) - recognised,
        people_matched=list(pm),
        people_unmatched=list(pu),
        organizations_matched=list(om),
        organizations_unmatched=list(ou),
        created=sum(1 for r in rows if r.action == "create"),
        updated=sum(1 for r in rows if r.action == "update"),
        unchanged=sum(1 for r in rows if r.action == "unchanged"),
        errors=errors,
        warnings=table.warnings,
        items=rows,
    )
    if dry_run:
        return report
    if errors:
        raise Unprocessable("; ".join(errors), code="bad_file")
    await _apply(session, principal, p, table, planned, existing, kpi_codes or {})
    await record(
        session,
        principal,
        "import",
        "roadmap_programme",
        p.id,
        p.municipality_id,
        {"rows": report.rows, "created": report.created, "updated": report.updated, "format": _ext(filename)},
    )
    return report


def _ext(filename: str) -> str:
    return (filename or "").rsplit(".", 1)[-1].lower()[:10]


async def _apply(
    session: AsyncSession,
    principal: Principal,
    p: Programme,
    table: importer.ParsedTable,
    planned: list[tuple[importer.ParsedActivity, dict[str, Any]]],
    existing: dict[str, Activity],
    kpi_codes: dict[str, list[str]],
) -> None:
    sections = {s.number: s for s in await repo.sections_of(session, [p.id])}
    for ps in table.sections:
        s = sections.get(ps.number)
        if s is None:
            s = Section(municipality_id=p.municipality_id, programme_id=p.id, number=ps.number, title=ps.title[:500])
            session.add(s)
            sections[ps.number] = s
        s.title, s.task = ps.title[:500], ps.task
    await session.flush()
    for position, (pa, values) in enumerate(planned):
        section = sections[pa.section_number or int(pa.number.split(".")[0])]
        values = {**values, "section_id": section.id, "position": position}
        if pa.number in kpi_codes:
            values["kpi_codes"] = await _check_kpi(session, p.municipality_id, kpi_codes[pa.number], "kpi_codes")
        old = existing.get(pa.number)
        if old is None:
            a = Activity(municipality_id=p.municipality_id, programme_id=p.id, number=pa.number, **values)
            a.kpi_codes = values.get("kpi_codes", [])
            await repo.activities.create(session, principal, a)
        else:
            a = old
            if a.archived_at is not None:  # back in the roadmap
                a.archived_at, a.archive_reason = None, None
            await repo.activities.update(session, principal, a, values, "*")
        await _regenerate(session, p, a)


# --- exports ---


def _status_text(occs: list[Occurrence]) -> str:
    live = [o for o in occs if o.status != "cancelled"]
    if not live:
        return "сроки не назначены"
    done = sum(1 for o in live if o.status == "done")
    parts = [f"выполнено {done} из {len(live)}"]
    overdue = sum(1 for o in live if o.status == "overdue")
    if overdue:
        parts.append(f"просрочено {overdue}")
    nxt = min((o.due_on for o in live if o.status in ("planned", "in_progress")), default=None)
    if nxt:
        parts.append(f"ближайший срок {nxt:%d.%m.%Y}")
    return "; ".join(parts)


def _report_text(r: Report) -> str:
    evidence = [f"{EVIDENCE_WORDS.get(x['kind'], x['kind'])} «{x.get('title') or ''}»" for x in (r.records or [])]
    evidence += list(r.links or [])
    tail = f" ({'; '.join(evidence)})" if evidence else ""
    return f"{r.reported_on:%d.%m.%Y} — {r.text}{tail}"


EVIDENCE_WORDS = {"event": "мероприятие", "campaign": "мониторинг", "document": "документ", "meeting": "заседание"}


async def _export_data(session: AsyncSession, principal: Principal, programme_id: uuid.UUID) -> Any:
    from app.roadmap import exporter

    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.READ), programme_id)
    today = today_moscow()
    acts = [a for a in await repo.programme_activities(session, p.id) if a.archived_at is None]
    occs: dict[uuid.UUID, list[Occurrence]] = defaultdict(list)
    for o in await repo.programme_occurrences(session, p.id):
        occs[o.activity_id].append(o)
    reps: dict[uuid.UUID, list[Report]] = defaultdict(list)
    for r in await repo.programme_reports(session, p.id):
        reps[r.activity_id].append(r)
    prog = await progress(session, principal, p.id, today)
    percent = {s.section_id: s.done_percent for s in prog.sections}
    sections = []
    overdue = []
    for s in await repo.sections_of(session, [p.id]):
        items = []
        for a in (a for a in acts if a.section_id == s.id):
            item = exporter.ExportActivity(
                number=a.number,
                title=a.title,
                timeframe=a.timeframe_text,
                responsible=a.responsible_text,
                status=_status_text(occs[a.id]),
                reports="\n".join(_report_text(r) for r in reps[a.id]),
            )
            items.append(item)
            if any(o.status == "overdue" for o in occs[a.id]):
                overdue.append(item)
        sections.append(exporter.ExportSection(s.number, s.title, s.task, items, percent.get(s.id)))
    stages = [
        f"{s.title} ({s.starts_on:%d.%m.%Y} – {s.ends_on:%d.%m.%Y})" for s in await repo.stages_of(session, [p.id])
    ]
    data = exporter.ExportProgramme(
        title=p.title,
        period=f"{p.period_start:%d.%m.%Y} – {p.period_end:%d.%m.%Y}",
        status=PROGRAMME_STATUS_LABELS.get(p.status, p.status),
        goal=p.goal,
        basis=p.basis_text,
        stages=stages,
        sections=sections,
        on=today,
        done_percent=prog.total.done_percent,
        overdue=overdue,
    )
    return p, data


async def export_roadmap(session: AsyncSession, principal: Principal, programme_id: uuid.UUID) -> tuple[bytes, str]:
    from app.roadmap import exporter

    p, data = await _export_data(session, principal, programme_id)
    await record(session, principal, "export", "roadmap_programme", p.id, p.municipality_id, {"format": "xlsx"})
    return exporter.roadmap_xlsx(data), f"Дорожная карта {today_moscow():%d.%m.%Y}"


async def progress_report(session: AsyncSession, principal: Principal, programme_id: uuid.UUID) -> tuple[bytes, str]:
    from app.roadmap import exporter

    p, data = await _export_data(session, principal, programme_id)
    await record(session, principal, "export", "roadmap_programme", p.id, p.municipality_id, {"format": "docx"})
    return exporter.progress_docx(data), f"Отчёт о ходе реализации программы {today_moscow():%d.%m.%Y}"


# --- timeline ---


async def timeline(
    session: AsyncSession, principal: Principal, programme_id: uuid.UUID, academic_year: int | None
) -> ProgrammeTimeline:
    """The roadmap as a Gantt-like chart: a row per activity with its occurrence windows that overlap the interval —
    the programme's period, or an academic year (1 September – 31 August) inside it."""
    from app.roadmap.schemas import TimelineRow, TimelineWindow

    p = await repo.programmes.get(session, principal.scope(RoadmapPerm.READ), programme_id)
    start, end = p.period_start, p.period_end
    if academic_year is not None:
        start, end = date(academic_year, 9, 1), date(academic_year + 1, 8, 31)
    months = []
    m = start.replace(day=1)
    while m <= end:
        months.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    acts = [a for a in await repo.programme_activities(session, p.id) if a.archived_at is None]
    sections = {s.id: s.number for s in await repo.sections_of(session, [p.id])}
    windows: dict[uuid.UUID, list[TimelineWindow]] = defaultdict(list)
    for o in await repo.programme_occurrences(session, p.id):
        if o.starts_on <= end and o.due_on >= start:
            windows[o.activity_id].append(
                TimelineWindow(occurrence_id=o.id, starts_on=o.starts_on, due_on=o.due_on, status=o.status)
            )
    rows = [
        TimelineRow(
            activity_id=a.id,
            number=a.number,
            title=a.title,
            section_number=sections.get(a.section_id, 0),
            schedule_kind=a.schedule_kind,
            needs_review=a.needs_review,
            windows=windows[a.id],
        )
        for a in acts
    ]
    return ProgrammeTimeline(programme_id=p.id, starts_on=start, ends_on=end, months=months, rows=rows)
