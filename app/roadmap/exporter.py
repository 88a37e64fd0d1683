"""The roadmap as files: the XLSX in the order's column layout (№ пп, Мероприятия, Сроки выполнения, Ответственные)
with two more columns, Статус and Отчёты, grouped by section rows (the section's title and task across the
table), and the programme's progress report as DOCX (the programme's passport, the progress by section, the
activities behind schedule and the reports). Rendering only: the service gathers the data."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

HEADERS = ("№ пп", "Мероприятия", "Сроки выполнения", "Ответственные", "Статус", "Отчёты")
WIDTHS = (8, 60, 26, 40, 26, 60)


@dataclass(frozen=True)
class ExportActivity:
    number: str
    title: str
    timeframe: str
    responsible: str
    status: str  # «выполнено 2 из 3; просрочено 1»
    reports: str  # one line a report: «28.04.2026 — Мониторинг проведён (мероприятие «…»)»


@dataclass(frozen=True)
class ExportSection:
    number: int
    title: str
    task: str | None
    activities: Sequence[ExportActivity]
    done_percent: float | None = None


@dataclass(frozen=True)
class ExportProgramme:
    title: str
    period: str
    status: str
    goal: str | None
    basis: str | None
    stages: Sequence[str]
    sections: Sequence[ExportSection]
    on: date
    done_percent: float | None = None
    overdue: Sequence[ExportActivity] = field(default_factory=list)


def roadmap_xlsx(p: ExportProgramme) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Дорожная карта"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([f"«Дорожная карта» реализации: {p.title}"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.cell(1, 1).font = Font(bold=True, size=12)
    ws.append([f"Период: {p.period}. Состояние на {p.on:%d.%m.%Y}"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.append(list(HEADERS))
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = width
        cell = ws.cell(3, col)
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.freeze_panes = "A4"
    fill = PatternFill("solid", fgColor="E8EEF7")
    for s in p.sections:
        for text in (f"{s.number}. {s.title}", f"Задача: {s.task}" if s.task else None):
            if text is None:
                continue
            ws.append([text])
            row = ws.max_row
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
            c = ws.cell(row, 1)
            c.font = Font(bold=text.startswith(str(s.number)))
            c.fill = fill
            c.alignment = wrap
        for a in s.activities:
            ws.append([f"{a.number}.", a.title, a.timeframe, a.responsible, a.status, a.reports])
            for col in range(1, len(HEADERS) + 1):
                cell = ws.cell(ws.max_row, col)
                cell.alignment = wrap
                cell.border = border
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def progress_docx(p: ExportProgramme) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    doc.add_heading(f"Отчёт о ходе реализации: {p.title}", level=1)
    doc.add_paragraph(f"Период реализации: {p.period}. Статус программы: {p.status}.")
    if p.basis:
        doc.add_paragraph(f"Основание: {p.basis}.")
    if p.goal:
        doc.add_paragraph(f"Цель: {p.goal}")
    if p.stages:
        doc.add_paragraph("Этапы реализации:")
        for s in p.stages:
            doc.add_paragraph(s, style="List Bullet")
    total = "нет сроков" if p.done_percent is None else f"{p.done_percent:.1f} %".replace(".", ",")
    doc.add_paragraph(f"Состояние на {p.on:%d.%m.%Y}: выполнено {total} сроков мероприятий.")

    doc.add_heading("Выполнение по разделам", level=2)
    t = doc.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("Раздел", "Мероприятий", "Выполнено, %"), strict=True):
        cell.text = text
    for s in p.sections:
        cells = t.add_row().cells
        cells[0].text = f"{s.number}. {s.title}"
        cells[1].text = str(len(s.activities))
        cells[2].text = "—" if s.done_percent is None else f"{s.done_percent:.1f}".replace(".", ",")

    doc.add_heading("Просроченные мероприятия", level=2)
    if not p.overdue:
        doc.add_paragraph("Просроченных мероприятий нет.")
    for a in p.overdue:
        doc.add_paragraph(f"{a.number}. {a.title} — {a.timeframe}; ответственные: {a.responsible}", style="List Bullet")

    doc.add_heading("Мероприятия и отчёты", level=2)
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("№ пп", "Мероприятия", "Статус", "Отчёты"), strict=True):
        cell.text = text
    for s in p.sections:
        row = t.add_row().cells
        merged = row[0].merge(row[3])
        merged.text = f"{s.number}. {s.title}"
        for a in s.activities:
            cells = t.add_row().cells
            cells[0].text = f"{a.number}."
            cells[1].text = a.title
            cells[2].text = a.status
            cells[3].text = a.reports or "—"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
