"""Text search the same way everywhere: case-insensitive, «ё» and «е» are one letter, the user's % and _ literal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, or_

from app.core.pagination import contains_pattern

_YO_FROM, _YO_TO = "Ёё", "Ее"


def normalize(text: str) -> str:
    """The search text as the database compares it (ё → е; case is left to ILIKE)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def fold(text: str) -> str:
    """A name as Python compares it when matching values from files: lower case, ё → е, single spaces."""
    return " ".join(normalize(text).lower().split())


def text_search(text: str, *columns: Any) -> ColumnElement[bool]:
    """`text` occurs in any of `columns`, ignoring case and ё/е (NULL columns never match)."""
    pattern = contains_pattern(normalize(text))
    return or_(*(func.translate(col, _YO_FROM, _YO_TO).ilike(pattern) for col in columns))
