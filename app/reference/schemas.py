from __future__ import annotations

from app.core.schemas import ReadModel


class DictionaryItem(ReadModel):
    code: str
    name: str
    sort_order: int


class PositionItem(DictionaryItem):
    is_pedagogical: bool


class EventLevelItem(DictionaryItem):
    rank: int


class DictionaryList(ReadModel):
    items: list[DictionaryItem]
    total: int


class PositionList(ReadModel):
    items: list[PositionItem]
    total: int


class EventLevelList(ReadModel):
    items: list[EventLevelItem]
    total: int
