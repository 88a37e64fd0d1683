"""Individual development routes (индивидуальный образовательный маршрут, ИОМ): a teacher's plan drawn from a
submitted diagnostic (the route keeps the assignment it came from, so K-4.1.3 counts exactly), goals per deficit area
and actions under each goal — an event, a course, a published practice, the mentor or self-study — with a deadline,
a status and the evidence of what was done (a link, a file, the teacher's participation or course). Routes are
archived, never deleted; at most one route (not archived) per assignment. Every table has `municipality_id` first
in its first index."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import ArchivableMixin, Base, IdMixin, TimestampMixin, VersionedMixin

ROUTE_STATUSES = {
    "draft": "черновик",
    "approved": "утверждён",
    "in_progress": "выполняется",
    "completed": "завершён",
}
ACTION_KINDS = {
    "event": "мероприятие",
    "course": "курсы повышения квалификации",
    "practice": "изучение практики",
    "mentor": "работа с наставником",
    "self_study": "самообразование",
}
ACTION_STATUSES = {"planned": "запланировано", "done": "выполнено"}
ONE_ROUTE_INDEX = "uq_individual_routes_assignment_id_active"


class IndividualRoute(IdMixin, TimestampMixin, VersionedMixin, ArchivableMixin, Base):
    """A route: draft → approved → in progress (the first action done) → completed (every action done, or set by an
    approver). `organization_id` is the teacher's workplace of the assignment (a school sees its routes by it)."""

    __tablename__ = "individual_routes"
    __table_args__ = (
        Index("ix_individual_routes_municipality_id_status", "municipality_id", "status"),
        Index("ix_individual_routes_municipality_id_teacher_id", "municipality_id", "teacher_id"),
        Index("ix_individual_routes_municipality_id_organization_id", "municipality_id", "organization_id"),
        Index("ix_individual_routes_municipality_id_campaign_id", "municipality_id", "campaign_id"),
        Index(ONE_ROUTE_INDEX, "assignment_id", unique=True, postgresql_where=text("archived_at IS NULL")),
        CheckConstraint("status IN ('draft', 'approved', 'in_progress', 'completed')", name="status"),
        CheckConstraint("status = 'draft' OR approved_at IS NOT NULL", name="approved_at"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teachers.id"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    assignment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_assignments.id"))
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("diag_campaigns.id"))
    title: Mapped[str] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    approved_by_name: Mapped[str | None] = mapped_column(String(300))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    goals: Mapped[list[RouteGoal]] = relationship(
        order_by="RouteGoal.sort_order", cascade="all, delete-orphan", lazy="selectin"
    )


class RouteGoal(IdMixin, Base):
    """A goal of a route: usually one per deficit area of the profile («Преодолеть дефицит: …»)."""

    __tablename__ = "route_goals"
    __table_args__ = (
        Index("ix_route_goals_municipality_id_route_id", "municipality_id", "route_id", "sort_order"),
        CheckConstraint("band IS NULL OR band IN ('deficit', 'partial', 'none')", name="band"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    route_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("individual_routes.id", ondelete="CASCADE"))
    area_code: Mapped[str | None] = mapped_column(ForeignKey("ref_competence_areas.code"))
    band: Mapped[str | None] = mapped_column(String(16))  # the area's band in the profile when drafted
    text: Mapped[str] = mapped_column(String(1000))
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)

    actions: Mapped[list[RouteAction]] = relationship(
        order_by="RouteAction.sort_order", cascade="all, delete-orphan", lazy="selectin"
    )


class RouteAction(IdMixin, Base):
    """An action under a goal: what (`kind` and the record it names: an event, the teacher's course, a practice, the
    mentoring pair; self-study has none), by when, and — once done — the evidence."""

    __tablename__ = "route_actions"
    __table_args__ = (
        Index("ix_route_actions_municipality_id_route_id", "municipality_id", "route_id", "status"),
        Index("ix_route_actions_goal_id", "goal_id", "sort_order"),
        CheckConstraint("kind IN ('event', 'course', 'practice', 'mentor', 'self_study')", name="kind"),
        CheckConstraint("status IN ('planned', 'done')", name="status"),
        CheckConstraint("(status = 'done') = (done_at IS NOT NULL)", name="done_at"),
    )

    municipality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipalities.id"))
    route_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("individual_routes.id", ondelete="CASCADE"))
    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("route_goals.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[uuid.UUID | None] = mapped_column()
    title: Mapped[str] = mapped_column(String(500))
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by_name: Mapped[str | None] = mapped_column(String(300))
    evidence_url: Mapped[str | None] = mapped_column(String(1000))
    evidence_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("files.id"))
    evidence_participation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("participations.id"))
    evidence_course_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("courses.id"))
    evidence_note: Mapped[str | None] = mapped_column(String(2000))
    sort_order: Mapped[int] = mapped_column(SmallInteger, default=0)
