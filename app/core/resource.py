"""The common life of a tenant record, typed and in one place: get-or-404 inside the caller's scope, a list with
typed filters, an allow-listed sort, paging and `updated_since`, create, partial update (only the fields sent),
archive with a reason, optimistic concurrency (`version` + `If-Match`: 412 when stale, 428 where a module requires
it and on every archive) and the audit entry of each change.

A module describes its record once (`Resource(model=…, entity_type=…, visible=…)`) in its repository and calls
these methods from its service; what is only its own (rules, children, computed fields) stays in the module.
`check_version` is the only If-Match check of the code base.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.access import Principal, Scope
from app.core.audit_trail import diff, record, snapshot
from app.core.db import utcnow
from app.core.errors import Conflict, NotFound, PreconditionFailed, PreconditionRequired, Unprocessable
from app.core.pagination import PageParams, apply_sort


class Record(Protocol):
    """What every tenant record has (IdMixin, VersionedMixin, ArchivableMixin, TimestampMixin)."""

    id: Any
    version: Any
    archived_at: Any
    archive_reason: Any
    updated_at: Any


M = TypeVar("M", bound=Record)


def check_version(if_match: str | None, current_version: int, *, required: bool = False) -> None:
    """`If-Match: "<version>"` (or `W/"…"`, or `*`): 412 when it names another version; 428 when a module requires
    it and it is missing; 422 when it is not an ETag."""
    if if_match is None:
        if required:
            raise PreconditionRequired(
                "Передайте версию записи в заголовке If-Match (значение ETag из последнего чтения)",
                extra={"current_version": current_version},
            )
        return
    if if_match.strip() == "*":
        return
    raw = if_match.strip().removeprefix("W/").strip('"')
    try:
        wanted = int(raw)
    except ValueError as e:
        raise Unprocessable("Заголовок If-Match должен содержать ETag записи", code="bad_if_match") from e
    if wanted != current_version:
        raise PreconditionFailed(
            "Запись изменил другой пользователь. Обновите данные и повторите.",
            extra={"current_version": current_version},
        )


@dataclass(frozen=True)
class Resource(Generic[M]):
    """One kind of tenant record. `visible(scope)` is the record's scope condition (built from the
    `app.core.access` builders); `municipality_of(obj)` names the tenant for the audit entry."""

    model: type[M]
    entity_type: str
    not_found: str
    visible: Callable[[Scope], ColumnElement[bool]]
    municipality_of: Callable[[M], uuid.UUID | None]
    sorts: Mapping[str, Any] = field(default_factory=dict)
    default_order: Sequence[Any] = ()
    audit_fields: Sequence[str] = ()
    if_match_required: bool = False

    # --- reads ---

    def select(self, scope: Scope, *columns: Any) -> Select[Any]:
        """SELECT `columns` (default: the record) of the records inside `scope`."""
        return select(*(columns or (self.model,))).where(self.visible(scope))

    async def get(self, session: AsyncSession, scope: Scope, record_id: uuid.UUID, *options: Any) -> M:
        """The record inside the scope, or 404 (a record outside the scope answers exactly like a missing one)."""
        stmt = self.select(scope).where(self.model.id == record_id)  # type: ignore[attr-defined]
        if options:
            stmt = stmt.options(*options)
        obj = (await session.scalars(stmt)).unique().one_or_none()
        if obj is None:
            raise NotFound(self.not_found)
        return obj

    def list_query(
        self,
        scope: Scope,
        conditions: Iterable[ColumnElement[bool]] = (),
        *,
        sort: str | None = None,
        include_archived: bool = False,
        updated_since: datetime | None = None,
        columns: Sequence[Any] = (),
    ) -> Select[Any]:
        stmt = self.select(scope, *columns).where(*conditions)
        if updated_since is not None:
            stmt = stmt.where(self.model.updated_at >= updated_since)  # type: ignore[attr-defined]
        if not include_archived:
            stmt = stmt.where(self.model.archived_at.is_(None))  # type: ignore[attr-defined]
        return apply_sort(stmt, sort, self.sorts, self.default_order)

    async def list(
        self,
        session: AsyncSession,
        scope: Scope,
        page: PageParams,
        conditions: Iterable[ColumnElement[bool]] = (),
        *,
        include_archived: bool = False,
        updated_since: datetime | None = None,
    ) -> tuple[list[M], int]:
        """A page of the records inside the scope matching `conditions`, and their total."""
        stmt = self.list_query(
            scope, conditions, sort=page.sort, include_archived=include_archived, updated_since=updated_since
        )
        total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        rows = (await session.scalars(stmt.limit(page.limit).offset(page.offset))).unique().all()
        return list(rows), int(total or 0)

    # --- writes ---

    def check_version(self, obj: M, if_match: str | None, *, required: bool | None = None) -> None:
        """412 when stale; 428 without If-Match when `required` (default: the resource's `if_match_required`).
        A module passes `required=True` for an operation that always takes the version (see `archive`)."""
        check_version(if_match, obj.version, required=self.if_match_required if required is None else required)

    async def audit(
        self, session: AsyncSession, actor: Principal | None, action: str, obj: M, changes: dict[str, Any] | None
    ) -> None:
        await record(session, actor, action, self.entity_type, obj.id, self.municipality_of(obj), changes)

    async def create(self, session: AsyncSession, actor: Principal | None, obj: M) -> M:
        session.add(obj)
        await session.flush()
        await self.audit(session, actor, "create", obj, snapshot(obj, list(self.audit_fields)))
        return obj

    async def update(
        self,
        session: AsyncSession,
        actor: Principal | None,
        obj: M,
        data: BaseModel | Mapping[str, Any],
        if_match: str | None,
        *,
        extra_changes: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Set the fields sent (`exclude_unset`), after the If-Match check; audit the fields that changed."""
        self.check_version(obj, if_match)
        values = data.model_dump(exclude_unset=True) if isinstance(data, BaseModel) else dict(data)
        before = snapshot(obj, list(values))
        for k, v in values.items():
            setattr(obj, k, v)
        changes = {**diff(before, snapshot(obj, list(values))), **(extra_changes or {})}
        if changes:
            obj.updated_at = utcnow()  # also when only `extra_changes` (kept elsewhere) moved: the version follows
            await session.flush()
            await self.audit(session, actor, "update", obj, changes)
        return changes

    async def archive(
        self, session: AsyncSession, actor: Principal | None, obj: M, reason: str, if_match: str | None
    ) -> None:
        """Archive with a reason. Destructive, so it always takes the version on screen: 428 without If-Match (the
        route declares `IfMatchRequired`), 412 when stale."""
        self.check_version(obj, if_match, required=True)
        if obj.archived_at is not None:
            raise Conflict("Запись уже в архиве", code="already_archived")
        obj.archived_at = utcnow()
        obj.archive_reason = reason
        await session.flush()
        await self.audit(session, actor, "archive", obj, {"reason": reason})
