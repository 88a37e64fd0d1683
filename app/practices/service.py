"""Practice bank: the rules and the workflow `draft` → `submitted` → `under_review` → `published` / `returned`.

- Authors, their school and the methodologist describe a practice (authors are teachers of the municipality; at
  least one of them must be someone the caller keeps records of); a presentation links the practice to an author's
  participation as a speaker at an event (events module).
- The methodologist assigns experts: a user with the expert permission (`practices:review`) in the municipality who
  is not an author and does not work at the authors' school (nor at the practice's organization) — refused with 422
  naming the person and the school. An expert scores each active criterion of the municipality's set (0…maximum),
  recommends and comments.
- Publication records `published_at` once: a later edit, a return and a re-publication never move it.
- Every write is audited, takes `If-Match` (428 without it, 412 when stale), and a transition from the wrong state is
  a 409 saying the state in Russian.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import ROLE_GRANTS, Principal, Scope, load_actor
from app.core.audit_trail import record, snapshot
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, NotFound, Unprocessable
from app.core.exports import Column, render
from app.core.pagination import Page, PageParams
from app.core.settings import API_PREFIX
from app.core.timeline import TimelineEntry, register_source
from app.events import participation as participations
from app.files import service as files
from app.files.permissions import FilePerm
from app.organizations import service as organizations
from app.practices import repository as repo
from app.practices.models import (
    KINDS,
    RECOMMENDATIONS,
    STATUSES,
    Practice,
    PracticeAuthor,
    PracticeCriterion,
    PracticeMaterial,
    PracticePresentation,
    PracticeReview,
)
from app.practices.permissions import PracticePerm
from app.practices.schemas import (
    PracticeAuthorRead,
    PracticeCreate,
    PracticeCriteriaList,
    PracticeCriterionCreate,
    PracticeCriterionRead,
    PracticeCriterionUpdate,
    PracticeFilters,
    PracticeMaterialIn,
    PracticeMaterialRead,
    PracticePresentationRead,
    PracticeRead,
    PracticeReviewCreate,
    PracticeReviewerCandidate,
    PracticeReviewerCandidates,
    PracticeReviewRead,
    PracticeUpdate,
)
from app.reference import service as reference
from app.teachers import service as teachers
from app.tenants import service as tenants
from app.users import service as users

MAX_EXPORT_ROWS = 50_000
EDITABLE = ("draft", "returned")
DEFAULT_CRITERIA = [
    ("relevance", "Актуальность", 3),
    ("novelty", "Новизна", 3),
    ("significance", "Практическая значимость", 3),
    ("replicability", "Тиражируемость", 3),
    ("design", "Качество оформления", 3),
]
SCALAR_READ = frozenset(
    {
        "id",
        "municipality_id",
        "organization_id",
        "title",
        "kind",
        "level",
        "description",
        "keywords",
        "competence_areas",
        "subjects",
        "status",
        "submitted_at",
        "published_at",
        "return_comment",
        "review_round",
        "version",
        "created_at",
        "updated_at",
        "archived_at",
        "archive_reason",
    }
)
SCALARS = ("title", "organization_id", "kind", "level", "description", "keywords", "competence_areas", "subjects")


def _unprocessable(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, code=code, errors=[FieldError(field=field, message=message, code=code)])


def _wrong_state(p: Practice, action: str) -> Conflict:
    return Conflict(
        f"Практика сейчас в статусе «{STATUSES[p.status]}»: {action} нельзя",
        code="wrong_status",
        extra={"status": p.status},
    )


# --- reads --------------------------------------------------------------------------------------------------------


def _review_read(r: PracticeReview) -> PracticeReviewRead:
    out = PracticeReviewRead.model_validate(r)
    out.recommendation_label = RECOMMENDATIONS.get(r.recommendation or "", None)
    return out


async def _reads(session: AsyncSession, principal: Principal, rows: Sequence[Any]) -> list[PracticeRead]:
    """Rows (a practice, its search rank and snippet) as the API shows them, with the caller's actions."""
    items: list[Practice] = [r[0] for r in rows]
    if not items:
        return []
    ids = [p.id for p in items]
    today = date.today()
    author_ids = {a.teacher_id for p in items for a in p.authors}
    names = await teachers.teacher_names(session, author_ids)
    workplaces = await teachers.organizations_on(session, author_ids, today)
    org_ids = {p.organization_id for p in items} | {o for s in workplaces.values() for o in s}
    org_names = await organizations.names(session, org_ids)
    levels = await reference.event_level_names(session)
    areas = await reference.competence_area_names(session)
    subjects = await reference.subject_names(session)
    reviews: dict[uuid.UUID, list[PracticeReview]] = {}
    for r in await repo.reviews_of(session, ids):
        reviews.setdefault(r.practice_id, []).append(r)
    facts: dict[uuid.UUID, Any] = {}
    for muni in {p.municipality_id for p in items}:
        wanted = [x.participation_id for p in items if p.municipality_id == muni for x in p.presentations]
        if wanted:
            facts |= await participations.participation_facts(session, muni, wanted)
    writable = await _in_scope(session, principal, PracticePerm.WRITE, ids)
    publishable = await _in_scope(session, principal, PracticePerm.PUBLISH, ids)
    out = []
    for row in rows:
        p: Practice = row[0]
        mine = reviews.get(p.id, [])
        current = [r for r in mine if r.round == p.review_round and r.status == "done"]
        read = PracticeRead.model_validate({k: getattr(p, k) for k in PracticeRead.model_fields if k in SCALAR_READ})
        read.organization_name = org_names.get(p.organization_id)
        read.kind_label = KINDS.get(p.kind, p.kind)
        read.level_label = levels.get(p.level, p.level)
        read.status_label = STATUSES.get(p.status, p.status)
        read.competence_area_labels = [areas.get(c, c) for c in p.competence_areas]
        read.subject_labels = [subjects.get(c, c) for c in p.subjects]
        read.authors = [
            PracticeAuthorRead(
                teacher_id=a.teacher_id,
                full_name=names.get(a.teacher_id, ""),
                organization_name=", ".join(sorted(org_names.get(o, "") for o in workplaces.get(a.teacher_id, set())))
                or None,
            )
            for a in p.authors
        ]
        read.materials = [
            PracticeMaterialRead(
                id=m.id,
                title=m.title,
                file_id=m.file_id,
                url=m.url,
                content_url=material_content_url(m.id) if m.file_id else None,
            )
            for m in p.materials
        ]
        read.presentations = [
            PracticePresentationRead(
                participation_id=f.id,
                teacher_id=f.teacher_id,
                teacher_name=f.teacher_name,
                event_id=f.event_id,
                event_title=f.event_title,
                event_start_date=f.event_start_date,
                event_level=f.event_level,
                presentation_title=f.presentation_title,
            )
            for x in p.presentations
            if (f := facts.get(x.participation_id)) is not None
        ]
        read.reviews = [_review_read(r) for r in mine]
        if current:
            read.review_total = round(sum(r.total or 0 for r in current) / len(current), 1)
            read.review_max = current[0].max_total
        read.snippet = getattr(row, "snippet", None) if getattr(row, "rank", None) is not None else None
        read.actions = _actions(principal, p, mine, p.id in writable, p.id in publishable)
        out.append(read)
    return out


def _actions(
    principal: Principal, p: Practice, reviews: list[PracticeReview], writable: bool, publishable: bool
) -> list[str]:
    if p.archived_at is not None:
        return []
    out = []
    if (writable and p.status in EDITABLE) or publishable:
        out.append("update")
    if p.status in EDITABLE and writable:
        out.append("submit")
    if p.status == "submitted" and publishable:
        out.append("start_review")
    if (
        p.status == "under_review"
        and principal.has(PracticePerm.REVIEW)
        and any(r.round == p.review_round and r.reviewer_id == principal.id and r.status == "assigned" for r in reviews)
    ):
        out.append("review")
    if (
        p.status == "under_review"
        and publishable
        and any(r.round == p.review_round and r.status == "done" for r in reviews)
    ):
        out.append("publish")
    if p.status in ("submitted", "under_review", "published") and publishable:
        out.append("return")
    if (writable and p.status in EDITABLE) or publishable:
        out.append("archive")
    return out


async def _in_scope(session: AsyncSession, principal: Principal, perm: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not principal.has(perm):
        return set()
    return await repo.in_scope(session, principal.scope(perm), ids)


def material_content_url(material_id: uuid.UUID) -> str:
    return f"{API_PREFIX}/practice-materials/{material_id}/content"


async def material_content(session: AsyncSession, principal: Principal, material_id: uuid.UUID) -> tuple[Any, Any]:
    """A material's file for whoever reads the practice (a published one: everyone of the municipality), without
    the right to browse the municipality's files; audited as a download."""
    material = await repo.readable_material(session, principal, material_id)
    if material is None or material.file_id is None:
        raise NotFound("Материал не найден")
    return await files.download_attached(session, principal, material.file_id, material.municipality_id)


async def list_practices(
    session: AsyncSession, principal: Principal, f: PracticeFilters, page: PageParams
) -> Page[PracticeRead]:
    rows, total = await repo.page(session, principal, f, page)
    return Page(items=await _reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset)


async def read_practice(session: AsyncSession, principal: Principal, practice_id: uuid.UUID) -> PracticeRead:
    p = await repo.readable(session, principal, practice_id)
    if p is None:
        raise NotFound("Практика не найдена")
    return (await _reads(session, principal, [(p,)]))[0]


# --- checks of what a practice points at ----------------------------------------------------------------------------


async def _organization(session: AsyncSession, principal: Principal, organization_id: uuid.UUID) -> uuid.UUID:
    """The practice's organization: one the caller describes practices of (its municipality, its school, the school
    where its own teacher record works). Its municipality, or 422 (the same for another tenant's and a missing one)."""
    muni = await organizations.municipality_of(session, organization_id)
    scope = principal.scope(PracticePerm.WRITE)
    ok = muni is not None and scope.covers_organization(organization_id, muni)
    if muni is not None and not ok and scope.teacher_ids:
        places = await teachers.organizations_on(session, set(scope.teacher_ids), date.today())
        ok = any(organization_id in s for s in places.values())
    if not ok or muni is None:
        raise _unprocessable("body.organization_id", "Организация не найдена", "unknown_organization")
    return muni


async def _authors(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, author_ids: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    wanted = list(dict.fromkeys(author_ids))
    found = await teachers.teacher_facts(session, Scope(municipality_ids=frozenset({municipality_id})), set(wanted))
    for tid in wanted:
        if tid not in found:
            raise _unprocessable("body.author_ids", "Педагог не найден", "unknown_teacher")
        if found[tid].archived:
            raise _unprocessable("body.author_ids", f"{found[tid].full_name} — педагог в архиве", "archived_teacher")
    mine = await teachers.visible_ids(session, principal.scope(PracticePerm.WRITE), set(wanted))
    if not mine and not principal.scope(PracticePerm.PUBLISH).covers_municipality(municipality_id):
        raise _unprocessable(
            "body.author_ids",
            "Среди авторов нет педагога, чьи практики вы описываете: укажите себя или педагога своей школы",
            "unknown_teacher",
        )
    return wanted


async def _materials(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID, materials: Sequence[PracticeMaterialIn]
) -> list[PracticeMaterial]:
    for m in materials:
        if m.file_id is None:
            continue
        try:
            f = await files.get_visible(session, principal, m.file_id, FilePerm.READ)
        except NotFound:
            f = None
        if f is None or f.municipality_id != municipality_id or f.archived_at is not None:
            raise _unprocessable("body.materials", "Файл не найден", "unknown_file")
    return [
        PracticeMaterial(municipality_id=municipality_id, file_id=m.file_id, url=m.url, title=m.title, sort_order=i)
        for i, m in enumerate(materials)
    ]


async def _presentations(
    session: AsyncSession, municipality_id: uuid.UUID, ids: Sequence[uuid.UUID], author_ids: Sequence[uuid.UUID]
) -> list[PracticePresentation]:
    wanted = list(dict.fromkeys(ids))
    facts = await participations.participation_facts(session, municipality_id, wanted)
    for pid in wanted:
        f = facts.get(pid)
        if f is None or f.archived:
            raise _unprocessable("body.participation_ids", "Участие в мероприятии не найдено", "unknown_participation")
        if f.role != "speaker":
            raise _unprocessable(
                "body.participation_ids",
                f"{f.teacher_name} участвовал(а) в «{f.event_title}» не как выступающий: практику связывают только с "
                "выступлением",
                "not_a_speaker",
            )
        if f.teacher_id not in author_ids:
            raise _unprocessable(
                "body.participation_ids",
                f"Выступал(а) {f.teacher_name}, а не автор практики: добавьте педагога в авторы",
                "speaker_not_author",
            )
    return [
        PracticePresentation(municipality_id=municipality_id, participation_id=pid, sort_order=i)
        for i, pid in enumerate(wanted)
    ]


async def _references(
    session: AsyncSession, level: str | None, areas: list[str] | None, subj: list[str] | None
) -> None:
    if level is not None:
        await reference.ensure_event_levels(session, [level], "body.level")
    if areas:
        await reference.ensure_competence_areas(session, areas, "body.competence_areas")
    if subj:
        await reference.ensure_subjects(session, subj, "body.subjects")


def _children(p: Practice) -> dict[str, Any]:
    return {
        "author_ids": [str(a.teacher_id) for a in p.authors],
        "materials": [[m.title, str(m.file_id) if m.file_id else None, m.url] for m in p.materials],
        "participation_ids": [str(x.participation_id) for x in p.presentations],
    }


# --- writes -------------------------------------------------------------------------------------------------------


async def create_practice(session: AsyncSession, principal: Principal, body: PracticeCreate) -> PracticeRead:
    muni = await _organization(session, principal, body.organization_id)
    author_ids = await _authors(session, principal, muni, body.author_ids)
    await _references(session, body.level, body.competence_areas, body.subjects)
    p = Practice(municipality_id=muni, status="draft", **body.model_dump(include=set(SCALARS)))
    p.authors = [PracticeAuthor(municipality_id=muni, teacher_id=t, sort_order=i) for i, t in enumerate(author_ids)]
    p.materials = await _materials(session, principal, muni, body.materials)
    p.presentations = await _presentations(session, muni, body.participation_ids, author_ids)
    session.add(p)
    await session.flush()
    await repo.practices.audit(
        session, principal, "create", p, {**snapshot(p, list(repo.AUDIT_FIELDS)), **_children(p)}
    )
    return await read_practice(session, principal, p.id)


async def _writable(session: AsyncSession, principal: Principal, practice_id: uuid.UUID) -> tuple[Practice, bool]:
    """The practice if the caller may change it, and whether the caller may publish it (a methodologist changes a
    practice in any state; authors and their school only a draft or a returned one)."""
    publish = principal.scope(PracticePerm.PUBLISH) if principal.has(PracticePerm.PUBLISH) else Scope()
    try:
        p = await repo.get_writable(session, principal.scope(PracticePerm.WRITE), practice_id)
    except NotFound:
        if publish.empty:
            raise
        p = await repo.get_writable(session, publish, practice_id)
    publishable = bool(await repo.in_scope(session, publish, [p.id]))
    return p, publishable


async def update_practice(
    session: AsyncSession, principal: Principal, practice_id: uuid.UUID, body: PracticeUpdate, if_match: str | None
) -> PracticeRead:
    await repo.lock(session, practice_id)
    p, publishable = await _writable(session, principal, practice_id)
    repo.practices.check_version(p, if_match)
    if p.archived_at is not None:
        raise Conflict("Практика в архиве: изменить её нельзя", code="archived")
    if p.status not in EDITABLE and not publishable:
        raise Conflict(
            f"Практика в статусе «{STATUSES[p.status]}»: изменить её может методист; авторы правят черновик "
            "или возвращённую на доработку практику",
            code="not_editable",
        )
    fields = body.model_fields_set
    values = body.model_dump(include=set(SCALARS) & fields)
    for k in ("title", "organization_id", "kind", "level", "competence_areas", "subjects"):
        if k in values and values[k] is None:
            values.pop(k)
    if "organization_id" in values and values["organization_id"] != p.organization_id:
        muni = await _organization(session, principal, values["organization_id"])
        if muni != p.municipality_id:
            raise _unprocessable("body.organization_id", "Организация не найдена", "unknown_organization")
    await _references(session, values.get("level"), values.get("competence_areas"), values.get("subjects"))
    before = _children(p)
    author_ids = [a.teacher_id for a in p.authors]
    if "author_ids" in fields and body.author_ids:
        author_ids = await _authors(session, principal, p.municipality_id, body.author_ids)
        if author_ids != [a.teacher_id for a in p.authors]:
            p.authors = [
                PracticeAuthor(municipality_id=p.municipality_id, teacher_id=t, sort_order=i)
                for i, t in enumerate(author_ids)
            ]
    if "materials" in fields and body.materials is not None:
        wanted = await _materials(session, principal, p.municipality_id, body.materials)
        if [(m.title, m.file_id, m.url) for m in wanted] != [(m.title, m.file_id, m.url) for m in p.materials]:
            p.materials = wanted
    if ("participation_ids" in fields and body.participation_ids is not None) or "author_ids" in fields:
        ids = (
            body.participation_ids
            if body.participation_ids is not None
            else [x.participation_id for x in p.presentations]
        )
        wanted_p = await _presentations(session, p.municipality_id, ids, author_ids)
        if [x.participation_id for x in wanted_p] != [x.participation_id for x in p.presentations]:
            p.presentations = wanted_p
    after = _children(p)
    extra = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    await repo.practices.update(session, principal, p, values, if_match, extra_changes=extra)
    return await read_practice(session, principal, p.id)


async def archive_practice(
    session: AsyncSession, principal: Principal, practice_id: uuid.UUID, reason: str, if_match: str | None
) -> PracticeRead:
    p, publishable = await _writable(session, principal, practice_id)
    if p.status not in EDITABLE and not publishable and p.archived_at is None:
        raise Conflict(
            f"Практика в статусе «{STATUSES[p.status]}»: отправить её в архив может методист", code="not_editable"
        )
    await repo.practices.archive(session, principal, p, reason, if_match)
    return await read_practice(session, principal, p.id)


async def _for_transition(
    session: AsyncSession, principal: Principal, practice_id: uuid.UUID, perm: str, if_match: str | None
) -> Practice:
    await repo.lock(session, practice_id)
    p = await repo.get_writable(session, principal.scope(perm), practice_id)
    repo.practices.check_version(p, if_match, required=True)
    if p.archived_at is not None:
        raise Conflict("Практика в архиве", code="archived")
    return p


async def submit(
    session: AsyncSession, principal: Principal, practice_id: uuid.UUID, comment: str | None, if_match: str | None
) -> PracticeRead:
    p = await _for_transition(session, principal, practice_id, PracticePerm.WRITE, if_match)
    if p.status not in EDITABLE:
        raise _wrong_state(p, "подать её на экспертизу")
    if not (p.description or "").strip() or not p.authors:
        raise Conflict("Опишите практику (описание и авторы) перед подачей на экспертизу", code="incomplete")
    extra = {"comment": comment} if comment else None
    await repo.practices.update(
        session, principal, p, {"status": "submitted", "submitted_at": utcnow()}, if_match, extra_changes=extra
    )
    return await read_practice(session, principal, p.id)


async def _reviewer_conflict(
    session: AsyncSession, p: Practice, user_id: uuid.UUID, name: str
) -> tuple[str, str] | None:
    """Why the user cannot review this practice: an author; or working at the authors' school (or at the practice's
    organization) — by the user's school-administrator roles and the workplaces of the user's teacher record."""
    links = await users.role_links(session, user_id)
    author_ids = {a.teacher_id for a in p.authors}
    own_teachers = {r.teacher_id for r in links if r.teacher_id}
    if own_teachers & author_ids:
        return "reviewer_is_author", f"{name} — автор практики: автор не может быть её экспертом"
    today = date.today()
    reviewer_orgs = {r.organization_id for r in links if r.organization_id}
    for orgs in (await teachers.organizations_on(session, own_teachers, today)).values():
        reviewer_orgs |= orgs
    authors_orgs = {p.organization_id}
    for orgs in (await teachers.organizations_on(session, author_ids, today)).values():
        authors_orgs |= orgs
    common = reviewer_orgs & authors_orgs
    if common:
        org_names = await organizations.names(session, common)
        where = ", ".join(sorted(org_names.get(o, "") for o in common))
        return (
            "reviewer_same_school",
            f"{name} работает в организации авторов практики ({where}): эксперт должен быть из другой организации",
        )
    return None


async def _reviewer(session: AsyncSession, p: Practice, user_id: uuid.UUID) -> str:
    """The reviewer's name, or 422 naming why the user cannot review this practice."""
    actor = await load_actor(session, "user", user_id)
    if actor is None or not actor.has(PracticePerm.REVIEW):
        raise _unprocessable("body.reviewer_ids", "Пользователь не найден среди экспертов", "unknown_reviewer")
    if not actor.scope(PracticePerm.REVIEW).covers_municipality(p.municipality_id):
        raise _unprocessable("body.reviewer_ids", "Пользователь не найден среди экспертов", "unknown_reviewer")
    conflict = await _reviewer_conflict(session, p, user_id, actor.name)
    if conflict is not None:
        raise _unprocessable("body.reviewer_ids", conflict[1], conflict[0])
    return actor.name


async def start_review(
    session: AsyncSession,
    principal: Principal,
    practice_id: uuid.UUID,
    reviewer_ids: list[uuid.UUID],
    if_match: str | None,
) -> PracticeRead:
    p = await _for_transition(session, principal, practice_id, PracticePerm.PUBLISH, if_match)
    if p.status != "submitted":
        raise _wrong_state(p, "назначить экспертов")
    wanted = list(dict.fromkeys(reviewer_ids)) or ([principal.id] if principal.kind in ("user", "system") else [])
    if not wanted:
        raise _unprocessable("body.reviewer_ids", "Назначьте хотя бы одного эксперта", "reviewers_required")
    names = [await _reviewer(session, p, uid) for uid in wanted]
    round_ = p.review_round + 1
    for uid, name in zip(wanted, names, strict=True):
        session.add(
            PracticeReview(
                municipality_id=p.municipality_id, practice_id=p.id, round=round_, reviewer_id=uid, reviewer_name=name
            )
        )
    await repo.practices.update(
        session,
        principal,
        p,
        {"status": "under_review", "review_round": round_},
        if_match,
        extra_changes={"reviewers": names},
    )
    return await read_practice(session, principal, p.id)


async def active_criteria(session: AsyncSession, municipality_id: uuid.UUID) -> list[PracticeCriterion]:
    return [c for c in await _criteria(session, municipality_id) if c.is_active]


async def _criteria(session: AsyncSession, municipality_id: uuid.UUID) -> list[PracticeCriterion]:
    """The municipality's criteria; the default set (0–3 each) is made on first use."""
    found = await repo.criteria_of(session, municipality_id)
    if found:
        return found
    await repo.lock_criteria(session, municipality_id)
    found = await repo.criteria_of(session, municipality_id)
    if found:
        return found
    for i, (code, name, top) in enumerate(DEFAULT_CRITERIA, start=1):
        c = PracticeCriterion(municipality_id=municipality_id, code=code, name=name, max_score=top, sort_order=i * 10)
        await repo.criteria.create(session, None, c)
    return await repo.criteria_of(session, municipality_id)


async def record_review(
    session: AsyncSession,
    principal: Principal,
    practice_id: uuid.UUID,
    body: PracticeReviewCreate,
    if_match: str | None,
) -> PracticeRead:
    await repo.lock(session, practice_id)
    p = await repo.readable(session, principal, practice_id)
    if p is None:
        raise NotFound("Практика не найдена")
    repo.practices.check_version(p, if_match, required=True)
    if p.archived_at is not None:
        raise Conflict("Практика в архиве", code="archived")
    if p.status != "under_review":
        raise _wrong_state(p, "провести экспертизу")
    review = await repo.review_of(session, p, p.review_round, principal.id)
    if review is None:
        raise Conflict("Вы не назначены экспертом этой практики", code="not_assigned")
    if review.status == "done":
        raise Conflict("Вы уже провели экспертизу этой практики в этом круге", code="already_reviewed")
    conflict = await _reviewer_conflict(session, p, principal.id, principal.name)
    if conflict is not None:
        raise Unprocessable(conflict[1], code=conflict[0])
    crit = await active_criteria(session, p.municipality_id)
    codes = {c.code for c in crit}
    unknown = sorted(set(body.scores) - codes)
    if unknown:
        raise _unprocessable("body.scores", f"Нет такого критерия: {', '.join(unknown)}", "unknown_criterion")
    for c in crit:
        score = body.scores.get(c.code)
        if score is None:
            raise _unprocessable("body.scores", f"Нет балла по критерию «{c.name}»", "score_missing")
        if not 0 <= score <= c.max_score:
            raise _unprocessable(
                "body.scores", f"Балл по критерию «{c.name}» — от 0 до {c.max_score}", "score_out_of_range"
            )
    review.status = "done"
    review.scores = {c.code: body.scores[c.code] for c in crit}
    review.criteria = [{"code": c.code, "name": c.name, "max_score": c.max_score} for c in crit]
    review.total = sum(review.scores.values())
    review.max_total = sum(c.max_score for c in crit)
    review.recommendation = body.recommendation
    review.comment = body.comment
    review.reviewed_at = utcnow()
    await session.flush()
    summary = {
        "reviewer": principal.name,
        "total": f"{review.total} из {review.max_total}",
        "recommendation": RECOMMENDATIONS[body.recommendation],
    }
    await repo.practices.update(session, principal, p, {}, if_match, extra_changes={"review": summary})
    return await read_practice(session, principal, p.id)


async def publish(
    session: AsyncSession,
    principal: Principal,
    practice_id: uuid.UUID,
    comment: str | None,
    if_match: str | None,
    published_on: date | None = None,
) -> PracticeRead:
    """Publish a practice in review. `published_on` records a past publication date (historical data), never a
    future one, and only at the first publication (a re-publication keeps the date)."""
    if published_on is not None and published_on > utcnow().date():
        raise _unprocessable("body.published_on", "Дата публикации не может быть в будущем", "future_date")
    p = await _for_transition(session, principal, practice_id, PracticePerm.PUBLISH, if_match)
    if p.status != "under_review":
        raise _wrong_state(p, "опубликовать её")
    done = [r for r in await repo.reviews_of(session, [p.id]) if r.round == p.review_round and r.status == "done"]
    if not done:
        raise Conflict("Ни один эксперт ещё не провёл экспертизу: опубликовать практику нельзя", code="no_reviews")
    values: dict[str, Any] = {"status": "published"}
    if p.published_at is None:  # the first publication; a re-publication keeps the date
        values["published_at"] = (
            datetime.combine(published_on, time(0), tzinfo=UTC) if published_on is not None else utcnow()
        )
    elif published_on is not None:
        raise Conflict("Дата публикации уже записана при первой публикации", code="published_on_kept")
    extra = {"comment": comment} if comment else None
    await repo.practices.update(session, principal, p, values, if_match, extra_changes=extra)
    return await read_practice(session, principal, p.id)


async def return_practice(
    session: AsyncSession, principal: Principal, practice_id: uuid.UUID, comment: str, if_match: str | None
) -> PracticeRead:
    p = await _for_transition(session, principal, practice_id, PracticePerm.PUBLISH, if_match)
    if p.status not in ("submitted", "under_review", "published"):
        raise _wrong_state(p, "вернуть её на доработку")
    await repo.practices.update(session, principal, p, {"status": "returned", "return_comment": comment}, if_match)
    return await read_practice(session, principal, p.id)


async def reviewer_candidates(
    session: AsyncSession, principal: Principal, practice_id: uuid.UUID
) -> PracticeReviewerCandidates:
    """The experts of the practice's municipality (people whose roles carry `practices:review`), each with the
    reason they cannot review this practice, if any."""
    p = await repo.get_writable(session, principal.scope(PracticePerm.PUBLISH), practice_id)
    roles = [r for r, grants in ROLE_GRANTS.items() if r != "sysadmin" and PracticePerm.REVIEW in grants]
    items = []
    for uid, name in await users.holders_in_municipality(session, p.municipality_id, roles):
        conflict = await _reviewer_conflict(session, p, uid, name)
        items.append(PracticeReviewerCandidate(user_id=uid, full_name=name, conflict=conflict[1] if conflict else None))
    return PracticeReviewerCandidates(items=items, total=len(items))


# --- criteria -----------------------------------------------------------------------------------------------------


def _criterion_read(c: PracticeCriterion, writable: bool) -> PracticeCriterionRead:
    out = PracticeCriterionRead.model_validate(c)
    out.actions = ["update"] if writable else []
    return out


def _municipality(principal: Principal, municipality_id: uuid.UUID | None, perm: str) -> uuid.UUID | None:
    muni = municipality_id or principal.single_municipality_id()
    if muni is None or not principal.scope(perm).covers_municipality(muni):
        return None
    return muni


async def list_criteria(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID | None
) -> PracticeCriteriaList:
    muni = municipality_id or principal.single_municipality_id()
    read = principal.scope(PracticePerm.READ)
    if muni is None:  # no municipality named and none of one's own (the system administrator)
        return PracticeCriteriaList(items=[], total=0)
    if not read.covers_municipality(muni):
        raise NotFound("Муниципалитет не найден")
    if not await tenants.municipality_exists(session, muni):
        raise NotFound("Муниципалитет не найден")
    writable = principal.has(PracticePerm.PUBLISH) and principal.scope(PracticePerm.PUBLISH).covers_municipality(muni)
    items = [_criterion_read(c, writable) for c in await _criteria(session, muni)]
    return PracticeCriteriaList(items=items, total=len(items))


async def create_criterion(
    session: AsyncSession, principal: Principal, body: PracticeCriterionCreate
) -> PracticeCriterionRead:
    muni = _municipality(principal, body.municipality_id, PracticePerm.PUBLISH)
    if muni is None or not await tenants.municipality_exists(session, muni):
        raise _unprocessable("body.municipality_id", "Муниципалитет не найден", "unknown_municipality")
    await _criteria(session, muni)
    if await repo.criterion_code_taken(session, muni, body.code):
        raise Conflict(f"Критерий с кодом «{body.code}» уже есть", code="criterion_exists")
    c = PracticeCriterion(municipality_id=muni, **body.model_dump(exclude={"municipality_id"}))
    await repo.criteria.create(session, principal, c)
    return _criterion_read(c, True)


async def update_criterion(
    session: AsyncSession,
    principal: Principal,
    criterion_id: uuid.UUID,
    body: PracticeCriterionUpdate,
    if_match: str | None,
) -> PracticeCriterionRead:
    c = await repo.criteria.get(session, principal.scope(PracticePerm.PUBLISH), criterion_id)
    values = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}
    await repo.criteria.update(session, principal, c, values, if_match)
    return _criterion_read(c, True)


# --- exports ------------------------------------------------------------------------------------------------------

COLUMNS = [
    Column("№", 6, "number"),
    Column("Название", 48),
    Column("Вид", 20),
    Column("Уровень", 16),
    Column("Организация", 28),
    Column("Авторы", 40),
    Column("Области компетенций", 32),
    Column("Предметы", 24),
    Column("Статус", 18),
    Column("Подана", 12, "date"),
    Column("Опубликована", 12, "date"),
    Column("Средний балл экспертизы", 10),
    Column("Выступления", 40),
    Column("В архиве", 10),
]


async def export_practices(
    session: AsyncSession, principal: Principal, f: PracticeFilters, sort: str | None, fmt: str
) -> bytes:
    rows = await repo.all_rows(session, principal, f, sort, MAX_EXPORT_ROWS + 1)
    if len(rows) > MAX_EXPORT_ROWS:
        raise Unprocessable(
            f"Слишком много строк для выгрузки (больше {MAX_EXPORT_ROWS:,}). Уточните фильтры.".replace(",", " "),
            code="export_too_large",
        )
    reads = await _reads(session, principal, rows)
    table = [
        [
            i,
            r.title,
            r.kind_label,
            r.level_label,
            r.organization_name,
            ", ".join(a.full_name for a in r.authors),
            ", ".join(r.competence_area_labels),
            ", ".join(r.subject_labels),
            r.status_label,
            r.submitted_at.date() if r.submitted_at else None,
            r.published_at.date() if r.published_at else None,
            f"{r.review_total} из {r.review_max}" if r.review_total is not None else None,
            "; ".join(f"{x.event_title} ({x.event_start_date:%d.%m.%Y})" for x in r.presentations),
            "да" if r.archived_at else "",
        ]
        for i, r in enumerate(reads, start=1)
    ]
    await record(
        session,
        principal,
        "export",
        "practice",
        None,
        principal.single_municipality_id(),
        {"format": fmt, "rows": len(table), "filters": f.summary()},
    )
    return await run_in_threadpool(render, fmt, COLUMNS, table, "Банк практик")  # type: ignore[arg-type]


async def published_count(session: AsyncSession, municipality_id: uuid.UUID, start: date, end: date) -> int:
    """K-4.1.1: practices published (first publication date) in the period."""
    return await repo.published_count(session, municipality_id, start, end)


# --- the teacher's growth timeline (read by app.growth) ---

TIMELINE_LIMIT = 1_000


async def timeline(session: AsyncSession, principal: Principal, teacher_id: uuid.UUID) -> list[TimelineEntry]:
    """The practices the teacher is an author of, as the caller reads them (published ones; before publication only
    for those who may read them then), not archived: a published one on its publication date, another on the date it
    was submitted (or described), with its kind, level and state."""
    if not principal.has(PracticePerm.READ):
        return []
    f = PracticeFilters(None, None, None, None, None, None, None, None, teacher_id, include_archived=False)
    rows = await repo.all_rows(session, principal, f, None, TIMELINE_LIMIT)
    if not rows:
        return []
    levels = await reference.event_level_names(session)
    out = []
    for row in rows:
        p: Practice = row[0]
        published = p.status == "published" and p.published_at is not None
        when = (p.published_at if published else p.submitted_at) or p.created_at
        detail = "; ".join(
            (
                KINDS.get(p.kind, p.kind),
                f"{levels.get(p.level, p.level)} уровень",
                "опубликована в банке практик" if published else STATUSES.get(p.status, p.status),
            )
        )
        out.append(
            TimelineEntry(
                kind="practice",
                kind_label="Практика",
                record_id=p.id,
                start=when.date(),
                title=p.title,
                detail=detail,
            )
        )
    return out


register_source("practices", timeline)
