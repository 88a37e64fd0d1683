"""Diagnostics of professional deficits: frameworks and their areas, versioned instruments (sections, typed items
and the scoring scale as JSONB validated by the application), campaigns, assignments with answers, reminders and
the deficit profile rows. Ships one framework (five areas mapped to the labour functions of the professional
standard «Педагог»), a ready self-assessment instrument for it and a topic survey (Kostroma's August survey of
the standing seminar's topics), all with `municipality_id` NULL and fixed ids. Every table has `municipality_id`
first in its first index. Reviewed by hand.

Revision ID: 0024
Revises: 0022
Create Date: 2026-12-02 10:00:00
"""

import json
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0024"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FRAMEWORK_ID = uuid.UUID("d1a90000-0000-4000-8000-000000000001")
INSTRUMENT_ID = uuid.UUID("d1a90000-0000-4000-8000-000000000101")
TOPIC_SURVEY_ID = uuid.UUID("d1a90000-0000-4000-8000-000000000201")

AREAS = [
    ("subject", ["A/01.6", "B/01.5", "B/02.6", "B/03.6"], "Знание предмета и умение раскрыть его содержание"),
    ("methodical", ["A/01.6", "B/01.5", "B/03.6"], "Проектирование урока, технологии, оценивание"),
    ("psychological", ["A/02.6", "A/03.6"], "Возрастные особенности, воспитание, развитие, ОВЗ"),
    ("communicative", ["A/02.6", "A/03.6"], "Взаимодействие с обучающимися, родителями и коллегами"),
    ("digital", ["A/01.6", "B/01.5"], "Цифровые ресурсы и сервисы в обучении"),
]
SECTION_TITLES = {
    "subject": "Предметная компетентность",
    "methodical": "Методическая компетентность",
    "psychological": "Психолого-педагогическая компетентность",
    "communicative": "Коммуникативная компетентность",
    "digital": "Цифровая компетентность",
}


def _opts(*texts: str) -> list[dict[str, str]]:
    return [{"key": "abcdefgh"[i], "text": t} for i, t in enumerate(texts)]


def _scale(code: str, text: str) -> dict:
    return {
        "code": code,
        "type": "scale",
        "text": text,
        "scale_max": 3,
        "scale_labels": ["не владею", "владею частично", "владею уверенно", "могу научить других"],
    }


ITEMS = {
    "subject": [
        {
            "code": "subject.1",
            "type": "single",
            "text": "Что определяет обязательный минимум содержания по вашему предмету?",
            "options": _opts(
                "Учебник, выбранный школой",
                "ФГОС и федеральная рабочая программа (ФОП)",
                "Рабочая программа прошлого года",
                "Решение методобъединения",
            ),
            "correct": "b",
            "points": 2,
        },
        {
            "code": "subject.2",
            "type": "multiple",
            "text": "Какие из заданий проверяют предметные результаты на уровне применения?",
            "options": _opts(
                "Воспроизвести определение",
                "Решить задачу в новой ситуации",
                "Объяснить явление на примере из жизни",
                "Переписать правило в тетрадь",
            ),
            "correct": ["b", "c"],
            "points": 2,
        },
        _scale("subject.3", "Я решаю задания повышенной сложности по своему предмету (уровень олимпиады, ЕГЭ/ОГЭ)"),
        _scale("subject.4", "Я знаю современные научные достижения в своей предметной области"),
    ],
    "methodical": [
        {
            "code": "methodical.1",
            "type": "single",
            "text": "Что из перечисленного — планируемый результат урока, а не действие учителя?",
            "options": _opts(
                "Объяснить новую тему",
                "Обучающиеся смогут сравнить два способа решения",
                "Провести самостоятельную работу",
                "Показать презентацию",
            ),
            "correct": "b",
            "points": 2,
        },
        {
            "code": "methodical.2",
            "type": "multiple",
            "text": "Что относится к формирующему оцениванию?",
            "options": _opts(
                "Критерии, известные ученикам до работы",
                "Итоговая контрольная за четверть",
                "Обратная связь по ходу выполнения",
                "Самооценка по листу достижений",
            ),
            "correct": ["a", "c", "d"],
            "points": 3,
        },
        _scale("methodical.3", "Я проектирую урок по системно-деятельностному подходу"),
        _scale("methodical.4", "Я разрабатываю задания на функциональную грамотность"),
    ],
    "psychological": [
        {
            "code": "psychological.1",
            "type": "single",
            "text": "Ученик с ОВЗ обучается в классе по адаптированной программе. Кто определяет специальные условия?",
            "options": _opts(
                "Классный руководитель",
                "Психолого-медико-педагогическая комиссия (ПМПК)",
                "Родители по своему желанию",
                "Учитель-предметник",
            ),
            "correct": "b",
            "points": 2,
        },
        _scale("psychological.2", "Я учитываю возрастные и индивидуальные особенности обучающихся при планировании"),
        _scale("psychological.3", "Я выстраиваю индивидуальную траекторию для ученика с трудностями в обучении"),
    ],
    "communicative": [
        {
            "code": "communicative.1",
            "type": "single",
            "text": "Родитель резко высказывает претензии к оценке ребёнка. С чего лучше начать разговор?",
            "options": _opts(
                "Сразу объяснить, что оценка верна",
                "Выслушать и уточнить, что именно беспокоит",
                "Предложить обратиться к директору",
                "Отложить разговор без объяснений",
            ),
            "correct": "b",
            "points": 2,
        },
        _scale("communicative.2", "Я организую групповую работу и учебный диалог на уроке"),
        _scale("communicative.3", "Я выступаю перед коллегами с опытом работы (семинар, МО, конференция)"),
    ],
    "digital": [
        {
            "code": "digital.1",
            "type": "multiple",
            "text": "Какие ресурсы входят в федеральную государственную информационную систему «Моя школа»?",
            "options": _opts(
                "Библиотека цифрового образовательного контента",
                "Социальная сеть без модерации",
                "Электронный журнал и дневник",
                "Сферум для общения участников",
            ),
            "correct": ["a", "c", "d"],
            "points": 3,
        },
        _scale(
            "digital.2", "Я использую цифровые сервисы для проверки и обратной связи (тесты, интерактивные задания)"
        ),
        _scale("digital.3", "Я соблюдаю правила защиты персональных данных обучающихся в цифровой среде"),
    ],
}
DEFAULT_SCALE = {"deficit_below": 50, "partial_below": 75, "areas": {}}

SEMINAR_TOPICS = [
    "Организация методической работы в школе с использованием цифровых образовательных ресурсов",
    "Современные формы проведения педсовета",
    "Методическое сопровождение развития цифровых компетенций педагогов",
    "Внутрифирменное повышение профессиональных компетенций педагогов",
    "Самообразование педагога как форма повышения мастерства",
    "Наставничество и сопровождение молодых педагогов",
    "Формирование функциональной грамотности обучающихся",
    "Обновлённые ФГОС и федеральные образовательные программы",
]


def upgrade() -> None:
    def muni(table: str, nullable: bool = False) -> sa.Column:
        fk = sa.ForeignKey("municipalities.id", name=f"fk_{table}_municipality_id_municipalities")
        return sa.Column("municipality_id", sa.Uuid(), fk, nullable=nullable)

    def stamps() -> list[sa.Column]:
        return [
            sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        ]

    def versioned() -> list[sa.Column]:
        return [
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("archived_at", sa.DateTime(timezone=True)),
            sa.Column("archive_reason", sa.String()),
        ]

    frameworks = op.create_table(
        "diag_frameworks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_frameworks"),
        muni("diag_frameworks", True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("framework_version", sa.SmallInteger(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("description", sa.Text()),
        *stamps(),
        *versioned(),
    )
    op.create_index(
        "ix_diag_frameworks_municipality_id_code", "diag_frameworks", ["municipality_id", "code", "framework_version"]
    )
    op.create_index(
        "uq_diag_frameworks_catalogue_code_version",
        "diag_frameworks",
        ["code", "framework_version"],
        unique=True,
        postgresql_where=sa.text("municipality_id IS NULL"),
    )
    areas = op.create_table(
        "diag_framework_areas",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_framework_areas"),
        muni("diag_framework_areas", True),
        sa.Column(
            "framework_id",
            sa.Uuid(),
            sa.ForeignKey(
                "diag_frameworks.id", name="fk_diag_framework_areas_framework_id_diag_frameworks", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column(
            "area_code",
            sa.String(64),
            sa.ForeignKey("ref_competence_areas.code", name="fk_diag_framework_areas_area_code_ref_competence_areas"),
            nullable=False,
        ),
        sa.Column("labour_functions", postgresql.ARRAY(sa.String(16)), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("sort_order", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_diag_framework_areas_municipality_id_framework_id",
        "diag_framework_areas",
        ["municipality_id", "framework_id", "sort_order"],
    )
    op.create_index(
        "uq_diag_framework_areas_framework_id_area_code",
        "diag_framework_areas",
        ["framework_id", "area_code"],
        unique=True,
    )
    op.create_table(
        "diag_instruments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_instruments"),
        muni("diag_instruments", True),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("instrument_version", sa.SmallInteger(), nullable=False),
        sa.Column(
            "framework_id",
            sa.Uuid(),
            sa.ForeignKey("diag_frameworks.id", name="fk_diag_instruments_framework_id_diag_frameworks"),
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Column("sections", postgresql.JSONB(), nullable=False),
        sa.Column("scale", postgresql.JSONB(), nullable=False),
        sa.Column(
            "copied_from_id",
            sa.Uuid(),
            sa.ForeignKey("diag_instruments.id", name="fk_diag_instruments_copied_from_id_diag_instruments"),
        ),
        *stamps(),
        *versioned(),
        sa.CheckConstraint("kind IN ('deficit', 'adaptation', 'topic_survey')", name="ck_diag_instruments_kind"),
        sa.CheckConstraint("status IN ('draft', 'published')", name="ck_diag_instruments_status"),
        sa.CheckConstraint(
            "(status = 'published') = (published_at IS NOT NULL)", name="ck_diag_instruments_published_at"
        ),
    )
    op.create_index(
        "ix_diag_instruments_municipality_id_family_id",
        "diag_instruments",
        ["municipality_id", "family_id", "instrument_version"],
    )
    op.create_index(
        "uq_diag_instruments_family_id_version", "diag_instruments", ["family_id", "instrument_version"], unique=True
    )
    op.create_table(
        "diag_campaigns",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_campaigns"),
        muni("diag_campaigns"),
        sa.Column(
            "instrument_id",
            sa.Uuid(),
            sa.ForeignKey("diag_instruments.id", name="fk_diag_campaigns_instrument_id_diag_instruments"),
            nullable=False,
        ),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("target", postgresql.JSONB(), nullable=False),
        sa.Column("repeat_yearly", sa.Boolean(), server_default="false", nullable=False),
        sa.Column(
            "repeated_from_id",
            sa.Uuid(),
            sa.ForeignKey("diag_campaigns.id", name="fk_diag_campaigns_repeated_from_id_diag_campaigns"),
        ),
        sa.Column("launched_at", sa.DateTime(timezone=True)),
        sa.Column("created_by_id", sa.Uuid(), sa.ForeignKey("users.id", name="fk_diag_campaigns_created_by_id_users")),
        *stamps(),
        *versioned(),
        sa.CheckConstraint("closes_on >= opens_on", name="ck_diag_campaigns_window"),
    )
    op.create_index("ix_diag_campaigns_municipality_id_opens_on", "diag_campaigns", ["municipality_id", "opens_on"])
    op.create_index(
        "ix_diag_campaigns_municipality_id_instrument_id", "diag_campaigns", ["municipality_id", "instrument_id"]
    )
    op.create_index("uq_diag_campaigns_repeated_from_id", "diag_campaigns", ["repeated_from_id"], unique=True)
    op.create_table(
        "diag_assignments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_assignments"),
        muni("diag_assignments"),
        sa.Column(
            "campaign_id",
            sa.Uuid(),
            sa.ForeignKey("diag_campaigns.id", name="fk_diag_assignments_campaign_id_diag_campaigns"),
            nullable=False,
        ),
        sa.Column(
            "teacher_id",
            sa.Uuid(),
            sa.ForeignKey("teachers.id", name="fk_diag_assignments_teacher_id_teachers"),
            nullable=False,
        ),
        sa.Column(
            "organization_id",
            sa.Uuid(),
            sa.ForeignKey("organizations.id", name="fk_diag_assignments_organization_id_organizations"),
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answers", postgresql.JSONB(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.Column("last_reminded_at", sa.DateTime(timezone=True)),
        sa.Column("reminder_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *stamps(),
        sa.CheckConstraint("status IN ('assigned', 'in_progress', 'submitted')", name="ck_diag_assignments_status"),
        sa.CheckConstraint(
            "(status = 'submitted') = (submitted_at IS NOT NULL)", name="ck_diag_assignments_submitted_at"
        ),
    )
    op.create_index(
        "ix_diag_assignments_municipality_id_campaign_id",
        "diag_assignments",
        ["municipality_id", "campaign_id", "organization_id"],
    )
    op.create_index(
        "ix_diag_assignments_municipality_id_teacher_id", "diag_assignments", ["municipality_id", "teacher_id"]
    )
    op.create_index(
        "uq_diag_assignments_campaign_id_teacher_id", "diag_assignments", ["campaign_id", "teacher_id"], unique=True
    )
    op.create_table(
        "diag_reminders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_reminders"),
        muni("diag_reminders"),
        sa.Column(
            "assignment_id",
            sa.Uuid(),
            sa.ForeignKey("diag_assignments.id", name="fk_diag_reminders_assignment_id_diag_assignments"),
            nullable=False,
        ),
        sa.Column("sent_by_id", sa.Uuid(), sa.ForeignKey("users.id", name="fk_diag_reminders_sent_by_id_users")),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_diag_reminders_municipality_id_assignment_id", "diag_reminders", ["municipality_id", "assignment_id"]
    )
    op.create_table(
        "diag_profile_areas",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_diag_profile_areas"),
        muni("diag_profile_areas"),
        sa.Column(
            "assignment_id",
            sa.Uuid(),
            sa.ForeignKey("diag_assignments.id", name="fk_diag_profile_areas_assignment_id_diag_assignments"),
            nullable=False,
        ),
        sa.Column(
            "campaign_id",
            sa.Uuid(),
            sa.ForeignKey("diag_campaigns.id", name="fk_diag_profile_areas_campaign_id_diag_campaigns"),
            nullable=False,
        ),
        sa.Column(
            "teacher_id",
            sa.Uuid(),
            sa.ForeignKey("teachers.id", name="fk_diag_profile_areas_teacher_id_teachers"),
            nullable=False,
        ),
        sa.Column(
            "organization_id",
            sa.Uuid(),
            sa.ForeignKey("organizations.id", name="fk_diag_profile_areas_organization_id_organizations"),
        ),
        sa.Column(
            "area_code",
            sa.String(64),
            sa.ForeignKey("ref_competence_areas.code", name="fk_diag_profile_areas_area_code_ref_competence_areas"),
            nullable=False,
        ),
        sa.Column("score", sa.Numeric(10, 4), nullable=False),
        sa.Column("max_score", sa.Numeric(10, 4), nullable=False),
        sa.Column("percent", sa.Numeric(6, 2), nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("band IN ('deficit', 'partial', 'none')", name="ck_diag_profile_areas_band"),
        sa.CheckConstraint("max_score > 0 AND score >= 0 AND score <= max_score", name="ck_diag_profile_areas_score"),
    )
    op.create_index(
        "ix_diag_profile_areas_municipality_id_campaign_id",
        "diag_profile_areas",
        ["municipality_id", "campaign_id", "organization_id"],
    )
    op.create_index(
        "ix_diag_profile_areas_municipality_id_teacher_id",
        "diag_profile_areas",
        ["municipality_id", "teacher_id", "submitted_at"],
    )
    op.create_index(
        "uq_diag_profile_areas_assignment_id_area_code",
        "diag_profile_areas",
        ["assignment_id", "area_code"],
        unique=True,
    )

    # --- shipped content ---
    op.bulk_insert(
        frameworks,
        [
            {
                "id": FRAMEWORK_ID,
                "municipality_id": None,
                "code": "pedagog-ps",
                "framework_version": 1,
                "name": "Рамка профессиональных компетенций педагога (профстандарт «Педагог»)",
                "description": "Пять областей компетенций, сопоставленных с трудовыми функциями профессионального "
                "стандарта «Педагог» (приказ Минтруда № 544н): A/01.6 — общепедагогическая функция, обучение; "
                "A/02.6 — воспитательная деятельность; A/03.6 — развивающая деятельность; B/01.5–B/03.6 — "
                "педагогическая деятельность по реализации программ начального, основного и среднего общего "
                "образования.",
                "version": 1,
            }
        ],
    )
    op.bulk_insert(
        areas,
        [
            {
                "id": uuid.UUID(int=FRAMEWORK_ID.int + 1000 + i),
                "municipality_id": None,
                "framework_id": FRAMEWORK_ID,
                "area_code": code,
                "labour_functions": functions,
                "description": description,
                "sort_order": i * 10,
            }
            for i, (code, functions, description) in enumerate(AREAS, 1)
        ],
    )
    sections = [{"area_code": code, "title": SECTION_TITLES[code], "items": ITEMS[code]} for code, _, _ in AREAS]
    topic_sections = [
        {
            "area_code": None,
            "title": "Темы постоянно действующего семинара на следующий учебный год",
            "items": [
                {
                    "code": "topics.1",
                    "type": "multiple",
                    "text": "Какие темы вы хотели бы обсудить на семинаре в следующем учебном году? "
                    "Выберите не больше трёх.",
                    "options": _opts(*SEMINAR_TOPICS),
                    "correct": None,
                    "points": 0,
                    "max_choices": 3,
                },
                {"code": "topics.2", "type": "text", "text": "Другие темы, которые вам нужны"},
            ],
        }
    ]
    connection = op.get_bind()
    for row in (
        {
            "id": INSTRUMENT_ID,
            "kind": "deficit",
            "framework_id": FRAMEWORK_ID,
            "title": "Самодиагностика профессиональных дефицитов педагога",
            "description": "Пять областей компетенций: задания с выбором ответа и самооценка по шкале 0–3. "
            "Заполнение — 15–20 минут, ответы сохраняются по ходу.",
            "sections": sections,
        },
        {
            "id": TOPIC_SURVEY_ID,
            "kind": "topic_survey",
            "framework_id": None,
            "title": "Опрос педагогов о темах постоянно действующего семинара",
            "description": "Ежегодный опрос в августе: какие темы семинар возьмёт в следующем учебном году.",
            "sections": topic_sections,
        },
    ):
        connection.execute(
            sa.text(
                "INSERT INTO diag_instruments (id, municipality_id, family_id, instrument_version, framework_id, kind,"
                " title, description, status, published_at, sections, scale, version) VALUES (:id, NULL, :id, 1,"
                " :framework_id, :kind, :title, :description, 'published', now(), CAST(:sections AS jsonb),"
                " CAST(:scale AS jsonb), 1)"
            ),
            {**row, "sections": json.dumps(row["sections"], ensure_ascii=False), "scale": json.dumps(DEFAULT_SCALE)},
        )


def downgrade() -> None:
    for table in (
        "diag_profile_areas",
        "diag_reminders",
        "diag_assignments",
        "diag_campaigns",
        "diag_instruments",
        "diag_framework_areas",
        "diag_frameworks",
    ):
        op.drop_table(table)
