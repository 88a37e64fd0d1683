"""The teacher list as a spreadsheet: the columns a methodologist sends to the region."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.core.exports import Column, content_disposition, render
from app.teachers import rules

__all__ = ["TEACHER_COLUMNS", "content_disposition", "render", "teacher_row"]

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
