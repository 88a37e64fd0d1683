"""The audit log as a person reads it: Russian labels for actions, records and fields, readable values.

The API returns these texts next to the raw `changes`, so the SPA and integrators show the same words. The names
behind ids and codes come from one lookup query per page (`load_names`); a teacher's name is shown only to those
who may read that teacher (the same gate as teacher reads), otherwise the record is just «Педагог».
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import repository
from app.auth.permissions import ROLE_TITLES_RU
from app.core.access import Principal
from app.teachers import service as teachers

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

ENTITY_TYPE_LABELS = {
    "teacher": "Педагог",
    "organization": "Организация",
    "user": "Пользователь",
    "api_client": "Интеграция",
    "municipality": "Муниципалитет",
    "region": "Регион",
}

# Field labels, in the order a person expects to read them (unknown fields go last).
FIELD_LABELS = {
    # people
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "full_name": "ФИО",
    "birth_date": "Дата рождения",
    "teaching_since": "Педагогический стаж с",
    "email": "Эл. почта",
    "phone": "Телефон",
    "employments": "Места работы",
    "subjects": "Предметы",
    "categories": "Квалификационные категории",
    "external_ids": "Табельные номера",
    "external_id": "Табельный номер",
    "source": "Источник",
    # organizations
    "municipality_id": "Муниципалитет",
    "type_code": "Тип организации",
    "name": "Название",
    "short_name": "Краткое название",
    "inn": "ИНН",
    "address": "Адрес",
    "parent_id": "Вышестоящая организация",
    "is_low_results": "ШНОР",
    "is_unfavourable": "ШФНСУ",
    "innovation_level": "Инновационная площадка",
    "is_resource_center": "Ресурсный центр",
    "is_state_owned": "Государственная или муниципальная",
    # tenants
    "region_id": "Регион",
    "code": "Код",
    "okato": "ОКАТО",
    "young_age_limit": "Молодой педагог: возраст до",
    "young_experience_limit": "Молодой педагог: стаж до (лет)",
    "young_rule": "Молодой педагог: условие",
    "mentoring_max_mentees": "Наставничество: наставляемых у одного наставника",
    "mentoring_young_mentors_allowed": "Наставничество: молодой педагог может быть наставником",
    # users and integrations
    "roles": "Роли",
    "is_active": "Активна",
    "password": "Пароль",
    "scopes": "Права доступа",
    "client_id": "Идентификатор клиента",
    "secret": "Секрет",
    # archive, import, export
    "reason": "Причина",
    "file": "Файл",
    "system": "Кадровая система",
    "created": "Создано записей",
    "updated": "Обновлено записей",
    "format": "Формат",
    "rows": "Строк",
    "filters": "Фильтры",
    "q": "Поиск по ФИО",
    "organization_id": "Организация",
    "position": "Должность",
    "subject": "Предмет",
    "category": "Категория",
    "category_status": "Срок категории",
    "young": "Молодые педагоги",
    "external_system": "Кадровая система",
    "include_archived": "Включая архив",
    "version": "Версия",
}
_FIELD_ORDER = {name: i for i, name in enumerate(FIELD_LABELS)}

# Per entity type, where the same field name means something else.
_ENTITY_FIELD_LABELS = {("user", "email"): "Логин", ("user", "is_active"): "Учётная запись активна"}

SCOPE_LABELS = {
    "kpi:read": "чтение показателей",
    "teachers:read": "чтение педагогов",
    "teachers:write": "запись и импорт педагогов",
    "organizations:read": "чтение организаций",
}
EMPLOYMENT_KINDS = dict(teachers.KIND_RU)
VALUE_LABELS: dict[str, dict[str, str]] = {
    "innovation_level": {"municipal": "муниципальная", "regional": "региональная", "federal": "федеральная"},
    "young_rule": {"or": "возраст или стаж", "and": "возраст и стаж"},
    "category_status": {
        "expiring": "истекает в течение 6 месяцев",
        "expired": "истёк",
        "valid": "действует",
        "none": "нет категории",
    },
    "source": {"import": "импорт файла", "api": "API", "form": "форма", "attestation": "решение по аттестации"},
    "format": {"xlsx": "Excel (XLSX)", "csv": "CSV"},
}
SECRET_FIELDS = {"password", "secret"}

# Which dictionary a code in a field comes from.
_CODE_FIELDS = {
    "type_code": "org_type",
    "position": "position",
    "position_code": "position",
    "subjects": "subject",
    "subject": "subject",
    "subject_code": "subject",
    "category": "category",
    "category_code": "category",
}
_CODE_RE = re.compile(r"^[a-z0-9_\-]{1,64}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _as_uuid(value: Any) -> str | None:
    if isinstance(value, str) and len(value) == 36 and _UUID_RE.fullmatch(value):
        return value.lower()
    return None


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
            if (u := _as_uuid(v)) is not None:
                ids.add(uuid.UUID(u))
            elif isinstance(v, str) and v.startswith("hr:") and (u := _as_uuid(v[3:])) is not None:
                ids.add(uuid.UUID(u))
            elif isinstance(v, str) and _CODE_RE.match(v):
                codes.add(v)
    names = Names()
    if not ids and not codes:
        return names
    for kind, key, name in await repository.names(session, principal, sorted(ids), sorted(codes)):
        if kind in repository.CODE_KINDS:
            names.codes[(kind, key)] = name
        else:
            names.records[key.lower()] = (kind, name)
    return names


# --- texts ---


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def entity_type_label(entity_type: str) -> str:
    return ENTITY_TYPE_LABELS.get(entity_type, "Запись")


def actor_label(actor_type: str, actor_name: str | None) -> str:
    if actor_type == "client":
        return f"Интеграция «{actor_name}»" if actor_name else "Интеграция"
    if actor_type == "system" or not actor_name:
        return "Система"
    return actor_name


def entity_label(entity_type: str, entity_id: uuid.UUID | None, names: Names) -> str:
    """The record's name, or just its kind when the reader may not see it (or it is a whole list)."""
    if entity_id is None:
        return "Список педагогов" if entity_type == "teacher" else entity_type_label(entity_type)
    found = names.records.get(str(entity_id))
    if found and found[0] == entity_type:
        return found[1]
    return entity_type_label(entity_type)


def record_visible(entity_type: str, entity_id: uuid.UUID | None, names: Names) -> bool:
    """A teacher's entry is readable only by those who may read the teacher; other records are not personal."""
    if entity_type != "teacher" or entity_id is None:
        return True
    found = names.records.get(str(entity_id))
    return bool(found and found[0] == "teacher")


def field_label(entity_type: str, name: str) -> str:
    return _ENTITY_FIELD_LABELS.get((entity_type, name)) or FIELD_LABELS.get(name) or "Другое поле"


def _date(value: str) -> str:
    return date.fromisoformat(value[:10]).strftime("%d.%m.%Y")


def _datetime(value: str) -> str:
    try:
        return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return _date(value)


def _system(value: str, names: Names) -> str:
    """An import source as people know it: the school's HR records, or «внешняя система»."""
    if value.startswith("hr:"):
        org = names.record(value[3:]) if _as_uuid(value[3:]) else None
        return f"кадровый учёт «{org}»" if org else "кадровый учёт школы"
    return "внешняя система"


def _number(value: Any) -> str:
    """1.00 → «1», 0.50 → «0,5» (Russian decimal comma, no trailing zeros)."""
    try:
        text = format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)
    return text.replace(".", ",")


def _employment(row: list[Any], names: Names) -> str:
    org_id, position, kind, rate, start, end = (list(row) + [None] * 6)[:6]
    org = names.record(org_id) or UNAVAILABLE
    text = f"{org}, {names.code('position', str(position))}" if position else org
    if kind:
        text += f" ({EMPLOYMENT_KINDS.get(kind, kind)})"
    if rate:
        text += f", ставка {_number(rate)}"
    if start:
        text += f", с {_date(start)}"
    if end:
        text += f" по {_date(end)}"
    return text


def _category(row: list[Any], names: Names) -> str:
    code, granted, basis = (list(row) + [None] * 3)[:3]
    text = names.code("category", str(code))
    if granted:
        text += f" с {_date(granted)}"
    if basis:
        text += f" ({basis})"
    return text


def _external_id(row: list[Any], names: Names) -> str:
    system, value = (list(row) + [None] * 2)[:2]
    return f"{value} ({_system(str(system), names)})" if system else str(value)


def value_text(name: str, value: Any, names: Names, entity_type: str = "") -> str:
    """One recorded value as a person reads it: no ids, codes or JSON."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if name in SECRET_FIELDS:
        return SECRET_CHANGED
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return "; ".join(
            f"{field_label(entity_type, k)}: {value_text(k, v, names, entity_type)}" for k, v in _ordered(value)
        )
    if isinstance(value, list | tuple):
        if name == "employments":
            return "; ".join(_employment(r, names) for r in value)
        if name == "categories":
            return "; ".join(_category(r, names) for r in value)
        if name == "external_ids":
            return "; ".join(_external_id(r, names) for r in value)
        if name == "roles":
            return ", ".join(ROLE_TITLES_RU.get(str(r), str(r)) for r in value)
        if name == "scopes":
            return ", ".join(SCOPE_LABELS.get(str(s), str(s)) for s in value)
        return ", ".join(value_text(name, v, names, entity_type) for v in value)
    text = str(value)
    if name in ("system", "external_system"):
        return _system(text, names)
    if name in VALUE_LABELS and text in VALUE_LABELS[name]:
        return VALUE_LABELS[name][text]
    if name == "category" and text == "none":
        return "без категории"
    if name in _CODE_FIELDS:
        return names.code(_CODE_FIELDS[name], text)
    if _as_uuid(text):
        return names.record(text) or UNAVAILABLE
    if _DATE_RE.match(text):
        return _date(text)
    if _DATETIME_RE.match(text):
        return _datetime(text)
    return text


def _ordered(changes: Mapping[str, Any]) -> list[tuple[str, Any]]:
    return sorted(changes.items(), key=lambda kv: (_FIELD_ORDER.get(kv[0], len(_FIELD_ORDER)), kv[0]))


def _is_diff(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and set(value) <= {"before", "after"}


def change_texts(
    entity_type: str, changes: Mapping[str, Any] | None, names: Names, visible: bool
) -> list[dict[str, str | None]]:
    """Per field: its label and the before/after texts (`before_text` is null for a value recorded as is)."""
    out: list[dict[str, str | None]] = []
    for name, value in _ordered(changes or {}):
        label = field_label(entity_type, name)
        if _is_diff(value):
            before, after = value.get("before"), value.get("after")
            if name in SECRET_FIELDS:
                out.append({"field": name, "field_label": label, "before_text": None, "after_text": SECRET_CHANGED})
                continue
            out.append(
                {
                    "field": name,
                    "field_label": label,
                    "before_text": value_text(name, before, names, entity_type) if visible else HIDDEN,
                    "after_text": value_text(name, after, names, entity_type) if visible else HIDDEN,
                }
            )
        elif value is None or value == "" or value == []:
            continue  # a snapshot of a new record: empty fields say nothing
        else:
            text = value_text(name, value, names, entity_type) if visible else HIDDEN
            out.append({"field": name, "field_label": label, "before_text": None, "after_text": text})
    return out
