"""Imports every model module so the metadata is complete (for Alembic and tests)."""

from app.associations.models import (  # noqa: F401
    Association,
    AssociationMeeting,
    AssociationMeetingAttendance,
    AssociationMeetingPlan,
    AssociationMember,
)
from app.attestation.models import Attestation  # noqa: F401
from app.audit.models import AuditEvent  # noqa: F401
from app.auth.models import ApiClient, LoginFailure, RefreshToken, RoleAssignment, User  # noqa: F401
from app.courses.models import Course  # noqa: F401
from app.diagnostics.models import (  # noqa: F401
    DiagAssignment,
    DiagCampaign,
    DiagFramework,
    DiagFrameworkArea,
    DiagInstrument,
    DiagProfileArea,
    DiagReminder,
)
from app.documents.models import Document, DocumentRequirement  # noqa: F401
from app.events.models import (  # noqa: F401
    Award,
    CalendarFeed,
    Event,
    EventMaterial,
    EventResponsible,
    EventSeries,
    Participation,
)
from app.files.models import StoredFile  # noqa: F401
from app.help_requests.models import HelpConsultation, HelpRequest  # noqa: F401
from app.jobs.models import Job  # noqa: F401
from app.kpi.models import (  # noqa: F401
    KpiIndicator,
    KpiSelection,
    KpiSelectionSet,
    KpiSnapshot,
    KpiSnapshotValue,
    KpiTarget,
)
from app.mentoring.models import MentoringPair  # noqa: F401
from app.notifications.models import Notification  # noqa: F401
from app.organizations.models import Organization  # noqa: F401
from app.practices.models import (  # noqa: F401
    Practice,
    PracticeAuthor,
    PracticeCriterion,
    PracticeMaterial,
    PracticePresentation,
    PracticeReview,
)
from app.reference.models import EventLevel, OrganizationType, Position, QualificationCategory, Subject  # noqa: F401
from app.routes.models import IndividualRoute, RouteAction, RouteGoal  # noqa: F401
from app.teachers.models import Employment, Teacher, TeacherCategory, TeacherExternalId, TeacherSubject  # noqa: F401
from app.tenants.models import Municipality, Region  # noqa: F401
