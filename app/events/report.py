"""The analytical report of a series («Аналитическая справка по итогам деятельности постоянно действующего семинара»)
as DOCX, laid out like Appendix 1 of Kostroma's order 517-рз/IV: goal, tasks, forms of work, the sessions table
(topic, dates, content, responsible), participants per session and per organization, the organizations that
presented practices, and the methodologist's conclusions. Rendering only: the service gathers `SeriesReport`.

Times New Roman 12 on A4 portrait with the margins of an official document; only styles of python-docx's default
template (Normal, List Bullet, Table Grid), so Word and LibreOffice open it without warnings."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

PLACEHOLDER_CONCLUSIONS = "Выводы не заполнены"
NO_ORGANIZATION = "Организация не указана"
FONT, FONT_SIZE = "Times New Roman", 12
BULLET_MARK = re.compile(r"^[-–—•*·]+\s*")

SESSION_COLUMNS = ("Тема семинара", "Сроки проведения", "Содержание", "Ответственные")
SESSION_WIDTHS = (Cm(4.4), Cm(3.0), Cm(5.3), Cm(3.8))  # «Сроки проведения» fits on two lines
COUNT_COLUMNS = ("№", "Тема", "Дата", "Присутствовали", "Посещение не отмечено", "Всего участников")
COUNT_WIDTHS = (Cm(0.9), Cm(7.0), Cm(2.3), Cm(2.1), Cm(2.1), Cm(2.1))
ORG_COLUMNS = ("Организация", "Участников (педагогов)", "Посещено заседаний")
ORG_WIDTHS = (Cm(10.5), Cm(3.0), Cm(3.0))


@dataclass(frozen=True)
class ReportSession:
    title: str
    start_date: date
    end_date: date | None
    cancelled: bool
    content: str | None
    responsible: Sequence[str]
    participants: int  # distinct teachers not marked absent
    attended: int  # of them, marked present


@dataclass(frozen=True)
class ReportOrganization:
    name: str
    participants: int
    sessions: int


@dataclass(frozen=True)
class SeriesReport:
    title: str
    standing_seminar: bool  # every session is a session of a standing seminar (pds_session)
    academic_year: str  # «2021/2022»
    goal: str | None = None
    tasks: str | None = None
    audience_note: str | None = None
    forms_of_work: str | None = None
    organizer: str | None = None
    order_number: str | None = None
    order_date: date | None = None
    sessions: Sequence[ReportSession] = ()
    organizations: Sequence[ReportOrganization] = ()
    total_participants: int = 0
    total_sessions_attended: int = 0
    presenters: Sequence[str] = ()
    conclusions: str | None = None
    generated_at: datetime | None = field(default=None, compare=False)

    @property
    def kind_genitive(self) -> str:
        return "постоянно действующего семинара" if self.standing_seminar else "цикла мероприятий"

    @property
    def heading(self) -> str:
        return f"Аналитическая справка по итогам деятельности {self.kind_genitive} «{self.title}»"


def items(text: str | None) -> list[str]:
    """A list written one item per line («- познакомить…;»), or on one line split by «;»: the items without their
    bullet marks."""
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    if len(lines) == 1 and ";" in lines[0]:
        lines = [x.strip() for x in lines[0].split(";") if x.strip()]
    stripped = (BULLET_MARK.sub("", ln).strip() for ln in lines)
    return [x for x in stripped if x]


def dates_text(start: date, end: date | None) -> str:
    if end and end != start:
        return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    return f"{start:%d.%m.%Y}"


# --- document pieces ----------------------------------------------------------------------------------------------


def _setup(doc: DocumentType, data: SeriesReport) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    # The document defaults themselves (not only Normal): the template's theme fonts would otherwise win in Word.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(FONT_SIZE * 2))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE)
    props = doc.core_properties
    props.title = data.heading[:250]
    props.subject = "Аналитическая справка"
    props.author = data.organizer or ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    if data.generated_at is not None:
        props.created = props.modified = data.generated_at.replace(tzinfo=None)
    props.revision = 1


def _text(doc: DocumentType, text: str, *, indent: bool = True, bold_lead: str | None = None) -> Paragraph:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.25)
    if bold_lead:
        p.add_run(bold_lead).bold = True
    if text:
        p.add_run(text)
    return p


def _bullets(doc: DocumentType, values: Sequence[str]) -> None:
    for v in values:
        p = doc.add_paragraph(v, style="List Bullet")
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _gap(doc: DocumentType) -> None:
    doc.add_paragraph()


def _table(doc: DocumentType, columns: Sequence[str], widths: Sequence[Cm]) -> Table:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()  # repeat the header row on every page
    repeat = OxmlElement("w:tblHeader")
    tr_pr.append(repeat)
    for cell, text, width in zip(header.cells, columns, widths, strict=True):
        cell.width = width
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    return table


def _row(table: Table, values: Sequence[str | Sequence[str]], widths: Sequence[Cm], *, bold: bool = False) -> None:
    """A row; a cell given as a list of lines gets a paragraph per line."""
    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = width
        lines = [value] if isinstance(value, str) else list(value) or [""]
        first = cell.paragraphs[0]
        for i, line in enumerate(lines):
            p = first if i == 0 else cell.add_paragraph()
            run = p.add_run(line)
            if bold:
                run.bold = True


# --- the report ---------------------------------------------------------------------------------------------------


def render(data: SeriesReport) -> bytes:
    doc = Document()
    _setup(doc, data)
    kind = data.kind_genitive

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(data.heading).bold = True
    year = doc.add_paragraph(f"{data.academic_year} учебный год")
    year.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _gap(doc)

    intro = f"В течение {data.academic_year} учебного года"
    if data.organizer:
        intro += f" на базе {data.organizer}"
    intro += f" организована деятельность {kind} «{data.title}»"
    if data.order_number or data.order_date:
        order = "в соответствии с распоряжением"
        if data.order_date:
            order += f" от {data.order_date:%d.%m.%Y}"
        if data.order_number:
            order += f" № {data.order_number}"
        intro += f" ({order})"
    _text(doc, intro + ".")
    if data.audience_note:
        _text(doc, data.audience_note.rstrip(".") + ".", bold_lead="Целевая аудитория: ")
    if data.goal:
        _text(doc, data.goal.rstrip(".") + ".", bold_lead="Цель: ")
    tasks = items(data.tasks)
    if tasks:
        _text(doc, "", bold_lead="Задачи:")
        _bullets(doc, tasks)
    forms = items(data.forms_of_work)
    if forms:
        _text(doc, f"В рамках {kind} использовались следующие формы работы:")
        _bullets(doc, forms)
    _gap(doc)

    # the sessions, as the order's table
    held = sum(1 for s in data.sessions if not s.cancelled)
    summary = f"Проведено заседаний: {held}"
    if held != len(data.sessions):
        summary += f" (запланировано {len(data.sessions)}, отменено {len(data.sessions) - held})"
    _text(doc, summary + ".")
    sessions = _table(doc, SESSION_COLUMNS, SESSION_WIDTHS)
    for n, s in enumerate(data.sessions, start=1):
        when = dates_text(s.start_date, s.end_date) + (" (отменено)" if s.cancelled else "")
        content = [ln.strip() for ln in (s.content or "").splitlines() if ln.strip()]
        _row(sessions, (f"{n}. {s.title}", when, content, list(s.responsible)), SESSION_WIDTHS)
    if not data.sessions:
        _row(sessions, ("Заседаний нет", "", "", ""), SESSION_WIDTHS)
    _gap(doc)

    # participants per session
    _text(doc, "Участие педагогов в заседаниях (отметившие отсутствие не учитываются):")
    counts = _table(doc, COUNT_COLUMNS, COUNT_WIDTHS)
    for n, s in enumerate(data.sessions, start=1):
        row = (
            f"{n}.",
            s.title,
            dates_text(s.start_date, s.end_date),
            str(s.attended),
            str(s.participants - s.attended),
            str(s.participants),
        )
        _row(counts, row, COUNT_WIDTHS)
    _text(
        doc,
        f"Всего в заседаниях {kind} участвовали педагогов: {data.total_participants}"
        f" (организаций: {len(data.organizations)}).",
    )
    _gap(doc)

    # participants per organization
    _text(doc, "Участие по организациям:")
    orgs = _table(doc, ORG_COLUMNS, ORG_WIDTHS)
    for o in data.organizations:
        _row(orgs, (o.name, str(o.participants), str(o.sessions)), ORG_WIDTHS)
    _row(
        orgs,
        ("Итого", str(data.total_participants), str(data.total_sessions_attended)),
        ORG_WIDTHS,
        bold=True,
    )
    _gap(doc)

    if data.presenters:
        _text(doc, f"Практики представили организации ({len(data.presenters)}):")
        _bullets(doc, data.presenters)
    else:
        _text(doc, "Организации, представившие практики, не указаны.")
    _gap(doc)

    lead = doc.add_paragraph()
    lead.add_run("Выводы:").bold = True
    conclusions = [ln.strip() for ln in (data.conclusions or "").splitlines() if ln.strip()]
    if conclusions:
        for line in conclusions:
            _text(doc, line)
    else:
        _text(doc, PLACEHOLDER_CONCLUSIONS).runs[0].italic = True

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
