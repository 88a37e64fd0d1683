"""Base schema classes shared by all domains."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Placeholder ids used in request examples (the authorization matrix test puts real ones in their place).
EXAMPLE_REGION_ID = "0b6f3f2e-1c1a-4f5e-9d63-5a0c4f1e2a44"
EXAMPLE_MUNICIPALITY_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
EXAMPLE_ORGANIZATION_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
EXAMPLE_TEACHER_ID = "9b2f1d3e-8a7c-4e6b-b5d4-3c2a1f0e9d8c"
# A second teacher of the same school, for records linking two people (a mentor and a mentee).
EXAMPLE_OTHER_TEACHER_ID = "5d8e2c7a-4b1f-4e3a-9c6d-7f0a1b2c3d4e"


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def patch_field(**kwargs: Any) -> Any:
    """A PATCH field that may be left out but never sent as `null` (its column cannot be empty): `null` is a 422
    with the field named, not a database error. Declare it as `name: str = patch_field(max_length=…)`."""
    return Field(default=None, json_schema_extra=_no_default, **kwargs)


def examples(*items: dict[str, Any]) -> ConfigDict:
    """`model_config` of an input schema with request examples shown in the OpenAPI and Swagger UI."""
    return ConfigDict(json_schema_extra={"examples": list(items)})


class InputModel(BaseModel):
    """Request bodies: unknown fields are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ArchiveRequest(InputModel):
    model_config = examples({"reason": "Реорганизация: запись больше не используется"})

    reason: str = Field(min_length=3, max_length=500, description="Причина архивации (обязательна)")
