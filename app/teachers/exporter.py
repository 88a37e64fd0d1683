"""The teacher list as a spreadsheet: the columns a methodologist sends to the region."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.core.exports import Column, render_csv, render_xlsx
from app.teachers import rules

WARNING_TEXT = {"expired": "истекла", "expiring": "истекает в ближайшие 6 месяцев"}

TEACHER_COLUMNS = [
    Column("Фамилия", 18),
    Column("Имя", 14),
    Column("Отчество", 18),
    Column("Организация", 22),
    Column("Должность", 24),
    Column("Предметы", 32),
    Column("Квалификационная категория", 26),
    Column("Категория действует до", 14, "date"),
    Column("Срок категории", 18),
    Column("Молодой педагог", 10),
    Column("В архиве", 10),
]


def teacher_row(
    row: Mapping[str, Any], subjects: Mapping[str, str], categories: Mapping[str, str], today: date
) -> list[Any]:
    warning = rules.expiry_warning(row["category_expires_on"], today)
    category = categories.get(row["category_code"], row["category_code"]) if row["category_code"] else "без категории"
    return [
        row["last_name"],
        row["first_name"],
        row["middle_name"],
        row["current_organization_name"],
        row["current_position_name"],
        ", ".join(subjects.get(code, code) for code in row["subjects"]),
        category,
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
