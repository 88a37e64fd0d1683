"""The attestation plan-schedule in the printed layout schools and the department sign: a title, the columns
№, ФИО, должность, категория, дата присвоения, срок окончания, год аттестации, thin borders on every cell, the
header row repeated on every printed page, landscape A4 fitted to the page width. Also the plain list exports."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from app.attestation.schemas import AttestationPlan
from app.core.exports import Column, render_csv

PLAN_COLUMNS = [
    Column("№", 6, "number"),
    Column("ФИО", 34),
    Column("Должность", 24),
    Column("Организация", 22),
    Column("Категория", 24),
    Column("Дата присвоения", 14, "date"),
    Column("Срок окончания", 14, "date"),
    Column("Год аттестации", 14),
    Column("Отметка", 26),
]
HEADER_ROW = 4  # title, subtitle, blank, header


def plan_table(plan: AttestationPlan) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for year in plan.years:
        for r in year.teachers:
            notes = []
            if r.overdue:
                notes.append("просрочена")
            if r.pending_application_id:
                notes.append(f"заявление от {r.pending_applied_on:%d.%m.%Y}")
            rows.append(
                [
                    r.number,
                    r.full_name,
                    r.position_name,
                    r.organization_name,
                    r.category_name,
                    r.granted_on,
                    r.expires_on,
                    r.attestation_year,
                    "; ".join(notes),
                ]
            )
    return rows


def plan_xlsx(plan: AttestationPlan, subtitle: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "План-график"
    last = get_column_letter(len(PLAN_COLUMNS))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = plan.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = subtitle
    ws["A2"].alignment = Alignment(horizontal="center")

    for i, col in enumerate(PLAN_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
        cell = ws.cell(row=HEADER_ROW, column=i, value=col.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for n, values in enumerate(plan_table(plan), start=HEADER_ROW + 1):
        for i, (col, value) in enumerate(zip(PLAN_COLUMNS, values, strict=True), start=1):
            cell = ws.cell(row=n, column=i)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # a name starting with «=» stays text, never a formula
            else:
                cell.value = value
            if col.kind == "date" and isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
            cell.border = border
            cell.alignment = wrap
    if not plan.total:
        ws.cell(row=HEADER_ROW + 1, column=1, value="Педагогов, которым нужна аттестация в эти годы, нет")
        ws.merge_cells(f"A{HEADER_ROW + 1}:{last}{HEADER_ROW + 1}")

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Страница &P из &N"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def plan_csv(plan: AttestationPlan) -> bytes:
    return render_csv(PLAN_COLUMNS, plan_table(plan))
