"""Foundation: tenants, reference dictionaries (with data), organizations, teachers, auth, audit.

Reviewed by hand: every tenant table has municipality_id first in its indexes; reference data below.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:10:56.586470
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ORGANIZATION_TYPES = [
    ("sosh", "Средняя общеобразовательная школа (СОШ)"),
    ("oosh", "Основная общеобразовательная школа (ООШ)"),
    ("gymnasium", "Гимназия"),
    ("lyceum", "Лицей"),
    ("boarding_school", "Школа-интернат"),
    ("kindergarten", "Дошкольная образовательная организация (ДОУ)"),
    ("additional_education", "Организация дополнительного образования (УДО)"),
    ("methodological_center", "Методический центр (ММС, ИМЦ)"),
    ("education_authority", "Орган управления образованием"),
    ("regional_institute", "Региональный институт развития образования (ИРО)"),
    ("professional_development", "Организация ДПО"),
    ("other", "Иная организация"),
]

# Pedagogical positions, постановление Правительства РФ № 225 от 21.02.2022 (section 1), then managers.
POSITIONS = [
    ("teacher", "учитель", True),
    ("speech_therapist_teacher", "учитель-логопед", True),
    ("defectologist_teacher", "учитель-дефектолог", True),
    ("speech_therapist", "логопед", True),
    ("psychologist", "педагог-психолог", True),
    ("social_pedagogue", "социальный педагог", True),
    ("additional_education_teacher", "педагог дополнительного образования", True),
    ("senior_additional_education_teacher", "старший педагог дополнительного образования", True),
    ("organizer_teacher", "педагог-организатор", True),
    ("librarian_teacher", "педагог-библиотекарь", True),
    ("tutor", "тьютор", True),
    ("educator", "воспитатель", True),
    ("senior_educator", "старший воспитатель", True),
    ("methodologist", "методист", True),
    ("senior_methodologist", "старший методист", True),
    ("music_director", "музыкальный руководитель", True),
    ("accompanist", "концертмейстер", True),
    ("pe_instructor", "инструктор по физической культуре", True),
    ("labour_instructor", "инструктор по труду", True),
    ("obzr_organizer", "преподаватель-организатор основ безопасности и защиты Родины", True),
    (
        "upbringing_advisor",
        "советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
        True,
    ),
    ("coach_teacher", "тренер-преподаватель", True),
    ("senior_coach_teacher", "старший тренер-преподаватель", True),
    ("lecturer", "преподаватель", True),
    ("master_instructor", "мастер производственного обучения", True),
    ("duty_master", "инструктор-методист", True),
    ("director", "директор", False),
    ("head", "заведующий", False),
    ("deputy_director_uvr", "заместитель директора по УВР", False),
    ("deputy_director_vr", "заместитель директора по ВР", False),
    ("deputy_director_umr", "заместитель директора по УМР", False),
    ("deputy_head_vmr", "заместитель заведующего по ВМР", False),
    ("specialist", "специалист органа управления образованием", False),
]

SUBJECTS = [
    ("russian", "Русский язык"),
    ("literature", "Литература"),
    ("native_language", "Родной язык"),
    ("native_literature", "Литературное чтение на родном языке"),
    ("english", "Английский язык"),
    ("german", "Немецкий язык"),
    ("french", "Французский язык"),
    ("chinese", "Китайский язык"),
    ("mathematics", "Математика"),
    ("computer_science", "Информатика"),
    ("physics", "Физика"),
    ("chemistry", "Химия"),
    ("biology", "Биология"),
    ("geography", "География"),
    ("history", "История"),
    ("social_studies", "Обществознание"),
    ("economics", "Экономика"),
    ("law", "Право"),
    ("astronomy", "Астрономия"),
    ("music", "Музыка"),
    ("fine_arts", "Изобразительное искусство"),
    ("technology", "Труд (технология)"),
    ("physical_education", "Физическая культура"),
    ("obzr", "Основы безопасности и защиты Родины"),
    ("primary", "Начальные классы"),
    ("orkse", "ОРКСЭ"),
    ("odnknr", "ОДНКНР"),
    ("world_around", "Окружающий мир"),
]

QUALIFICATION_CATEGORIES = [
    ("szd", "соответствие занимаемой должности"),
    ("first", "первая"),
    ("highest", "высшая"),
    ("methodist", "педагог-методист"),
    ("mentor", "педагог-наставник"),
]

EVENT_LEVELS = [
    ("school", "школьный", 1),
    ("municipal", "муниципальный", 2),
    ("intermunicipal", "межмуниципальный", 3),
    ("regional", "региональный", 4),
    ("interregional", "межрегиональный", 5),
    ("federal", "федеральный", 6),
    ("international", "международный", 7),
]


def _load_reference_data() -> None:
    def table(name: str, *extra: str) -> sa.TableClause:
        return sa.table(name, *(sa.column(c) for c in ("code", "name", "sort_order", *extra)))

    op.bulk_insert(
        table("ref_organization_types"),
        [{"code": c, "name": n, "sort_order": i} for i, (c, n) in enumerate(ORGANIZATION_TYPES)],
    )
    op.bulk_insert(
        table("ref_positions", "is_pedagogical"),
        [{"code": c, "name": n, "sort_order": i, "is_pedagogical": p} for i, (c, n, p) in enumerate(POSITIONS)],
    )
    op.bulk_insert(
        table("ref_subjects"), [{"code": c, "name": n, "sort_order": i} for i, (c, n) in enumerate(SUBJECTS)]
    )
    op.bulk_insert(
        table("ref_qualification_categories"),
        [{"code": c, "name": n, "sort_order": i} for i, (c, n) in enumerate(QUALIFICATION_CATEGORIES)],
    )
    op.bulk_insert(
        table("ref_event_levels", "rank"),
        [{"code": c, "name": n, "sort_order": r, "rank": r} for c, n, r in EVENT_LEVELS],
    )


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor_type", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_name", sa.String(length=300), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("entity_type", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(
        "ix_audit_events_municipality_id_entity",
        "audit_events",
        ["municipality_id", "entity_type", "entity_id"],
        unique=False,
    )
    op.create_index(
        "ix_audit_events_municipality_id_occurred_at",
        "audit_events",
        ["municipality_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "login_failures",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index("ix_login_failures_key_hash_at", "login_failures", ["key_hash", "at"], unique=False)
    op.create_table(
        "ref_event_levels",
        sa.Column("rank", sa.Integer(), server_default="0", nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_event_levels")),
    )
    op.create_table(
        "ref_organization_types",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_organization_types")),
    )
    op.create_table(
        "ref_positions",
        sa.Column("is_pedagogical", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_positions")),
    )
    op.create_table(
        "ref_qualification_categories",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_qualification_categories")),
    )
    op.create_table(
        "ref_subjects",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_subjects")),
    )
    op.create_table(
        "regions",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("code", name=op.f("uq_regions_code")),
        sa.UniqueConstraint("name", name=op.f("uq_regions_name")),
    )
    op.create_table(
        "municipalities",
        sa.Column("region_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("okato", sa.String(length=16), nullable=True),
        sa.Column("young_age_limit", sa.Integer(), server_default="35", nullable=False),
        sa.Column("young_experience_limit", sa.Integer(), server_default="3", nullable=False),
        sa.Column("young_rule", sa.String(length=3), server_default="or", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.CheckConstraint("young_rule IN ('or', 'and')", name=op.f("ck_municipalities_young_rule")),
        sa.CheckConstraint("young_age_limit BETWEEN 18 AND 70", name=op.f("ck_municipalities_young_age_limit")),
        sa.CheckConstraint(
            "young_experience_limit BETWEEN 0 AND 20", name=op.f("ck_municipalities_young_experience_limit")
        ),
        sa.ForeignKeyConstraint(["region_id"], ["regions.id"], name=op.f("fk_municipalities_region_id_regions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipalities")),
    )
    op.create_index(op.f("ix_municipalities_region_id"), "municipalities", ["region_id"], unique=False)
    op.create_table(
        "organizations",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("type_code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=False),
        sa.Column("inn", sa.String(length=12), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("is_low_results", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("is_unfavourable", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("innovation_level", sa.String(length=16), nullable=True),
        sa.Column("is_resource_center", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("is_state_owned", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.CheckConstraint(
            "innovation_level IS NULL OR innovation_level IN ('municipal', 'regional', 'federal')",
            name=op.f("ck_organizations_innovation_level"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_organizations_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["organizations.id"], name=op.f("fk_organizations_parent_id_organizations")
        ),
        sa.ForeignKeyConstraint(
            ["type_code"],
            ["ref_organization_types.code"],
            name=op.f("fk_organizations_type_code_ref_organization_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    op.create_index("ix_organizations_municipality_id_name", "organizations", ["municipality_id", "name"], unique=False)
    op.create_index(
        "ix_organizations_municipality_id_type_code",
        "organizations",
        ["municipality_id", "type_code"],
        unique=False,
    )
    op.create_table(
        "teachers",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("middle_name", sa.String(length=100), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("teaching_since", sa.Date(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_teachers_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teachers")),
    )
    op.create_index(
        "ix_teachers_municipality_id_last_name",
        "teachers",
        ["municipality_id", "last_name", "first_name"],
        unique=False,
    )
    op.create_table(
        "users",
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("full_name", sa.String(length=300), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipalities.id"], name=op.f("fk_users_municipality_id_municipalities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index("ix_users_municipality_id_email", "users", ["municipality_id", "email"], unique=False)
    op.create_table(
        "api_clients",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archive_reason", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_api_clients_created_by_users")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_api_clients_municipality_id_municipalities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_clients_client_id")),
    )
    op.create_index("ix_api_clients_municipality_id_name", "api_clients", ["municipality_id", "name"], unique=False)
    op.create_table(
        "employments",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("position_code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("rate", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('main', 'internal_part_time', 'external_part_time')", name=op.f("ck_employments_kind")
        ),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name=op.f("ck_employments_dates")),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_employments_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_employments_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["position_code"], ["ref_positions.code"], name=op.f("fk_employments_position_code_ref_positions")
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teachers.id"],
            name=op.f("fk_employments_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employments")),
    )
    op.create_index(
        "ix_employments_municipality_id_organization_id",
        "employments",
        ["municipality_id", "organization_id"],
        unique=False,
    )
    op.create_index(
        "ix_employments_municipality_id_teacher_id",
        "employments",
        ["municipality_id", "teacher_id"],
        unique=False,
    )
    op.create_table(
        "refresh_tokens",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_refresh_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    op.create_index("ix_refresh_tokens_family_id", "refresh_tokens", ["family_id"], unique=False)
    op.create_index(op.f("ix_refresh_tokens_user_id"), "refresh_tokens", ["user_id"], unique=False)
    op.create_table(
        "role_assignments",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("region_id", sa.Uuid(), nullable=True),
        sa.Column("municipality_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("teacher_id", sa.Uuid(), nullable=True),
        sa.Column("association_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(role = 'sysadmin') OR (role IN ('department','methodologist') AND (municipality_id IS NOT NULL OR region_id IS NOT NULL)) OR (role = 'school_admin' AND organization_id IS NOT NULL AND municipality_id IS NOT NULL) OR (role = 'association_leader' AND municipality_id IS NOT NULL) OR (role = 'teacher' AND teacher_id IS NOT NULL AND municipality_id IS NOT NULL)",
            name=op.f("ck_role_assignments_scope"),
        ),
        sa.CheckConstraint(
            "role IN ('sysadmin','department','methodologist','school_admin','association_leader','teacher')",
            name=op.f("ck_role_assignments_role"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_role_assignments_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_role_assignments_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(["region_id"], ["regions.id"], name=op.f("fk_role_assignments_region_id_regions")),
        sa.ForeignKeyConstraint(["teacher_id"], ["teachers.id"], name=op.f("fk_role_assignments_teacher_id_teachers")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_role_assignments_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_assignments")),
    )
    op.create_index("ix_role_assignments_user_id", "role_assignments", ["user_id"], unique=False)
    op.create_table(
        "teacher_categories",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("category_code", sa.String(length=64), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.Column("legal_basis", sa.String(length=300), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_code"],
            ["ref_qualification_categories.code"],
            name=op.f("fk_teacher_categories_category_code_ref_qualification_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_teacher_categories_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teachers.id"],
            name=op.f("fk_teacher_categories_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_categories")),
    )
    op.create_index(
        "ix_teacher_categories_municipality_id_expires_on",
        "teacher_categories",
        ["municipality_id", "expires_on"],
        unique=False,
    )
    op.create_index(
        "ix_teacher_categories_municipality_id_teacher_id",
        "teacher_categories",
        ["municipality_id", "teacher_id"],
        unique=False,
    )
    op.create_table(
        "teacher_external_ids",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("system", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_teacher_external_ids_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teachers.id"],
            name=op.f("fk_teacher_external_ids_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_external_ids")),
        sa.UniqueConstraint(
            "municipality_id",
            "system",
            "external_id",
            name=op.f("uq_teacher_external_ids_municipality_id_system_external_id"),
        ),
    )
    op.create_index(
        "ix_teacher_external_ids_municipality_id_teacher_id",
        "teacher_external_ids",
        ["municipality_id", "teacher_id"],
        unique=False,
    )
    op.create_table(
        "teacher_subjects",
        sa.Column("municipality_id", sa.Uuid(), nullable=False),
        sa.Column("teacher_id", sa.Uuid(), nullable=False),
        sa.Column("subject_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_teacher_subjects_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_code"],
            ["ref_subjects.code"],
            name=op.f("fk_teacher_subjects_subject_code_ref_subjects"),
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teachers.id"],
            name=op.f("fk_teacher_subjects_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("teacher_id", "subject_code", name=op.f("pk_teacher_subjects")),
    )
    op.create_index(
        "ix_teacher_subjects_municipality_id_subject_code",
        "teacher_subjects",
        ["municipality_id", "subject_code"],
        unique=False,
    )
    _load_reference_data()


def downgrade() -> None:
    op.drop_index("ix_teacher_subjects_municipality_id_subject_code", table_name="teacher_subjects")
    op.drop_table("teacher_subjects")
    op.drop_index("ix_teacher_external_ids_municipality_id_teacher_id", table_name="teacher_external_ids")
    op.drop_table("teacher_external_ids")
    op.drop_index("ix_teacher_categories_municipality_id_teacher_id", table_name="teacher_categories")
    op.drop_index("ix_teacher_categories_municipality_id_expires_on", table_name="teacher_categories")
    op.drop_table("teacher_categories")
    op.drop_index("ix_role_assignments_user_id", table_name="role_assignments")
    op.drop_table("role_assignments")
    op.drop_index(op.f("ix_refresh_tokens_user_id"), table_name="refresh_tokens")
    op.drop_index("ix_refresh_tokens_family_id", table_name="refresh_tokens")
    op.drop_table("refresh_tokens")
    op.drop_index("ix_employments_municipality_id_teacher_id", table_name="employments")
    op.drop_index("ix_employments_municipality_id_organization_id", table_name="employments")
    op.drop_table("employments")
    op.drop_index("ix_api_clients_municipality_id_name", table_name="api_clients")
    op.drop_table("api_clients")
    op.drop_index("ix_users_municipality_id_email", table_name="users")
    op.drop_table("users")
    op.drop_index("ix_teachers_municipality_id_last_name", table_name="teachers")
    op.drop_table("teachers")
    op.drop_index("ix_organizations_municipality_id_type_code", table_name="organizations")
    op.drop_index("ix_organizations_municipality_id_name", table_name="organizations")
    op.drop_table("organizations")
    op.drop_index(op.f("ix_municipalities_region_id"), table_name="municipalities")
    op.drop_table("municipalities")
    op.drop_table("regions")
    op.drop_table("ref_subjects")
    op.drop_table("ref_qualification_categories")
    op.drop_table("ref_positions")
    op.drop_table("ref_organization_types")
    op.drop_table("ref_event_levels")
    op.drop_index("ix_login_failures_key_hash_at", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("ix_audit_events_municipality_id_occurred_at", table_name="audit_events")
    op.drop_index("ix_audit_events_municipality_id_entity", table_name="audit_events")
    op.drop_table("audit_events")
