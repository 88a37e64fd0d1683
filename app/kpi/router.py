"""KPIs over HTTP: the indicator passports, the registered measures, and the values table (JSON, CSV, XLSX) with
an ETag and 304 on If-None-Match (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response

from app.core.access import Principal, require
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import MEDIA_TYPES, attachment
from app.core.pagination import PageDep
from app.core.periods import Period
from app.kpi import exporter, service
from app.kpi.permissions import KpiPerm
from app.kpi.schemas import (
    Breakdown,
    DrilldownQuery,
    IndicatorCreate,
    IndicatorList,
    IndicatorPreview,
    IndicatorRead,
    KpiDrilldown,
    KpiValues,
    MeasureList,
    ValuesQuery,
)

router = APIRouter(prefix="/kpi", tags=["kpi"], responses=problem_responses(401, 403, 422))


@router.get("/indicators", operation_id="list_kpi_indicators", response_model=IndicatorList)
async def list_kpi_indicators(
    session: SessionDep, principal: Annotated[Principal, require(KpiPerm.READ)], page: PageDep
) -> IndicatorList:
    """Indicator passports: the shipped catalogue (`municipality_id` empty) and the caller's municipalities' own,
    every version with its effective dates. Numerator and denominator are registered measures with typed filters.
    Sort: `code` (default), `name`, `unit`, `effective_from`."""
    return await service.list_indicators(session, principal, page)


@router.post(
    "/indicators",
    operation_id="create_kpi_indicator",
    response_model=IndicatorRead,
    status_code=201,
    responses=problem_responses(409),
)
async def create_kpi_indicator(
    body: IndicatorCreate, session: SessionDep, principal: Annotated[Principal, require(KpiPerm.WRITE)]
) -> IndicatorRead:
    """A municipality's own indicator from the registered measures (filters are checked against the measure's
    typed filters: 422 naming the filter). A share (`percent`) needs a denominator of the same kind as its
    numerator (teachers over teachers, records over records); a count and a yes/no (`yes_no`, over a records
    measure) have none. The code is unique among the catalogue's and the municipality's (409)."""
    return await service.create_indicator(session, principal, body)


@router.post(
    "/indicators/preview",
    operation_id="preview_kpi_indicator",
    response_model=KpiValues,
    responses=problem_responses(404),
)
async def preview_kpi_indicator(
    body: IndicatorPreview, session: SessionDep, principal: Annotated[Principal, require(KpiPerm.WRITE)]
) -> KpiValues:
    """The live preview of the indicator editor: the values of an unsaved definition (the fields of
    `POST /kpi/indicators`, the code optional, plus `period`) in the municipality (`municipality_id`, by default
    the caller's): the municipality's total row (`unit_kind=municipality`) first, then a row per organization.
    Checked as for saving — 422 naming the field; nothing is stored or audited. A share (`percent`) is teachers over
    teachers or records over records; yes/no (`yes_no`) is over a records measure: an organization — yes when it
    has a record (e.g. an approved document of the type for the academic year), the municipality — yes when it has
    one of its own (not its schools'); value 1 or 0, denominator empty."""
    return await service.preview(session, principal, body)


@router.get(
    "/drilldown", operation_id="get_kpi_drilldown", response_model=KpiDrilldown, responses=problem_responses(404)
)
async def get_kpi_drilldown(
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.DRILLDOWN)],
    page: PageDep,
    indicator: Annotated[
        str,
        Query(
            min_length=1,
            max_length=32,
            pattern=r"^[A-Za-z0-9.\-_]+$",
            description="Код показателя",
            examples=["K-4.2.1"],
        ),
    ],
    period: Annotated[Period, Query(description="Период: учебный год «2022/2023»")],
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация (одно из трёх)")] = None,
    municipality_id: Annotated[uuid.UUID | None, Query(description="Муниципалитет (одно из трёх)")] = None,
    region_id: Annotated[uuid.UUID | None, Query(description="Регион (одно из трёх)")] = None,
    part: Annotated[
        Literal["numerator", "denominator"], Query(description="Кто учтён: в числителе или в знаменателе")
    ] = "numerator",
) -> KpiDrilldown:
    """The teachers counted in the numerator or the denominator of an indicator of teachers, by name, paged, with
    how the value was obtained (`explain`: definition version, reference date, filters, counts). For an indicator
    of records (a count, a share of records, yes/no) `records` lists the records counted instead, newest first
    (yes/no: those that make the «yes» — the organization's, or the municipality's own). People only (a machine
    client gets values, never names); a school administrator sees their school."""
    q = DrilldownQuery(indicator, period, organization_id, municipality_id, region_id, part)
    return await service.drilldown(session, principal, q, page)


@router.get("/measures", operation_id="list_kpi_measures", response_model=MeasureList)
async def list_kpi_measures(principal: Annotated[Principal, require(KpiPerm.READ)]) -> MeasureList:
    """The measures indicators are built from, as the modules register them, with their typed filters."""
    return service.list_measures()


@router.get(
    "/values",
    operation_id="get_kpi_values",
    response_model=KpiValues,
    responses={
        **problem_responses(404),
        200: {
            "description": "Таблица значений: JSON (по умолчанию), CSV (UTF-8 с BOM, «;») или XLSX (`format=`)",
            "content": {MEDIA_TYPES["xlsx"]: {}, "text/csv": {}},
            "headers": {"ETag": {"description": "Версия ответа для If-None-Match", "schema": {"type": "string"}}},
        },
        304: {"description": "Не изменилось с версии из If-None-Match"},
    },
)
async def get_kpi_values(
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.READ)],
    response: Response,
    indicators: Annotated[
        str,
        Query(
            min_length=1,
            max_length=1000,
            pattern=r"^[A-Za-z0-9.\-_]+(,[A-Za-z0-9.\-_]+)*$",
            description="Коды показателей через запятую",
            examples=["K-4.2.1,PD-3Y"],
        ),
    ],
    period: Annotated[
        list[Period],
        Query(
            min_length=1,
            max_length=10,
            description="Период: учебный год «2022/2023»; повторите параметр для тренда (до 10 периодов)",
            examples=["2022/2023"],
        ),
    ],
    organization_id: Annotated[uuid.UUID | None, Query(description="Организация (одно из трёх)")] = None,
    municipality_id: Annotated[uuid.UUID | None, Query(description="Муниципалитет (одно из трёх)")] = None,
    region_id: Annotated[uuid.UUID | None, Query(description="Регион (одно из трёх)")] = None,
    breakdown: Annotated[
        Breakdown,
        Query(
            description="none — итог; organization — по организациям муниципалитета; municipality — по "
            "муниципалитетам региона"
        ),
    ] = "none",
    format: Annotated[Literal["json", "csv", "xlsx"], Query(description="Формат ответа")] = "json",
    if_none_match: Annotated[str | None, Header(description="ETag прошлого ответа: 304, если не изменилось")] = None,
) -> KpiValues | Response:
    """Values of the indicators for one scope (`organization_id`, `municipality_id` or `region_id`) and a period,
    live: numerator and denominator beside every value, `value` empty with `status=no_data` when the denominator is
    0. Counted teachers sit at the organization of their main employment on the reference date. A school
    administrator sees only their school; a machine client (scope `kpi:read`) only its municipality."""
    q = ValuesQuery(
        indicators=indicators.split(","),
        periods=period,
        organization_id=organization_id,
        municipality_id=municipality_id,
        region_id=region_id,
        breakdown=breakdown,
    )
    body = await service.values(session, principal, q)
    etag = service.etag_of(body) if format == "json" else service.etag_of(body).rstrip('"') + f'-{format}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if if_none_match and etag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    if format == "json":
        response.headers.update(headers)
        return body
    content = await exporter.export_values(body, format)
    out = attachment(content, format, f"Показатели {body.meta.period.replace('/', '-')}", "kpi-values")
    out.headers.update(headers)
    return out
