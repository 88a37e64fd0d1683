"""Import of a provider's list of teachers who completed a course (XLSX, CSV, XLS, ODS — read by
`app.core.sheets`): ФИО, дата рождения or табельный номер, программа, часы, даты, № удостоверения, and optionally the
provider, the format and the kind of programme per row.

The dry run reports every bad row with its line and reason; the apply step writes the good rows inside the
request's single transaction — all of them, or with `skip_invalid` only the good ones. People are matched by the
teachers module (`teachers.service.match_people`, the same name normalisation as the teacher import) among the
teachers the caller may keep records of; personnel numbers are read in the numbering of the organization given
with the file. A row already recorded (same certificate number, or same programme ending the same day) is
reported and not loaded twice, so a list can be uploaded again safely."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import sheets
from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import FieldError, NotFound, PayloadTooLarge, Unprocessable
from app.core.search import fold
from app.core.sheets import FileError, Sheet, cell_text, parse_date
from app.core.sheets import text as _text
from app.courses import repository as repo
from app.courses.models import Course
from app.courses.permissions import CoursePerm
from app.courses.schemas import CourseImportForm, CourseImportReport
from app.organizations import service as organizations
from app.teachers import service as teachers
from app.teachers.schemas import ImportIssue, PersonQuery

COLUMN_LABELS = {
    "full_name": "ФИО",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "birth_date": "Дата рождения",
    "external_id": "Табельный номер",
    "title": "Программа",
    "program_kind": "Вид программы",
    "hours": "Часы",
    "dates": "Сроки обучения",
    "start_date": "Дата начала",
    "end_date": "Дата окончания",
    "document_number": "№ удостоверения",
    "format": "Форма обучения",
    "provider": "Провайдер",
}
SYNONYMS: dict[str, list[str]] = {
    "full_name": ["фио", "ф и о", "фамилия имя отчество", "фамилия, имя, отчество", "слушатель", "педагог"],
    "last_name": ["фамилия"],
    "first_name": ["имя"],
    "middle_name": ["отчество"],
    "birth_date": ["дата рождения", "д р", "дата рожд"],
    "external_id": ["табельный номер", "таб номер", "табельный", "таб №", "табельный №"],
    "title": [
        "программа",
        "наименование программы",
        "название программы",
        "дополнительная профессиональная программа",
        "тема",
        "тема курсов",
        "курсы",
        "наименование курсов",
        "название курсов",
    ],
    "program_kind": ["вид программы", "вид обучения", "вид дпп"],
    "hours": [
        "часы",
        "часов",
        "количество часов",
        "кол-во часов",
        "кол во часов",
        "объем",
        "объем часов",
        "объем программы",
        "объем (часов)",
        "объем, ч",
    ],
    "dates": ["сроки", "сроки обучения", "период обучения", "даты", "даты обучения", "сроки прохождения"],
    "start_date": ["дата начала", "начало", "начало обучения", "дата начала обучения"],
    "end_date": ["дата окончания", "окончание", "окончание обучения", "дата окончания обучения"],
    "document_number": [
        "№ удостоверения",
        "номер удостоверения",
        "удостоверение",
        "удостоверение №",
        "регистрационный номер",
        "рег номер",
        "рег №",
        "номер документа",
        "№ документа",
    ],
    "format": ["форма обучения", "формат", "формат обучения"],
    "provider": ["провайдер", "организатор", "организатор курсов", "организация дпо", "учреждение дпо"],
}
HEADER_INDEX = sheets.header_index(SYNONYMS)
NO_HEADER = "Не найдена строка заголовков (ожидаются колонки «ФИО», «Программа», «Часы», «Дата окончания»…)"
FORMATS = {
    "": None,
    "очно": "offline",
    "очная": "offline",
    "очный": "offline",
    "дистанционно": "online",
    "дистанционная": "online",
    "заочно": "online",
    "заочная": "online",
    "онлайн": "online",
    "с применением дот": "online",
    "очно-заочно": "mixed",
    "очно-заочная": "mixed",
    "смешанная": "mixed",
    "смешанно": "mixed",
}
PROGRAM_KINDS = {
    "": "advanced_training",
    "повышение квалификации": "advanced_training",
    "пк": "advanced_training",
    "кпк": "advanced_training",
    "профессиональная переподготовка": "retraining",
    "переподготовка": "retraining",
    "пп": "retraining",
}
DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
RANGE = re.compile(rf"^(?:с\s*)?({DATE})\s*(?:[-–—]|по)\s*({DATE})(?:\s*г\.?)?$")


@dataclass
class ParsedRow:
    line: int
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date | None
    external_id: str | None
    title: str
    program_kind: str
    hours: int
    start_date: date
    end_date: date
    document_number: str | None
    format: str | None
    provider_name: str | None


@dataclass
class Provider:
    organization_id: uuid.UUID | None
    name: str | None
    state_owned: bool | None


def parse_row(row: sheets.Row, today: date) -> tuple[ParsedRow | None, list[ImportIssue]]:
    v = row.values
    issues: list[ImportIssue] = []

    def bad(col: str, msg: str) -> None:
        issues.append(ImportIssue(line=row.line, column=COLUMN_LABELS[col], value=cell_text(v.get(col)), message=msg))

    for col, raw in v.items():
        if isinstance(raw, str) and "\x00" in raw:
            bad(col, "Недопустимый символ (NUL) в ячейке")
        elif isinstance(raw, str) and len(raw) > sheets.MAX_CELL_CHARS:
            bad(col, f"Слишком длинное значение: {len(raw)} символов")
    if issues:
        return None, issues

    def get_date(col: str) -> date | None:
        try:
            return parse_date(v.get(col))
        except ValueError as e:
            bad(col, str(e))
            return None

    last, first, middle = _text(v.get("last_name")), _text(v.get("first_name")), _text(v.get("middle_name")) or None
    if "full_name" in v and not (last or first):
        parts = _text(v.get("full_name")).split()
        last, first = [*parts, "", ""][:2]
        middle = " ".join(parts[2:]) or None
    name_col = "full_name" if "full_name" in v else "last_name"
    if not last or not first:
        bad(name_col, "Не указаны фамилия и имя")
    for part in (last, first, middle):
        if part and len(part) > 100:
            bad(name_col, "Слишком длинное ФИО")
            break
    birth = get_date("birth_date")
    external_id = _text(v.get("external_id")) or None
    if birth is None and external_id is None and "birth_date" not in {i.column for i in issues}:
        bad("birth_date", "Укажите дату рождения или табельный номер: по ним находится педагог")
    title = " ".join(_text(v.get("title")).split())
    if len(title) < 2:
        bad("title", "Не указано название программы")
    elif len(title) > 500:
        bad("title", "Название программы длиннее 500 символов")
    hours_text = _text(v.get("hours"))
    hours_match = re.fullmatch(r"(\d{1,4})(?:[.,]0+)?\s*(?:ч|час|часа|часов|ак\.?\s*ч)?\.?", hours_text.lower())
    hours = int(hours_match.group(1)) if hours_match else 0
    if not hours_text:
        bad("hours", "Не указан объём программы (часов)")
    elif not hours_match or not 1 <= hours <= 3000:
        bad("hours", f"Неверный объём программы «{hours_text}» (ожидается число часов)")
    start, end = get_date("start_date"), get_date("end_date")
    dates_text = _text(v.get("dates"))
    if dates_text and (start is None or end is None):
        m = RANGE.match(dates_text.lower())
        if m is None:
            bad("dates", "Не удалось прочитать сроки обучения (ожидается «ДД.ММ.ГГГГ – ДД.ММ.ГГГГ»)")
        else:
            try:
                start, end = start or parse_date(m.group(1)), end or parse_date(m.group(2))
            except ValueError as e:
                bad("dates", str(e))
    if end is None and not any(i.column in (COLUMN_LABELS["end_date"], COLUMN_LABELS["dates"]) for i in issues):
        bad("end_date", "Не указана дата окончания обучения")
    if start is None and end is not None:
        start = end  # a one-day event, or a list without start dates: the end date is what counts
    if start and end and end < start:
        bad("end_date", "Дата окончания раньше даты начала")
    if end and end.year < 1990:
        bad("end_date", "Проверьте дату окончания")
    document_number = _text(v.get("document_number")) or None
    if document_number and len(document_number) > 100:
        bad("document_number", "Номер удостоверения длиннее 100 символов")
    fmt_text = fold(_text(v.get("format")))
    fmt = FORMATS.get(fmt_text, "?")
    if fmt == "?":
        bad("format", "Неизвестная форма обучения (ожидается: очно, дистанционно, очно-заочно)")
    kind_text = fold(_text(v.get("program_kind")))
    kind = PROGRAM_KINDS.get(kind_text)
    if kind is None:
        bad("program_kind", "Неизвестный вид программы (повышение квалификации или профессиональная переподготовка)")
    provider = " ".join(_text(v.get("provider")).split()) or None
    if provider and len(provider) > 500:
        bad("provider", "Название провайдера длиннее 500 символов")
    if issues:
        return None, issues
    assert start is not None and end is not None
    return ParsedRow(
        line=row.line,
        last_name=last,
        first_name=first,
        middle_name=middle,
        birth_date=birth,
        external_id=external_id,
        title=title,
        program_kind=kind or "advanced_training",
        hours=hours,
        start_date=start,
        end_date=end,
        document_number=document_number,
        format=fmt if fmt != "?" else None,
        provider_name=provider,
    ), []


def _file_error(dry_run: bool, message: str) -> CourseImportReport:
    return CourseImportReport(
        dry_run=dry_run,
        applied=False,
        total_rows=0,
        valid_rows=0,
        to_create=0,
        errors=[ImportIssue(line=1, column=None, message=message)],
        mapped_columns={},
        unmapped_columns=[],
    )


async def _provider(session: AsyncSession, principal: Principal, form: CourseImportForm) -> Provider | None:
    if form.provider_organization_id is not None:
        try:
            org = await organizations.get_visible(session, principal, form.provider_organization_id)
        except NotFound as e:
            raise Unprocessable(
                errors=[
                    FieldError(
                        field="body.provider_organization_id",
                        code="unknown_organization",
                        message="Организация не найдена",
                    )
                ]
            ) from e
        return Provider(org.id, org.short_name, org.is_state_owned)
    if form.provider_name:
        return Provider(None, form.provider_name, form.provider_state_owned)
    return None


async def _municipality(session: AsyncSession, principal: Principal, form: CourseImportForm) -> tuple[Any, Any]:
    """The municipality whose teachers are matched, and the organization whose numbering personnel numbers use."""
    if form.organization_id is not None:
        org = await organizations.get_visible(session, principal, form.organization_id, CoursePerm.IMPORT)
        return org.municipality_id, org
    municipality_id = form.municipality_id or principal.single_municipality_id()
    if municipality_id is None:
        raise Unprocessable(
            errors=[
                FieldError(
                    field="body.municipality_id",
                    code="missing",
                    message="Укажите муниципалитет или организацию, чьих педагогов содержит список",
                )
            ]
        )
    return municipality_id, None


async def run_import(
    session: AsyncSession, principal: Principal, form: CourseImportForm, dry_run: bool, skip_invalid: bool
) -> CourseImportReport:
    municipality_id, org = await _municipality(session, principal, form)
    provider = await _provider(session, principal, form)
    content = await form.file.read(sheets.MAX_BYTES + 1)
    if len(content) > sheets.MAX_BYTES:
        raise PayloadTooLarge("Файл больше 10 МБ: разделите список", code="file_too_large")
    filename = "".join(ch for ch in (form.file.filename or "") if ch.isprintable())
    sheet = await sheets.read_upload(filename, content, HEADER_INDEX, NO_HEADER)
    if isinstance(sheet, FileError):
        return _file_error(dry_run, str(sheet))
    return await _check_and_apply(
        session, principal, municipality_id, org, provider, filename, sheet, dry_run, skip_invalid
    )


def _missing_columns(sheet: Sheet) -> list[ImportIssue]:
    present = set(sheet.mapping.values())
    out = []

    def need(label: str, message: str) -> None:
        out.append(ImportIssue(line=sheet.header_line, column=label, message=message))

    if not ({"last_name", "first_name"} <= present or "full_name" in present):
        need("ФИО", "Нет колонки «ФИО» (или колонок «Фамилия» и «Имя»)")
    if not ({"birth_date", "external_id"} & present):
        need("Дата рождения", "Нет колонки «Дата рождения» (или «Табельный номер»): по ним находится педагог")
    if "title" not in present:
        need("Программа", "Нет колонки «Программа»")
    if "hours" not in present:
        need("Часы", "Нет колонки «Часы»")
    if not ({"end_date", "dates"} & present):
        need("Дата окончания", "Нет колонки «Дата окончания» (или «Сроки обучения»)")
    return out


async def _check_and_apply(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID,
    org: Any,
    provider: Provider | None,
    filename: str,
    sheet: Sheet,
    dry_run: bool,
    skip_invalid: bool,
) -> CourseImportReport:
    today = date.today()
    mapped = {COLUMN_LABELS[k]: k for k in sheet.mapping.values()}
    errors = _missing_columns(sheet)
    file_ok = not errors
    parsed: list[ParsedRow] = []
    if file_ok:
        for row in sheet.rows:
            p, issues = parse_row(row, today)
            errors.extend(issues)
            if p is not None:
                parsed.append(p)
    matches = await teachers.match_people(
        session,
        principal.scope(CoursePerm.IMPORT),
        municipality_id,
        [PersonQuery(p.last_name, p.first_name, p.middle_name, p.birth_date, p.external_id) for p in parsed],
        system=f"hr:{org.id}" if org is not None else None,
    )
    matched: list[tuple[ParsedRow, uuid.UUID]] = []
    for p, m in zip(parsed, matches, strict=True):
        if m.teacher_id is None:
            errors.append(ImportIssue(line=p.line, column=None, message=m.error or "Педагог не найден"))
        else:
            matched.append((p, m.teacher_id))
    # duplicates: inside the file (an error) and with what is already recorded (a notice; not loaded again)
    recorded = await repo.recorded_for(session, municipality_id, {tid for _, tid in matched})
    seen: dict[tuple[Any, ...], int] = {}
    notices: list[ImportIssue] = []
    if "external_id" in sheet.mapping.values() and org is None:
        notices.append(
            ImportIssue(
                line=sheet.header_line,
                column=COLUMN_LABELS["external_id"],
                message="Табельные номера читаются в нумерации организации: укажите организацию при загрузке, "
                "иначе педагоги находятся по ФИО и дате рождения",
            )
        )
    plans: list[tuple[ParsedRow, uuid.UUID]] = []
    for p, tid in matched:
        key = (tid, p.title.lower(), p.end_date)
        doc_key = (tid, "doc", p.document_number) if p.document_number else None
        earlier = seen.get(key) or (seen.get(doc_key) if doc_key else None)
        if earlier:
            errors.append(ImportIssue(line=p.line, column=None, message=f"Этот курс педагога уже в строке {earlier}"))
            continue
        seen[key] = p.line
        if doc_key:
            seen[doc_key] = p.line
        if any(
            r[1] == tid
            and ((r[2] == p.title.lower() and r[3] == p.end_date) or (p.document_number and r[4] == p.document_number))
            for r in recorded
        ):
            notices.append(ImportIssue(line=p.line, column=None, message="Этот курс уже записан: строка пропускается"))
            continue
        plans.append((p, tid))
    errors.sort(key=lambda e: e.line)
    bad_lines = {e.line for e in errors if e.line != sheet.header_line}
    report = CourseImportReport(
        dry_run=dry_run,
        applied=False,
        total_rows=len(sheet.rows),
        valid_rows=len(plans),
        invalid_rows=len(bad_lines) if file_ok else len(sheet.rows),
        to_create=len(plans),
        already_recorded=sum(1 for n in notices if n.line != sheet.header_line),
        errors=errors,
        notices=notices,
        mapped_columns=mapped,
        unmapped_columns=sheet.unmapped,
    )
    if dry_run or not file_ok or not plans or (errors and not skip_invalid):
        return report
    facts = await teachers.teacher_facts(session, principal.scope(CoursePerm.IMPORT), {tid for _, tid in plans})
    for p, tid in plans:
        prov = (
            Provider(None, p.provider_name, None)
            if p.provider_name
            else provider or Provider(None, None, None)  # the provider is not known
        )
        await repo.courses.create(
            session,
            principal,
            Course(
                municipality_id=facts[tid].municipality_id,
                teacher_id=tid,
                title=p.title,
                program_kind=p.program_kind,
                provider_organization_id=prov.organization_id,
                provider_name=prov.name,
                provider_state_owned=prov.state_owned,
                hours=p.hours,
                start_date=p.start_date,
                end_date=p.end_date,
                format=p.format,
                document_number=p.document_number,
            ),
        )
    await record(
        session,
        principal,
        "import",
        "course",
        None,
        municipality_id,
        {
            "file": filename[:200],
            "created": len(plans),
            "already_recorded": report.already_recorded,
            "skipped_rows": report.invalid_rows,
            **({"organization_id": str(org.id)} if org is not None else {}),
        },
    )
    report.applied = True
    report.skipped_rows = report.invalid_rows
    return report
