"""KPIs over HTTP: the indicator passports, the registered measures, and the values table (JSON, CSV, XLSX) with
an ETag and 304 on If-None-Match (HTTP only; rules in service.py)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response

from app.core.access import Principal, require
from app.core.concurrency import IfMatch, IfMatchRequired, set_etag
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.exports import MEDIA_TYPES, attachment
from app.core.pagination import PageDep
from app.core.periods import Period
from app.kpi import service, snapshots
from app.kpi.permissions import KpiPerm
from app.kpi.schemas import (
    Breakdown,
    DrilldownQuery,
    IndicatorCreate,
    IndicatorList,
    IndicatorPreview,
    IndicatorRead,
    KpiDrilldown,
    KpiSelectionRead,
    KpiSelectionUpdate,
    KpiSnapshotCreate,
    KpiSnapshotDetail,
    KpiSnapshotList,
    KpiSnapshotReturn,
    KpiTargetsRead,
    KpiTargetsUpdate,
    KpiValues,
    MeasureList,
    SnapshotFilters,
    SnapshotStatus,
    ValuesMode,
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
    principal: Annotated[Principal, require(KpiPerm.READ, cached=True)],
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
    indicators: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=1000,
            pattern=r"^[A-Za-z0-9.\-_]+(,[A-Za-z0-9.\-_]+)*$",
            description="Коды показателей через запятую; без него — набор муниципалитета (если выбран), иначе — "
            "весь каталог (для региона — всегда каталог)",
            examples=["K-4.2.1,PD-3Y"],
        ),
    ] = None,
    mode: Annotated[
        ValuesMode,
        Query(
            description="approved — значения утверждённых срезов периода, где они есть (остальное рассчитано "
            "сейчас); live — всё рассчитано сейчас по исходным записям"
        ),
    ] = "approved",
    format: Annotated[Literal["json", "csv", "xlsx"], Query(description="Формат ответа")] = "json",
    if_none_match: Annotated[str | None, Header(description="ETag прошлого ответа: 304, если не изменилось")] = None,
) -> KpiValues | Response:
    """Values of the indicators for one scope (`organization_id`, `municipality_id` or `region_id`) and a period:
    numerator and denominator beside every value, `value` empty with `status=no_data` when the denominator is 0;
    the municipality's target for the academic year and the status against it (`met`, `close`, `missed`,
    `no_target`). By default (`mode=approved`) the rows an approved snapshot of the period holds come from it
    (`source=snapshot`, listed in `meta.snapshots`), the rest is computed now (`source=live`); `mode=live` computes
    everything now. Counted teachers sit at the organization of their main employment on the reference date. A school
    administrator sees only their school; a machine client (scope `kpi:read`) only its municipality."""
    q = ValuesQuery(
        indicators=indicators.split(",") if indicators else None,
        periods=period,
        organization_id=organization_id,
        municipality_id=municipality_id,
        region_id=region_id,
        breakdown=breakdown,
        mode=mode,
    )
    out = await service.rendered_values(session, principal, q, format)
    headers = {"ETag": out.etag, "Cache-Control": "private, no-cache"}
    if if_none_match and out.etag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    if format == "json":
        return Response(out.content, media_type="application/json", headers=headers)
    file = attachment(out.content, format, f"Показатели {out.period.replace('/', '-')}", "kpi-values")
    file.headers.update(headers)
    return file


# --- a municipality's set and targets -----------------------------------------------------------------------------


@router.get(
    "/selection",
    operation_id="get_kpi_selection",
    response_model=KpiSelectionRead,
    responses=problem_responses(404),
)
async def get_kpi_selection(
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.READ)],
    response: Response,
    municipality_id: Annotated[
        uuid.UUID | None, Query(description="Муниципалитет (по умолчанию — муниципалитет пользователя)")
    ] = None,
) -> KpiSelectionRead:
    """The municipality's chosen set of indicators in order (`codes` empty: not chosen yet — values then use the
    whole catalogue). `ETag` is the set's version for `PUT`."""
    out = await snapshots.get_selection(session, principal, municipality_id)
    set_etag(response, out.version)
    return out


@router.put(
    "/selection",
    operation_id="update_kpi_selection",
    response_model=KpiSelectionRead,
    responses=problem_responses(409, 412, 428),
)
async def update_kpi_selection(
    body: KpiSelectionUpdate,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.WRITE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> KpiSelectionRead:
    """Replace the municipality's set (the order is kept). Every code is an indicator of the catalogue or of the
    municipality (422 naming it). `If-Match` — the set's version (`"0"` before the first choice)."""
    out = await snapshots.update_selection(session, principal, body, if_match)
    set_etag(response, out.version)
    return out


@router.get("/targets", operation_id="get_kpi_targets", response_model=KpiTargetsRead, responses=problem_responses(404))
async def get_kpi_targets(
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.READ)],
    period: Annotated[Period, Query(description="Учебный год «2025/2026»", examples=["2025/2026"])],
    municipality_id: Annotated[
        uuid.UUID | None, Query(description="Муниципалитет (по умолчанию — муниципалитет пользователя)")
    ] = None,
) -> KpiTargetsRead:
    """The municipality's targets for an academic year (only the indicators with a target)."""
    return await snapshots.get_targets(session, principal, municipality_id, period)


@router.put("/targets", operation_id="update_kpi_targets", response_model=KpiTargetsRead)
async def update_kpi_targets(
    body: KpiTargetsUpdate, session: SessionDep, principal: Annotated[Principal, require(KpiPerm.WRITE)]
) -> KpiTargetsRead:
    """Replace the targets of an academic year: codes with a number are set, codes given empty or not given have
    none. Checked against the indicator's unit: percent 0…100, yes/no 0 or 1, count ≥ 0 (422 naming the item)."""
    return await snapshots.update_targets(session, principal, body)


# --- snapshots ----------------------------------------------------------------------------------------------------

SNAPSHOT_ERRORS = problem_responses(404, 409, 412, 428)


@router.get("/snapshots", operation_id="list_kpi_snapshots", response_model=KpiSnapshotList)
async def list_kpi_snapshots(
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.READ)],
    page: PageDep,
    municipality_id: Annotated[uuid.UUID | None, Query(description="Муниципалитет")] = None,
    period: Annotated[Period | None, Query(description="Период «2025/2026»")] = None,
    status: Annotated[SnapshotStatus | None, Query(description="Состояние среза")] = None,
) -> KpiSnapshotList:
    """Snapshots of a period's values of the caller's municipalities (a school administrator: of its school's
    municipality), newest period first. Sort: `period`, `created_at`, `status`. `actions` — what the caller may do
    now (`submit`, `discard`, `approve`, `return`)."""
    return await snapshots.list_snapshots(session, principal, SnapshotFilters(municipality_id, period, status), page)


@router.post(
    "/snapshots",
    operation_id="create_kpi_snapshot",
    response_model=KpiSnapshotDetail,
    status_code=201,
    responses=problem_responses(409),
)
async def create_kpi_snapshot(
    body: KpiSnapshotCreate,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.SUBMIT)],
    response: Response,
) -> KpiSnapshotDetail:
    """A draft snapshot of the period, computed now: the municipality's total and each of its organizations for
    the indicators given (default: the municipality's set, else the catalogue), with the targets of the academic
    year. One open (draft or submitted) snapshot per municipality and period (409 `open_snapshot_exists`)."""
    out = await snapshots.create_snapshot(session, principal, body)
    set_etag(response, out.version)
    return out


@router.get(
    "/snapshots/{snapshot_id}",
    operation_id="get_kpi_snapshot",
    response_model=KpiSnapshotDetail,
    responses=problem_responses(404),
)
async def get_kpi_snapshot(
    snapshot_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.READ)],
    response: Response,
) -> KpiSnapshotDetail:
    """The snapshot with its frozen rows (a school administrator: its school's rows) and its history."""
    out = await snapshots.read_snapshot(session, principal, snapshot_id)
    set_etag(response, out.version)
    return out


@router.post(
    "/snapshots/{snapshot_id}/submit",
    operation_id="submit_kpi_snapshot",
    response_model=KpiSnapshotDetail,
    responses=SNAPSHOT_ERRORS,
)
async def submit_kpi_snapshot(
    snapshot_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.SUBMIT)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> KpiSnapshotDetail:
    """Send a draft to the department for approval (409 `wrong_status` from another state); the department is
    notified."""
    out = await snapshots.submit(session, principal, snapshot_id, None, if_match)
    set_etag(response, out.version)
    return out


@router.post(
    "/snapshots/{snapshot_id}/approve",
    operation_id="approve_kpi_snapshot",
    response_model=KpiSnapshotDetail,
    responses=SNAPSHOT_ERRORS,
)
async def approve_kpi_snapshot(
    snapshot_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.APPROVE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> KpiSnapshotDetail:
    """Approve a submitted snapshot: from now on its values are what reports and integrations get for the period
    (`GET /kpi/values`, `mode=approved`); the approved snapshot before it becomes `superseded`. Not by the one who
    submitted it (403 `four_eyes`)."""
    out = await snapshots.approve(session, principal, snapshot_id, None, if_match)
    set_etag(response, out.version)
    return out


@router.post(
    "/snapshots/{snapshot_id}/return",
    operation_id="return_kpi_snapshot",
    response_model=KpiSnapshotDetail,
    responses=SNAPSHOT_ERRORS,
)
async def return_kpi_snapshot(
    snapshot_id: uuid.UUID,
    body: KpiSnapshotReturn,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.APPROVE)],
    response: Response,
    if_match: IfMatchRequired = None,
) -> KpiSnapshotDetail:
    """Return a submitted snapshot with a comment (required): what to fix. Not by the one who submitted it (403
    `four_eyes`). The methodologist then prepares a new snapshot."""
    out = await snapshots.return_snapshot(session, principal, snapshot_id, body.comment, if_match)
    set_etag(response, out.version)
    return out


@router.post(
    "/snapshots/{snapshot_id}/discard",
    operation_id="discard_kpi_snapshot",
    response_model=KpiSnapshotDetail,
    responses=problem_responses(404, 409, 412),
)
async def discard_kpi_snapshot(
    snapshot_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, require(KpiPerm.SUBMIT)],
    response: Response,
    if_match: IfMatch = None,
) -> KpiSnapshotDetail:
    """Discard a draft (kept as `discarded` with its history; 409 from another state)."""
    out = await snapshots.discard(session, principal, snapshot_id, if_match)
    set_etag(response, out.version)
    return out
