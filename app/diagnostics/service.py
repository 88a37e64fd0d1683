"""Diagnostics: frameworks; instruments (draft → published, immutable once published; a new version is a copy;
JSON and XLSX import and export); campaigns (target group, window, yearly repeat; assignments made set-based when
the window opens); the teacher's own assignment (answers saved as they go with If-Match, one submission, scored
on submission into the deficit profile); reminders (recorded, one per assignment per 24 hours); completion per
organization, the ranking of a topic survey, and the deficit profiles by scope. Every write is audited."""

from __future__ import annotations

import io
import json
import math
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.concurrency import run_in_threadpool

from app.core.access import Principal, Scope
from app.core.audit_trail import record
from app.core.db import utcnow
from app.core.errors import Conflict, FieldError, NotFound, TooManyRequests, Unprocessable
from app.core.pagination import Page, PageParams
from app.core.sheets import FileError, cell_text, header_index, read_upload, text
from app.diagnostics import repository as repo
from app.diagnostics import scoring
from app.diagnostics.models import (
    ASSIGNMENT_STATUSES,
    BANDS,
    INSTRUMENT_KINDS,
    INSTRUMENT_STATUSES,
    DiagAssignment,
    DiagCampaign,
    DiagInstrument,
    DiagProfileArea,
    DiagReminder,
)
from app.diagnostics.permissions import DiagnosticsPerm
from app.diagnostics.schemas import (
    AnswersUpdate,
    AreaResult,
    AssignmentFilters,
    AssignmentRead,
    CampaignCreate,
    CampaignFilters,
    CampaignRead,
    CampaignUpdate,
    CompletionRow,
    DeficitProfileRead,
    FrameworkAreaRead,
    FrameworkRead,
    InstrumentContent,
    InstrumentCreate,
    InstrumentExport,
    InstrumentFilters,
    InstrumentImportIssue,
    InstrumentImportReport,
    InstrumentRead,
    InstrumentSummary,
    InstrumentUpdate,
    MultipleItem,
    MyAssignmentRead,
    NewVersionRequest,
    ProfileFilters,
    SingleItem,
    TextItem,
    TopicResults,
    TopicRow,
)
from app.jobs import service as jobs
from app.notifications import service as notifications
from app.organizations import service as organizations
from app.reference import service as reference
from app.teachers import service as teachers
from app.users import service as users

P = DiagnosticsPerm
LAUNCH_KIND = "diagnostics_launch"
# More targeted teachers than this: the assignments are made by a background job (202-like: `launch_job_id`).
LAUNCH_JOB_THRESHOLD = 3000
REMINDER_INTERVAL = timedelta(hours=24)
MAX_TOPIC_TEXTS = 200


def _field_error(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, code=code, errors=[FieldError(field=field, code=code, message=message)])


def _user_id(principal: Principal) -> uuid.UUID | None:
    return principal.id if principal.kind == "user" else None


# --- frameworks ---


async def list_frameworks(session: AsyncSession, principal: Principal) -> Page[FrameworkRead]:
    items = await repo.frameworks(session, principal.scope(P.READ))
    areas = await repo.framework_areas(session, [f.id for f in items])
    names = await reference.competence_area_names(session)
    out = []
    for f in items:
        read = FrameworkRead.model_validate(f)
        read.areas = [
            FrameworkAreaRead(
                area_code=a.area_code,
                area_name=names.get(a.area_code, a.area_code),
                labour_functions=list(a.labour_functions or []),
                description=a.description,
            )
            for a in areas
            if a.framework_id == f.id
        ]
        out.append(read)
    return Page(items=out, total=len(out), limit=len(out) or 1, offset=0)


async def read_framework(session: AsyncSession, principal: Principal, framework_id: uuid.UUID) -> FrameworkRead:
    for f in (await list_frameworks(session, principal)).items:
        if f.id == framework_id:
            return f
    raise NotFound("Рамка компетенций не найдена")


# --- instruments ---


def content_of(obj: DiagInstrument) -> InstrumentContent:
    return InstrumentContent.model_validate({"sections": obj.sections, "scale": obj.scale})


def _writes(principal: Principal, municipality_id: uuid.UUID | None) -> bool:
    return (
        municipality_id is not None
        and principal.has(P.WRITE)
        and principal.scope(P.WRITE).covers_municipality(municipality_id)
    )


def _instrument_actions(principal: Principal, obj: DiagInstrument) -> list[str]:
    out = ["export"]
    if obj.archived_at is not None:
        return out
    mine = _writes(principal, obj.municipality_id)
    if obj.status == "draft" and mine:
        out += ["update", "publish"]
    if obj.status == "published" and (mine or (obj.municipality_id is None and principal.has(P.WRITE))):
        out.append("new_version")
    if mine:
        out.append("archive")
    return out


def _summary_fields(obj: DiagInstrument, principal: Principal) -> dict[str, Any]:
    return {
        **{k: getattr(obj, k) for k in InstrumentSummary.model_fields if hasattr(obj, k)},
        "kind_label": INSTRUMENT_KINDS.get(obj.kind, obj.kind),
        "status_label": INSTRUMENT_STATUSES.get(obj.status, obj.status),
        "item_count": sum(len(s.get("items", [])) for s in obj.sections or []),
        "actions": _instrument_actions(principal, obj),
    }


def instrument_read(obj: DiagInstrument, principal: Principal) -> InstrumentRead:
    return InstrumentRead.model_validate(
        {
            **_summary_fields(obj, principal),
            "sections": obj.sections,
            "scale": obj.scale,
            "area_max": scoring.area_max(content_of(obj)),
        }
    )


async def list_instruments(
    session: AsyncSession, principal: Principal, f: InstrumentFilters, page: PageParams
) -> Page[InstrumentSummary]:
    rows, total = await repo.instrument_page(session, principal.scope(P.READ), principal.scope(P.WRITE), f, page)
    items = [InstrumentSummary.model_validate(_summary_fields(r, principal)) for r in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def _readable(session: AsyncSession, principal: Principal, instrument_id: uuid.UUID) -> DiagInstrument:
    obj = await repo.readable_instrument(session, principal.scope(P.READ), principal.scope(P.WRITE), instrument_id)
    if obj is None:
        raise NotFound(repo.instruments.not_found)
    return obj


async def read_instrument(session: AsyncSession, principal: Principal, instrument_id: uuid.UUID) -> InstrumentRead:
    return instrument_read(await _readable(session, principal, instrument_id), principal)


async def _owner(session: AsyncSession, principal: Principal, requested: uuid.UUID | None, field: str) -> uuid.UUID:
    """The municipality a new instrument or campaign belongs to: the one asked for inside the caller's write scope
    (a municipality outside it answers like one that does not exist), or the caller's only one."""
    muni = requested or principal.single_municipality_id()
    if muni is None:
        raise _field_error(field, "Укажите муниципалитет", "required")
    if not principal.scope(P.WRITE).covers_municipality(muni):
        raise _field_error(field, "Муниципалитет не найден", "unknown_municipality")
    return muni


async def _check_content(session: AsyncSession, content: InstrumentContent, field: str) -> None:
    codes = sorted({s.area_code for s in content.sections if s.area_code})
    if codes:
        await reference.ensure_competence_areas(session, codes, field)


async def _check_framework(session: AsyncSession, principal: Principal, framework_id: uuid.UUID | None) -> None:
    if framework_id is not None and not await repo.framework_exists(session, principal.scope(P.READ), framework_id):
        raise _field_error("body.framework_id", "Рамка компетенций не найдена", "unknown_framework")


async def create_instrument(
    session: AsyncSession, principal: Principal, body: InstrumentCreate, *, action: str = "create"
) -> InstrumentRead:
    muni = await _owner(session, principal, body.municipality_id, "body.municipality_id")
    await _check_content(session, body, "body.sections")
    await _check_framework(session, principal, body.framework_id)
    family = uuid.uuid4()
    obj = DiagInstrument(
        id=family,
        municipality_id=muni,
        family_id=family,
        instrument_version=1,
        framework_id=body.framework_id,
        kind=body.kind,
        title=body.title,
        description=body.description,
        status="draft",
        sections=[s.model_dump(mode="json", exclude_none=False) for s in body.sections],
        scale=body.scale.model_dump(mode="json"),
    )
    await repo.instruments.create(session, principal, obj)
    if action != "create":
        await repo.instruments.audit(session, principal, action, obj, {"source": action})
    return instrument_read(obj, principal)


async def _writable(session: AsyncSession, principal: Principal, instrument_id: uuid.UUID) -> DiagInstrument:
    obj = await repo.instruments.get(session, principal.scope(P.WRITE), instrument_id)
    if obj.municipality_id is None and not principal.is_sysadmin:
        raise NotFound(repo.instruments.not_found)
    if obj.archived_at is not None:
        raise Conflict("Инструмент в архиве: действия с ним недоступны", code="archived")
    return obj


def _immutable(obj: DiagInstrument) -> Conflict:
    return Conflict(
        f"Версия {obj.instrument_version} опубликована и не меняется: по ней уже могут быть ответы. "
        "Создайте новую версию и измените её.",
        code="published_immutable",
        extra={"status": obj.status},
    )


async def update_instrument(
    session: AsyncSession, principal: Principal, instrument_id: uuid.UUID, body: InstrumentUpdate, if_match: str | None
) -> InstrumentRead:
    obj = await _writable(session, principal, instrument_id)
    repo.instruments.check_version(obj, if_match)
    if obj.status != "draft":
        raise _immutable(obj)
    values = body.model_dump(exclude_unset=True, mode="json")
    for key in ("title", "kind", "sections", "scale"):
        if key in values and values[key] is None:
            raise _field_error(f"body.{key}", "Поле не может быть пустым", "null_not_allowed")
    try:
        content = InstrumentContent.model_validate(
            {"sections": values.get("sections", obj.sections), "scale": values.get("scale", obj.scale)}
        )
    except ValidationError as e:
        raise _field_error("body.sections", _first_error(e), "invalid_content") from e
    await _check_content(session, content, "body.sections")
    if "framework_id" in values and values["framework_id"] is not None:
        await _check_framework(session, principal, uuid.UUID(str(values["framework_id"])))
    if "framework_id" in values and values["framework_id"] is not None:
        values["framework_id"] = uuid.UUID(str(values["framework_id"]))
    # the content itself is not copied into the audit log: the entry says what changed in it
    extra: dict[str, Any] = {}
    if "sections" in values:
        values.pop("sections")
        new_sections = [s.model_dump(mode="json") for s in content.sections]
        if new_sections != obj.sections:
            obj.sections = new_sections
            extra["sections"] = f"разделов: {len(new_sections)}, заданий: {len(content.items())}"
    if "scale" in values:
        values.pop("scale")
        new_scale = content.scale.model_dump(mode="json")
        if new_scale != obj.scale:
            obj.scale = new_scale
            extra["scale"] = (
                f"дефицит ниже {content.scale.deficit_below} %, частичный ниже {content.scale.partial_below} %"
            )
    await repo.instruments.update(session, principal, obj, values, if_match, extra_changes=extra)
    return instrument_read(obj, principal)


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ()))
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


async def publish_instrument(
    session: AsyncSession, principal: Principal, instrument_id: uuid.UUID, if_match: str | None
) -> InstrumentRead:
    obj = await _writable(session, principal, instrument_id)
    repo.instruments.check_version(obj, if_match)
    if obj.status != "draft":
        raise Conflict("Версия уже опубликована", code="already_published")
    content = content_of(obj)
    if obj.kind != "topic_survey" and not scoring.area_max(content):
        raise Unprocessable(
            "В инструменте нет ни одного оцениваемого задания в разделе с областью компетенций",
            code="nothing_to_score",
        )
    obj.status = "published"
    obj.published_at = obj.updated_at = utcnow()
    await session.flush()
    await repo.instruments.audit(session, principal, "publish", obj, {"status": "published"})
    return instrument_read(obj, principal)


async def new_version(
    session: AsyncSession, principal: Principal, instrument_id: uuid.UUID, body: NewVersionRequest
) -> InstrumentRead:
    """A draft copy of a published version: the next version of the same instrument, or — for a shipped instrument —
    the first version of the municipality's own copy."""
    src = await _readable(session, principal, instrument_id)
    if src.archived_at is not None:
        raise Conflict("Инструмент в архиве", code="archived")
    if src.status != "published":
        raise Conflict("Новую версию делают из опубликованной; черновик можно изменять", code="not_published")
    if src.municipality_id is None:
        muni = await _owner(session, principal, body.municipality_id, "body.municipality_id")
        family, number = uuid.uuid4(), 1
    else:
        if not _writes(principal, src.municipality_id):
            raise NotFound(repo.instruments.not_found)
        muni, family = src.municipality_id, src.family_id
        number = await repo.next_version(session, family)
    obj = DiagInstrument(
        municipality_id=muni,
        family_id=family,
        instrument_version=number,
        framework_id=src.framework_id,
        kind=src.kind,
        title=src.title,
        description=src.description,
        status="draft",
        sections=src.sections,
        scale=src.scale,
        copied_from_id=src.id,
    )
    if src.municipality_id is None:
        obj.id = family
    await repo.instruments.create(session, principal, obj)
    await repo.instruments.audit(session, principal, "new_version", obj, {"instrument_version": number})
    return instrument_read(obj, principal)


async def archive_instrument(
    session: AsyncSession, principal: Principal, instrument_id: uuid.UUID, reason: str, if_match: str | None
) -> InstrumentRead:
    obj = await repo.instruments.get(session, principal.scope(P.WRITE), instrument_id)
    if obj.municipality_id is None and not principal.is_sysadmin:
        raise NotFound(repo.instruments.not_found)
    await repo.instruments.archive(session, principal, obj, reason, if_match)
    return instrument_read(obj, principal)


# --- import and export ---

TYPE_NAMES = {"single": "один ответ", "multiple": "несколько ответов", "scale": "шкала", "text": "текст"}
TYPE_SYNONYMS = {
    **{v: k for k, v in TYPE_NAMES.items()},
    **{k: k for k in TYPE_NAMES},
    "один": "single",
    "выбор одного": "single",
    "несколько": "multiple",
    "множественный выбор": "multiple",
    "самооценка": "scale",
}
COLUMNS = [
    ("section", "Раздел", ("раздел", "название раздела")),
    ("area", "Область", ("область", "область компетенций", "код области")),
    ("code", "Код", ("код", "код задания")),
    ("type", "Тип", ("тип", "тип задания")),
    ("text", "Задание", ("задание", "текст", "текст задания", "вопрос")),
    ("options", "Варианты", ("варианты", "варианты ответа")),
    ("correct", "Верный ответ", ("верный ответ", "верные ответы", "ответ")),
    ("points", "Баллы", ("баллы", "балл")),
    ("scale_max", "Максимум шкалы", ("максимум шкалы", "шкала до", "шкала")),
]
XLSX_INDEX = header_index({key: (title, *syn) for key, title, syn in COLUMNS})
OPTION_SEPARATOR = "\n"


def _option_cell(options: list[dict[str, Any]]) -> str:
    return OPTION_SEPARATOR.join(f"{o['key']}) {o['text']}" for o in options)


def _parse_options(raw: str) -> list[dict[str, str]]:
    parts = [p.strip() for p in raw.replace("\r", "").replace(";", "\n").split("\n") if p.strip()]
    out = []
    for i, part in enumerate(parts):
        key, _, rest = part.partition(")")
        if rest and key.strip().isalnum() and len(key.strip()) <= 8:
            out.append({"key": key.strip().lower(), "text": rest.strip()})
        else:
            out.append({"key": "abcdefghijklmnopqrstuvwxyz"[i] if i < 26 else f"o{i}", "text": part})
    return out


def render_xlsx(obj: DiagInstrument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Задания"
    ws.append([f"{obj.title} (версия {obj.instrument_version})"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([title for _, title, _ in COLUMNS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for section in obj.sections:
        for item in section.get("items", []):
            correct = item.get("correct")
            ws.append(
                [
                    section.get("title"),
                    section.get("area_code") or "",
                    item["code"],
                    TYPE_NAMES[item["type"]],
                    item["text"],
                    _option_cell(item.get("options") or []) or None,
                    ", ".join(correct) if isinstance(correct, list) else correct,
                    item.get("points") if item["type"] in ("single", "multiple") else None,
                    item.get("scale_max"),
                ]
            )
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (28, 14, 14, 16, 60, 50, 14, 8, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    scale = obj.scale or {}
    info = wb.create_sheet("Шкала")
    info.append(["Область", "Дефицит ниже, %", "Частичный дефицит ниже, %"])
    info.append(["(все области)", scale.get("deficit_below", 50), scale.get("partial_below", 75)])
    for area, limits in (scale.get("areas") or {}).items():
        info.append([area, limits.get("deficit_below"), limits.get("partial_below")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_json(obj: DiagInstrument) -> bytes:
    body = InstrumentExport.model_validate(
        {
            "kind": obj.kind,
            "title": obj.title,
            "description": obj.description,
            "sections": obj.sections,
            "scale": obj.scale,
        }
    )
    return json.dumps(body.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8")


async def export_instrument(
    session: AsyncSession, principal: Principal, instrument_id: uuid.UUID, fmt: str
) -> tuple[bytes, str]:
    obj = await _readable(session, principal, instrument_id)
    content = export_json(obj) if fmt == "json" else await run_in_threadpool(render_xlsx, obj)
    await record(session, principal, "export", "diag_instrument", obj.id, obj.municipality_id, {"format": fmt})
    return content, f"{obj.title} (версия {obj.instrument_version})"


def _int(v: Any) -> int | None:
    s = text(v)
    if not s:
        return None
    try:
        return int(float(s.replace(",", ".")))
    except ValueError:
        return None


def _sections_from_sheet(rows: list[Any]) -> tuple[list[dict[str, Any]], list[InstrumentImportIssue], dict[str, int]]:
    """Rows (one item per row) → sections in the order they appear; problems per row; the line of each item."""
    lines: dict[str, int] = {}
    sections: list[dict[str, Any]] = []
    issues: list[InstrumentImportIssue] = []
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    for n, row in enumerate(rows, start=1):
        v = row.values
        line = row.line
        kind = TYPE_SYNONYMS.get(text(v.get("type")).lower())
        if kind is None:
            issues.append(
                InstrumentImportIssue(
                    line=line, field="Тип", message="Тип: один ответ, несколько ответов, шкала, текст"
                )
            )
            continue
        item: dict[str, Any] = {"code": text(v.get("code")) or f"q{n}", "type": kind, "text": text(v.get("text"))}
        if kind in ("single", "multiple"):
            item["options"] = _parse_options(text(v.get("options")))
            correct = [c.strip().lower() for c in text(v.get("correct")).replace(";", ",").split(",") if c.strip()]
            if kind == "single":
                item["correct"] = correct[0] if correct else None
            else:
                item["correct"] = correct or None
            points = _int(v.get("points"))
            item["points"] = points if points is not None else (1 if correct else 0)
        elif kind == "scale":
            item["scale_max"] = _int(v.get("scale_max")) or 0
        area = text(v.get("area")) or None
        title = text(v.get("section")) or area or "Раздел"
        key = (title, area or "")
        if key not in by_key:
            by_key[key] = {"area_code": area, "title": title, "items": []}
            sections.append(by_key[key])
        by_key[key]["items"].append(item)
        lines[item["code"]] = line
    return sections, issues, lines


def _content_issues(
    e: ValidationError, sections: list[dict[str, Any]], lines: dict[str, int]
) -> list[InstrumentImportIssue]:
    out = []
    for err in e.errors():
        loc = list(err.get("loc", ()))
        line = None
        if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "items":
            try:
                code = sections[int(loc[1])]["items"][int(loc[3])]["code"]
                line = lines.get(code)
            except (IndexError, KeyError, ValueError):
                line = None
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        field = ".".join(str(x) for x in loc[4:] if not isinstance(x, int) and x not in TYPE_NAMES) or None
        out.append(InstrumentImportIssue(line=line, field=field, message=msg))
    return out


async def import_instrument(
    session: AsyncSession,
    principal: Principal,
    *,
    filename: str,
    content: bytes,
    municipality_id: uuid.UUID | None,
    title: str | None,
    kind: str | None,
    dry_run: bool,
) -> InstrumentImportReport:
    """A JSON file (as exported) or a spreadsheet with one item per row → a draft instrument (or, with `dry_run`,
    only the report). Any error: nothing is created."""
    muni = await _owner(session, principal, municipality_id, "body.municipality_id")
    issues: list[InstrumentImportIssue] = []
    data: dict[str, Any] | None = None
    lines: dict[str, int] = {}
    if filename.lower().endswith(".json") or content.lstrip()[:1] == b"{":
        try:
            data = json.loads(content.decode("utf-8-sig"))
            if not isinstance(data, dict):
                raise ValueError
            data.pop("format", None)
        except (ValueError, UnicodeDecodeError):
            issues.append(InstrumentImportIssue(message="Файл не JSON-описание инструмента"))
    else:
        sheet = await read_upload(filename, content, XLSX_INDEX, "Не найдена строка заголовка: Раздел, Тип, Задание…")
        if isinstance(sheet, FileError):
            issues.append(InstrumentImportIssue(message=str(sheet)))
        else:
            sections, issues, lines = _sections_from_sheet(sheet.rows)
            data = {"sections": sections}
    if data is not None:  # rows already reported are skipped; the rest is still checked
        stem = filename.rsplit(".", 1)[0].strip()
        data.setdefault("title", title or (stem if len(stem) >= 3 else "Инструмент из файла")[:500])
        if title:
            data["title"] = title
        if kind:
            data["kind"] = kind
        data.setdefault("kind", "deficit")
        data["municipality_id"] = str(muni)
        try:
            body = InstrumentCreate.model_validate(data)
        except ValidationError as e:
            issues.extend(_content_issues(e, data.get("sections") or [], lines))
            body = None
        if body is not None:
            names = await reference.competence_area_names(session)
            for s in body.sections:
                if s.area_code and s.area_code not in names:
                    issues.append(
                        InstrumentImportIssue(
                            field="Область", message=f"Неизвестная область «{cell_text(s.area_code)}»"
                        )
                    )
    else:
        body = None
    count = sum(len(s.get("items", [])) for s in (data or {}).get("sections", []) or [] if isinstance(s, dict))
    report = InstrumentImportReport(
        ok=not issues,
        dry_run=dry_run,
        errors=issues[:500],
        item_count=count,
        section_count=len((data or {}).get("sections") or []),
    )
    if issues and not dry_run:
        raise Unprocessable(
            "Файл содержит ошибки: инструмент не создан",
            code="import_invalid",
            errors=[
                FieldError(field=f"file.line{i.line}" if i.line else "file", code="invalid", message=i.message)
                for i in issues[:100]
            ],
        )
    if not dry_run and body is not None:
        report.instrument = await create_instrument(session, principal, body, action="import")
    return report


# --- campaigns ---


def campaign_state(c: DiagCampaign, today: date) -> str:
    if today < c.opens_on:
        return "scheduled"
    return "open" if today <= c.closes_on else "closed"


def _campaign_read(
    c: DiagCampaign, principal: Principal, instrument: DiagInstrument | None, assigned: int, submitted: int
) -> CampaignRead:
    out = CampaignRead.model_validate(
        {
            **{k: getattr(c, k) for k in CampaignRead.model_fields if hasattr(c, k)},
            "state": campaign_state(c, date.today()),
            "assigned": assigned,
            "submitted": submitted,
        }
    )
    if instrument is not None:
        out.instrument_title = instrument.title
        out.instrument_version = instrument.instrument_version
        out.instrument_kind = instrument.kind
    if c.archived_at is None and _writes(principal, c.municipality_id):
        out.actions = ["update", "archive"]
    return out


async def list_campaigns(
    session: AsyncSession, principal: Principal, f: CampaignFilters, page: PageParams
) -> Page[CampaignRead]:
    rows, total = await repo.campaign_page(session, principal.scope(P.READ), f, page, date.today())
    insts = await repo.instruments_by_id(session, {r[0].instrument_id for r in rows})
    items = [
        _campaign_read(r[0], principal, insts.get(r[0].instrument_id), int(r.assigned), int(r.submitted)) for r in rows
    ]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def _campaign_out(session: AsyncSession, principal: Principal, c: DiagCampaign) -> CampaignRead:
    insts = await repo.instruments_by_id(session, {c.instrument_id})
    assigned, submitted = await repo.campaign_counts(session, c.id)
    return _campaign_read(c, principal, insts.get(c.instrument_id), assigned, submitted)


async def read_campaign(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> CampaignRead:
    c = await repo.campaigns.get(session, principal.scope(P.READ), campaign_id)
    return await _campaign_out(session, principal, c)


async def launch(session: AsyncSession, actor: Principal | None, c: DiagCampaign, today: date) -> int:
    """Make the assignments of an open campaign (set-based) and mark it launched (audited with the count)."""
    n = await repo.create_assignments(session, c, today)
    c.launched_at = utcnow()
    await session.flush()
    await repo.campaigns.audit(session, actor, "launch", c, {"assigned": n})
    return n


async def create_campaign(session: AsyncSession, principal: Principal, body: CampaignCreate) -> CampaignRead:
    muni = await _owner(session, principal, body.municipality_id, "body.municipality_id")
    inst = await repo.readable_instrument(
        session, principal.scope(P.READ), principal.scope(P.WRITE), body.instrument_id
    )
    if inst is None or inst.municipality_id not in (None, muni) or inst.archived_at is not None:
        raise _field_error("body.instrument_id", "Инструмент не найден", "unknown_instrument")
    if inst.status != "published":
        raise _field_error(
            "body.instrument_id", "Мониторинг назначает опубликованную версию инструмента", "not_published"
        )
    if body.target.organization_ids:
        wanted = set(body.target.organization_ids)
        found = await organizations.visible_ids(session, principal, wanted, perm=P.WRITE)
        same = {o for o in found if await organizations.municipality_of(session, o) == muni}
        if wanted - same:
            raise _field_error("body.target.organization_ids", "Организация не найдена", "unknown_organization")
    c = DiagCampaign(
        municipality_id=muni,
        instrument_id=inst.id,
        title=body.title,
        opens_on=body.opens_on,
        closes_on=body.closes_on,
        target=body.target.model_dump(mode="json"),
        repeat_yearly=body.repeat_yearly,
        created_by_id=_user_id(principal),
    )
    await repo.campaigns.create(session, principal, c)
    today = date.today()
    job_id = None
    if c.opens_on <= today <= c.closes_on:
        if await repo.count_targets(session, c, today) > LAUNCH_JOB_THRESHOLD:
            job = await jobs.start_job(
                session, principal, LAUNCH_KIND, {"campaign_id": str(c.id)}, municipality_id=muni
            )
            job_id = job.id
        else:
            await launch(session, principal, c, today)
    out = await _campaign_out(session, principal, c)
    out.launch_job_id = job_id
    return out


async def update_campaign(
    session: AsyncSession, principal: Principal, campaign_id: uuid.UUID, body: CampaignUpdate, if_match: str | None
) -> CampaignRead:
    """Edit a campaign: the title, the closing date (extend or shorten) and the yearly repeat at any time; the
    opening date and the target group only before the assignments are made (409 `already_launched`). A window that
    now contains today makes the assignments."""
    c = await repo.campaigns.get(session, principal.scope(P.WRITE), campaign_id)
    repo.campaigns.check_version(c, if_match, required=True)
    if c.archived_at is not None:
        raise Conflict("Мониторинг в архиве", code="archived")
    values = body.model_dump(exclude_unset=True, mode="json")
    for key, value in values.items():
        if value is None:
            raise _field_error(f"body.{key}", "Поле не может быть пустым", "null_not_allowed")
    if c.launched_at is not None and ({"opens_on", "target"} & set(values)):
        raise Conflict(
            "Назначения уже созданы: дату открытия и целевую группу изменить нельзя (продлить окно можно)",
            code="already_launched",
        )
    opens = date.fromisoformat(values["opens_on"]) if "opens_on" in values else c.opens_on
    closes = date.fromisoformat(values["closes_on"]) if "closes_on" in values else c.closes_on
    if closes < opens:
        raise _field_error("body.closes_on", "Дата закрытия раньше даты открытия", "window")
    if "target" in values:
        body_target = body.target
        if body_target.organization_ids:
            wanted = set(body_target.organization_ids)
            found = await organizations.visible_ids(session, principal, wanted, perm=P.WRITE)
            same = {o for o in found if await organizations.municipality_of(session, o) == c.municipality_id}
            if wanted - same:
                raise _field_error("body.target.organization_ids", "Организация не найдена", "unknown_organization")
    values["opens_on"], values["closes_on"] = opens, closes
    if "opens_on" not in body.model_fields_set:
        values.pop("opens_on")
    if "closes_on" not in body.model_fields_set:
        values.pop("closes_on")
    await repo.campaigns.update(session, principal, c, values, if_match)
    today = date.today()
    if c.launched_at is None and c.opens_on <= today <= c.closes_on:
        await launch(session, principal, c, today)
    return await _campaign_out(session, principal, c)


async def archive_campaign(
    session: AsyncSession, principal: Principal, campaign_id: uuid.UUID, reason: str, if_match: str | None
) -> CampaignRead:
    c = await repo.campaigns.get(session, principal.scope(P.WRITE), campaign_id)
    await repo.campaigns.archive(session, principal, c, reason, if_match)
    return await _campaign_out(session, principal, c)


def _next_year(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


async def repeat_campaign(session: AsyncSession, actor: Principal | None, c: DiagCampaign) -> DiagCampaign:
    """Next year's copy of a yearly campaign (same instrument version, target and window a year later)."""
    nxt = DiagCampaign(
        municipality_id=c.municipality_id,
        instrument_id=c.instrument_id,
        title=c.title,
        opens_on=_next_year(c.opens_on),
        closes_on=_next_year(c.closes_on),
        target=c.target,
        repeat_yearly=True,
        repeated_from_id=c.id,
    )
    await repo.campaigns.create(session, actor, nxt)
    await repo.campaigns.audit(session, actor, "repeat", nxt, {"opens_on": nxt.opens_on.isoformat()})
    return nxt


async def launch_by_job(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> int:
    """The background job of a large campaign: make its assignments unless made already (by the nightly job)."""
    c = await repo.campaigns.get(session, principal.scope(P.WRITE), campaign_id)
    if c.launched_at is not None or c.archived_at is not None:
        return 0
    return await launch(session, principal, c, date.today())


async def _monitored(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> DiagCampaign:
    return await repo.campaigns.get(session, principal.scope(P.MONITOR), campaign_id)


async def completion(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> list[CompletionRow]:
    c = await _monitored(session, principal, campaign_id)
    rows = await repo.completion(session, principal.scope(P.MONITOR), c.id)
    names = await organizations.names(session, {r.organization_id for r in rows if r.organization_id})
    out = [
        CompletionRow(
            organization_id=r.organization_id,
            organization_name=names.get(r.organization_id) if r.organization_id else "Без места работы",
            assigned=int(r.assigned),
            started=int(r.started),
            submitted=int(r.submitted),
            percent=round(int(r.submitted) * 100 / int(r.assigned), 1) if r.assigned else None,
        )
        for r in rows
    ]
    return sorted(out, key=lambda x: (x.percent if x.percent is not None else 101, x.organization_name or ""))


async def topic_results(session: AsyncSession, principal: Principal, campaign_id: uuid.UUID) -> TopicResults:
    """The options of the survey's preference questions (choice items without a correct answer), ranked by the
    number of teachers who chose them; the free-text answers without names."""
    c = await _monitored(session, principal, campaign_id)
    inst = (await repo.instruments_by_id(session, {c.instrument_id}))[c.instrument_id]
    content = content_of(inst)
    respondents = await repo.submitted_count(session, c.id)
    rows: list[TopicRow] = []
    text_codes = []
    for section in content.sections:
        for item in section.items:
            if isinstance(item, SingleItem | MultipleItem) and item.correct is None:
                votes = dict(await repo.topic_votes(session, c.id, item.code))
                for o in item.options:
                    n = int(votes.get(o.key, 0))
                    rows.append(
                        TopicRow(
                            rank=0,
                            item_code=item.code,
                            option_key=o.key,
                            text=o.text,
                            votes=n,
                            percent=round(n * 100 / respondents, 1) if respondents else None,
                        )
                    )
            elif isinstance(item, TextItem):
                text_codes.append(item.code)
    rows.sort(key=lambda r: (-r.votes, r.item_code, r.option_key))
    rank, prev = 0, None
    for i, r in enumerate(rows, start=1):
        if r.votes != prev:
            rank, prev = i, r.votes
        r.rank = rank  # equal votes share a rank (1, 2, 2, 4)
    texts = await repo.topic_texts(session, c.id, text_codes, MAX_TOPIC_TEXTS)
    return TopicResults(campaign_id=c.id, respondents=respondents, topics=rows, texts=texts)


# --- assignments ---


def _answered(answers: dict[str, Any]) -> int:
    return sum(1 for v in answers.values() if v not in (None, "", []))


async def _assignment_reads(session: AsyncSession, principal: Principal, rows: list[Any]) -> list[AssignmentRead]:
    items: list[DiagAssignment] = [r[0] for r in rows]
    names = await teachers.teacher_names(session, {a.teacher_id for a in items})
    orgs = await organizations.names(session, {a.organization_id for a in items if a.organization_id})
    remind = principal.scope(P.REMIND) if principal.has(P.REMIND) else Scope()
    insts = await repo.instruments_by_id(session, {r.instrument_id for r in rows})
    counts = {i.id: sum(len(s.get("items", [])) for s in i.sections or []) for i in insts.values()}
    out = []
    for row in rows:
        a: DiagAssignment = row[0]
        read = AssignmentRead.model_validate(
            {
                **{k: getattr(a, k) for k in AssignmentRead.model_fields if hasattr(a, k)},
                "campaign_title": row.campaign_title,
                "opens_on": row.opens_on,
                "closes_on": row.closes_on,
                "teacher_name": names.get(a.teacher_id),
                "organization_name": orgs.get(a.organization_id) if a.organization_id else None,
                "status_label": ASSIGNMENT_STATUSES.get(a.status, a.status),
                "answered": _answered(a.answers or {}),
                "item_count": counts.get(row.instrument_id, 0),
            }
        )
        if a.status != "submitted" and (
            remind.all
            or a.municipality_id in remind.municipality_ids
            or (a.organization_id is not None and a.organization_id in remind.organization_ids)
        ):
            read.actions = ["remind"]
        out.append(read)
    return out


async def list_assignments(
    session: AsyncSession, principal: Principal, f: AssignmentFilters, page: PageParams
) -> Page[AssignmentRead]:
    rows, total = await repo.assignment_page(session, principal.scope(P.RESULTS), f, page)
    return Page(
        items=await _assignment_reads(session, principal, rows), total=total, limit=page.limit, offset=page.offset
    )


async def _areas(session: AsyncSession, assignment_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AreaResult]]:
    names = await reference.competence_area_names(session)
    out: dict[uuid.UUID, list[AreaResult]] = {}
    for r in await repo.profile_areas(session, assignment_ids):
        out.setdefault(r.assignment_id, []).append(
            AreaResult(
                area_code=r.area_code,
                area_name=names.get(r.area_code, r.area_code),
                score=r.score,
                max_score=r.max_score,
                percent=r.percent,
                band=r.band,
                band_label=BANDS.get(r.band, r.band),
            )
        )
    return out


async def read_my_assignment(session: AsyncSession, principal: Principal, assignment_id: uuid.UUID) -> MyAssignmentRead:
    a = await repo.own_assignments.get(session, principal.scope(P.ANSWER), assignment_id)
    c = await repo.campaign_of(session, a.campaign_id)
    inst = (await repo.instruments_by_id(session, {c.instrument_id}))[c.instrument_id]
    base = (await _assignment_reads(session, principal, [_Row(a, c)]))[0]
    out = MyAssignmentRead.model_validate(
        {**base.model_dump(), "instrument": instrument_read(inst, principal), "answers": a.answers or {}}
    )
    out.item_count = out.instrument.item_count if out.instrument else 0
    today = date.today()
    out.actions = [x for x in base.actions if x == "remind"]
    if a.status != "submitted" and c.opens_on <= today <= c.closes_on:
        out.actions = ["answer", "submit", *out.actions]
    if a.status == "submitted":
        out.results = (await _areas(session, [a.id])).get(a.id, [])
    return out


class _Row(tuple):  # type: ignore[type-arg]
    """A row like the list's (assignment, campaign title, window, instrument) for one assignment."""

    def __new__(cls, a: DiagAssignment, c: DiagCampaign) -> _Row:
        obj = super().__new__(cls, (a, c.title, c.opens_on, c.closes_on, c.instrument_id))
        obj.campaign_title = c.title  # type: ignore[attr-defined]
        obj.opens_on = c.opens_on  # type: ignore[attr-defined]
        obj.closes_on = c.closes_on  # type: ignore[attr-defined]
        obj.instrument_id = c.instrument_id  # type: ignore[attr-defined]
        return obj


def _window(c: DiagCampaign, today: date) -> None:
    if today < c.opens_on:
        raise Conflict(f"Мониторинг откроется {c.opens_on:%d.%m.%Y}", code="campaign_not_open")
    if today > c.closes_on:
        raise Conflict(
            f"Мониторинг закрыт {c.closes_on:%d.%m.%Y}: ответы больше не принимаются", code="campaign_closed"
        )


async def _answerable(
    session: AsyncSession, principal: Principal, assignment_id: uuid.UUID, if_match: str | None
) -> tuple[DiagAssignment, DiagCampaign, InstrumentContent]:
    a = await repo.own_assignments.get(session, principal.scope(P.ANSWER), assignment_id)
    repo.own_assignments.check_version(a, if_match)
    if a.status == "submitted":
        raise Conflict("Ответы уже отправлены: изменить их нельзя", code="already_submitted")
    c = await repo.campaign_of(session, a.campaign_id)
    if c.archived_at is not None:
        raise Conflict("Мониторинг в архиве", code="archived")
    _window(c, date.today())
    inst = (await repo.instruments_by_id(session, {c.instrument_id}))[c.instrument_id]
    return a, c, content_of(inst)


async def save_answers(
    session: AsyncSession, principal: Principal, assignment_id: uuid.UUID, body: AnswersUpdate, if_match: str | None
) -> MyAssignmentRead:
    """Autosave: the answers sent replace the saved ones (`null` clears one); each is checked against its item."""
    a, _, content = await _answerable(session, principal, assignment_id, if_match)
    items = content.items()
    errors = []
    for code, value in body.answers.items():
        item = items.get(code)
        if item is None:
            errors.append(FieldError(field=f"body.answers.{code}", code="unknown_item", message="Нет такого задания"))
        elif (why := scoring.check_answer(item, value)) is not None:
            errors.append(FieldError(field=f"body.answers.{code}", code="invalid_answer", message=why))
    if errors:
        raise Unprocessable("Ответы не сохранены: проверьте отмеченные задания", code="invalid_answers", errors=errors)
    merged = {**(a.answers or {}), **body.answers}
    a.answers = {k: v for k, v in merged.items() if v not in (None, "", [])}
    if a.status == "assigned":
        await repo.set_status_started(session, a, utcnow())
    a.updated_at = utcnow()
    await session.flush()
    await repo.own_assignments.audit(session, principal, "answer", a, {"answered": _answered(a.answers)})
    return await read_my_assignment(session, principal, a.id)


def profile_rows(a: DiagAssignment, content: InstrumentContent, submitted_at: datetime) -> list[DiagProfileArea]:
    """The deficit profile of a submitted assignment: its answers scored with the instrument version's content, one
    row per area (score, maximum, percent, band). The one place these rows are built (submission and demo data)."""
    return [
        DiagProfileArea(
            municipality_id=a.municipality_id,
            assignment_id=a.id,
            campaign_id=a.campaign_id,
            teacher_id=a.teacher_id,
            organization_id=a.organization_id,
            area_code=r.area_code,
            score=r.score_decimal,
            max_score=r.max_decimal,
            percent=r.percent_decimal,
            band=r.band,
            submitted_at=submitted_at,
        )
        for r in scoring.score(content, a.answers or {})
    ]


async def submit(
    session: AsyncSession, principal: Principal, assignment_id: uuid.UUID, if_match: str | None
) -> MyAssignmentRead:
    """The one submission: scored at once into the deficit profile (per area: score, maximum, percent, band)."""
    a, _, content = await _answerable(session, principal, assignment_id, if_match)
    now = utcnow()
    await repo.add_profile(session, profile_rows(a, content, now))
    a.status = "submitted"
    a.submitted_at = now
    a.started_at = a.started_at or now
    a.updated_at = now
    await session.flush()
    await repo.own_assignments.audit(
        session, principal, "submit", a, {"status": "submitted", "answered": _answered(a.answers or {})}
    )
    return await read_my_assignment(session, principal, a.id)


async def remind(session: AsyncSession, principal: Principal, assignment_id: uuid.UUID) -> AssignmentRead:
    """A reminder to a teacher who has not submitted: recorded, at most one per assignment per 24 hours (429 with
    Retry-After), delivered as a notification to the teacher's accounts."""
    a = await repo.assignments.get(session, principal.scope(P.REMIND), assignment_id)
    if a.status == "submitted":
        raise Conflict("Педагог уже отправил ответы", code="already_submitted")
    c = await repo.campaign_of(session, a.campaign_id)
    if date.today() > c.closes_on:
        raise Conflict(f"Мониторинг закрыт {c.closes_on:%d.%m.%Y}", code="campaign_closed")
    now = utcnow()
    if a.last_reminded_at is not None and now - a.last_reminded_at < REMINDER_INTERVAL:
        wait = REMINDER_INTERVAL - (now - a.last_reminded_at)
        next_at = a.last_reminded_at + REMINDER_INTERVAL
        raise TooManyRequests(
            f"Напоминание уже отправлено {a.last_reminded_at:%d.%m.%Y %H:%M} UTC; следующее — не раньше "
            f"{next_at:%d.%m.%Y %H:%M} UTC",
            code="reminder_too_soon",
            headers={"Retry-After": str(max(1, math.ceil(wait.total_seconds())))},
        )
    await repo.add_reminder(
        session,
        DiagReminder(
            municipality_id=a.municipality_id, assignment_id=a.id, sent_by_id=_user_id(principal), sent_at=now
        ),
    )
    a.last_reminded_at = now
    a.reminder_count = (a.reminder_count or 0) + 1
    a.updated_at = now
    await session.flush()
    await repo.assignments.audit(session, principal, "remind", a, {"reminder": a.reminder_count})
    await notifications.notify(
        session,
        await users.active_user_ids_of_teacher(session, a.teacher_id),
        municipality_id=a.municipality_id,
        kind="diagnostics_reminder",
        title="Напоминание: пройдите диагностику",
        body=f"«{c.title}» — до {c.closes_on:%d.%m.%Y}",
        link=f"/diagnostics/assignments/{a.id}",
        exclude=_user_id(principal),
    )
    return (await _assignment_reads(session, principal, [_Row(a, c)]))[0]


# --- deficit profiles ---


async def list_profiles(
    session: AsyncSession, principal: Principal, f: ProfileFilters, page: PageParams
) -> Page[DeficitProfileRead]:
    rows, total = await repo.profile_page(session, principal.scope(P.RESULTS), f, page)
    items: list[DiagAssignment] = [r[0] for r in rows]
    areas = await _areas(session, [a.id for a in items])
    names = await teachers.teacher_names(session, {a.teacher_id for a in items})
    orgs = await organizations.names(session, {a.organization_id for a in items if a.organization_id})
    out = []
    for row in rows:
        a: DiagAssignment = row[0]
        res = areas.get(a.id, [])
        out.append(
            DeficitProfileRead(
                assignment_id=a.id,
                municipality_id=a.municipality_id,
                campaign_id=a.campaign_id,
                campaign_title=row.campaign_title,
                teacher_id=a.teacher_id,
                teacher_name=names.get(a.teacher_id),
                organization_id=a.organization_id,
                organization_name=orgs.get(a.organization_id) if a.organization_id else None,
                submitted_at=a.submitted_at,
                areas=res,
                deficit_areas=[r.area_code for r in res if r.band == "deficit"],
            )
        )
    return Page(items=out, total=total, limit=page.limit, offset=page.offset)


async def read_profile(session: AsyncSession, principal: Principal, assignment_id: uuid.UUID) -> DeficitProfileRead:
    """One deficit profile inside the caller's reach (a teacher their own): 404 outside it or before submission.
    Someone else's profile is personal data: the read is audited."""
    f = ProfileFilters(None, None, None, None, None, assignment_id=assignment_id)
    found = await list_profiles(session, principal, f, PageParams(limit=1, offset=0, sort=None))
    if not found.items:
        raise NotFound("Профиль дефицитов не найден")
    p = found.items[0]
    if principal.teacher_id != p.teacher_id:
        source = {"source": "profile"}
        await record(session, principal, "read", "diag_assignment", p.assignment_id, p.municipality_id, source)
    return p
