"""Import of teachers from a school's HR export (CSV as Russian Excel saves it in UTF-8, UTF-16 or Windows-1251,
XLSX, or old XLS/ODS read with calamine).

Columns are mapped by header name with synonyms; what cannot be mapped is reported, never guessed. The dry run
reports every bad row with its line (as Excel numbers it) and reason, checking everything the apply step and the
database would refuse; the apply step upserts by external id (personnel number) inside the request's single
transaction, so a file with any bad row changes nothing unless the caller asks to apply only the good rows.

Matching stays inside the caller's scope: personnel numbers are looked up among the teachers the caller may see
(the same condition as every read), and a school imports only into its own numbering (`hr:<organization id>`).
A person already working at another school of the municipality (same full name and birth date) is recognised on
the server and gets a second employment instead of a duplicate card; their other data is not changed.
Files are parsed in a worker thread with limits on the unpacked size and on the length of a cell.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal
from app.core.audit_trail import record
from app.core.errors import FieldError, Forbidden, PayloadTooLarge, Unprocessable
from app.core.search import fold
from app.core.spreadsheets import FileError, FileTooLarge, cell_text, parse_date, read_matrix
from app.core.spreadsheets import norm_header as _norm_header
from app.core.spreadsheets import text as _text
from app.organizations import service as organizations
from app.organizations.models import Organization
from app.reference.models import Position, QualificationCategory, Subject
from app.reference.service import name_index
from app.teachers import repository, rules, service
from app.teachers.models import Employment, Teacher, TeacherCategory, TeacherExternalId, TeacherSubject
from app.teachers.permissions import TeacherPerm
from app.teachers.schemas import EMAIL_RE, PHONE_RE, ImportForm, ImportIssue, ImportReport

Progress = Callable[[int, int], Awaitable[None]]
MAX_BYTES = 10 * 1024 * 1024
MAX_CELL_CHARS = 1000
MAX_ROWS = 20_000
# What the database (and the API schemas) accept; the dry run checks the same so that apply never fails.
MAX_LENGTH = {
    "external_id": 100,
    "last_name": 100,
    "first_name": 100,
    "middle_name": 100,
    "email": 254,
    "phone": 20,
}

COLUMN_LABELS = {
    "external_id": "Табельный номер",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "full_name": "Ф.И.О.",
    "birth_date": "Дата рождения",
    "position": "Должность",
    "rate": "Ставка",
    "kind": "Вид занятости",
    "start_date": "Дата приема",
    "teaching_since": "Педагогический стаж с",
    "subjects": "Преподаваемые предметы",
    "category": "Квалификационная категория",
    "category_date": "Дата присвоения категории",
    "email": "Эл. почта",
    "phone": "Телефон",
}

SYNONYMS: dict[str, list[str]] = {
    "external_id": ["табельный номер", "таб номер", "табельный", "таб №", "табельный №", "внешний id", "id"],
    "last_name": ["фамилия"],
    "first_name": ["имя"],
    "middle_name": ["отчество"],
    "full_name": ["фио", "ф и о", "фамилия имя отчество", "фамилия, имя, отчество", "сотрудник", "работник"],
    "birth_date": ["дата рождения", "д р", "дата рожд"],
    "position": ["должность", "занимаемая должность"],
    "rate": ["ставка", "количество ставок", "кол-во ставок", "кол во ставок"],
    "kind": ["вид занятости", "тип занятости", "занятость", "вид работы", "характер работы"],
    "start_date": ["дата приема", "дата приема на работу", "принят", "дата начала работы"],
    "teaching_since": [
        "педагогический стаж с",
        "пед стаж с",
        "педстаж с",
        "начало педагогического стажа",
        "дата начала педагогического стажа",
    ],
    "subjects": ["преподаваемые предметы", "предметы", "предмет", "преподаваемый предмет"],
    "category": ["квалификационная категория", "категория", "кв категория"],
    "category_date": ["дата присвоения категории", "дата присвоения", "дата аттестации", "дата категории"],
    "email": ["эл почта", "электронная почта", "email", "e-mail", "почта", "e mail"],
    "phone": ["телефон", "тел", "мобильный телефон"],
}

KINDS = {
    "": "main",
    "основное": "main",
    "основная": "main",
    "основное место работы": "main",
    "штатный": "main",
    "внутреннее совместительство": "internal_part_time",
    "внутренний совместитель": "internal_part_time",
    "внешнее совместительство": "external_part_time",
    "внешний совместитель": "external_part_time",
    "совместительство": "external_part_time",
}

CATEGORY_SYNONYMS = {
    "": rules.NO_CATEGORY,
    "без категории": rules.NO_CATEGORY,
    "нет": rules.NO_CATEGORY,
    "соответствие": "szd",
    "сзд": "szd",
    "соответствие занимаемой должности": "szd",
    "первая": "first",
    "первая квалификационная категория": "first",
    "1": "first",
    "высшая": "highest",
    "высшая квалификационная категория": "highest",
    "педагог-методист": "methodist",
    "педагог-наставник": "mentor",
}


HEADER_INDEX = {_norm_header(s): key for key, syns in SYNONYMS.items() for s in syns}


@dataclass
class Row:
    line: int
    values: dict[str, Any]


@dataclass
class ParsedRow:
    line: int
    external_id: str
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date | None
    position_code: str
    rate: Decimal | None
    kind: str
    start_date: date | None
    teaching_since: date | None
    subjects: list[str] | None
    category_code: str | None
    category_date: date | None
    email: str | None
    phone: str | None


@dataclass
class Sheet:
    header_line: int
    mapping: dict[int, str]
    unmapped: list[str]
    rows: list[Row] = field(default_factory=list)


def parse_sheet(filename: str, content: bytes) -> Sheet:
    matrix = read_matrix(filename, content, MAX_ROWS)
    for idx, row in enumerate(matrix[:15]):
        keys = [HEADER_INDEX.get(_norm_header(c)) for c in row]
        if sum(1 for k in keys if k) >= 3:
            mapping: dict[int, str] = {}
            unmapped = []
            for col, (cell, key) in enumerate(zip(row, keys, strict=True)):
                if key and key not in mapping.values():
                    mapping[col] = key
                elif str(cell or "").strip():
                    unmapped.append(str(cell).strip())
            sheet = Sheet(header_line=idx + 1, mapping=mapping, unmapped=unmapped)
            for n, data in enumerate(matrix[idx + 1 :], start=idx + 2):
                if not any(str(c or "").strip() for c in data):
                    continue
                sheet.rows.append(
                    Row(
                        line=n,
                        values={key: (data[col] if col < len(data) else None) for col, key in mapping.items()},
                    )
                )
            if len(sheet.rows) > MAX_ROWS:
                raise FileError(f"Слишком много строк: больше {MAX_ROWS}")
            return sheet
    raise FileError("Не найдена строка заголовков (ожидаются колонки «Фамилия», «Имя», «Должность»…)")


@dataclass
class Dictionaries:
    positions: dict[str, str]
    subjects: dict[str, str]
    categories: dict[str, str]


async def load_dictionaries(session: AsyncSession) -> Dictionaries:
    cats = await name_index(session, QualificationCategory)
    cats.update({fold(k): v for k, v in CATEGORY_SYNONYMS.items()})
    return Dictionaries(await name_index(session, Position), await name_index(session, Subject), cats)


def parse_row(row: Row, d: Dictionaries, today: date) -> tuple[ParsedRow | None, list[ImportIssue]]:
    v = row.values
    issues: list[ImportIssue] = []

    def bad(col: str, msg: str) -> None:
        issues.append(ImportIssue(line=row.line, column=COLUMN_LABELS[col], value=cell_text(v.get(col)), message=msg))

    # What the database refuses in any text: NUL bytes; and cells far longer than any field.
    for col, raw in v.items():
        if isinstance(raw, str) and "\x00" in raw:
            bad(col, "Недопустимый символ (NUL) в ячейке")
        elif isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
            bad(col, f"Слишком длинное значение: {len(raw)} символов (допустимо не больше {MAX_CELL_CHARS})")
    if issues:
        return None, issues

    def get_date(col: str) -> date | None:
        try:
            return parse_date(v.get(col))
        except ValueError as e:
            bad(col, str(e))
            return None

    external_id = _text(v.get("external_id"))
    if not external_id:
        bad("external_id", "Не указан табельный номер")
    last, first, middle = (
        _text(v.get("last_name")),
        _text(v.get("first_name")),
        _text(v.get("middle_name")) or None,
    )
    if "full_name" in v and not (last or first):
        parts = _text(v.get("full_name")).split()
        last, first = [*parts, "", ""][:2]
        middle = " ".join(parts[2:]) or None
    if not last:
        bad("last_name", "Не указана фамилия")
    if not first:
        bad("first_name", "Не указано имя")
    birth = get_date("birth_date")
    if birth and birth > today:
        bad("birth_date", f"Дата рождения в будущем: {birth:%d.%m.%Y}")
    elif birth and (rules.full_years(birth, today) < 16 or birth.year < 1920):  # type: ignore[operator]
        bad("birth_date", f"Проверьте дату рождения: {birth:%d.%m.%Y}")
    pos_name = _text(v.get("position"))
    position = d.positions.get(fold(pos_name))
    if not pos_name:
        bad("position", "Не указана должность")
    elif position is None:
        bad("position", f"Неизвестная должность «{pos_name}»")
    rate: Decimal | None = None
    if _text(v.get("rate")):
        try:
            rate = Decimal(_text(v.get("rate")).replace(",", "."))
            if not (0 < rate <= 3):
                raise InvalidOperation
        except InvalidOperation:
            bad("rate", f"Неверная ставка «{_text(v.get('rate'))}»")
    kind_text = _text(v.get("kind")).lower()
    kind = KINDS.get(fold(kind_text))
    if kind is None:
        bad("kind", f"Неизвестный вид занятости «{kind_text}»")
    start = get_date("start_date")
    since = get_date("teaching_since")
    if since and since > today:
        bad("teaching_since", "Начало стажа в будущем")
    subjects: list[str] | None = None
    if "subjects" in v:
        subjects = []
        for name in re.split(r"[;,]", _text(v.get("subjects"))):
            if not name.strip():
                continue
            code = d.subjects.get(fold(name))
            if code is None:
                bad("subjects", f"Неизвестный предмет «{name.strip()}»")
            else:
                subjects.append(code)
    category_code: str | None = None
    cat_date: date | None = None
    if "category" in v:
        cat_text = _text(v.get("category")).lower()
        category_code = d.categories.get(fold(cat_text))
        if category_code is None:
            bad(
                "category",
                f"Неизвестная квалификационная категория «{_text(v.get('category'))}» "
                "(допустимо: без категории, соответствие занимаемой должности, первая, высшая, "
                "педагог-методист, педагог-наставник)",
            )
        cat_date = get_date("category_date")
        if category_code and category_code != rules.NO_CATEGORY:
            if cat_date is None and not any(i.column == COLUMN_LABELS["category_date"] for i in issues):
                bad("category_date", "Не указана дата присвоения категории")
            elif cat_date and cat_date > today:
                bad("category_date", "Дата присвоения категории в будущем")
    email = _text(v.get("email")) or None
    if email and not re.fullmatch(EMAIL_RE, email):
        bad("email", "Неверный адрес электронной почты")
    phone = _text(v.get("phone")) or None
    if phone and len(phone) <= MAX_LENGTH["phone"] and not re.fullmatch(PHONE_RE, phone):
        bad("phone", "Неверный номер телефона (допустимы цифры, пробелы, скобки, дефис и «+»)")
    texts = {
        "external_id": external_id,
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "email": email,
        "phone": phone,
    }
    for key, value in texts.items():
        if value and len(value) > MAX_LENGTH[key]:
            col = "full_name" if key not in v and "full_name" in v else key
            bad(
                col,
                f"Слишком длинное значение «{COLUMN_LABELS[key]}»: {len(value)} символов "
                f"(допустимо не больше {MAX_LENGTH[key]})",
            )
    if issues:
        return None, issues
    return ParsedRow(
        line=row.line,
        external_id=external_id,
        last_name=last,
        first_name=first,
        middle_name=middle,
        birth_date=birth,
        position_code=position or "",
        rate=rate,
        kind=kind or "main",
        start_date=start,
        teaching_since=since,
        subjects=subjects,
        category_code=category_code,
        category_date=cat_date,
        email=email,
        phone=phone,
    ), []


def own_system(org: Organization) -> str:
    return f"hr:{org.id}"


def check_external_system(principal: Principal, org: Organization, external_system: str | None) -> str:
    """The numbering the file's personnel numbers belong to. A school imports into its own numbering only: another
    numbering would let it reach (or probe) the people of other schools."""
    system = (external_system or "").strip() or own_system(org)
    if any(ord(ch) < 32 for ch in system):
        raise Unprocessable(
            errors=[FieldError(field="body.external_system", code="invalid", message="Недопустимые символы")]
        )
    if system != own_system(org) and not principal.scope(TeacherPerm.IMPORT).covers_municipality(org.municipality_id):
        raise Forbidden(
            "Организация загружает табельные номера только в своей нумерации; другую систему-источник указывает "
            "управление образования",
            code="external_system_forbidden",
        )
    return system


def read_sheet(filename: str, content: bytes) -> Sheet:
    """Parse in the calling (worker) thread; FileError for what cannot be read."""
    return parse_sheet(filename, content)


async def read_upload(filename: str, content: bytes) -> Sheet | FileError:
    """Parse off the event loop: a big or hostile file must not stall other requests. Too big answers 413."""
    try:
        return await anyio.to_thread.run_sync(read_sheet, filename, content)
    except FileTooLarge as e:
        raise PayloadTooLarge(str(e), code="file_too_large") from e
    except FileError as e:
        return e


def _person_key(last: str, first: str, middle: str | None, birth: date | None) -> tuple[str, ...] | None:
    if birth is None:
        return None
    norm = lambda x: re.sub(r"\s+", " ", (x or "").lower().replace("ё", "е")).strip()  # noqa: E731
    return (norm(last), norm(first), norm(middle), birth.isoformat())


@dataclass
class Plan:
    """What the apply step does with one good row."""

    row: ParsedRow
    action: str  # "create" | "update" | "second_employment"
    teacher_id: uuid.UUID | None = None
    add_external_id: bool = False


SECOND_JOB_NOTICE = (
    "Этот педагог уже работает в другой организации муниципалитета (совпали ФИО и дата рождения): "
    "{verb} второе место работы, новая карточка не создаётся"
)


async def _plan(
    session: AsyncSession, principal: Principal, org: Organization, system: str, parsed: list[ParsedRow]
) -> tuple[list[Plan], list[ImportIssue]]:
    """Match the good rows to existing people, inside the caller's scope; rows that cannot be matched safely
    become errors."""
    if not parsed:
        return [], []
    m = org.municipality_id
    # 1. Personnel numbers of this numbering. Leading zeros lost by a spreadsheet ("7" for "007") still match.
    numbers = {p.external_id for p in parsed}
    digits = {n.lstrip("0") or "0" for n in numbers if n.isdigit()}
    by_number: dict[str, uuid.UUID] = {}
    by_digits: dict[str, set[uuid.UUID]] = {}
    for number, tid in await repository.ids_by_number(session, m, system, numbers, digits):
        by_number[number] = tid
        if number.isdigit():
            by_digits.setdefault(number.lstrip("0") or "0", set()).add(tid)
    # 2. The same person elsewhere in the municipality: full name and birth date, compared here, never returned.
    births = {p.birth_date for p in parsed if p.birth_date}
    people: dict[tuple[str, ...], list[uuid.UUID]] = {}
    numbered: set[uuid.UUID] = set()
    if births:
        for tid, last, first, middle, birth in await repository.people_born_on(session, m, births):
            key = _person_key(last, first, middle, birth)
            if key:
                people.setdefault(key, []).append(tid)
        numbered = await repository.numbered_in(session, m, system, {tid for ids in people.values() for tid in ids})
    employed_here = await repository.employed_at(session, m, org.id, date.today())
    matched = set(by_number.values()) | {t for ids in by_digits.values() for t in ids}
    may_see = await repository.visible_ids(session, principal.scope(TeacherPerm.IMPORT), matched)

    plans: list[Plan] = []
    errors: list[ImportIssue] = []
    taken: dict[uuid.UUID, int] = {}

    def issue(p: ParsedRow, message: str, column: str | None = COLUMN_LABELS["external_id"]) -> None:
        value = p.external_id if column == COLUMN_LABELS["external_id"] else None
        errors.append(ImportIssue(line=p.line, column=column, value=value, message=message))

    for p in parsed:
        tid = by_number.get(p.external_id)
        if tid is None and p.external_id.isdigit():
            same = by_digits.get(p.external_id.lstrip("0") or "0", set())
            tid = next(iter(same)) if len(same) == 1 else None
        plan: Plan | None = None
        if tid is not None:
            if tid not in may_see:
                issue(
                    p,
                    f"Табельный номер {p.external_id} закреплён за сотрудником, который сейчас не работает в "
                    "организации: обратитесь в управление образования",
                )
                continue
            plan = Plan(p, "update", tid)
        else:
            key = _person_key(p.last_name, p.first_name, p.middle_name, p.birth_date)
            same_person = people.get(key, []) if key else []
            if len(same_person) > 1:
                issue(
                    p,
                    "В муниципалитете несколько педагогов с такими ФИО и датой рождения: обратитесь в управление "
                    "образования",
                    None,
                )
                continue
            if same_person:
                tid = same_person[0]
                if tid in numbered:
                    issue(
                        p,
                        "Педагог с такими ФИО и датой рождения уже записан с другим табельным номером: проверьте номер",
                    )
                    continue
                action = "update" if tid in employed_here else "second_employment"
                plan = Plan(p, action, tid, add_external_id=True)
            else:
                plan = Plan(p, "create")
        if plan.teacher_id is not None:
            if plan.teacher_id in taken:
                issue(p, f"Этот педагог уже указан в строке {taken[plan.teacher_id]}", None)
                continue
            taken[plan.teacher_id] = p.line
        plans.append(plan)
    return plans, errors


def _file_error_report(dry_run: bool, system: str, message: str) -> ImportReport:
    return ImportReport(
        dry_run=dry_run,
        applied=False,
        total_rows=0,
        valid_rows=0,
        to_create=0,
        to_update=0,
        errors=[ImportIssue(line=1, column=None, message=message)],
        mapped_columns={},
        unmapped_columns=[],
        external_system=system,
    )


async def run_import(
    session: AsyncSession,
    principal: Principal,
    org: Organization,
    filename: str,
    sheet: Sheet | FileError,
    dry_run: bool,
    system: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check the file (dry run) or apply it: all rows, or with `skip_invalid` only the good ones. `progress(done,
    total)` is told about every applied row (a background import shows it)."""
    today = date.today()
    if isinstance(sheet, FileError):
        return _file_error_report(dry_run, system, str(sheet))
    mapped = {COLUMN_LABELS[k]: k for k in sheet.mapping.values()}
    errors: list[ImportIssue] = []
    present = set(sheet.mapping.values())
    for need, label in (("external_id", "Табельный номер"), ("position", "Должность")):
        if need not in present:
            errors.append(ImportIssue(line=sheet.header_line, column=label, message=f"Нет колонки «{label}»"))
    if not ({"last_name", "first_name"} <= present or "full_name" in present):
        errors.append(
            ImportIssue(
                line=sheet.header_line,
                column="Фамилия",
                message="Нет колонок «Фамилия» и «Имя» (или «Ф.И.О.»)",
            )
        )
    file_ok = not errors
    dicts = await load_dictionaries(session)
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    if file_ok:
        for row in sheet.rows:
            p, issues = parse_row(row, dicts, today)
            ext = _text(row.values.get("external_id"))
            if p is not None and ext in seen:
                issues.append(
                    ImportIssue(
                        line=row.line,
                        column=COLUMN_LABELS["external_id"],
                        value=cell_text(ext),
                        message=f"Табельный номер {ext} повторяется (уже в строке {seen[ext]})",
                    )
                )
                p = None
            elif p is not None:
                seen[ext] = row.line
            errors.extend(issues)
            if p is not None:
                parsed.append(p)
    plans, match_errors = await _plan(session, principal, org, system, parsed)
    errors.extend(match_errors)
    errors.sort(key=lambda e: e.line)
    bad_lines = {e.line for e in errors}
    notices = [
        ImportIssue(
            line=pl.row.line,
            column=None,
            message=SECOND_JOB_NOTICE.format(verb="добавлено" if not dry_run else "будет добавлено"),
        )
        for pl in plans
        if pl.action == "second_employment"
    ]
    report = ImportReport(
        dry_run=dry_run,
        applied=False,
        total_rows=len(sheet.rows),
        valid_rows=len(plans),
        invalid_rows=len(bad_lines) if file_ok else len(sheet.rows),
        to_create=sum(1 for pl in plans if pl.action == "create"),
        to_update=sum(1 for pl in plans if pl.action == "update"),
        to_add_employment=sum(1 for pl in plans if pl.action == "second_employment"),
        errors=errors,
        notices=notices,
        mapped_columns=mapped,
        unmapped_columns=sheet.unmapped,
        external_system=system,
    )
    if dry_run or not file_ok or not plans or (errors and not skip_invalid):
        return report
    await _apply(session, principal, org, system, plans, today, progress)
    await record(
        session,
        principal,
        "import",
        "organization",
        org.id,
        org.municipality_id,
        {
            "file": filename[:200],
            "created": report.to_create,
            "updated": report.to_update,
            "second_employments": report.to_add_employment,
            "skipped_rows": report.invalid_rows,
            "system": system,
        },
    )
    report.applied = True
    report.skipped_rows = report.invalid_rows
    return report


async def _apply(
    session: AsyncSession,
    principal: Principal,
    org: Organization,
    system: str,
    plans: list[Plan],
    today: date,
    progress: Progress | None = None,
) -> None:
    ids = [pl.teacher_id for pl in plans if pl.teacher_id is not None]
    m = org.municipality_id
    teachers = await repository.load_for_import(session, m, ids)
    for done, pl in enumerate(plans):
        if progress is not None:
            await progress(done, len(plans))
        p = pl.row
        if pl.action == "create":
            t = Teacher(municipality_id=m, last_name=p.last_name, first_name=p.first_name)
            t.employments, t.subjects, t.categories, t.external_ids = [], [], [], []
            t.external_ids.append(TeacherExternalId(municipality_id=m, system=system, external_id=p.external_id))
            _apply_row(t, p, org, today)
            session.add(t)
            await session.flush()
            await record(
                session, principal, "create", "teacher", t.id, m, {"source": "import", "external_id": p.external_id}
            )
            continue
        t = teachers[pl.teacher_id]  # type: ignore[index]
        before = {**service._person_snapshot(t), **service._children_snapshot(t)}
        if pl.action == "update":
            _apply_row(t, p, org, today)
        else:  # a second employment of a person of another school: nothing else of theirs is changed
            _apply_job(t, p, org, today)
        if pl.add_external_id:
            t.external_ids.append(TeacherExternalId(municipality_id=m, system=system, external_id=p.external_id))
        changes = service.diff(before, {**service._person_snapshot(t), **service._children_snapshot(t)})
        if changes:
            t.updated_at = datetime.now(t.created_at.tzinfo)
            await session.flush()
            await record(session, principal, "update", "teacher", t.id, m, {"source": "import", **changes})


def _apply_row(t: Teacher, p: ParsedRow, org: Organization, today: date) -> None:
    m = org.municipality_id
    t.last_name, t.first_name = p.last_name, p.first_name
    t.middle_name = p.middle_name
    if p.birth_date:
        t.birth_date = p.birth_date
    if p.teaching_since:
        t.teaching_since = p.teaching_since
    if p.email:
        t.email = p.email
    if p.phone:
        t.phone = p.phone
    _apply_job(t, p, org, today)
    if p.subjects is not None:
        keep = {s.subject_code for s in t.subjects}
        if keep != set(p.subjects):
            t.subjects = [TeacherSubject(municipality_id=m, subject_code=s) for s in sorted(set(p.subjects))]
    if p.category_code and p.category_code != rules.NO_CATEGORY and p.category_date:
        if not any(c.category_code == p.category_code and c.granted_on == p.category_date for c in t.categories):
            t.categories.append(
                TeacherCategory(
                    municipality_id=m,
                    category_code=p.category_code,
                    granted_on=p.category_date,
                    expires_on=rules.category_expiry(p.category_code, p.category_date),
                )
            )
            t.categories.sort(key=lambda c: c.granted_on)


def _apply_job(t: Teacher, p: ParsedRow, org: Organization, today: date) -> None:
    """The person's current employment at this organization: updated, or added."""
    m = org.municipality_id
    start = p.start_date or today
    job = next(
        (e for e in t.employments if e.organization_id == org.id and (e.end_date is None or e.end_date >= today)),
        None,
    )
    if job is None:
        t.employments.append(
            Employment(
                municipality_id=m,
                organization_id=org.id,
                position_code=p.position_code,
                kind=p.kind,
                rate=p.rate,
                start_date=start,
            )
        )
    else:
        job.position_code, job.kind, job.rate = p.position_code, p.kind, p.rate
        if p.start_date:
            job.start_date = p.start_date


async def check_upload(
    session: AsyncSession, principal: Principal, form: ImportForm, dry_run: bool, skip_invalid: bool = False
) -> ImportReport:
    """The import of an uploaded file (a dry run, or the apply): the organization inside the caller's import
    scope (404 otherwise), the numbering it may use, the file read within the size limit."""
    org = await organizations.get_visible(session, principal, form.organization_id, TeacherPerm.IMPORT)
    system = check_external_system(principal, org, form.external_system)
    content = await form.file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise PayloadTooLarge("Файл больше 10 МБ: разделите выгрузку по организациям", code="file_too_large")
    filename = "".join(ch for ch in (form.file.filename or "") if ch.isprintable())
    sheet = await read_upload(filename, content)
    return await run_import(session, principal, org, filename, sheet, dry_run, system, skip_invalid)
