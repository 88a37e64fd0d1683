"""Import of teachers from a school's HR export (CSV as Russian Excel saves it, or XLSX).

Columns are mapped by header name with synonyms; what cannot be mapped is reported, never guessed. The dry run
reports every bad row with its line (as Excel numbers it) and reason; the apply step upserts by external id
(personnel number) inside the request's single transaction, so a file with any bad row changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.service import record
from app.auth.principal import Principal
from app.organizations.models import Organization
from app.reference.models import Position, QualificationCategory, Subject
from app.reference.service import name_index
from app.teachers import rules, service
from app.teachers.models import Employment, Teacher, TeacherCategory, TeacherExternalId, TeacherSubject
from app.teachers.schemas import ImportIssue, ImportReport

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000

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


def _norm_header(h: Any) -> str:
    s = str(h or "").lower().replace("ё", "е").replace(".", " ").replace(":", " ")
    return re.sub(r"\s+", " ", s).strip()


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


class FileError(Exception):
    pass


def _read_matrix(filename: str, content: bytes) -> list[list[Any]]:
    if content[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds
            raise FileError("Не удалось прочитать файл Excel (.xlsx)") from e
        ws = wb.worksheets[0]
        matrix = [list(r) for _, r in zip(range(MAX_ROWS + 20), ws.iter_rows(values_only=True), strict=False)]
        wb.close()
        return matrix
    for enc in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileError("Не удалось определить кодировку файла (ожидается UTF-8 или Windows-1251)")
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    return [
        row for _, row in zip(range(MAX_ROWS + 20), csv.reader(io.StringIO(text), delimiter=delimiter), strict=False)
    ]


def parse_sheet(filename: str, content: bytes) -> Sheet:
    matrix = _read_matrix(filename, content)
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


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def parse_date(v: Any) -> date | None:
    """Accepts ДД.ММ.ГГГГ, ГГГГ-ММ-ДД, Excel dates and Excel serial numbers; raises ValueError in Russian."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, int | float):
        if 1 < v < 80000:
            return date(1899, 12, 30) + timedelta(days=int(v))
        raise ValueError(f"Неверная дата «{v}»")
    s = str(v).strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", s)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError as e:
        raise ValueError(f"Несуществующая дата «{s}»") from e
    raise ValueError(f"Неверная дата «{s}» (ожидается ДД.ММ.ГГГГ)")


@dataclass
class Dictionaries:
    positions: dict[str, str]
    subjects: dict[str, str]
    categories: dict[str, str]


async def load_dictionaries(session: AsyncSession) -> Dictionaries:
    cats = await name_index(session, QualificationCategory)
    cats.update(CATEGORY_SYNONYMS)
    return Dictionaries(await name_index(session, Position), await name_index(session, Subject), cats)


def parse_row(row: Row, d: Dictionaries, today: date) -> tuple[ParsedRow | None, list[ImportIssue]]:
    v = row.values
    issues: list[ImportIssue] = []

    def bad(col: str, msg: str) -> None:
        issues.append(ImportIssue(line=row.line, column=COLUMN_LABELS[col], message=msg))

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
    elif birth and rules.full_years(birth, today) < 16:  # type: ignore[operator]
        bad("birth_date", f"Проверьте дату рождения: {birth:%d.%m.%Y}")
    pos_name = _text(v.get("position"))
    position = d.positions.get(pos_name.lower())
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
    kind = KINDS.get(kind_text)
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
            code = d.subjects.get(name.strip().lower())
            if code is None:
                bad("subjects", f"Неизвестный предмет «{name.strip()}»")
            else:
                subjects.append(code)
    category_code: str | None = None
    cat_date: date | None = None
    if "category" in v:
        cat_text = _text(v.get("category")).lower()
        category_code = d.categories.get(cat_text)
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
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        bad("email", "Неверный адрес электронной почты")
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
        phone=_text(v.get("phone")) or None,
    ), []


async def run_import(
    session: AsyncSession,
    principal: Principal,
    org: Organization,
    filename: str,
    content: bytes,
    dry_run: bool,
    external_system: str | None,
) -> ImportReport:
    system = external_system or f"hr:{org.id}"
    today = date.today()
    try:
        sheet = parse_sheet(filename, content)
    except FileError as e:
        return ImportReport(
            dry_run=dry_run,
            applied=False,
            total_rows=0,
            valid_rows=0,
            to_create=0,
            to_update=0,
            errors=[ImportIssue(line=1, column=None, message=str(e))],
            mapped_columns={},
            unmapped_columns=[],
            external_system=system,
        )
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
    dicts = await load_dictionaries(session)
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    if not errors:
        for row in sheet.rows:
            p, issues = parse_row(row, dicts, today)
            ext = _text(row.values.get("external_id"))
            if ext and ext in seen:
                issues.append(
                    ImportIssue(
                        line=row.line,
                        column=COLUMN_LABELS["external_id"],
                        message=f"Табельный номер {ext} повторяется (уже в строке {seen[ext]})",
                    )
                )
                p = None
            elif ext:
                seen[ext] = row.line
            errors.extend(issues)
            if p is not None:
                parsed.append(p)

    existing: dict[str, uuid.UUID] = (
        dict(
            (
                await session.execute(
                    select(TeacherExternalId.external_id, TeacherExternalId.teacher_id).where(
                        TeacherExternalId.municipality_id == org.municipality_id,
                        TeacherExternalId.system == system,
                        TeacherExternalId.external_id.in_([p.external_id for p in parsed]),
                    )
                )
            ).all()
        )
        if parsed
        else {}
    )
    report = ImportReport(
        dry_run=dry_run,
        applied=False,
        total_rows=len(sheet.rows),
        valid_rows=len(parsed),
        to_create=sum(1 for p in parsed if p.external_id not in existing),
        to_update=sum(1 for p in parsed if p.external_id in existing),
        errors=errors,
        mapped_columns=mapped,
        unmapped_columns=sheet.unmapped,
        external_system=system,
    )
    if dry_run or errors:
        return report

    teachers = {
        t.id: t
        for t in (
            await session.scalars(select(Teacher).where(Teacher.id.in_(existing.values())).options(*service.LOAD_ALL))
        ).all()
    }
    for p in parsed:
        tid = existing.get(p.external_id)
        if tid is None:
            t = Teacher(municipality_id=org.municipality_id, last_name=p.last_name, first_name=p.first_name)
            t.employments, t.subjects, t.categories, t.external_ids = [], [], [], []
            t.external_ids.append(
                TeacherExternalId(municipality_id=org.municipality_id, system=system, external_id=p.external_id)
            )
            action = "create"
            before: dict[str, Any] = {}
        else:
            t = teachers[tid]
            action = "update"
            before = {**service._person_snapshot(t), **service._children_snapshot(t)}
        _apply_row(t, p, org, today)
        if action == "create":
            session.add(t)
            await session.flush()
            await record(
                session,
                principal,
                "create",
                "teacher",
                t.id,
                org.municipality_id,
                {"source": "import", "external_id": p.external_id},
            )
        else:
            after = {**service._person_snapshot(t), **service._children_snapshot(t)}
            changes = service.diff(before, after)
            if changes:
                t.updated_at = datetime.now(t.created_at.tzinfo)
                await session.flush()
                await record(
                    session,
                    principal,
                    "update",
                    "teacher",
                    t.id,
                    org.municipality_id,
                    {"source": "import", **changes},
                )
    await record(
        session,
        principal,
        "import",
        "organization",
        org.id,
        org.municipality_id,
        {"file": filename[:200], "created": report.to_create, "updated": report.to_update, "system": system},
    )
    report.applied = True
    return report


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
