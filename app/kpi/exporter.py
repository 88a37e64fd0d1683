"""The KPI values table as XLSX or CSV (Russian headers; an empty value is «нет данных»)."""

from __future__ import annotations

import asyncio

from app.core.exports import Column, ExportFormat, render
from app.kpi.schemas import KpiValues

UNIT_KIND_RU = {"organization": "организация", "municipality": "муниципалитет", "region": "регион"}
COLUMNS = [
    Column("Код показателя", 12),
    Column("Показатель", 50),
    Column("Период", 12),
    Column("Единица", 14),
    Column("Наименование", 40),
    Column("Идентификатор", 38),
    Column("Числитель", 12, "number"),
    Column("Знаменатель", 12, "number"),
    Column("Значение", 12, "number"),
    Column("Цель", 10, "number"),
    Column("Статус", 16),
    Column("Источник", 22),
]
STATUS_RU = {
    "met": "достигнута",
    "close": "почти достигнута",
    "missed": "не достигнута",
    "no_target": "цель не задана",
    "no_data": "нет данных",
}
SOURCE_RU = {"snapshot": "утверждённый срез", "live": "рассчитано сейчас"}


async def export_values(body: KpiValues, fmt: ExportFormat) -> bytes:
    rows = [
        [
            r.indicator,
            body.meta.indicators[r.indicator].name,
            r.period,
            UNIT_KIND_RU[r.unit_kind],
            r.unit_name,
            str(r.unit_id),
            r.numerator,
            r.denominator,
            r.value if r.value is not None else "нет данных",
            r.target,
            STATUS_RU[r.status],
            SOURCE_RU[r.source],
        ]
        for r in body.rows
    ]
    return await asyncio.to_thread(render, fmt, COLUMNS, rows, "Показатели")
