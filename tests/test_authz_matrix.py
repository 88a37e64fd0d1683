"""Authorization matrix, generated from the route table: every API operation × every principal × a target in the
principal's own school, another school of its municipality, and another municipality, with the exact status.

Nothing here names an operation. For each route the test reads
- the permission it requires (`require(Perm.X)` on the route, seen in its dependency tree),
- its target: the record named by its path id (`teacher_id`, `organization_id`, …) or, for a create, the record its
  request example points at (the placeholder ids of `app.core.schemas` are replaced by the target's ids),
- its request example from the OpenAPI document (every body has one), and its success status.
The expected status follows from the declared grants (`ROLE_PERMISSIONS` / `CLIENT_SCOPES`) and the reach rules
written out below: 401 without a token, 403 without the permission, 404 for a path record outside the principal's
reach, for a body reference outside it exactly what a random id gets (so a foreign id never tells it exists), and
the operation's success status inside it. A new module gets its rows by declaring its permissions.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from app.auth.permissions import CLIENT_SCOPES, ROLE_PERMISSIONS, Perm, Reach
from app.auth.principal import get_principal
from app.core import schemas as example_ids
from app.core.access import get_principal_cached
from app.main import create_app
from tests.factories import CLIENTS, PRINCIPALS, Tenant, make_teacher, make_tenant

API = "/api/v1"
CSV = "Табельный номер;Фамилия;Имя;Отчество;Должность\n777;Тестова;Анна;Ивановна;учитель\n".encode()
# Operations that are not about roles at all, tested on their own (tests/test_auth.py; the public iCalendar feed,
# read by calendar apps with a revocable key in its URL: tests/test_event_feeds.py).
EXEMPT = {"issue_token", "calendar_feed_ics"}
TARGETS = ("own", "other_school", "other_municipality")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str
    perm: Perm | None
    authenticated: bool
    ok: int
    spec: dict[str, Any]


def _walk(dependant: Any) -> list[Any]:
    out = [dependant]
    for sub in dependant.dependencies:
        out.extend(_walk(sub))
    return out


def _routes() -> list[Route]:
    app = create_app()
    spec = app.openapi()
    out = []
    for r in iter_route_contexts(app.routes):  # the effective routes, prefixes and dependencies included
        if not isinstance(r.original_route, APIRoute) or not r.include_in_schema or not r.path.startswith(API):
            continue
        calls = [d.call for d in _walk(r.dependant)]
        perms = [c.required_permission for c in calls if hasattr(c, "required_permission")]
        assert len(perms) <= 1, f"{r.name}: more than one required permission"
        for method in r.methods:
            op = spec["paths"][r.path][method.lower()]
            out.append(
                Route(
                    name=op["operationId"],
                    method=method,
                    path=r.path,
                    perm=perms[0] if perms else None,
                    authenticated=get_principal in calls or get_principal_cached in calls,
                    ok=r.status_code or 200,
                    spec=op,
                )
            )
    return sorted(out, key=lambda x: x.name)


ROUTES = {r.name: r for r in _routes() if r.name not in EXEMPT}
SPEC = create_app().openapi()


# ---- who may reach what: the product's rules, written out from the declared grants -----------------------------


@dataclass(frozen=True)
class Location:
    municipality: uuid.UUID
    organizations: frozenset[uuid.UUID] = frozenset()
    teacher: uuid.UUID | None = None
    # Records with a personal reach (a background job): exactly these principals reach it, whatever their grants.
    readers: frozenset[str] | None = None


def holds(who: str, perm: Perm) -> bool:
    if who == "anonymous":
        return False
    if who in CLIENTS:
        scopes = {"client_teachers_read": "teachers:read", "client_teachers_write": "teachers:write"}
        return perm in CLIENT_SCOPES[scopes.get(who, "kpi:read")]
    return perm in ROLE_PERMISSIONS[who]


def reaches(who: str, perm: Perm, own: Tenant, loc: Location) -> bool:
    """Machine clients and municipal roles reach their municipality; a school admin its school (teachers working
    there); a teacher their own record; a grant with municipal reach the whole municipality."""
    if loc.readers is not None:
        return who in loc.readers
    if who == "sysadmin":
        return True
    if who in CLIENTS or who in ("department", "methodologist"):
        return loc.municipality == own.municipality.id
    if ROLE_PERMISSIONS[who][perm] is Reach.MUNICIPALITY:
        return loc.municipality == own.municipality.id
    if who == "school_admin":
        return own.org.id in loc.organizations
    if who == "teacher":
        return loc.teacher == own.teacher.id
    return False


# ---- targets -------------------------------------------------------------------------------------------------


def _pick(own: Tenant, other: Tenant, target: str) -> tuple[Tenant, str]:
    """The tenant holding the target and which of its schools (`org`/`org2`, with `teacher`/`teacher2`)."""
    if target == "other_municipality":
        return other, "org"
    return own, "org2" if target == "other_school" else "org"


def _ids(t: Tenant, school: str) -> dict[str, str]:
    org = t.org if school == "org" else t.org2
    teacher = t.teacher if school == "org" else t.teacher2
    return {
        "region_id": str(t.region.id),
        "municipality_id": str(t.municipality.id),
        "organization_id": str(org.id),
        "teacher_id": str(teacher.id),
        "other_teacher_id": str(teacher.id),  # replaced by a second teacher of the school where an example names one
        "user_id": str(t.users["teacher"].id),
        "client_id": str(t.clients["client_kpi"].id),
    }


def _location(t: Tenant, school: str, kind: str) -> Location:
    org = t.org if school == "org" else t.org2
    teacher = t.teacher if school == "org" else t.teacher2
    if kind in ("organization_id", "teacher_id"):
        return Location(t.municipality.id, frozenset({org.id}), teacher.id if kind == "teacher_id" else None)
    return Location(t.municipality.id)  # municipal records: region, municipality, user, client


# ---- records beyond the base tenant, made per case for the path ids that name them ------------------------------


async def _make_job(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A job of the target school: in the caller's own school started by the caller (the starter reaches it),
    elsewhere by someone else. Readers: the starter, the municipality's department, the system administrator."""
    from app.jobs.models import Job

    org = holder.org if school == "org" else holder.org2
    starter = who if holder is own and school == "org" and who != "anonymous" else "association_leader"
    if starter in holder.clients:
        kind, actor = "client", holder.clients[starter]
    else:
        kind, actor = "user", holder.users[starter]
    job = Job(
        kind="teachers_export",
        state="queued",
        done=0,
        params={},
        municipality_id=holder.municipality.id,
        organization_id=org.id,
        created_by_type=kind,
        created_by_id=actor.id,
        created_by_name="Тест",
    )
    session.add(job)
    await session.flush()
    readers = {starter, "sysadmin"} | ({"department"} if holder is own else set())
    return str(job.id), Location(holder.municipality.id, frozenset({org.id}), readers=frozenset(readers))


async def _make_file(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A file of the target school (made by the system, so only the tenant rules decide who reaches it)."""
    from app.files.service import store_file

    org = holder.org if school == "org" else holder.org2
    f = await store_file(
        session,
        None,
        municipality_id=holder.municipality.id,
        organization_id=org.id,
        name="Приказ.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        content_type="application/pdf",
    )
    return str(f.id), Location(holder.municipality.id, frozenset({org.id}))


async def _make_mentoring_pair(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """A mentoring pair of the target school: its teacher is the mentee, a colleague of the same school the mentor."""
    from datetime import date

    from app.mentoring.models import MentoringPair

    org = holder.org if school == "org" else holder.org2
    mentee = holder.teacher if school == "org" else holder.teacher2
    mentor = await make_teacher(session, holder.municipality, org, last_name="Наставникова")
    pair = MentoringPair(
        municipality_id=holder.municipality.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        form="teacher_teacher",
        start_date=date(2025, 9, 1),
        status="active",
    )
    session.add(pair)
    await session.flush()
    return str(pair.id), Location(holder.municipality.id, frozenset({org.id}), mentee.id)


async def _make_attestation(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """An undecided application of the target school's teacher."""
    from datetime import date

    from app.attestation.models import Attestation

    org = holder.org if school == "org" else holder.org2
    teacher = holder.teacher if school == "org" else holder.teacher2
    a = Attestation(
        municipality_id=holder.municipality.id,
        teacher_id=teacher.id,
        category_sought="highest",
        applied_on=date(2026, 10, 1),
    )
    session.add(a)
    await session.flush()
    return str(a.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_course(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A course of the target school's teacher."""
    from datetime import date

    from app.courses.models import Course

    org = holder.org if school == "org" else holder.org2
    teacher = holder.teacher if school == "org" else holder.teacher2
    c = Course(
        municipality_id=holder.municipality.id,
        teacher_id=teacher.id,
        title="Функциональная грамотность школьников",
        provider_name="Институт развития образования",
        provider_state_owned=True,
        hours=36,
        start_date=date(2025, 10, 6),
        end_date=date(2025, 10, 17),
    )
    session.add(c)
    await session.flush()
    return str(c.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


def _school(holder: Tenant, school: str) -> tuple[Any, Any]:
    return (holder.org, holder.teacher) if school == "org" else (holder.org2, holder.teacher2)


async def _make_event(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """An event the target school recorded, a week ago, where the school's teacher spoke: the school reaches it
    with its write scope, its teacher through their participation."""
    from datetime import date, timedelta

    from app.events.models import Event, Participation

    org, teacher = _school(holder, school)
    event = Event(
        municipality_id=holder.municipality.id,
        owner_organization_id=org.id,
        type="conference",
        level="regional",
        format="offline",
        status="held",
        title="Региональная конференция",
        start_date=date.today() - timedelta(days=7),
    )
    session.add(event)
    await session.flush()
    session.add(
        Participation(
            municipality_id=holder.municipality.id,
            event_id=event.id,
            teacher_id=teacher.id,
            organization_id=org.id,
            role="speaker",
        )
    )
    await session.flush()
    return str(event.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_event_material(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """A file material of the target school's event: as reachable as the event itself."""
    from app.events.models import EventMaterial

    event_id, location = await _make_event(session, own, holder, school, who)
    file_id, _ = await _make_file(session, own, holder, school, who)
    material = EventMaterial(
        municipality_id=holder.municipality.id,
        event_id=uuid.UUID(event_id),
        file_id=uuid.UUID(file_id),
        title="Программа",
    )
    session.add(material)
    await session.flush()
    return str(material.id), location


async def _make_series(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A series the target school keeps."""
    from app.events.models import EventSeries

    org, _ = _school(holder, school)
    s = EventSeries(
        municipality_id=holder.municipality.id,
        owner_organization_id=org.id,
        title="Школа молодого педагога",
        academic_year=2022,
    )
    session.add(s)
    await session.flush()
    return str(s.id), Location(holder.municipality.id, frozenset({org.id}))


async def _make_participation(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """The target school's teacher at a municipal event."""
    from datetime import date

    from app.events.models import Event, Participation

    org, teacher = _school(holder, school)
    event = Event(
        municipality_id=holder.municipality.id,
        type="seminar",
        level="municipal",
        title="Муниципальный семинар",
        start_date=date(2022, 3, 3),
    )
    session.add(event)
    await session.flush()
    p = Participation(municipality_id=holder.municipality.id, event_id=event.id, teacher_id=teacher.id, role="listener")
    session.add(p)
    await session.flush()
    return str(p.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_award(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A letter of thanks to the target school's teacher, naming the school."""
    from datetime import date

    from app.events.models import Award

    org, teacher = _school(holder, school)
    award = Award(
        municipality_id=holder.municipality.id,
        kind="letter_of_thanks",
        teacher_id=teacher.id,
        organization_id=org.id,
        awarded_on=date(2022, 5, 30),
    )
    session.add(award)
    await session.flush()
    return str(award.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_feed(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A calendar subscription: the caller's own in their school's case, someone else's elsewhere. Only its creator
    (and the system administrator) reach it."""
    from app.events.models import CalendarFeed

    mine = holder is own and school == "org" and who in holder.users
    creator = who if mine else ("department" if who != "department" else "methodologist")
    feed = CalendarFeed(
        municipality_id=holder.municipality.id,
        kind="municipality",
        title="Мероприятия",
        token_hash=uuid.uuid4().hex * 2,
        created_by_type="user",
        created_by_id=holder.users[creator].id,
    )
    session.add(feed)
    await session.flush()
    return str(feed.id), Location(holder.municipality.id, readers=frozenset({creator, "sysadmin"}))


async def _make_document(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A document of the target school with its file: approved for a teacher (who reads only approved documents of
    their school), a draft for everyone else (so approving it succeeds)."""
    from datetime import UTC, datetime

    from app.documents.models import Document
    from app.files.service import store_file

    org, teacher = _school(holder, school)
    f = await store_file(
        session,
        None,
        municipality_id=holder.municipality.id,
        organization_id=org.id,
        name="План.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        content_type="application/pdf",
    )
    approved = who == "teacher"
    d = Document(
        municipality_id=holder.municipality.id,
        organization_id=org.id,
        type="attestation_plan",
        title="План-график аттестации",
        academic_year=2021,
        file_id=f.id,
        status="approved" if approved else "draft",
        approved_at=datetime.now(UTC) if approved else None,
    )
    session.add(d)
    await session.flush()
    return str(d.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_document_requirement(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """A document type the target municipality requires of its schools."""
    from app.documents.models import DocumentRequirement

    r = DocumentRequirement(municipality_id=holder.municipality.id, type="pd_plan", applies_to="organization")
    session.add(r)
    await session.flush()
    return str(r.id), Location(holder.municipality.id)


# The state a practice is made in for each operation on it (a transition needs the state it starts from); reads
# get a published one (everyone of the municipality reads it), the rest a draft.
PRACTICE_STATES = {
    "update_practice": "draft",
    "archive_practice": "draft",
    "submit_practice": "draft",
    "start_practice_review": "submitted",
    "list_practice_reviewer_candidates": "submitted",
    "review_practice": "under_review",
    "return_practice": "under_review",
    "publish_practice": "reviewed",
}


async def _make_practice(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str, operation: str = ""
) -> tuple[str, Location]:
    """A practice of the target school by its teacher, in the state the operation starts from. In review, the
    caller's own account is the assigned expert (an expert reviews only what they are assigned to)."""
    from datetime import UTC, datetime

    from app.practices.models import Practice, PracticeAuthor, PracticeReview

    org, teacher = _school(holder, school)
    state = PRACTICE_STATES.get(operation, "published")
    status = "under_review" if state == "reviewed" else state
    p = Practice(
        municipality_id=holder.municipality.id,
        organization_id=org.id,
        title="Проектная деятельность на уроках",
        kind="technique",
        level="school",
        description="Мини-проекты учеников",
        status=status,
        review_round=1 if status == "under_review" else 0,
        published_at=datetime.now(UTC) if status == "published" else None,
    )
    p.authors = [PracticeAuthor(municipality_id=holder.municipality.id, teacher_id=teacher.id, sort_order=0)]
    session.add(p)
    await session.flush()
    if status == "under_review":
        expert = own.users.get(who) or own.users["association_leader"]
        done = state == "reviewed"
        session.add(
            PracticeReview(
                municipality_id=holder.municipality.id,
                practice_id=p.id,
                round=1,
                reviewer_id=expert.id,
                reviewer_name=expert.full_name,
                status="done" if done else "assigned",
                recommendation="publish" if done else None,
                reviewed_at=datetime.now(UTC) if done else None,
            )
        )
        await session.flush()
    return str(p.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_practice_material(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """A file material of a published practice of the target school: as readable as the practice."""
    from app.practices.models import PracticeMaterial

    practice_id, location = await _make_practice(session, own, holder, school, who)
    file_id, _ = await _make_file(session, own, holder, school, who)
    material = PracticeMaterial(
        municipality_id=holder.municipality.id,
        practice_id=uuid.UUID(practice_id),
        file_id=uuid.UUID(file_id),
        title="Конспект урока",
    )
    session.add(material)
    await session.flush()
    return str(material.id), location


async def _make_practice_criterion(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """A review criterion of the target municipality (a municipal record)."""
    from app.practices.models import PracticeCriterion

    c = PracticeCriterion(municipality_id=holder.municipality.id, code="relevance", name="Актуальность", max_score=3)
    session.add(c)
    await session.flush()
    return str(c.id), Location(holder.municipality.id)


async def _association(session: Any, holder: Tenant, school: str) -> tuple[Any, Location]:
    """A ШМО of the target school for 2025/2026: the school's teacher is its leader and member."""
    from datetime import date

    from app.associations.models import Association, AssociationMember

    org, teacher = _school(holder, school)
    a = Association(
        municipality_id=holder.municipality.id,
        level="school",
        organization_id=org.id,
        title="ШМО учителей математики",
        subject_code="mathematics",
        leader_teacher_id=teacher.id,
        academic_year=2025,
    )
    session.add(a)
    await session.flush()
    m = AssociationMember(
        municipality_id=holder.municipality.id, association_id=a.id, teacher_id=teacher.id, joined_on=date(2025, 9, 1)
    )
    session.add(m)
    await session.flush()
    return (a, m), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_association(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    (a, _), location = await _association(session, holder, school)
    return str(a.id), location


async def _make_association_member(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    (_, m), location = await _association(session, holder, school)
    return str(m.id), location


async def _make_association_plan(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    from datetime import date

    from app.associations.models import AssociationMeetingPlan

    (a, _), location = await _association(session, holder, school)
    p = AssociationMeetingPlan(
        municipality_id=a.municipality_id, association_id=a.id, planned_date=date(2025, 11, 12), topic="Заседание"
    )
    session.add(p)
    await session.flush()
    return str(p.id), location


async def _make_association_meeting(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    from datetime import date

    from app.associations.models import AssociationMeeting
    from app.files.service import store_file

    (a, _), location = await _association(session, holder, school)
    minutes = await store_file(
        session,
        None,
        municipality_id=a.municipality_id,
        organization_id=a.organization_id,
        name="Протокол.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        content_type="application/pdf",
    )
    m = AssociationMeeting(
        municipality_id=a.municipality_id,
        association_id=a.id,
        held_on=date(2025, 11, 12),
        topic="Заседание",
        minutes_file_id=minutes.id,
    )
    session.add(m)
    await session.flush()
    return str(m.id), location


async def _help_request(session: Any, holder: Tenant, school: str, state: str, who: str) -> tuple[str, Location]:
    """A help request of the target school's teacher, made by the school, in `state` (closed today when closed)."""
    from datetime import date

    from app.core.db import utcnow
    from app.help_requests.models import HelpRequest

    org = holder.org if school == "org" else holder.org2
    teacher = holder.teacher if school == "org" else holder.teacher2
    r = HelpRequest(
        municipality_id=holder.municipality.id,
        organization_id=org.id,
        teacher_id=teacher.id,
        requested_by_id=holder.users["school_admin"].id,
        topic_code="methodical",
        description="Нужна консультация по рабочей программе",
        desired_form="consultation",
        opened_on=date(2025, 10, 1),
        state=state,
        assignee_id=holder.users["methodologist"].id if state != "new" else None,
        resolution="full" if state == "closed" else None,
        resolution_comment="Решено" if state == "closed" else None,
        closed_at=utcnow() if state == "closed" else None,
    )
    session.add(r)
    await session.flush()
    return str(r.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_help_request(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    return await _help_request(session, holder, school, "new", who)


async def _make_help_request_in_work(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    return await _help_request(session, holder, school, "in_progress", who)


async def _make_help_request_closed(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    return await _help_request(session, holder, school, "closed", who)


async def _make_notification(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A notification addressed to the caller in its own school's case, to someone else otherwise: only its
    addressee reaches it."""
    from app.notifications.models import Notification

    mine = holder is own and school == "org" and who in holder.users
    addressee = who if mine else ("methodologist" if who != "methodologist" else "department")
    n = Notification(
        municipality_id=holder.municipality.id, user_id=holder.users[addressee].id, kind="test", title="Уведомление"
    )
    session.add(n)
    await session.flush()
    return str(n.id), Location(holder.municipality.id, readers=frozenset({addressee} if mine else set()))


# The state a KPI snapshot is made in for each operation on it; reads get an approved one.
KPI_SNAPSHOT_STATES = {
    "submit_kpi_snapshot": "draft",
    "discard_kpi_snapshot": "draft",
    "approve_kpi_snapshot": "submitted",
    "return_kpi_snapshot": "submitted",
}


async def _make_kpi_snapshot(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str, operation: str = ""
) -> tuple[str, Location]:
    """A KPI snapshot of the target municipality for 2025/2026 in the state the operation starts from, submitted
    by someone other than the caller (four eyes). A municipal record every reader of the municipality reads (a
    school administrator too: its school's rows)."""
    from datetime import date

    from app.kpi.models import KpiSnapshot

    status = KPI_SNAPSHOT_STATES.get(operation, "approved")
    submitter = holder.users["methodologist" if who != "methodologist" else "department"]
    s = KpiSnapshot(
        municipality_id=holder.municipality.id,
        period="2025/2026",
        period_start=date(2025, 9, 1),
        period_end=date(2026, 8, 31),
        reference_date=date(2026, 8, 31),
        status=status,
        indicators=["K-4.2.1"],
        submitted_by_id=submitter.id if status != "draft" else None,
        history=[],
    )
    session.add(s)
    await session.flush()
    return str(s.id), Location(holder.municipality.id, frozenset({holder.org.id, holder.org2.id}))


# --- diagnostics ---

DIAG_DRAFT_OPERATIONS = {"update_instrument", "publish_instrument"}


async def _make_instrument(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str, operation: str = ""
) -> tuple[str, Location]:
    """An instrument of the target municipality: a draft for the operations on drafts, else published (what every
    reader of the municipality reads)."""
    import uuid as _uuid

    from app.core.db import utcnow
    from app.diagnostics.models import DiagInstrument

    draft = operation in DIAG_DRAFT_OPERATIONS
    family = _uuid.uuid4()
    item = {"code": "q1", "type": "scale", "text": "Самооценка", "scale_max": 3}
    i = DiagInstrument(
        id=family,
        municipality_id=holder.municipality.id,
        family_id=family,
        instrument_version=1,
        kind="deficit",
        title="Диагностика",
        status="draft" if draft else "published",
        published_at=None if draft else utcnow(),
        sections=[{"area_code": "methodical", "title": "Методическая", "items": [item]}],
        scale={"deficit_below": 50, "partial_below": 75, "areas": {}},
    )
    session.add(i)
    await session.flush()
    return str(i.id), Location(holder.municipality.id, frozenset({holder.org.id, holder.org2.id}))


async def _diag_campaign(session: Any, holder: Tenant, org: Any) -> Any:
    from datetime import date, timedelta

    from app.diagnostics.models import DiagCampaign
    from app.diagnostics.schemas import SHIPPED_INSTRUMENT_ID

    c = DiagCampaign(
        municipality_id=holder.municipality.id,
        instrument_id=SHIPPED_INSTRUMENT_ID,
        title="Мониторинг",
        opens_on=date.today() - timedelta(days=5),
        closes_on=date.today() + timedelta(days=20),
        target={"organization_ids": [str(org.id)]},
    )
    session.add(c)
    await session.flush()
    return c


async def _make_campaign(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """An open campaign of the target municipality (a municipal record: every reader of the municipality)."""
    org = holder.org if school == "org" else holder.org2
    c = await _diag_campaign(session, holder, org)
    return str(c.id), Location(holder.municipality.id, frozenset({holder.org.id, holder.org2.id}))


async def _make_assignment(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """The target school's teacher's assignment in an open campaign (not started)."""
    from app.diagnostics.models import DiagAssignment

    org = holder.org if school == "org" else holder.org2
    teacher = holder.teacher if school == "org" else holder.teacher2
    c = await _diag_campaign(session, holder, org)
    a = DiagAssignment(
        municipality_id=holder.municipality.id,
        campaign_id=c.id,
        teacher_id=teacher.id,
        organization_id=org.id,
        status="assigned",
        answers={},
    )
    session.add(a)
    await session.flush()
    return str(a.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_framework(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """The shipped framework: every holder of `diagnostics:read`, in any municipality, reads it."""
    from app.diagnostics.permissions import DiagnosticsPerm
    from app.diagnostics.schemas import SHIPPED_FRAMEWORK_ID

    readers = {r for r, grants in ROLE_PERMISSIONS.items() if DiagnosticsPerm.READ in grants}
    return str(SHIPPED_FRAMEWORK_ID), Location(holder.municipality.id, readers=frozenset(readers))


# --- individual routes ---

# The state a route must be in for an operation to succeed (else: approved, with one planned action).
ROUTE_STATES = {
    "approve_individual_route": "draft",
    "update_individual_route_plan": "draft",
    "archive_individual_route": "draft",
    "undo_individual_route_action": "done",
    "download_individual_route_evidence": "file",
}


async def _individual_route(session: Any, holder: Tenant, school: str, operation: str) -> tuple[Any, Any, Location]:
    """A route of the target school's teacher from a submitted diagnostic, one goal with one action."""
    from app.core.db import utcnow
    from app.files.service import store_file
    from app.routes.models import IndividualRoute, RouteAction, RouteGoal
    from tests.routes_helpers import submitted

    org, teacher = _school(holder, school)
    state = ROUTE_STATES.get(operation, "approved")
    a = await submitted(session, holder, teacher, {"methodical": "deficit"}, org=org)
    r = IndividualRoute(
        municipality_id=holder.municipality.id,
        teacher_id=teacher.id,
        organization_id=org.id,
        assignment_id=a.id,
        campaign_id=a.campaign_id,
        title="ИОМ",
        status="draft" if state == "draft" else "approved",
        approved_at=None if state == "draft" else utcnow(),
    )
    session.add(r)
    await session.flush()
    g = RouteGoal(municipality_id=r.municipality_id, route_id=r.id, area_code="methodical", text="Цель", sort_order=0)
    session.add(g)
    await session.flush()
    act = RouteAction(
        municipality_id=r.municipality_id, route_id=r.id, goal_id=g.id, kind="self_study", title="Изучить", sort_order=0
    )
    if state in ("done", "file"):
        act.status, act.done_at, act.evidence_note = "done", utcnow(), "Сделано"
        r.status = "completed"
    if state == "file":
        f = await store_file(
            session,
            None,
            municipality_id=r.municipality_id,
            organization_id=org.id,
            name="Сертификат.pdf",
            content=b"%PDF-1.4\n%%EOF\n",
            content_type="application/pdf",
            owner_type="individual_route",
            owner_id=r.id,
        )
        act.evidence_file_id = f.id
    session.add(act)
    await session.flush()
    return r, act, Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_individual_route(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str, operation: str = ""
) -> tuple[str, Location]:
    r, _, location = await _individual_route(session, holder, school, operation)
    return str(r.id), location


async def _make_individual_route_action(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str, operation: str = ""
) -> tuple[str, Location, dict[str, str]]:
    """An action of such a route (its route's id goes into the path too)."""
    r, act, location = await _individual_route(session, holder, school, operation)
    return str(act.id), location, {"route_id": str(r.id)}


async def _submitted_assignment(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> str:
    """A submitted diagnostic with a deficit of the caller's own school's teacher (a draft's body names it)."""
    from tests.routes_helpers import submitted

    org, teacher = _school(holder, school)
    return str((await submitted(session, holder, teacher, {"methodical": "deficit"}, org=org)).id)


async def _make_submitted_assignment(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """A submitted diagnostic (with its deficit profile) of the target school's teacher."""
    org, teacher = _school(holder, school)
    return await _submitted_assignment(session, own, holder, school, who), Location(
        holder.municipality.id, frozenset({org.id}), teacher.id
    )


# Operations whose body names a record made per case: operation → (body field, factory).
BODY_RECORDS = {"create_individual_route_draft": ("assignment_id", _submitted_assignment)}
# --- roadmap ---


async def _roadmap(session: Any, holder: Tenant, school: str, with_occurrence: bool) -> tuple[Any, Any, Any]:
    """A programme of the target municipality with one activity the target school's teacher and the school itself
    are responsible for (and one occurrence of it)."""
    from datetime import date

    from app.roadmap.models import Activity, Occurrence, Programme, Section

    org, teacher = _school(holder, school)
    m = holder.municipality.id
    p = Programme(municipality_id=m, title="Программа", period_start=date(2025, 9, 1), period_end=date(2027, 8, 31))
    session.add(p)
    await session.flush()
    s = Section(municipality_id=m, programme_id=p.id, number=1, title="Информационная поддержка")
    session.add(s)
    await session.flush()
    a = Activity(
        municipality_id=m,
        programme_id=p.id,
        section_id=s.id,
        number="1.1",
        title="Информирование педагогов",
        timeframe_text="Сентябрь 2025",
        schedule_kind="once",
        starts_on=date(2025, 9, 1),
        due_on=date(2025, 9, 30),
        responsible_text="Руководители ОО",
        responsible_teacher_ids=[teacher.id],
        responsible_organization_ids=[org.id],
        kpi_codes=[],
    )
    session.add(a)
    await session.flush()
    o = None
    if with_occurrence:
        o = Occurrence(
            municipality_id=m,
            programme_id=p.id,
            activity_id=a.id,
            starts_on=date(2025, 9, 1),
            due_on=date(2025, 9, 30),
        )
        session.add(o)
        await session.flush()
    return p, a, o


async def _make_programme(session: Any, own: Tenant, holder: Tenant, school: str, who: str) -> tuple[str, Location]:
    """A programme of the target municipality (a municipal record every reader of the municipality reads)."""
    p, _, _ = await _roadmap(session, holder, school, False)
    return str(p.id), Location(holder.municipality.id, frozenset({holder.org.id, holder.org2.id}))


async def _make_roadmap_activity(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """An activity of the target municipality's roadmap naming the target school and its teacher as responsible."""
    org, teacher = _school(holder, school)
    _, a, _ = await _roadmap(session, holder, school, False)
    return str(a.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


async def _make_roadmap_occurrence(
    session: Any, own: Tenant, holder: Tenant, school: str, who: str
) -> tuple[str, Location]:
    """An occurrence of that activity: reported on by the municipality's keepers, the school and its teacher."""
    org, teacher = _school(holder, school)
    _, _, o = await _roadmap(session, holder, school, True)
    return str(o.id), Location(holder.municipality.id, frozenset({org.id}), teacher.id)


RECORDS = {
    "snapshot_id": _make_kpi_snapshot,
    "association_id": _make_association,
    "member_id": _make_association_member,
    "plan_id": _make_association_plan,
    "meeting_id": _make_association_meeting,
    "job_id": _make_job,
    "course_id": _make_course,
    "file_id": _make_file,
    "mentoring_pair_id": _make_mentoring_pair,
    "attestation_id": _make_attestation,
    "feed_id": _make_feed,
    "award_id": _make_award,
    "participation_id": _make_participation,
    "event_id": _make_event,
    "material_id": _make_event_material,
    "series_id": _make_series,
    "document_id": _make_document,
    "requirement_id": _make_document_requirement,
    "practice_id": _make_practice,
    "practice_material_id": _make_practice_material,
    "criterion_id": _make_practice_criterion,
    "help_request_id": _make_help_request,
    "notification_id": _make_notification,
    "instrument_id": _make_instrument,
    "campaign_id": _make_campaign,
    "assignment_id": _make_assignment,
    "framework_id": _make_framework,
    "route_id": _make_individual_route,
    "action_id": _make_individual_route_action,
    "programme_id": _make_programme,
    "activity_id": _make_roadmap_activity,
    "occurrence_id": _make_roadmap_occurrence,
}
# Operations whose path record must be in a given state for the operation to succeed (state transitions).
OPERATION_RECORDS = {
    "get_deficit_profile": _make_submitted_assignment,
    "close_help_request": _make_help_request_in_work,
    "reopen_help_request": _make_help_request_closed,
}


PLACEHOLDERS = {
    example_ids.EXAMPLE_REGION_ID: "region_id",
    example_ids.EXAMPLE_MUNICIPALITY_ID: "municipality_id",
    example_ids.EXAMPLE_ORGANIZATION_ID: "organization_id",
    example_ids.EXAMPLE_TEACHER_ID: "teacher_id",
    example_ids.EXAMPLE_OTHER_TEACHER_ID: "other_teacher_id",
}


def _example(route: Route) -> tuple[str | None, dict[str, Any] | None]:
    body = route.spec.get("requestBody")
    if not body:
        return None, None
    content_type, media = next(iter(body["content"].items()))
    schema = SPEC["components"]["schemas"][media["schema"]["$ref"].rsplit("/", 1)[-1]]
    if schema.get("examples"):
        return content_type, copy.deepcopy(schema["examples"][0])
    example = {}
    for name, prop in schema.get("properties", {}).items():
        if prop.get("format") == "binary" or prop.get("contentMediaType"):
            continue
        if "examples" in prop:
            example[name] = prop["examples"][0]
    return content_type, example


def _body_kinds(value: Any) -> set[str]:
    text = json.dumps(value)
    return {kind for placeholder, kind in PLACEHOLDERS.items() if placeholder in text}


def _substitute(value: Any, ids: dict[str, str]) -> Any:
    text = json.dumps(value)
    for placeholder, kind in PLACEHOLDERS.items():
        text = text.replace(placeholder, ids[kind])
    return json.loads(text)


def _target_kind(route: Route) -> tuple[str | None, str]:
    """('path', kind) for a record in the path, ('body', kind) for a create that points somewhere, else none."""
    path_ids = [p["name"] for p in route.spec.get("parameters", []) if p["in"] == "path"]
    if path_ids:  # the record made per case: the last path id that names one (else the last path id)
        return "path", next((p for p in reversed(path_ids) if p in RECORDS), path_ids[-1])
    _, example = _example(route)
    kinds = _body_kinds(example) if example else set()
    for kind in ("teacher_id", "organization_id", "municipality_id", "region_id"):
        if kind in kinds:
            return "body", kind
    return None, ""


def _query(route: Route) -> dict[str, str]:
    out = {}
    for p in route.spec.get("parameters", []):
        if p["in"] == "query" and p.get("required"):
            schema = p["schema"]
            out[p["name"]] = str(schema.get("default") or (schema.get("enum") or schema.get("examples") or [""])[0])
    return out


# Operations naming their record in a required query parameter (not the path): parameter → record kind, made in
# the own municipality per case (a municipal record: every holder of the permission reaches it).
QUERY_RECORDS = {
    "get_corporate_deficits": {"campaign_id": "campaign_id"},
    "list_corporate_deficit_teachers": {"campaign_id": "campaign_id"},
    "get_deficit_comparison": {"from_campaign_id": "campaign_id", "to_campaign_id": "campaign_id"},
}

# Operations whose scope is a query parameter (one of several, so none is required): the target's id of that kind.
QUERY_SCOPES = {
    "get_kpi_values": "municipality_id",
    "get_kpi_drilldown": "municipality_id",
    "get_kpi_selection": "municipality_id",
    "get_kpi_targets": "municipality_id",
}


def _request(route: Route, own: Tenant, target: Tenant, school: str, ids: dict[str, str] | None = None) -> dict:
    ids = ids or _ids(target, school)
    path = route.path
    for kind, value in ids.items():
        path = path.replace("{" + kind + "}", value)
    kwargs: dict[str, Any] = {"params": _query(route)}
    if route.name in QUERY_SCOPES:
        kwargs["params"][QUERY_SCOPES[route.name]] = ids[QUERY_SCOPES[route.name]]
    content_type, example = _example(route)
    if example is not None:
        body = _substitute(example, ids)
        if content_type == "multipart/form-data":
            kwargs["files"] = {"file": ("hr.csv", CSV, "text/csv")}
            kwargs["data"] = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in body.items()}
        elif content_type == "application/x-www-form-urlencoded":
            kwargs["data"] = body
        else:
            kwargs["json"] = body
    return {"method": route.method, "url": path, **kwargs}


CASES = []
for _name, _route in ROUTES.items():
    _where, _ = _target_kind(_route)
    for _who in PRINCIPALS:
        for _target in TARGETS if _where else ("own",):
            CASES.append((_name, _who, _target))


@pytest.mark.parametrize(("name", "who", "target"), CASES, ids=[f"{n}-{w}-{t}" for n, w, t in CASES])
async def test_matrix(client, session, name: str, who: str, target: str) -> None:  # type: ignore[no-untyped-def]
    route = ROUTES[name]
    own = await make_tenant(session)
    other = await make_tenant(session) if target == "other_municipality" else own
    holder, school = _pick(own, other, target)
    where, kind = _target_kind(route)
    headers = own.headers(who)
    if route.method != "GET":
        headers["If-Match"] = "*"  # routes that require If-Match (428 without) take any current version
    ids, location = None, None
    if where == "path" and kind in RECORDS:
        # a transition needs its record in the state it starts from: an operation's own factory, or the
        # practice factory told the operation
        make = OPERATION_RECORDS.get(name, RECORDS[kind])
        extra = (
            {"operation": name}
            if kind in ("practice_id", "snapshot_id", "instrument_id", "route_id", "action_id")
            else {}
        )
        made = await make(session, own, holder, school, who, **extra)
        record_id, location = made[0], made[1]
        ids = {**_ids(holder, school), **(made[2] if len(made) > 2 else {}), kind: record_id}
    _, example = _example(route)
    if example is not None and "other_teacher_id" in _body_kinds(example):
        # a record linking two people of the target school (a mentor and a mentee): the second one is made here
        org = holder.org if school == "org" else holder.org2
        colleague = await make_teacher(session, holder.municipality, org, last_name="Коллегова")
        ids = {**(ids or _ids(holder, school)), "other_teacher_id": str(colleague.id)}
    request = _request(route, own, holder, school, ids)
    for param, record_kind in QUERY_RECORDS.get(name, {}).items():
        request["params"][param] = (await RECORDS[record_kind](session, own, own, "org", who))[0]
    if name in BODY_RECORDS:  # the record the body names, made for this case in the caller's own school
        field, make_body_record = BODY_RECORDS[name]
        request["json"] = {**request["json"], field: await make_body_record(session, own, holder, school, who)}
    resp = await client.request(**request, headers=headers)
    location = location or _location(holder, school, kind)

    if who == "anonymous" and route.authenticated:
        expected = 401
    elif route.perm is not None and not holds(who, route.perm):
        expected = 403
    elif where and route.perm is not None and not reaches(who, route.perm, own, location):
        if where == "path":
            expected = 404
        else:  # a body reference outside the reach answers exactly as a random id would
            random_ids = {k: str(uuid.uuid4()) for k in _ids(own, "org")}
            probe = await client.request(**_request(route, own, holder, school, random_ids), headers=headers)
            assert probe.status_code in (404, 422), probe.text
            expected = probe.status_code
            assert resp.json().get("code") == probe.json().get("code"), (resp.text, probe.text)
    else:
        expected = route.ok
    assert resp.status_code == expected, f"{route.method} {route.path} as {who} on {target}: {resp.text}"
    if expected >= 400:
        assert resp.headers["content-type"].startswith("application/problem+json")
    if expected == 401:
        assert resp.headers["www-authenticate"].startswith("Bearer")


def test_every_protected_operation_declares_a_permission() -> None:
    """Only sign-in, sign-out, `me` and the health probes are open to any principal; the rest name a permission."""
    open_ops = {name for name, r in ROUTES.items() if r.perm is None}
    assert open_ops == {"health", "ready", "get_me", "logout"}


LISTS = {
    "list_organizations": "municipality_id",
    "list_courses": "municipality_id",
    "list_attestations": "municipality_id",
    "list_mentoring_pairs": "municipality_id",
    "list_associations": "municipality_id",
    "list_teachers": "municipality_id",
    "list_users": "municipality_id",
    "list_clients": "municipality_id",
    "list_municipalities": "id",
    "list_audit_events": "municipality_id",
    "list_events": "municipality_id",
    "list_event_series": "municipality_id",
    "list_participations": "municipality_id",
    "list_awards": "municipality_id",
    "list_documents": "municipality_id",
    "list_document_requirements": "municipality_id",
    "list_practices": "municipality_id",
    "list_help_requests": "municipality_id",
    "list_kpi_indicators": "municipality_id",
    "list_kpi_snapshots": "municipality_id",
    "list_instruments": "municipality_id",
    "list_campaigns": "municipality_id",
    "list_assignments": "municipality_id",
    "list_deficit_profiles": "municipality_id",
    "list_programmes": "municipality_id",
    "list_roadmap_activities": "municipality_id",
}


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("who", sorted(set(PRINCIPALS) - {"anonymous", "sysadmin"}))
async def test_lists_never_show_another_tenant(client, session, name: str, who: str) -> None:  # type: ignore[no-untyped-def]
    route = ROUTES[name]
    own = await make_tenant(session)
    other = await make_tenant(session)
    # make sure the other tenant has audit entries too
    await client.get(f"{API}/teachers/{other.teacher.id}", headers=other.headers("department"))
    resp = await client.get(route.path, params={"limit": 200}, headers=own.headers(who))
    if not holds(who, route.perm):  # type: ignore[arg-type]
        assert resp.status_code == 403
        return
    assert resp.status_code == 200
    values = {str(item[LISTS[name]]) for item in resp.json()["items"]}
    assert str(other.municipality.id) not in values
