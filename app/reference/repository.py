"""Every SQL statement of the reference dictionaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.audit_trail import AuditDictionary, CodesQuery, describe_dictionary
from app.reference.models import CompetenceArea, OrganizationType, Position, QualificationCategory, Subject


async def active(session: AsyncSession, model: Any) -> Sequence[Any]:
    return (
        await session.scalars(select(model).where(model.is_active.is_(True)).order_by(model.sort_order, model.name))
    ).all()


async def existing_codes(session: AsyncSession, model: Any, codes: set[str]) -> set[str]:
    return set((await session.scalars(select(model.code).where(model.code.in_(codes)))).all())


async def code_names(session: AsyncSession, model: Any) -> list[tuple[str, str]]:
    return [(c, n) for c, n in (await session.execute(select(model.code, model.name))).all()]


# --- how the dictionaries' codes read in the audit log ---


def _codes(kind: str, model: Any) -> CodesQuery:
    def query(codes: Sequence[str]) -> Select[Any]:
        return select(literal(kind), model.code, model.name).where(model.code.in_(codes))

    return query


describe_dictionary(
    AuditDictionary(kind="org_type", fields=frozenset({"type_code"}), codes=_codes("org_type", OrganizationType))
)
describe_dictionary(
    AuditDictionary(
        kind="position", fields=frozenset({"position", "position_code"}), codes=_codes("position", Position)
    )
)
describe_dictionary(
    AuditDictionary(
        kind="subject", fields=frozenset({"subjects", "subject", "subject_code"}), codes=_codes("subject", Subject)
    )
)
describe_dictionary(
    AuditDictionary(
        kind="category",
        fields=frozenset({"category", "category_code"}),
        codes=_codes("category", QualificationCategory),
    )
)
describe_dictionary(
    AuditDictionary(
        kind="competence_area",
        fields=frozenset({"competence_area", "competence_areas"}),
        codes=_codes("competence_area", CompetenceArea),
    )
)
