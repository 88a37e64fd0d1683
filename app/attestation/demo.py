"""Demo attestation: the applications behind the demo teachers' recent categories (granted decisions whose orders
are the categories' bases, so the category history and the applications agree), some refusals, and pending
applications of teachers whose category runs out within a year."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.attestation.models import Attestation

SOUGHT = {"highest": "highest", "first": "first", "szd": "conformity"}


async def seed(session: AsyncSession, teachers: Sequence[Any], today: date) -> int:
    """`teachers` with their `categories` loaded (as the demo seed built them); returns how many applications."""
    rng = random.Random(20230415)  # noqa: S311 - deterministic demo data, not security
    out: list[Attestation] = []
    for t in teachers:
        latest = t.categories[-1] if t.categories else None
        if latest is not None and latest.category_code in SOUGHT and (today - latest.granted_on).days < 3 * 365:
            # the decision that granted the current category
            m = re.match(r"(приказ № \d+)", latest.legal_basis or "")
            out.append(
                Attestation(
                    municipality_id=t.municipality_id,
                    teacher_id=t.id,
                    category_sought=SOUGHT[latest.category_code],
                    applied_on=latest.granted_on - timedelta(days=rng.randint(30, 75)),
                    decided_on=latest.granted_on,
                    result="granted",
                    order_number=m.group(1) if m else f"приказ № {rng.randint(100, 999)}",
                )
            )
            if latest.category_code == "first" and rng.random() < 0.15:  # an earlier attempt at the highest
                decided = latest.granted_on - timedelta(days=rng.randint(200, 400))
                out.append(
                    Attestation(
                        municipality_id=t.municipality_id,
                        teacher_id=t.id,
                        category_sought="highest",
                        applied_on=decided - timedelta(days=rng.randint(30, 60)),
                        decided_on=decided,
                        result="refused",
                        order_number=f"приказ № {rng.randint(100, 999)}",
                    )
                )
        expires = latest.expires_on if latest is not None else None
        if expires is not None and today - timedelta(days=60) <= expires <= today + timedelta(days=365):
            if rng.random() < 0.6:  # applied for the next attestation, not decided yet
                wanted = "highest" if latest.category_code in ("first", "highest") else "conformity"
                if latest.category_code == "first" and rng.random() < 0.5:
                    wanted = "first"
                out.append(
                    Attestation(
                        municipality_id=t.municipality_id,
                        teacher_id=t.id,
                        category_sought=wanted,
                        applied_on=today - timedelta(days=rng.randint(1, 50)),
                    )
                )
    session.add_all(out)
    await session.flush()
    return len(out)
