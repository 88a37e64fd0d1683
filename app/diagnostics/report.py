"""The campaign's analytical report (DOCX, python-docx like the events' reports) and its results (XLSX, one sheet
per level: «Педагоги» — only for those entitled to individuals, «Организации», «Области»). Pure rendering from
figures already computed and suppressed by `results.py`; CPU work: call in a thread."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from docx import Document
from docx.shared import Pt

from app.core.exports import Column
from app.core.exports import render_xlsx as render_sheets
from app.diagnostics.results_schemas import AreaBands, CorporateDeficits, CorporateGroup

FONT = "Times New Roman"


@dataclass(frozen=True)
class ReportData:
    title: str
    municipality: str
    instrument: str
    opens_on: date
    closes_on: date
    participation: Sequence[tuple[str, int, int]]  # organization, assigned, submitted
    corporate: CorporateDeficits  # grouped by organization, suppressed for the reader
    topics: Sequence[tuple[int, str, int, float | None]]  # rank, topic, votes, percent
    topic_survey: bool
    needs: Sequence[tuple[str, int]]  # a need in the teachers' words, how many wrote it
    respondents: int
    generated_at: datetime


def file_name(title: str, prefix: str) -> str:
    clean = re.sub(r"[^\w\s.-]", "", title, flags=re.UNICODE).strip()[:80] or "мониторинг"
    return f"{prefix} — {clean}"


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}".replace(".", ",") + " %"


def band_cell(a: AreaBands) -> str:
    """«дефицит 2 (33,3 %) · частичный 1 (16,7 %) · нет 3 (50,0 %)»."""
    if a.total is None:
        return ""
    if not a.total:
        return "нет данных"
    return (
        f"дефицит {a.deficit} ({_pct(a.deficit_percent)}); частичный {a.partial} ({_pct(a.partial_percent)}); "
        f"нет {a.none} ({_pct(a.none_percent)})"
    )


def _group_cell(g: CorporateGroup, a: AreaBands, min_group: int) -> str:
    return f"менее {min_group} педагогов — данные скрыты" if g.suppressed else band_cell(a)


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def render_docx(data: ReportData) -> bytes:
    import io

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    doc.add_heading(f"Аналитическая справка по итогам мониторинга «{data.title}»", level=1)
    doc.add_paragraph(
        f"{data.municipality}. Инструмент: «{data.instrument}». Сроки проведения: "
        f"{data.opens_on:%d.%m.%Y}–{data.closes_on:%d.%m.%Y}."
    )

    doc.add_heading("1. Участие", level=2)
    assigned = sum(x[1] for x in data.participation)
    submitted = sum(x[2] for x in data.participation)
    share = f" ({_pct(round(submitted * 100 / assigned, 1))})" if assigned else ""
    doc.add_paragraph(f"Назначено педагогам: {assigned}; прошли диагностику: {submitted}{share}.")
    _table(
        doc,
        ("Организация", "Назначено", "Прошли", "Доля"),
        [(name, a, s, _pct(round(s * 100 / a, 1)) if a else "—") for name, a, s in data.participation],
    )

    c = data.corporate
    doc.add_heading("2. Уровни по областям компетенций", level=2)
    if c.total.suppressed:
        doc.add_paragraph(f"Итого: менее {c.min_group} педагогов — данные скрыты.")
    else:
        doc.add_paragraph(f"Итого прошли диагностику (с результатом по областям): {c.total.size} педагогов.")
        _table(
            doc,
            ("Область", "Дефицит", "Частичный дефицит", "Дефицита нет"),
            [
                (
                    a.area_name,
                    f"{a.deficit} ({_pct(a.deficit_percent)})",
                    f"{a.partial} ({_pct(a.partial_percent)})",
                    f"{a.none} ({_pct(a.none_percent)})",
                )
                for a in c.total.areas
            ],
        )
    doc.add_paragraph("По организациям:")
    _table(
        doc,
        ("Организация", "Педагогов", *(a.area_name for a in c.areas)),
        [
            (g.name, "—" if g.size is None else g.size, *(_group_cell(g, a, c.min_group) for a in g.areas))
            for g in c.groups
        ],
    )

    doc.add_heading("3. Потребности педагогов", level=2)
    if data.topics:
        doc.add_paragraph("Рейтинг тем опроса (по числу выбравших):" if data.topic_survey else "Выбранные варианты:")
        _table(
            doc,
            ("Место", "Тема", "Выбрали", "Доля"),
            [(rank, text, votes, _pct(pct)) for rank, text, votes, pct in data.topics],
        )
    if data.needs:
        doc.add_paragraph("Чаще всего названные потребности (ответы свободным текстом):")
        for text, n in data.needs:
            doc.add_paragraph(f"{text} — {n}", style="List Bullet")
    if not data.topics and not data.needs:
        doc.add_paragraph("Ответов о потребностях нет.")

    doc.add_heading("4. Правило скрытия малых групп", level=2)
    doc.add_paragraph(
        f"Применено правило: по группам, в которых меньше {c.min_group} педагогов, цифры не приводятся "
        f"(«менее {c.min_group} педагогов — данные скрыты»), чтобы нельзя было узнать результаты отдельного "
        "педагога."
        + (
            " Справка составлена методистом: цифры всех групп приведены."
            if not any(g.suppressed for g in c.groups) and c.groups
            else ""
        )
    )
    doc.add_paragraph(f"Сформировано {data.generated_at:%d.%m.%Y %H:%M}.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


BAND_COLUMNS = [
    Column("Педагогов", 12, "number"),
    Column("Дефицит", 10, "number"),
    Column("Дефицит, %", 12, "number"),
    Column("Частичный", 11, "number"),
    Column("Частичный, %", 13, "number"),
    Column("Нет дефицита", 13, "number"),
    Column("Нет дефицита, %", 15, "number"),
    Column("Примечание", 34),
]


def _band_values(a: AreaBands, suppressed: bool, min_group: int) -> list[Any]:
    if suppressed:
        return [None] * 7 + [f"менее {min_group} педагогов — данные скрыты"]
    return [
        a.total,
        a.deficit,
        a.deficit_percent,
        a.partial,
        a.partial_percent,
        a.none,
        a.none_percent,
        None,
    ]


def render_xlsx(c: CorporateDeficits, teacher_rows: Sequence[Sequence[Any]] | None) -> bytes:
    sheets: list[Any] = []
    if teacher_rows is not None:
        sheets.append(
            (
                "Педагоги",
                [
                    Column("Педагог", 34),
                    Column("Организация", 40),
                    Column("Область", 30),
                    Column("Результат, %", 13, "number"),
                    Column("Уровень", 20),
                    Column("Отправлено", 12, "date"),
                ],
                teacher_rows,
            )
        )
    org_rows = [[g.name, a.area_name, *_band_values(a, g.suppressed, c.min_group)] for g in c.groups for a in g.areas]
    sheets.append(("Организации", [Column("Организация", 40), Column("Область", 30), *BAND_COLUMNS], org_rows))
    area_rows = [[a.area_name, *_band_values(a, c.total.suppressed, c.min_group)] for a in c.total.areas]
    sheets.append(("Области", [Column("Область", 30), *BAND_COLUMNS], area_rows))
    return render_sheets(sheets)
