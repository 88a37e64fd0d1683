"""Every SQL statement of machine clients: they belong to a municipality and are seen inside it."""

from __future__ import annotations

import uuid
from typing import Any

from app.clients.models import ApiClient
from app.core.access import municipality_visible
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
