"""The tables of accounts live with sign-in (`app.auth.models`, which the principal reads); this module manages them."""

from __future__ import annotations

from app.auth.models import RefreshToken, RoleAssignment, User

__all__ = ["RefreshToken", "RoleAssignment", "User"]
