"""The audit log's table is written by every module through `app.core.audit_trail`; this module reads it."""

from __future__ import annotations

from app.core.audit_trail import AuditEvent

__all__ = ["AuditEvent"]
