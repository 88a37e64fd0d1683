"""The audit trail every module writes: who did what, when, to which record, with before/after values; reads of
personal data too. An entry joins the current transaction, so it commits or rolls back with the change. (Reading
the log, with Russian labels, is the `app.audit` module.)"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import DateTime, Index, Select, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, IdMixin, utcnow


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_municipality_id_occurred_at", "municipality_id", "occurred_at"),
        Index("ix_audit_events_municipality_id_entity", "municipality_id", "entity_type", "entity_id"),
    )

    municipality_id: Mapped[uuid.UUID | None]
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    actor_type: Mapped[str] = mapped_column(String(16))  # user | client | system
    actor_id: Mapped[uuid.UUID | None]
    actor_name: Mapped[str | None] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(32))  # create | update | archive | read | import | login …
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID | None]
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))


def _jsonable(v: Any) -> Any:
    if isinstance(v, date | datetime | time):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, list | tuple | set | frozenset):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: _jsonable(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """{field: {"before": …, "after": …}} for the fields that changed."""
    return {
        k: {"before": before.get(k), "after": after.get(k)}
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


async def record(
    session: AsyncSession,
    principal: Any,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    municipality_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the current transaction (so it commits or rolls back with the change)."""
    session.add(
        AuditEvent(
            municipality_id=municipality_id,
            actor_type=getattr(principal, "kind", "system") if principal else "system",
            actor_id=getattr(principal, "id", None),
            actor_name=getattr(principal, "name", None),
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            changes=_jsonable(changes) if changes else None,
            request_id=getattr(principal, "request_id", None),
            ip=getattr(principal, "ip", None),
        )
    )


# --- how each module's records read in the audit log ---------------------------------------------------------------

# Rows (kind, id as text, name) of the records among `ids` the reader may see: built by the module that owns the
# table, through its own scope gate (a teacher's name only for those who may read that teacher).
NamesQuery = Callable[[Any, Sequence[uuid.UUID]], Select[Any]]


class AuditReader(Protocol):
    """What a value formatter may ask while it writes one value of an entry out (given by `app.audit`, which
    looked every name of the page up in one query)."""

    def record(self, record_id: Any) -> str | None:
        """The name of a record by id, or None when the reader may not see it (or it is not named)."""
        ...

    def code(self, kind: str, code: str) -> str:
        """The name of a code of dictionary `kind` (the code itself when unknown)."""
        ...

    def text(self, field: str, value: Any) -> str:
        """`value` as the log shows field `field` of this entry: dates as 01.09.2024, ids as names, «—» if empty."""
        ...


# A structured value (a list of rows, a composite code) as one Russian text, e.g. a teacher's employments.
ValueFormatter = Callable[[Any, AuditReader], str]


@dataclass(frozen=True)
class AuditSubject:
    """What the audit log shows for one kind of record: its Russian name, its fields' labels, readable values of
    its enumerations, which dictionary a coded field comes from, and how to name a record by id. Declared by the
    module that owns the record (`describe(...)` at the end of its repository.py), read by `app.audit` — which
    knows no module's tables.

    - `field_labels`: field → label, in the order a person reads them (the entry's fields are shown in this order,
      then the shared fields of `app.audit.labels` — reason, file, format, rows, filters… —, then the rest).
    - `value_labels`: field → {stored value → Russian}, e.g. `{"innovation_level": {"regional": "региональная"}}`.
    - `names(principal, ids)`: a Select of (literal(entity_type), cast(id, String), name) of the visible records.
    - `personal`: the entry's values are personal data, shown only to readers who may see the record itself
      (`names` must then be gated by the owner's read permission).
    - `list_label`: the label of an entry about a whole list (an export) of these records.
    - `code_fields`: field → dictionary kind whose `codes` query names the code (e.g. `position` → `position`),
      besides the fields the dictionary itself declares.
    - `formatters`: field → `ValueFormatter` for a structured value the generic reading cannot write.
    - `action_labels`: the Russian names of this record's own actions (`download`, `job_failed`…), besides
      create, update, archive, read, import, export…
    """

    entity_type: str
    label: str
    field_labels: Mapping[str, str] = field(default_factory=dict)
    value_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    names: NamesQuery | None = None
    personal: bool = False
    list_label: str | None = None
    code_fields: Mapping[str, str] = field(default_factory=dict)
    formatters: Mapping[str, ValueFormatter] = field(default_factory=dict)
    action_labels: Mapping[str, str] = field(default_factory=dict)


# A dictionary of codes (position, subject, …): rows (kind, code, name) for the codes among `codes`.
CodesQuery = Callable[[Sequence[str]], Select[Any]]


@dataclass(frozen=True)
class AuditDictionary:
    """A dictionary of codes, declared by the module that keeps it (`describe_dictionary(...)`)."""

    kind: str
    fields: frozenset[str]  # the field names whose values are codes of this dictionary, in any record
    codes: CodesQuery


SUBJECTS: dict[str, AuditSubject] = {}
DICTIONARIES: dict[str, AuditDictionary] = {}


def describe(subject: AuditSubject) -> AuditSubject:
    """Register how a kind of record reads in the audit log (once per entity type)."""
    if subject.entity_type in SUBJECTS and SUBJECTS[subject.entity_type] != subject:
        raise RuntimeError(f"audit subject {subject.entity_type!r} is described twice")
    if subject.entity_type in DICTIONARIES:
        raise RuntimeError(f"audit subject {subject.entity_type!r} has the name of a dictionary")
    SUBJECTS[subject.entity_type] = subject
    return subject


def describe_dictionary(dictionary: AuditDictionary) -> AuditDictionary:
    """Register a dictionary whose codes the audit log shows by name (once per kind)."""
    if dictionary.kind in DICTIONARIES and DICTIONARIES[dictionary.kind] != dictionary:
        raise RuntimeError(f"audit dictionary {dictionary.kind!r} is described twice")
    if dictionary.kind in SUBJECTS:
        raise RuntimeError(f"audit dictionary {dictionary.kind!r} has the name of a subject")
    DICTIONARIES[dictionary.kind] = dictionary
    return dictionary
