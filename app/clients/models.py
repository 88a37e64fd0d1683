"""The machine clients' table lives with sign-in (`app.auth.models`, which the token endpoint reads); this module
manages it."""

from __future__ import annotations

from app.auth.models import ApiClient

__all__ = ["ApiClient"]
