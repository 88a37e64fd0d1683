"""The audit log as a person reads it: Russian labels for actions, records and fields, readable values.

The API returns these texts next to the raw `changes`, so the SPA and integrators show the same words. What a kind
of record is called, its fields' labels and its values come from the module that owns it (`AuditSubject`s in
`app.core.audit_trail.SUBJECTS`); this module keeps only the texts every entry shares. The names behind ids and
codes come from one lookup query per page (`load_names`, the union of the modules' `names` and `codes` queries);
a personal record's name is shown only to those who may read that record (the owner's gate), otherwise the record
is just its kind, e.g. «Педагог».
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import repository
from app.core.access import Principal
from app.core.audit_trail import DICTIONARIES, SUBJECTS, AuditReader, AuditSubject, ValueFormatter

EMPTY = "—"
HIDDEN = "скрыто"
UNAVAILABLE = "запись недоступна"
SECRET_CHANGED = "изменён"

ACTION_LABELS = {
    "create": "Создание",
    "update": "Изменение",
    "archive": "Архивация",
    "restore": "Восстановление",
    "delete": "Удаление",
    "read": "Просмотр",
    "login": "Вход",
    "logout": "Выход",
    "import": "Импорт",
    "export": "Выгрузка",
}

# Fields that entries of many kinds of record share (the place, the archive, an import, an export), in the order a
# person reads them after the record's own fields (`AuditSubject.field_labels`); unknown fields go last.
FIELD_LABELS = {
    "municipality_id": "Муниципалитет",
    "organization_id": "Организация",
    "name": "Название",
    "reason": "Причина",
    "file": "Файл",
    "system": "Кадровая система",
    "created": "Создано записей",
    "updated": "Обновлено записей",
    "format": "Формат",
    "rows": "Строк",
    "filters": "Фильтры",
    "external_system": "Кадровая система",
    "include_archived": "Включая архив",
    "version": "Версия",
    "job_id": "Фоновая задача",
    "file_id": "Файл",
}
VALUE_LABELS: dict[str, dict[str, str]] = {"format": {"xlsx": "Excel (XLSX)", "csv": "CSV"}}
SECRET_FIELDS = {"password", "secret"}
UNKNOWN_SUBJECT = AuditSubject(entity_type="", label="Запись")
_CODE_RE = re.compile(r"^[a-z0-9_\-]{1,64}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _as_uuid(value: Any) -> str | None:
    if isinstance(value, str) and len(value) == 36 and _UUID_RE.fullmatch(value):
        return value.lower()
    return None


def subject_of(entity_type: str) -> AuditSubject:
    """How a kind of record reads, as its module described it; an undescribed kind is just «Запись»."""
    return SUBJECTS.get(entity_type, UNKNOWN_SUBJECT)


@dataclass
class Names:
    """Names behind ids (only the records the reader may see) and dictionary codes."""

    records: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (kind, name)
    codes: dict[tuple[str, str], str] = field(default_factory=dict)  # (dictionary, code) → name

    def record(self, value: Any) -> str | None:
        found = self.records.get(str(value).lower())
        return found[1] if found else None

    def code(self, dictionary: str, value: str) -> str:
        return self.codes.get((dictionary, value), value)


@dataclass(frozen=True)
class Reader:
    """The `AuditReader` a module's value formatter gets: the page's names, read as values of one entry."""

    names: Names
    subject: AuditSubject

    def record(self, record_id: Any) -> str | None:
        return self.names.record(record_id)

    def code(self, kind: str, code: str) -> str:
        return self.names.code(kind, code)

    def text(self, field: str, value: Any) -> str:
        return value_text(field, value, self)


def _walk(value: Any) -> Iterable[Any]:
    if isinstance(value, Mapping):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v)
    else:
        yield value


async def load_names(session: AsyncSession, principal: Principal, events: Iterable[Any]) -> Names:
    """One query for every name a page of events needs: records by id (within the reader's scope) and codes."""
    ids: set[uuid.UUID] = set()
    codes: set[str] = set()
    for e in events:
        if e.entity_id:
            ids.add(e.entity_id)
        for v in _walk(e.changes or {}):
            if not isinstance(v, str):
                continue
            found = {uuid.UUID(m.group()) for m in _UUID_RE.finditer(v)}  # an id, or one inside e.g. "hr:<id>"
            if found:
                ids |= found
            elif _CODE_RE.match(v):
                codes.add(v)
    names = Names()
    if not ids and not codes:
        return names
    for kind, key, name in await repository.names(session, principal, sorted(ids), sorted(codes)):
        if kind in DICTIONARIES:
            names.codes[(kind, key)] = name
        else:
            names.records[key.lower()] = (kind, name)
    return names


# --- texts ---


def action_label(action: str, entity_type: str = "") -> str:
    return subject_of(entity_type).action_labels.get(action) or ACTION_LABELS.get(action, action)


def entity_type_label(entity_type: str) -> str:
    return subject_of(entity_type).label


def actor_label(actor_type: str, actor_name: str | None) -> str:
    if actor_type == "client":
        return f"Интеграция «{actor_name}»" if actor_name else "Интеграция"
    if actor_type == "system" or not actor_name:
        return "Система"
    return actor_name


def entity_label(entity_type: str, entity_id: uuid.UUID | None, names: Names) -> str:
    """The record's name, or just its kind when the reader may not see it (or it is a whole list)."""
    subject = subject_of(entity_type)
    if entity_id is None:
        return subject.list_label or subject.label
    found = names.records.get(str(entity_id))
    if found and found[0] == entity_type:
        return found[1]
    return subject.label


def record_visible(entity_type: str, entity_id: uuid.UUID | None, names: Names) -> bool:
    """A personal record's entry is readable only by those who may read the record; other records are not."""
    if not subject_of(entity_type).personal or entity_id is None:
        return True
    found = names.records.get(str(entity_id))
    return bool(found and found[0] == entity_type)


def field_label(subject: AuditSubject, name: str) -> str:
    return subject.field_labels.get(name) or FIELD_LABELS.get(name) or "Другое поле"


def _dictionary_of(subject: AuditSubject, name: str) -> str | None:
    """Which dictionary a code in this field comes from (the record's own word first)."""
    if name in subject.code_fields:
        return subject.code_fields[name]
    return next((d.kind for d in DICTIONARIES.values() if name in d.fields), None)


def _date(value: str) -> str:
    return date.fromisoformat(value[:10]).strftime("%d.%m.%Y")


def _datetime(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return _date(value)


def _system(value: Any, reader: AuditReader) -> str:
    """An import source as people know it: the school's HR records (`hr:<organization id>`), or «внешняя
    система»."""
    text = str(value)
    if text.startswith("hr:"):
        org = reader.record(text[3:]) if _as_uuid(text[3:]) else None
        return f"кадровый учёт «{org}»" if org else "кадровый учёт школы"
    return "внешняя система"


# Shared fields whose values need more than a label (a module's own ones are `AuditSubject.formatters`).
FORMATTERS: dict[str, ValueFormatter] = {"system": _system, "external_system": _system}


def value_text(name: str, value: Any, reader: Reader) -> str:
    """One recorded value as a person reads it: no ids, codes or JSON."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if name in SECRET_FIELDS:
        return SECRET_CHANGED
    subject = reader.subject
    formatter = subject.formatters.get(name) or FORMATTERS.get(name)
    if formatter is not None:
        return formatter(value, reader)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{field_label(subject, k)}: {value_text(k, v, reader)}" for k, v in _ordered(value, subject))
    if isinstance(value, list | tuple):
        return ", ".join(value_text(name, v, reader) for v in value)
    text = str(value)
    for labels in (subject.value_labels.get(name), VALUE_LABELS.get(name)):
        if labels and text in labels:
            return labels[text]
    if (dictionary := _dictionary_of(subject, name)) is not None:
        return reader.code(dictionary, text)
    if _as_uuid(text):
        return reader.record(text) or UNAVAILABLE
    if _DATE_RE.match(text):
        return _date(text)
    if _DATETIME_RE.match(text):
        return _datetime(text)
    return text


def _ordered(changes: Mapping[str, Any], subject: AuditSubject) -> list[tuple[str, Any]]:
    """The record's own fields in its order, then the shared ones, then the rest by name."""
    order: dict[str, int] = {}
    for name in [*subject.field_labels, *FIELD_LABELS]:
        order.setdefault(name, len(order))
    return sorted(changes.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _is_diff(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and set(value) <= {"before", "after"}


def change_texts(
    entity_type: str, changes: Mapping[str, Any] | None, names: Names, visible: bool
) -> list[dict[str, str | None]]:
    """Per field: its label and the before/after texts (`before_text` is null for a value recorded as is)."""
    reader = Reader(names, subject_of(entity_type))
    out: list[dict[str, str | None]] = []
    for name, value in _ordered(changes or {}, reader.subject):
        label = field_label(reader.subject, name)
        if _is_diff(value):
            before, after = value.get("before"), value.get("after")
            if name in SECRET_FIELDS:
                out.append({"field": name, "field_label": label, "before_text": None, "after_text": SECRET_CHANGED})
                continue
            out.append(
                {
                    "field": name,
                    "field_label": label,
                    "before_text": value_text(name, before, reader) if visible else HIDDEN,
                    "after_text": value_text(name, after, reader) if visible else HIDDEN,
                }
            )
        elif value is None or value == "" or value == []:
            continue  # a snapshot of a new record: empty fields say nothing
        else:
            text = value_text(name, value, reader) if visible else HIDDEN
            out.append({"field": name, "field_label": label, "before_text": None, "after_text": text})
    return out
