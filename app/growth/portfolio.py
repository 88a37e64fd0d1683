"""The one-page portfolio «Профессиональный рост педагога» as DOCX (python-docx): the person, then per academic year
a compact table of what they did, with hours. Opens in Word and LibreOffice without warnings (plain styles only)."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from app.growth.schemas import TeacherGrowth

COLUMNS = ("Дата", "Вид", "Содержание", "Часы")
WIDTHS = (Cm(3.2), Cm(3.0), Cm(9.6), Cm(1.4))


def _date_text(start: date, end: date | None) -> str:
    if end and end != start:
        return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    return f"{start:%d.%m.%Y}"


def _hours(value: float | None) -> str:
    """72.0 → «72», 1.5 → «1,5»."""
    if not value:
        return ""
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def render(data: TeacherGrowth, today: date) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("Портфолио профессионального роста педагога")
    run.bold = True
    run.font.size = Pt(13)

    person = doc.add_paragraph()
    person.add_run(data.teacher_name).bold = True
    facts = [x for x in (data.position_name, data.organization_name) if x]
    if facts:
        person.add_run(", " + ", ".join(facts))
    if data.category:
        doc.add_paragraph(f"Квалификационная категория: {data.category}")
    doc.add_paragraph(
        f"Всего часов профессионального развития: {_hours(data.hours_total) or 0}. Сформировано {today:%d.%m.%Y}."
    )

    if not data.years:
        doc.add_paragraph(
            "Записей о мероприятиях, курсах, аттестации, наставничестве, практиках, методических объединениях "
            "и методической помощи нет."
        )
    for year in data.years:
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(6)
        heading.add_run(f"{year.academic_year} учебный год").bold = True
        if year.hours:
            heading.add_run(f" — {_hours(year.hours)} ч")
        table = doc.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        table.autofit = False  # LibreOffice and Word keep the column widths only with autofit off
        for column, width in zip(table.columns, WIDTHS, strict=True):
            column.width = width
        for cell, text, width in zip(table.rows[0].cells, COLUMNS, WIDTHS, strict=True):
            cell.text = text
            cell.width = width
            cell.paragraphs[0].runs[0].bold = True
        for e in year.entries:
            cells = table.add_row().cells
            content = e.title + (f" ({e.detail})" if e.detail else "")
            values = (_date_text(e.start, e.end), e.kind_label, content, _hours(e.hours))
            for cell, text, width in zip(cells, values, WIDTHS, strict=True):
                cell.text = text
                cell.width = width
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
