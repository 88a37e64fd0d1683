"""Upload of a list of an event's participants (XLSX, XLS, ODS or CSV as organizers send them), with the same dry run
/ per-row report / partial apply as the teacher import.

Columns are recognised by header name with synonyms: «ФИО» (or «Фамилия», «Имя», «Отчество»), «Дата рождения»,
«Табельный номер», «Роль», «Часы», «Результат», «№ сертификата», and optionally «Тема выступления», «Намерен
применить». Each row is matched to a teacher inside the caller's reach (the teachers' gate with the caller's
`participations:write` scope, narrowed to one organization when the form names it) by personnel number or by full
name and birth date; nothing is guessed: a row that matches nobody, or several people, is reported and skipped.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import record
from app.core.errors import PayloadTooLarge
from app.core.search import fold
from app.core.spreadsheets import FileError, FileTooLarge, cell_text, norm_header, parse_date, read_matrix, text
from app.events import participation
from app.events import repository as repo
from app.events import service as events
from app.events.models import CONTEST_RESULTS, PARTICIPATION_ROLES, Participation
from app.events.permissions import EventPerm
from app.events.schemas import ParticipantImportForm, ParticipantImportReport, ParticipantImportRow
from app.organizations import service as organizations
from app.teachers import service as teachers
from app.teachers.schemas import ImportIssue

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL_CHARS = 1000

COLUMN_LABELS = {
    "full_name": "ФИО",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "birth_date": "Дата рождения",
    "personnel_number": "Табельный номер",
    "role": "Роль",
    "hours": "Часы",
    "result": "Результат",
    "certificate_number": "№ сертификата",
    "presentation_title": "Тема выступления",
    "intends_to_apply": "Намерен применить",
}
SYNONYMS: dict[str, list[str]] = {
    "full_name": ["фио", "ф и о", "фамилия имя отчество", "фамилия, имя, отчество", "участник", "педагог"],
    "last_name": ["фамилия"],
    "first_name": ["имя"],
    "middle_name": ["отчество"],
    "birth_date": ["дата рождения", "д р", "дата рожд"],
    "personnel_number": ["табельный номер", "таб номер", "табельный", "таб №", "табельный №"],
    "role": ["роль", "роль участника", "в качестве"],
    "hours": ["часы", "часов", "кол-во часов", "количество часов", "объем часов", "объём часов"],
    "result": ["результат", "итог", "результат участия"],
    "certificate_number": [
        "№ сертификата",
        "номер сертификата",
        "сертификат",
        "сертификат №",
        "№ свидетельства",
        "номер документа",
    ],
    "presentation_title": ["тема выступления", "тема доклада", "представленная практика", "практика"],
    "intends_to_apply": ["намерен применить", "намерен применить практику", "применит практику"],
}
HEADER_INDEX = {norm_header(s): key for key, syns in SYNONYMS.items() for s in syns}

ROLE_NAMES = {
    **{fold(code): code for code in PARTICIPATION_ROLES},
    **{fold(name): code for code, name in PARTICIPATION_ROLES.items()},
    "слушатель": "listener",
    "участник": "listener",
    "выступающий": "speaker",
    "докладчик": "speaker",
    "спикер": "speaker",
    "выступление": "speaker",
    "организатор": "organizer",
    "жюри": "jury",
    "член жюри": "jury",
    "эксперт": "jury",
    "конкурсант": "contestant",
    "участник конкурса": "contestant",
}
RESULT_NAMES = {
    **{fold(code): code for code in CONTEST_RESULTS},
    **{fold(name): code for code, name in CONTEST_RESULTS.items()},
    "призер": "prize_winner",
    "лауреат": "prize_winner",
    "участие": "participant",
}
YES = {"да", "yes", "1", "true", "+", "намерен"}
NO = {"", "нет", "no", "0", "false", "-"}


@dataclass
class Parsed:
    line: int
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date | None
    personnel_number: str | None
    role: str
    hours: Decimal | None
    result: str | None
    certificate_number: str | None
    presentation_title: str | None
    intends_to_apply: bool


@dataclass
class Sheet:
    header_line: int
    mapping: dict[int, str]
    unmapped: list[str]
    rows: list[tuple[int, dict[str, Any]]]


def parse_sheet(filename: str, content: bytes) -> Sheet:
    matrix = read_matrix(filename, content, MAX_ROWS)
    for idx, row in enumerate(matrix[:15]):
        keys = [HEADER_INDEX.get(norm_header(c)) for c in row]
        found = {k for k in keys if k}
        if len(found) >= 2 and found & {"full_name", "last_name", "personnel_number"}:
            mapping: dict[int, str] = {}
            unmapped = []
            for col, (cell, key) in enumerate(zip(row, keys, strict=True)):
                if key and key not in mapping.values():
                    mapping[col] = key
                elif str(cell or "").strip():
                    unmapped.append(str(cell).strip())
            rows = []
            for n, data in enumerate(matrix[idx + 1 :], start=idx + 2):
                if not any(str(c or "").strip() for c in data):
                    continue
                rows.append((n, {key: (data[col] if col < len(data) else None) for col, key in mapping.items()}))
            if len(rows) > MAX_ROWS:
                raise FileError(f"Слишком много строк: больше {MAX_ROWS}")
            return Sheet(idx + 1, mapping, unmapped, rows)
    raise FileError(
        "Не найдена строка заголовков (ожидаются колонки «ФИО» или «Фамилия», «Имя», «Отчество», "
        "и «Дата рождения» или «Табельный номер»)"
    )


def parse_row(line: int, v: dict[str, Any], default_role: str) -> tuple[Parsed | None, list[ImportIssue]]:
    issues: list[ImportIssue] = []

    def bad(col: str, message: str) -> None:
        issues.append(ImportIssue(line=line, column=COLUMN_LABELS[col], value=cell_text(v.get(col)), message=message))

    for col, raw in v.items():
        if isinstance(raw, str) and "\x00" in raw:
            bad(col, "Недопустимый символ (NUL) в ячейке")
        elif isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
            bad(col, f"Слишком длинное значение: {len(raw)} символов")
    if issues:
        return None, issues
    last, first, middle = text(v.get("last_name")), text(v.get("first_name")), text(v.get("middle_name")) or None
    if "full_name" in v and not (last or first):
        parts = text(v.get("full_name")).split()
        last, first = [*parts, "", ""][:2]
        middle = " ".join(parts[2:]) or None
    number = text(v.get("personnel_number")) or None
    if not last and not number:
        bad("full_name" if "full_name" in v else "last_name", "Не указаны ФИО")
    elif not number and not first:
        bad("full_name" if "full_name" in v else "first_name", "Не указано имя")
    birth = None
    try:
        birth = parse_date(v.get("birth_date"))
    except ValueError as e:
        bad("birth_date", str(e))
    role_text = text(v.get("role"))
    role = ROLE_NAMES.get(fold(role_text)) if role_text else default_role
    if role is None:
        bad("role", f"Неизвестная роль «{role_text}» (слушатель, выступающий, организатор, жюри, участник конкурса)")
    hours = None
    if text(v.get("hours")):
        try:
            hours = Decimal(text(v.get("hours")).replace(",", "."))
            if not (0 <= hours <= 9999) or hours != hours.quantize(Decimal("0.1")):
                raise InvalidOperation
        except InvalidOperation:
            bad("hours", f"Неверное число часов «{text(v.get('hours'))}»")
            hours = None
    result_text = text(v.get("result"))
    result = RESULT_NAMES.get(fold(result_text)) if result_text else None
    if result_text and result is None:
        bad("result", f"Неизвестный результат «{result_text}» (победитель, призёр, участник)")
    if result is not None and role is not None and role != "contestant":
        if role_text:
            bad("result", "Результат указывается только для участника конкурса")
        else:
            role = "contestant"  # a list of a contest's results: a result makes the row a contestant's
    apply_text = fold(text(v.get("intends_to_apply")))
    if apply_text not in YES | NO:
        bad("intends_to_apply", "Ожидается «да» или «нет»")
    certificate = text(v.get("certificate_number")) or None
    if certificate and len(certificate) > 100:
        bad("certificate_number", "Слишком длинный номер сертификата")
    title = text(v.get("presentation_title")) or None
    if title and len(title) > 500:
        bad("presentation_title", "Слишком длинная тема выступления")
    if issues:
        return None, issues
    return Parsed(
        line=line,
        last_name=last,
        first_name=first,
        middle_name=middle,
        birth_date=birth,
        personnel_number=number,
        role=role or default_role,
        hours=hours,
        result=result,
        certificate_number=certificate,
        presentation_title=title,
        intends_to_apply=apply_text in YES,
    ), []


async def _read(form: ParticipantImportForm) -> tuple[str, Sheet | FileError]:
    content = await form.file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise PayloadTooLarge("Файл больше 5 МБ: разделите список", code="file_too_large")
    filename = "".join(ch for ch in (form.file.filename or "") if ch.isprintable())
    try:
        return filename, await anyio.to_thread.run_sync(parse_sheet, filename, content)
    except FileTooLarge as e:
        raise PayloadTooLarge(str(e), code="file_too_large") from e
    except FileError as e:
        return filename, e


def _empty_report(dry_run: bool, message: str, line: int = 1) -> ParticipantImportReport:
    return ParticipantImportReport(
        dry_run=dry_run,
        applied=False,
        total_rows=0,
        to_add=0,
        duplicates=0,
        not_matched=0,
        invalid_rows=0,
        rows=[],
        errors=[ImportIssue(line=line, column=None, message=message)],
        mapped_columns={},
        unmapped_columns=[],
    )


async def import_participants(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID, form: ParticipantImportForm
) -> ParticipantImportReport:
    event = await events.visible_event(session, principal, event_id)
    participation.check_open(event)
    scope = principal.scope(EventPerm.PARTICIPATIONS_WRITE)
    system = None
    if form.organization_id is not None:
        org = await organizations.get_visible(session, principal, form.organization_id, EventPerm.PARTICIPATIONS_WRITE)
        scope = Scope(organization_ids=frozenset({org.id}))  # the staff of that organization, inside the caller's reach
        system = f"hr:{org.id}"
    filename, sheet = await _read(form)
    if isinstance(sheet, FileError):
        return _empty_report(form.dry_run, str(sheet))
    present = set(sheet.mapping.values())
    if not (present & {"full_name", "last_name", "personnel_number"}):
        return _empty_report(form.dry_run, "Нет колонки «ФИО» (или «Фамилия») и «Табельный номер»", sheet.header_line)
    rows: list[ParticipantImportRow] = []
    errors: list[ImportIssue] = []
    parsed: list[Parsed] = []
    for line, values in sheet.rows:
        p, issues = parse_row(line, values, form.role)
        if p is None:
            errors.extend(issues)
            rows.append(ParticipantImportRow(line=line, status="bad_value", message=issues[0].message))
        else:
            parsed.append(p)
    matches = await teachers.match_people(
        session,
        scope,
        [
            teachers.PersonQuery(p.last_name, p.first_name, p.middle_name, p.birth_date, p.personnel_number)
            for p in parsed
        ],
        system,
    )
    # only people of the event's municipality
    everyone = {m.teacher_id for r in matches for m in (*r.by_number, *r.by_name_and_birth)}
    local = set(await teachers.names_in_scope(session, scope, everyone, event.municipality_id))
    planned: list[tuple[Parsed, uuid.UUID, str]] = []
    for p, match in zip(parsed, matches, strict=True):
        decided = _decide(
            p,
            [m for m in match.by_number if m.teacher_id in local],
            [m for m in match.by_name_and_birth if m.teacher_id in local],
        )
        if isinstance(decided, ParticipantImportRow):
            rows.append(decided)
            if decided.status == "bad_value":
                errors.append(
                    ImportIssue(
                        line=p.line,
                        column=COLUMN_LABELS["personnel_number"],
                        value=p.personnel_number,
                        message=decided.message or "",
                    )
                )
        else:
            planned.append((p, decided.teacher_id, decided.full_name))
    to_add, dup_rows = await _plan(session, event.id, planned)
    rows.extend(dup_rows)
    added: list[Participation] = []
    if not form.dry_run and to_add:
        orgs = await participation.organizations_at(session, {t for _, t, _ in to_add}, event.start_date)
        for _attempt in range(2):
            added = [
                participation.new_row(
                    event,
                    t,
                    orgs.get(t),
                    {
                        "role": p.role,
                        "hours": p.hours,
                        "result": p.result,
                        "certificate_number": p.certificate_number,
                        "presentation_title": p.presentation_title,
                        "intends_to_apply": p.intends_to_apply,
                    },
                )
                for p, t, _ in to_add
            ]
            if await participation.insert_rows(session, added):
                break
            to_add, more = await _plan(session, event.id, to_add)  # a concurrent registration won: skip those
            rows.extend(more)
            added = []
        await participation.audit_created(session, principal, added, source="import")
        await record(
            session,
            principal,
            "import",
            "event",
            event.id,
            event.municipality_id,
            {"file": filename[:200], "created": len(added), "skipped_rows": len(sheet.rows) - len(added)},
        )
    by_teacher_role = {(r.teacher_id, r.role): r.id for r in added}
    for p, t, name in to_add:
        rows.append(
            ParticipantImportRow(
                line=p.line,
                status="added" if added else "matched",
                teacher_id=t,
                teacher_name=name,
                role=p.role,  # type: ignore[arg-type]
                participation_id=by_teacher_role.get((t, p.role)),
            )
        )
    rows.sort(key=lambda r: r.line)
    errors.sort(key=lambda e: e.line)
    return ParticipantImportReport(
        dry_run=form.dry_run,
        applied=bool(added),
        total_rows=len(sheet.rows),
        to_add=len(to_add),
        duplicates=sum(1 for r in rows if r.status == "duplicate"),
        not_matched=sum(1 for r in rows if r.status in ("not_found", "ambiguous")),
        invalid_rows=sum(1 for r in rows if r.status == "bad_value"),
        rows=rows,
        errors=errors,
        mapped_columns={COLUMN_LABELS[k]: k for k in sheet.mapping.values()},
        unmapped_columns=sheet.unmapped,
    )


def _decide(
    p: Parsed, by_number: list[teachers.PersonMatch], by_name: list[teachers.PersonMatch]
) -> ParticipantImportRow | teachers.PersonMatch:
    """The one teacher a row names, or the row's report when there is not exactly one."""
    if by_number:
        if len({m.teacher_id for m in by_number}) > 1:
            return ParticipantImportRow(
                line=p.line,
                status="ambiguous",
                role=p.role,  # type: ignore[arg-type]
                message=f"Табельный номер {p.personnel_number} есть у нескольких педагогов: укажите организацию",
            )
        m = by_number[0]
        if p.last_name and fold(m.last_name) != fold(p.last_name):
            return ParticipantImportRow(
                line=p.line,
                status="bad_value",
                role=p.role,  # type: ignore[arg-type]
                message=f"Табельный номер {p.personnel_number} принадлежит другому педагогу ({m.full_name})",
            )
        return m
    if p.birth_date is None:
        return ParticipantImportRow(
            line=p.line,
            status="not_found",
            role=p.role,  # type: ignore[arg-type]
            message="Педагог не найден: для поиска по ФИО нужна дата рождения (или укажите табельный номер)"
            if not p.personnel_number
            else f"Педагог с табельным номером {p.personnel_number} не найден",
        )
    if len(by_name) > 1:
        return ParticipantImportRow(
            line=p.line,
            status="ambiguous",
            role=p.role,  # type: ignore[arg-type]
            message="Несколько педагогов с такими ФИО и датой рождения: укажите табельный номер",
        )
    if not by_name:
        return ParticipantImportRow(
            line=p.line,
            status="not_found",
            role=p.role,  # type: ignore[arg-type]
            message=f"Педагог {' '.join(x for x in (p.last_name, p.first_name, p.middle_name) if x)} "
            f"({p.birth_date:%d.%m.%Y}) не найден среди педагогов в вашей области доступа",
        )
    return by_name[0]


async def _plan(
    session: AsyncSession, event_id: uuid.UUID, planned: list[tuple[Parsed, uuid.UUID, str]]
) -> tuple[list[tuple[Parsed, uuid.UUID, str]], list[ParticipantImportRow]]:
    """Rows to add, and the duplicates: a row already registered at the event, or repeating an earlier row."""
    existing = {
        (x.teacher_id, x.role): x.id
        for x in await repo.active_participations(session, event_id, {t for _, t, _ in planned})
    }
    seen: dict[tuple[uuid.UUID, str], int] = {}
    keep, dups = [], []
    for p, t, name in planned:
        key = (t, p.role)
        if key in existing:
            dups.append(
                ParticipantImportRow(
                    line=p.line,
                    status="duplicate",
                    teacher_id=t,
                    teacher_name=name,
                    role=p.role,  # type: ignore[arg-type]
                    participation_id=existing[key],
                    message=f"Уже записан(а) на это мероприятие с ролью «{PARTICIPATION_ROLES[p.role]}»",
                )
            )
        elif key in seen:
            dups.append(
                ParticipantImportRow(
                    line=p.line,
                    status="duplicate",
                    teacher_id=t,
                    teacher_name=name,
                    role=p.role,  # type: ignore[arg-type]
                    message=f"Повторяет строку {seen[key]}",
                )
            )
        else:
            seen[key] = p.line
            keep.append((p, t, name))
    return keep, dups
