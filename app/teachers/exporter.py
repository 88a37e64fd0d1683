"""The teacher list as a spreadsheet: the columns a methodologist sends to the region."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.core.exports import Column, render_csv, render_xlsx
from app.teachers import rules
from app.teachers.schemas import ImportReport

WARNING_TEXT = {"expired": "истекла", "expiring": "истекает в ближайшие 6 месяцев"}

TEACHER_COLUMNS = [
    Column("Табельный номер", 14),
    Column("Фамилия", 18),
    Column("Имя", 14),
    Column("Отчество", 18),
    Column("Организация", 22),
    Column("Должность", 24),
    Column("Вид занятости", 24),
    Column("Ставка", 8, "number"),
    Column("Предметы", 32),
    Column("Квалификационная категория", 26),
    Column("Дата присвоения категории", 14, "date"),
    Column("Категория действует до", 14, "date"),
    Column("Срок категории", 18),
    Column("Молодой педагог", 10),
    Column("В архиве", 10),
]
KIND_NAMES_RU = {
    "main": "основное",
    "internal_part_time": "внутреннее совместительство",
    "external_part_time": "внешнее совместительство",
}


def teacher_row(
    row: Mapping[str, Any],
    subjects: Mapping[str, str],
    categories: Mapping[str, str],
    today: date,
    extra: Mapping[str, Any] | None = None,
) -> list[Any]:
    """One teacher's line; with `extra` (repository.import_columns) it carries what the import needs to read it back:
    the personnel number, the job's kind and rate, the category's date."""
    extra = extra or {}
    warning = rules.expiry_warning(row["category_expires_on"], today)
    category = categories.get(row["category_code"], row["category_code"]) if row["category_code"] else "без категории"
    rate = extra.get("current_rate")
    return [
        extra.get("external_id"),
        row["last_name"],
        row["first_name"],
        row["middle_name"],
        row["current_organization_name"],
        row["current_position_name"],
        KIND_NAMES_RU.get(extra.get("current_kind") or "", ""),
        rate.normalize() if rate is not None else None,
        ", ".join(subjects.get(code, code) for code in row["subjects"]),
        category,
        extra.get("category_granted_on") if row["category_code"] else None,
        row["category_expires_on"],
        WARNING_TEXT.get(warning or "", ""),
        "да" if row["is_young"] else "нет",
        "да" if row["archived_at"] else "",
    ]


# The HR columns the importer recognises, in the order a school's HR export usually has them.
TEMPLATE_COLUMNS = [
    Column("Табельный номер", 14),
    Column("Фамилия", 16),
    Column("Имя", 14),
    Column("Отчество", 16),
    Column("Дата рождения", 14),
    Column("Должность", 24),
    Column("Ставка", 8),
    Column("Вид занятости", 26),
    Column("Дата приема", 14),
    Column("Педагогический стаж с", 14),
    Column("Преподаваемые предметы", 30),
    Column("Квалификационная категория", 26),
    Column("Дата присвоения категории", 14),
    Column("Эл. почта", 24),
    Column("Телефон", 18),
]
TEMPLATE_EXAMPLE = [
    "000123",
    "Иванова",
    "Мария",
    "Петровна",
    "15.03.1990",
    "учитель",
    "1",
    "основное",
    "01.09.2015",
    "01.09.2012",
    "Математика; Информатика",
    "первая",
    "20.12.2022",
    "",
    "",
]
KIND_NAMES = ["основное", "внутреннее совместительство", "внешнее совместительство"]


def import_template(
    fmt: str, positions: Mapping[str, str], subjects: Mapping[str, str], categories: Mapping[str, str]
) -> bytes:
    """An empty HR sheet with one example row; the XLSX has the allowed values on a second sheet."""
    if fmt == "csv":
        return render_csv(TEMPLATE_COLUMNS, [TEMPLATE_EXAMPLE])
    category_names = list(categories.values())
    if "без категории" not in category_names:
        category_names.insert(0, "без категории")
    lists = [sorted(positions.values()), sorted(subjects.values()), category_names, KIND_NAMES]
    height = max(len(x) for x in lists)
    reference = [[col[i] if i < len(col) else None for col in lists] for i in range(height)]
    return render_xlsx(
        [
            ("Педагоги", TEMPLATE_COLUMNS, [TEMPLATE_EXAMPLE]),
            (
                "Допустимые значения",
                [Column("Должность", 40), Column("Предмет", 36), Column("Категория", 36), Column("Вид занятости", 30)],
                reference,
            ),
        ]
    )


ERROR_REPORT_COLUMNS = [
    Column("Строка", 8, "number"),
    Column("Колонка", 24),
    Column("Значение", 30),
    Column("Ошибка", 80),
]


def import_error_report(report: ImportReport) -> bytes:
    """The rows to fix, as a spreadsheet (the line numbers are the file's own, as Excel shows them)."""
    rows = [[e.line, e.column or "", e.value or "", e.message] for e in report.errors]
    notices = [[n.line, n.column or "", n.value or "", n.message] for n in report.notices]
    sheets: list = [("Ошибки", ERROR_REPORT_COLUMNS, rows)]
    if notices:
        sheets.append(("Сведения", ERROR_REPORT_COLUMNS, notices))
    return render_xlsx(sheets)
