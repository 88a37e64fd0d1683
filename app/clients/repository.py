"""Every SQL statement of machine clients: they belong to a municipality and are seen inside it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, String, cast, literal, select

from app.clients.models import ApiClient
from app.core.access import Principal, municipality_visible
from app.core.audit_trail import AuditSubject, describe
from app.core.resource import Resource
from app.core.search import text_search

clients: Resource[ApiClient] = Resource(
    model=ApiClient,
    entity_type="api_client",
    not_found="Клиент не найден",
    visible=lambda scope: municipality_visible(scope, ApiClient.municipality_id),
    municipality_of=lambda c: c.municipality_id,
    sorts={"name": ApiClient.name, "created_at": ApiClient.created_at},
    default_order=(ApiClient.name, ApiClient.id),
    if_match_required=True,  # a change of an integration (scopes, on/off, secret) is a change of access
)


def filters(q: str | None, municipality_id: uuid.UUID | None) -> list[Any]:
    out: list[Any] = []
    if q:
        out.append(text_search(q, ApiClient.name, ApiClient.client_id))
    if municipality_id:
        out.append(ApiClient.municipality_id == municipality_id)
    return out


# --- how integrations read in the audit log ---


def _audit_names(principal: Principal, ids: Sequence[uuid.UUID]) -> Select[Any]:
    return select(literal("api_client"), cast(ApiClient.id, String), ApiClient.name).where(ApiClient.id.in_(ids))


describe(
    AuditSubject(
        entity_type="api_client",
        label="Интеграция",
        field_labels={
            "name": "Название",
            "is_active": "Активна",
            "scopes": "Права доступа",
            "client_id": "Идентификатор клиента",
            "secret": "Секрет",
        },
        value_labels={
            "scopes": {
                "kpi:read": "чтение показателей",
                "teachers:read": "чтение педагогов",
                "teachers:write": "запись и импорт педагогов",
                "organizations:read": "чтение организаций",
            }
        },
        names=_audit_names,
    )
)
