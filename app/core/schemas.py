"""Base schema classes shared by all domains."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class InputModel(BaseModel):
    """Request bodies: unknown fields are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ArchiveRequest(InputModel):
    reason: str = Field(min_length=3, max_length=500, description="Причина архивации (обязательна)")
