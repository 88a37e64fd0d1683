"""Reading a roadmap table as the order prints it (№ пп, Мероприятия, Сроки выполнения, Ответственные) from XLSX,
CSV or a DOCX table into sections (a row «1. Информационная поддержка», its «Задача: …» row or the task written in
the same cell) and activities (a row numbered «1.1.»; a row without a number continues the activity above it — a
table broken across pages), and splitting «Ответственные» into people («Лысенко С.Н., главный специалист ООА»),
organizations («МКУ «ЦОМОО г.Зеи»», «ООА») and roles («Руководители методических объединений»). Pure functions,
no database: the service matches the names to the municipality's records."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from app.core import sheets

COLUMNS = sheets.header_index(
    {
        "number": ["№ пп", "№ п/п", "№", "номер", "n"],
        "title": ["мероприятия", "мероприятие", "наименование мероприятия", "содержание"],
        "timeframe": ["сроки выполнения", "срок выполнения", "сроки", "срок", "сроки реализации"],
        "responsible": ["ответственные", "ответственный", "ответственные исполнители", "исполнители"],
    }
)
NO_HEADER = "Не найдена строка заголовка: нужны столбцы «№ пп», «Мероприятия», «Сроки выполнения», «Ответственные»"

_NUMBER = re.compile(r"^\s*(\d{1,2})\.(\d{1,3})\.?\s*$")
_SECTION = re.compile(r"^\s*(\d{1,2})\.\s*(\S.*)$", re.S)
_TASK = re.compile(r"\s*Задача\s*:\s*", re.I)
_PERSON = re.compile(r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+([А-ЯЁ])\.\s*([А-ЯЁ])\.?")
_ORG = re.compile(
    r"((?:МКУ|МБУ|МАУ|МОАУ|МБОУ|МАОУ|МОБУ|МКОУ|ГАУ ДПО|ГАУ|ГБУ|ГКУ)\s*«[^»]+»|«[^»]+»|\bООА\b|\bУО\b|\bГЦОКО\b)"
)


@dataclass
class ParsedSection:
    number: int
    title: str
    task: str | None = None


@dataclass
class ParsedActivity:
    line: int
    section_number: int | None
    number: str
    title: str
    timeframe: str
    responsible: str


@dataclass
class ParsedTable:
    sections: list[ParsedSection] = field(default_factory=list)
    activities: list[ParsedActivity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _clean(v: Any) -> str:
    s = sheets.text(v) if v is not None else ""
    s = s.replace("\xa0", " ")
    s = re.sub(r"<[^>]+>", " ", s)  # a cell pasted with its HTML (<p>…</p>)
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "\n", s)).strip()


def _join(a: str, b: str) -> str:
    if not b:
        return a
    if not a:
        return b
    if a.endswith(","):
        return f"{a} {b}"
    return f"{a}\n{b}" if re.search(r"\b[А-ЯЁ][а-яё]+ [А-ЯЁ]\.[А-ЯЁ]\.|[.,]$", a) or b[:1].isupper() else f"{a} {b}"


def _docx_matrix(content: bytes) -> list[list[Any]]:
    from docx import Document

    sheets.check_zip(content)
    try:
        doc = Document(io.BytesIO(content))
    except Exception as e:  # python-docx raises many kinds
        raise sheets.FileError("Не удалось прочитать документ Word (.docx)") from e
    for table in doc.tables:
        rows: list[list[Any]] = []
        for row in table.rows:
            cells, seen = [], []
            for cell in row.cells:
                if any(cell._tc is s for s in seen):  # a merged cell repeats itself across the columns it spans
                    cells.append(None)
                    continue
                seen.append(cell._tc)
                cells.append(cell.text)
            rows.append(cells)
        header = " ".join(str(c or "").lower() for c in (rows[0] if rows else []))
        if "мероприят" in header:
            return rows
    raise sheets.FileError("В документе нет таблицы «дорожной карты» (столбец «Мероприятия»)")


def read_matrix(filename: str, content: bytes) -> list[list[Any]]:
    if len(content) > sheets.MAX_BYTES:
        raise sheets.FileTooLarge("Файл больше 10 МБ")
    name = filename.lower()
    if name.endswith(".docx"):
        return _docx_matrix(content)
    if content[:2] == b"PK" and not name.endswith((".xlsx", ".xlsm", ".ods")):
        try:  # a .docx saved under another name
            return _docx_matrix(content)
        except sheets.FileError:
            pass
    return sheets.read_matrix(filename, content)


def parse_table(filename: str, content: bytes) -> ParsedTable:
    """Sections and activities of the file's roadmap table (FileError when it cannot be read)."""
    sheet = sheets.find_sheet(read_matrix(filename, content), COLUMNS, NO_HEADER, min_columns=3)
    out = ParsedTable()
    section: ParsedSection | None = None
    last: ParsedActivity | None = None
    for row in sheet.rows:
        v = {k: _clean(row.values.get(k)) for k in ("number", "title", "timeframe", "responsible")}
        cells = [c for c in v.values() if c]
        if not cells:
            continue
        m = _NUMBER.match(v["number"])
        if m:
            last = ParsedActivity(
                line=row.line,
                section_number=section.number if section else int(m.group(1)),
                number=f"{int(m.group(1))}.{int(m.group(2))}",
                title=v["title"],
                timeframe=v["timeframe"],
                responsible=v["responsible"],
            )
            if section is None or section.number != int(m.group(1)):
                section = _section_for(out, int(m.group(1)))
                last.section_number = section.number
            out.activities.append(last)
            continue
        single = len(set(cells)) == 1  # a row spanning the table (merged cells, or one filled column)
        if single:
            text = cells[0]
            sm = _SECTION.match(text)
            if sm and not _TASK.match(text):
                title, task = _split_task(sm.group(2))
                section = _section_for(out, int(sm.group(1)))
                section.title, section.task = title, task or section.task
                last = None
                continue
            if _TASK.match(text):
                if section is not None:
                    section.task = _TASK.sub("", text, count=1).strip(" ,")
                continue
        if last is not None and not v["number"]:  # the activity continues on the next page
            last.title = _join(last.title, v["title"])
            last.timeframe = _join(last.timeframe, v["timeframe"])
            last.responsible = _join(last.responsible, v["responsible"])
            continue
        out.warnings.append(f"Строка {row.line}: не распознана и пропущена («{cells[0][:60]}»)")
    numbers = [a.number for a in out.activities]
    for n in sorted({n for n in numbers if numbers.count(n) > 1}):
        out.warnings.append(f"Номер {n} встречается несколько раз: загружена последняя строка")
    return out


def _split_task(text: str) -> tuple[str, str | None]:
    parts = _TASK.split(text, maxsplit=1)
    title = parts[0].strip(" ,")
    task = parts[1].strip(" ,") if len(parts) > 1 else None
    return title, task


def _section_for(out: ParsedTable, number: int) -> ParsedSection:
    for s in out.sections:
        if s.number == number:
            return s
    s = ParsedSection(number=number, title=f"Раздел {number}")
    out.sections.append(s)
    return s


# --- «Ответственные» ---


@dataclass(frozen=True)
class PersonMention:
    text: str  # «Лысенко С.Н.»
    last_name: str
    initials: str  # «СН»
    role: str | None  # «главный специалист ООА»


@dataclass
class ResponsibleParts:
    people: list[PersonMention] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def split_responsible(text: str) -> ResponsibleParts:
    """People (surname and initials, with the position written after them), organizations (a quoted name with its
    form, «ООА») and roles (the rest, split at commas and line breaks)."""
    out = ResponsibleParts()
    t = (text or "").replace("\xa0", " ")
    people = list(_PERSON.finditer(t))
    rest_parts: list[str] = []
    pos = 0
    for i, m in enumerate(people):
        rest_parts.append(t[pos : m.start()])
        end = people[i + 1].start() if i + 1 < len(people) else len(t)
        tail = t[m.end() : end]
        # the position follows the comma up to the line break (or to a capitalised group: «… ООА Руководители ОО»)
        role_m = re.match(r"\s*,\s*([^\n]*?)(?=\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ]{1,3}\b|\n|$)", tail)
        role = role_m.group(1).strip(" ,.") if role_m else None
        out.people.append(PersonMention(m.group(0).strip(), m.group(1), m.group(2) + m.group(3), role or None))
        pos = m.end() + (role_m.end() if role_m else 0)
    rest_parts.append(t[pos:])
    for chunk in rest_parts:
        for part in re.split(r"[,;\n]", chunk):
            part = part.strip(" .")
            if len(part) < 2:
                continue
            out.roles.append(part)
    seen: set[str] = set()
    for source in [p.role or "" for p in out.people] + out.roles:
        for m in _ORG.finditer(source):
            org = m.group(1).strip()
            if org.lower() not in seen:
                seen.add(org.lower())
                out.organizations.append(org)
    return out


def org_key(text: str) -> str:
    """The core of an organization's name to compare: the first word inside the quotes («ЦОМОО г.Зеи» → цомоо), or
    the abbreviation itself (ООА → ооа)."""
    m = re.search(r"«\s*([^»\s]+)", text)
    core = m.group(1) if m else text.strip().split(" ")[0]
    return core.lower().replace("ё", "е").strip(' .«»"')
