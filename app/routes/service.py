"""Individual routes (ИОМ): drafting from a deficit profile (a goal per deficit area — and, when asked, per partial
area — with actions proposed from what the system holds tagged with that area), editing the plan, approval by a
methodologist or the school administrator (never of their own route), the teacher's marks of done actions with
evidence, the status that follows (in progress at the first done action, completed when all are done or an
approver says so), progress and overdue flags (Moscow date), reads audited (personal data) and the department's
summary without names."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import record
from app.core.db import new_id, utcnow
from app.core.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from app.core.pagination import Page, PageParams
from app.core.periods import Period
from app.diagnostics.results import register_completed_actions_counter
from app.files import service as files
from app.notifications import service as notifications
from app.organizations import service as organizations
from app.reference import service as reference
from app.routes import repository as repo
from app.routes.models import ACTION_KINDS, ACTION_STATUSES, ROUTE_STATUSES, IndividualRoute, RouteAction, RouteGoal
from app.routes.permissions import RoutesPerm as P
from app.routes.schemas import (
    ActionDone,
    ActionRead,
    DraftRequest,
    EvidenceFileRead,
    EvidenceOption,
    GoalRead,
    RouteFilters,
    RoutePlanUpdate,
    RouteRead,
    RoutesSummary,
    RouteSummary,
    SummaryRow,
)
from app.teachers import service as teachers
from app.users import service as users

TIME_ZONE = ZoneInfo("Europe/Moscow")
# a re-diagnosis comparison shows the route actions each teacher completed between the two submissions
register_completed_actions_counter(repo.completed_actions_between)
EVENTS_PER_AREA = 2
COURSES_PER_AREA = 2
PRACTICES_PER_AREA = 2


def today() -> date:
    """Today in Moscow: deadlines are dates there (an action due today is not overdue until tomorrow)."""
    return datetime.now(TIME_ZONE).date()


def default_deadline(on: date) -> date:
    """The end of the school year the date falls in (31 May), or the end of the academic year after May."""
    end = Period.current("academic_year", on).end
    may = date(end.year, 5, 31)
    return may if may >= on else end


def _in(scope: Scope, r: IndividualRoute) -> bool:
    return (
        scope.all
        or r.municipality_id in scope.municipality_ids
        or (r.organization_id is not None and r.organization_id in scope.organization_ids)
        or r.teacher_id in scope.teacher_ids
    )


def _can(principal: Principal, perm: str, r: IndividualRoute) -> bool:
    return principal.has(perm) and _in(principal.scope(perm), r)


def _own(principal: Principal, r: IndividualRoute) -> bool:
    return principal.teacher_id is not None and principal.teacher_id == r.teacher_id


def _route_actions(principal: Principal, r: IndividualRoute) -> list[str]:
    if r.archived_at is not None:
        return []
    out = []
    if _can(principal, P.WRITE, r) and r.status != "completed":
        out.append("update")
    if _can(principal, P.APPROVE, r) and not _own(principal, r):
        if r.status == "draft":
            out.append("approve")
        if r.status in ("approved", "in_progress"):
            out.append("complete")
    if _can(principal, P.WRITE, r):
        out.append("archive")
    if _can(principal, P.COMPLETE, r) and r.status != "draft":
        out.append("mark_done")
    if _can(principal, P.WRITE, r) and r.status != "draft":
        out.append("undo")
    return out


def _all_actions(r: IndividualRoute) -> list[RouteAction]:
    return [a for g in r.goals for a in g.actions]


def _progress(done: int, total: int) -> int:
    return (done * 100) // total if total else 0


@dataclass
class _Counts:
    total: int = 0
    done: int = 0
    overdue: int = 0
    next_deadline: date | None = None


def _summary_fields(r: IndividualRoute, c: _Counts) -> dict[str, Any]:
    return {
        "id": r.id,
        "municipality_id": r.municipality_id,
        "teacher_id": r.teacher_id,
        "organization_id": r.organization_id,
        "assignment_id": r.assignment_id,
        "campaign_id": r.campaign_id,
        "title": r.title,
        "status": r.status,
        "status_label": ROUTE_STATUSES.get(r.status, r.status),
        "actions_total": c.total,
        "actions_done": c.done,
        "progress": _progress(c.done, c.total),
        "overdue_count": c.overdue,
        "next_deadline": c.next_deadline,
        "approved_at": r.approved_at,
        "version": r.version,
        "updated_at": r.updated_at,
        "archived_at": r.archived_at,
    }


# --- reads ---


async def list_routes(
    session: AsyncSession, principal: Principal, f: RouteFilters, page: PageParams
) -> Page[RouteSummary]:
    day = today()
    rows, total = await repo.page(session, principal.scope(P.READ), f, page, day)
    routes_: list[IndividualRoute] = [row[0] for row in rows]
    names = await teachers.teacher_names(session, {r.teacher_id for r in routes_})
    orgs = await organizations.names(session, {r.organization_id for r in routes_ if r.organization_id})
    items = []
    for row in rows:
        r: IndividualRoute = row[0]
        c = _Counts(row.total or 0, row.done or 0, row.overdue or 0, row.next_deadline)
        items.append(
            RouteSummary(
                **_summary_fields(r, c),
                teacher_name=names.get(r.teacher_id),
                organization_name=orgs.get(r.organization_id) if r.organization_id else None,
                campaign_title=row.campaign_title,
            )
        )
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def _read(session: AsyncSession, principal: Principal, r: IndividualRoute) -> RouteRead:
    day = today()
    acts = _all_actions(r)
    planned = [a for a in acts if a.status == "planned"]
    c = _Counts(
        total=len(acts),
        done=sum(1 for a in acts if a.status == "done"),
        overdue=sum(1 for a in planned if a.deadline is not None and a.deadline < day),
        next_deadline=min((a.deadline for a in planned if a.deadline), default=None),
    )
    names = await teachers.teacher_names(session, {r.teacher_id})
    orgs = await organizations.names(session, {r.organization_id}) if r.organization_id else {}
    areas = await reference.competence_area_names(session)
    evidence = await repo.evidence_titles(session, [a for a in acts if a.status == "done"])
    goals = [
        GoalRead(
            id=g.id,
            area_code=g.area_code,
            area_name=areas.get(g.area_code) if g.area_code else None,
            band=g.band,
            text=g.text,
            actions=[
                ActionRead(
                    id=a.id,
                    goal_id=g.id,
                    kind=a.kind,
                    kind_label=ACTION_KINDS.get(a.kind, a.kind),
                    ref_id=a.ref_id,
                    title=a.title,
                    deadline=a.deadline,
                    status=a.status,
                    status_label=ACTION_STATUSES.get(a.status, a.status),
                    overdue=a.status == "planned" and a.deadline is not None and a.deadline < day,
                    done_at=a.done_at,
                    done_by_name=a.done_by_name,
                    evidence_url=a.evidence_url,
                    evidence_file_id=a.evidence_file_id,
                    evidence_file_name=evidence.get(a.evidence_file_id) if a.evidence_file_id else None,
                    evidence_participation_id=a.evidence_participation_id,
                    evidence_course_id=a.evidence_course_id,
                    evidence_title=evidence.get(a.evidence_participation_id or a.evidence_course_id)  # type: ignore[arg-type]
                    if (a.evidence_participation_id or a.evidence_course_id)
                    else None,
                    evidence_note=a.evidence_note,
                )
                for a in g.actions
            ],
        )
        for g in r.goals
    ]
    return RouteRead(
        **_summary_fields(r, c),
        teacher_name=names.get(r.teacher_id),
        organization_name=orgs.get(r.organization_id) if r.organization_id else None,
        campaign_title=await repo.campaign_title(session, r.campaign_id),
        note=r.note,
        approved_by_name=r.approved_by_name,
        completed_at=r.completed_at,
        created_at=r.created_at,
        archive_reason=r.archive_reason,
        goals=goals,
        actions=_route_actions(principal, r),
    )


async def read_route(session: AsyncSession, principal: Principal, route_id: uuid.UUID) -> RouteRead:
    """The route with its goals and actions; the read is audited (a teacher's personal plan)."""
    r = await repo.routes.get(session, principal.scope(P.READ), route_id)
    await record(session, principal, "read", "individual_route", r.id, r.municipality_id)
    return await _read(session, principal, r)


async def summary(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID | None) -> RoutesSummary:
    """Counts only: per status and per organization (no person is named)."""
    rows = await repo.summary(session, principal.scope(P.SUMMARY), campaign_id, today())
    orgs = await organizations.names(session, {r.organization_id for r in rows if r.organization_id})
    out = [
        SummaryRow(
            organization_id=r.organization_id,
            organization_name=orgs.get(r.organization_id) if r.organization_id else None,
            total=r.total,
            draft=r.draft,
            approved=r.approved,
            in_progress=r.in_progress,
            completed=r.completed,
            with_overdue=r.with_overdue,
        )
        for r in rows
    ]
    out.sort(key=lambda x: (x.organization_name or "", str(x.organization_id)))
    return RoutesSummary(
        total=sum(r.total for r in out),
        by_status={s: sum(getattr(r, s) for r in out) for s in ROUTE_STATUSES},
        with_overdue=sum(r.with_overdue for r in out),
        organizations=out,
    )


# --- drafting ---


def _exists_conflict(existing: IndividualRoute) -> Conflict:
    return Conflict(
        "По этой диагностике маршрут уже составлен: откройте его, чтобы изменить",
        code="route_exists",
        extra={"existing_id": str(existing.id), "existing_url": f"/individual-routes/{existing.id}"},
    )


async def _proposals(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    teacher_id: uuid.UUID,
    area: str,
    area_name: str,
    day: date,
    mentor: Any,
    mentor_name: str | None,
) -> list[RouteAction]:
    fallback = default_deadline(day)
    out: list[RouteAction] = []
    for e in await repo.upcoming_events(session, municipality_id, area, day, EVENTS_PER_AREA):
        out.append(
            RouteAction(kind="event", ref_id=e.id, title=f"Участие: {e.title}", deadline=e.end_date or e.start_date)
        )
    own = await repo.teacher_courses(session, teacher_id, area, day, COURSES_PER_AREA)
    for c in own:  # the teacher's enrolment not yet ended: its end is the deadline
        out.append(RouteAction(kind="course", ref_id=c.id, title=f"Курсы: {c.title}", deadline=c.end_date))
    for row in await repo.programmes_taken(session, municipality_id, teacher_id, area, COURSES_PER_AREA - len(own)):
        provider = f" ({row.provider_name})" if row.provider_name else ""
        out.append(RouteAction(kind="course", ref_id=row.id, title=f"Курсы: {row.title}{provider}", deadline=fallback))
    for p in await repo.published_practices(session, municipality_id, area, PRACTICES_PER_AREA):
        out.append(RouteAction(kind="practice", ref_id=p.id, title=f"Изучить практику: {p.title}", deadline=fallback))
    if mentor is not None:
        who = f" ({mentor_name})" if mentor_name else ""
        out.append(
            RouteAction(
                kind="mentor",
                ref_id=mentor.id,
                title=f"Консультации наставника{who}: {area_name.lower()}",
                deadline=fallback,
            )
        )
    out.append(
        RouteAction(
            kind="self_study",
            title=f"Самообразование: {area_name.lower()} — изучить материалы и применить на уроке",
            deadline=fallback,
        )
    )
    return out


async def create_draft(session: AsyncSession, principal: Principal, body: DraftRequest) -> RouteRead:
    found = await repo.assignment(session, principal.scope(P.WRITE), body.assignment_id)
    if found is None:
        raise NotFound("Диагностика не найдена")
    a, campaign = found
    if a.status != "submitted":
        raise Unprocessable(
            errors=[
                FieldError(
                    field="body.assignment_id",
                    code="not_submitted",
                    message="Педагог ещё не отправил эту диагностику: маршрут строится по её результатам",
                )
            ]
        )
    if campaign.archived_at is not None:
        raise Conflict("Мониторинг в архиве", code="archived")
    if principal.teacher_id is not None and principal.teacher_id == a.teacher_id:
        raise Forbidden("Свой маршрут составляет методист или администратор школы", code="own_route")
    await repo.lock_assignment(session, a.id)
    existing = await repo.route_of_assignment(session, a.id)
    if existing is not None:
        raise _exists_conflict(existing)
    profile = await repo.profile(session, a.id)
    bands = ("deficit", "partial") if body.include_partial else ("deficit",)
    areas = await reference.competence_area_names(session)
    day = today()
    pair = await repo.active_mentor_pair(session, a.municipality_id, a.teacher_id)
    mentor_name = (await teachers.teacher_names(session, {pair.mentor_id})).get(pair.mentor_id) if pair else None
    route = IndividualRoute(
        id=new_id(),
        municipality_id=a.municipality_id,
        teacher_id=a.teacher_id,
        organization_id=a.organization_id,
        assignment_id=a.id,
        campaign_id=a.campaign_id,
        title=f"Индивидуальный образовательный маршрут по итогам мониторинга «{campaign.title}»"[:500],
        status="draft",
    )
    goals: list[RouteGoal] = []
    for i, area in enumerate(p for p in profile if p.band in bands):
        name = areas.get(area.area_code, area.area_code)
        text = (
            f"Преодолеть дефицит: {name.lower()}"
            if area.band == "deficit"
            else f"Восполнить частичный дефицит: {name.lower()}"
        )
        proposed = await _proposals(
            session, a.municipality_id, a.teacher_id, area.area_code, name, day, pair, mentor_name
        )
        for j, act in enumerate(proposed):
            act.municipality_id = a.municipality_id
            act.route_id = route.id
            act.sort_order = j
            act.status = "planned"
        goals.append(
            RouteGoal(
                municipality_id=a.municipality_id,
                area_code=area.area_code,
                band=area.band,
                text=text,
                sort_order=i,
                actions=proposed,
            )
        )
    route.goals = goals
    session.add(route)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        existing = await repo.route_of_assignment(session, a.id)
        if existing is None:
            raise
        raise _exists_conflict(existing) from None
    await record(
        session,
        principal,
        "create",
        "individual_route",
        route.id,
        route.municipality_id,
        {
            "teacher_id": str(route.teacher_id),
            "assignment_id": str(route.assignment_id),
            "title": route.title,
            "status": route.status,
            "goals": len(route.goals),
            "actions": sum(len(g.actions) for g in route.goals),
        },
    )
    return await _read(session, principal, route)


# --- editing ---


async def _writable(session: AsyncSession, principal: Principal, route_id: uuid.UUID, perm: str) -> IndividualRoute:
    r = await repo.routes.get(session, principal.scope(perm), route_id)
    if r.archived_at is not None:
        raise Conflict("Маршрут в архиве: изменить его нельзя", code="archived")
    return r


def _touch(r: IndividualRoute) -> None:
    """A change of the plan or of an action is a change of the route: its version moves (If-Match of the route)."""
    r.updated_at = utcnow()


def _recompute(r: IndividualRoute) -> None:
    """After an action is marked or unmarked: in progress from the first done action, completed when all are
    done; back to approved when none is (a route completed by an approver stays completed while all remain done)."""
    if r.status == "draft":
        return
    acts = _all_actions(r)
    done = sum(1 for a in acts if a.status == "done")
    if acts and done == len(acts):
        if r.status != "completed":
            r.status, r.completed_at = "completed", utcnow()
    elif done > 0:
        r.status, r.completed_at = "in_progress", None
    else:
        r.status, r.completed_at = "approved", None


def _bad(field: str, code: str, message: str) -> Unprocessable:
    return Unprocessable(errors=[FieldError(field=field, code=code, message=message)])


async def _check_ref(
    session: AsyncSession, r: IndividualRoute, kind: str, ref_id: uuid.UUID | None, field: str
) -> uuid.UUID | None:
    if kind == "self_study" or ref_id is None:
        return None
    if not await repo.ref_exists(session, kind, ref_id, r.municipality_id, r.teacher_id):
        raise _bad(field, "unknown_reference", f"Запись не найдена ({ACTION_KINDS[kind]})")
    return ref_id


async def update_plan(
    session: AsyncSession, principal: Principal, route_id: uuid.UUID, body: RoutePlanUpdate, if_match: str | None
) -> RouteRead:
    """Replace the plan: goals and actions sent with an id change, without an id are added, not sent are removed;
    a done action keeps its mark and evidence. A completed route is not edited."""
    r = await _writable(session, principal, route_id, P.WRITE)
    repo.routes.check_version(r, if_match)
    if r.status == "completed":
        raise Conflict("Маршрут завершён: изменить его нельзя", code="route_completed")
    codes = sorted({g.area_code for g in body.goals if g.area_code})
    if codes:
        await reference.ensure_competence_areas(session, codes, "body.goals")
    goals_by_id = {g.id: g for g in r.goals}
    actions_by_id = {a.id: a for a in _all_actions(r)}
    before = {"goals": len(r.goals), "actions": len(actions_by_id), "title": r.title, "note": r.note}
    new_goals: list[RouteGoal] = []
    seen_actions: set[uuid.UUID] = set()
    for gi, g in enumerate(body.goals):
        if g.id is not None and g.id not in goals_by_id:
            raise _bad(f"body.goals.{gi}.id", "unknown_goal", "Такой цели в маршруте нет")
        goal = goals_by_id.get(g.id) if g.id else None
        if goal is None:
            goal = RouteGoal(id=new_id(), municipality_id=r.municipality_id, route_id=r.id, band=None, actions=[])
        goal.area_code, goal.text, goal.sort_order = g.area_code, g.text, gi
        new_actions: list[RouteAction] = []
        for ai, a in enumerate(g.actions):
            field = f"body.goals.{gi}.actions.{ai}"
            if a.id is not None and (a.id not in actions_by_id or a.id in seen_actions):
                raise _bad(f"{field}.id", "unknown_action", "Такого действия в маршруте нет")
            ref = await _check_ref(session, r, a.kind, a.ref_id, f"{field}.ref_id")
            act = actions_by_id.get(a.id) if a.id else None
            if act is None:
                act = RouteAction(id=new_id(), municipality_id=r.municipality_id, route_id=r.id, status="planned")
            else:
                seen_actions.add(act.id)
            act.kind, act.ref_id, act.title, act.deadline, act.sort_order = a.kind, ref, a.title, a.deadline, ai
            new_actions.append(act)
        goal.actions = new_actions
        new_goals.append(goal)
    r.goals = new_goals
    r.title, r.note = body.title, body.note
    _recompute(r)
    _touch(r)
    await session.flush()
    after = {
        "goals": len(new_goals),
        "actions": sum(len(g.actions) for g in new_goals),
        "title": r.title,
        "note": r.note,
    }
    changes = {k: {"before": before[k], "after": after[k]} for k in before if before[k] != after[k]}
    await record(session, principal, "update", "individual_route", r.id, r.municipality_id, changes or {"goals": "—"})
    return await _read(session, principal, r)


async def approve(session: AsyncSession, principal: Principal, route_id: uuid.UUID, if_match: str | None) -> RouteRead:
    r = await _writable(session, principal, route_id, P.APPROVE)
    repo.routes.check_version(r, if_match)
    if _own(principal, r):
        raise Forbidden("Свой маршрут утверждает методист или администратор школы", code="own_route")
    if r.status != "draft":
        raise Conflict("Маршрут уже утверждён", code="not_draft")
    if not _all_actions(r):
        raise Unprocessable(
            "В маршруте нет ни одного действия: добавьте действия перед утверждением", code="empty_route"
        )
    r.status = "approved"
    r.approved_at = utcnow()
    r.approved_by_id = principal.id if principal.kind == "user" else None
    r.approved_by_name = principal.name
    _touch(r)
    await session.flush()
    await record(
        session,
        principal,
        "approve",
        "individual_route",
        r.id,
        r.municipality_id,
        {"status": {"before": "draft", "after": "approved"}},
    )
    await notifications.notify(
        session,
        await users.active_user_ids_of_teacher(session, r.teacher_id),
        municipality_id=r.municipality_id,
        kind="route_approved",
        title="Ваш индивидуальный образовательный маршрут утверждён",
        body=r.title,
        link=f"/individual-routes/{r.id}",
        exclude=principal.id if principal.kind == "user" else None,
    )
    return await _read(session, principal, r)


async def complete(session: AsyncSession, principal: Principal, route_id: uuid.UUID, if_match: str | None) -> RouteRead:
    r = await _writable(session, principal, route_id, P.APPROVE)
    repo.routes.check_version(r, if_match)
    if _own(principal, r):
        raise Forbidden("Свой маршрут завершает методист или администратор школы", code="own_route")
    if r.status not in ("approved", "in_progress"):
        raise Conflict("Завершить можно утверждённый или выполняемый маршрут", code="not_in_progress")
    before = r.status
    r.status, r.completed_at = "completed", utcnow()
    _touch(r)
    await session.flush()
    await record(
        session,
        principal,
        "complete",
        "individual_route",
        r.id,
        r.municipality_id,
        {"status": {"before": before, "after": "completed"}},
    )
    return await _read(session, principal, r)


async def archive(
    session: AsyncSession, principal: Principal, route_id: uuid.UUID, reason: str, if_match: str | None
) -> RouteRead:
    r = await repo.routes.get(session, principal.scope(P.WRITE), route_id)
    await repo.routes.archive(session, principal, r, reason, if_match)
    return await _read(session, principal, r)


def _action(r: IndividualRoute, action_id: uuid.UUID) -> RouteAction:
    for a in _all_actions(r):
        if a.id == action_id:
            return a
    raise NotFound("Действие маршрута не найдено")


async def mark_done(
    session: AsyncSession,
    principal: Principal,
    route_id: uuid.UUID,
    action_id: uuid.UUID,
    body: ActionDone,
    if_match: str | None,
) -> RouteRead:
    """The teacher (or an editor) marks an action done with evidence: a link, a file uploaded for this route, the
    teacher's own participation or course (another teacher's record is a 422), a note."""
    r = await _writable(session, principal, route_id, P.COMPLETE)
    repo.routes.check_version(r, if_match)
    a = _action(r, action_id)
    if r.status == "draft":
        raise Conflict("Маршрут ещё не утверждён", code="route_not_approved")
    if a.status == "done":
        raise Conflict("Действие уже отмечено выполненным", code="already_done")
    evidence: dict[str, Any] = {}
    if body.participation_id is not None:
        if await repo.own_participation(session, r.teacher_id, body.participation_id) is None:
            raise _bad("body.participation_id", "not_own_participation", "Это не участие педагога в мероприятии")
        evidence["participation_id"] = str(body.participation_id)
    if body.course_id is not None:
        if await repo.own_course(session, r.teacher_id, body.course_id) is None:
            raise _bad("body.course_id", "not_own_course", "Это не курс педагога")
        evidence["course_id"] = str(body.course_id)
    if body.evidence_file_id is not None:
        f = await repo.route_file(session, r.id, body.evidence_file_id)
        if f is None:
            raise _bad("body.evidence_file_id", "unknown_file", "Файл не загружен к этому маршруту")
        evidence["file"] = f.name
    if body.evidence_url:
        evidence["url"] = body.evidence_url
    a.status, a.done_at, a.done_by_name = "done", utcnow(), principal.name
    a.evidence_url = body.evidence_url
    a.evidence_file_id = body.evidence_file_id
    a.evidence_participation_id = body.participation_id
    a.evidence_course_id = body.course_id
    a.evidence_note = body.evidence_note
    before = r.status
    _recompute(r)
    _touch(r)
    await session.flush()
    changes: dict[str, Any] = {"action": a.title, "evidence": evidence or {"note": body.evidence_note}}
    if before != r.status:
        changes["status"] = {"before": before, "after": r.status}
    await record(session, principal, "action_done", "individual_route", r.id, r.municipality_id, changes)
    return await _read(session, principal, r)


async def undo(
    session: AsyncSession, principal: Principal, route_id: uuid.UUID, action_id: uuid.UUID, if_match: str | None
) -> RouteRead:
    r = await _writable(session, principal, route_id, P.WRITE)
    repo.routes.check_version(r, if_match)
    a = _action(r, action_id)
    if a.status != "done":
        raise Conflict("Действие не отмечено выполненным", code="not_done")
    a.status, a.done_at, a.done_by_name = "planned", None, None
    a.evidence_url = a.evidence_file_id = a.evidence_participation_id = a.evidence_course_id = None
    a.evidence_note = None
    before = r.status
    _recompute(r)
    _touch(r)
    await session.flush()
    changes: dict[str, Any] = {"action": a.title}
    if before != r.status:
        changes["status"] = {"before": before, "after": r.status}
    await record(session, principal, "action_undone", "individual_route", r.id, r.municipality_id, changes)
    return await _read(session, principal, r)


# --- evidence files and options ---


async def upload_evidence(
    session: AsyncSession, principal: Principal, route_id: uuid.UUID, upload: Any
) -> EvidenceFileRead:
    """A file for the evidence of an action of this route (checked by the files module: size, type by content),
    kept by the route's municipality and school; then named in `…/done`."""
    r = await _writable(session, principal, route_id, P.COMPLETE)
    f = await files.store_upload(
        session,
        principal,
        upload,
        municipality_id=r.municipality_id,
        organization_id=r.organization_id,
        owner_type="individual_route",
        owner_id=r.id,
    )
    return EvidenceFileRead(id=f.id, name=f.name, size=f.size)


async def evidence_file(
    session: AsyncSession, principal: Principal, route_id: uuid.UUID, action_id: uuid.UUID
) -> tuple[Any, Any]:
    r = await repo.routes.get(session, principal.scope(P.READ), route_id)
    a = _action(r, action_id)
    if a.evidence_file_id is None:
        raise NotFound("У действия нет файла подтверждения")
    return await files.download_attached(session, principal, a.evidence_file_id, r.municipality_id)


async def evidence_options(
    session: AsyncSession, principal: Principal, route_id: uuid.UUID, page: PageParams
) -> Page[EvidenceOption]:
    """The route's teacher's participations (newest first) and courses, to pick as the evidence of an action."""
    r = await repo.routes.get(session, principal.scope(P.COMPLETE), route_id)
    rows = [EvidenceOption.model_validate(o) for o in await repo.evidence_options(session, r.teacher_id)]
    return Page(
        items=rows[page.offset : page.offset + page.limit], total=len(rows), limit=page.limit, offset=page.offset
    )
