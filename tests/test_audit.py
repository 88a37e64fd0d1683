"""The audit log reads in Russian: who, what, which record, field labels and readable values, no ids or codes.

A teacher's name (and the recorded values) is shown only to those who may read that teacher; the texts of a page
come from a fixed number of queries however many records the page names.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from sqlalchemy import event, false, literal, select

from app.audit.models import AuditEvent
from app.auth.permissions import ROLE_TITLES_RU
from app.core.audit_trail import SUBJECTS, AuditReader, AuditSubject, describe
from app.core.settings import get_settings
from app.files import storage
from app.jobs.models import Job
from tests.factories import make_teacher, make_tenant

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Latin words a person should not meet on the audit screen (format names and a file's extension are fine).
LATIN_RE = re.compile(r"[A-Za-z_]{3,}")
EMAIL_RE = re.compile(r"\S+@\S+")  # a login is data, not interface text
ALLOWED_LATIN = {"XLSX", "CSV", "API", "Excel", "PDF", "pdf"}


def screen_texts(item: dict[str, Any]) -> list[str]:
    """What the audit screen shows for one entry (the SPA renders exactly these fields)."""
    texts = [item["actor_label"], item["action_label"], item["entity_type_label"], item["entity_label"]]
    for c in item["change_list"]:
        texts += [c["field_label"], c["before_text"] or "", c["after_text"] or ""]
    return texts


def assert_readable(item: dict[str, Any]) -> None:
    for text in screen_texts(item):
        assert not UUID_RE.search(text), f"id on the screen: {text!r}"
        latin = [w for w in LATIN_RE.findall(EMAIL_RE.sub("", text)) if w not in ALLOWED_LATIN]
        assert not latin, f"English/code on the screen: {text!r}"
        assert "{" not in text and "[" not in text, f"raw JSON on the screen: {text!r}"
        assert text != "Другое поле", f"unlabelled field in {item['change_list']}"


async def russian_tenant(session):  # type: ignore[no-untyped-def]
    """A tenant whose users and integrations have Russian names (the factory's are Latin role codes)."""
    t = await make_tenant(session)
    for role, user in t.users.items():
        user.full_name = f"Сотрудник {ROLE_TITLES_RU[role]}"
    for i, c in enumerate(t.clients.values()):
        c.name = f"Интеграция номер {i + 1}"
    n = uuid.uuid4().int % 10**9  # names stay unique, without Latin letters
    t.region.name, t.municipality.name = f"Область {n}", f"Город {n}"
    t.org.short_name, t.org2.short_name = f"Школа {n}", f"Гимназия {n}"
    await session.flush()
    return t


async def audit(client, headers, **params) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    resp = await client.get("/api/v1/audit-events", params={"limit": 200, **params}, headers=headers)
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


async def test_teacher_update_reads_in_russian(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await russian_tenant(session)
    h = t.headers("department")
    resp = await client.patch(
        f"/api/v1/teachers/{t.teacher.id}",
        headers=h,
        json={
            "phone": "+7 900 000-00-00",
            "birth_date": "1981-06-18",
            "subjects": ["mathematics", "physics"],
            "categories": [{"category_code": "highest", "granted_on": "2024-02-01", "legal_basis": "приказ № 5"}],
            "employments": [
                {
                    "organization_id": str(t.org2.id),
                    "position_code": "teacher",
                    "kind": "internal_part_time",
                    "rate": "0.5",
                    "start_date": "2022-09-01",
                }
            ],
        },
    )
    assert resp.status_code == 200, resp.text
    [item] = await audit(client, h, entity_id=str(t.teacher.id), action="update")
    assert item["actor_label"] == t.users["department"].full_name
    assert item["action_label"] == "Изменение"
    assert item["entity_type_label"] == "Педагог"
    assert item["entity_label"] == "Иванова Мария Петровна"
    changes = {c["field_label"]: (c["before_text"], c["after_text"]) for c in item["change_list"]}
    assert changes["Телефон"] == ("—", "+7 900 000-00-00")
    assert changes["Дата рождения"] == ("17.05.1980", "18.06.1981")
    assert changes["Предметы"] == ("Математика", "Математика, Физика")
    assert changes["Квалификационные категории"][1] == "высшая с 01.02.2024 (приказ № 5)"
    before_job, after_job = changes["Места работы"]
    assert before_job.startswith(f"{t.org.short_name}, учитель (основное), ставка 1, с 01.09.2010")
    assert after_job == f"{t.org2.short_name}, учитель (внутреннее совместительство), ставка 0,5, с 01.09.2022"
    assert [c["field_label"] for c in item["change_list"]][:2] == ["Дата рождения", "Телефон"]
    assert_readable(item)


async def test_every_kind_of_entry_is_readable(client, session) -> None:  # type: ignore[no-untyped-def]
    """Creates, updates, archives, reads, exports of every record type the app audits: no ids, codes or English."""
    t = await russian_tenant(session)
    t.clients["client_kpi"].name = "Отчёты для министерства"
    await session.flush()
    admin, dept = t.headers("sysadmin"), t.headers("department")
    org = await client.post(
        "/api/v1/organizations",
        headers=dept,
        json={
            "municipality_id": str(t.municipality.id),
            "type_code": "sosh",
            "name": "Средняя школа № 7",
            "short_name": "СОШ № 7",
            "parent_id": str(t.org.id),
            "innovation_level": "regional",
        },
    )
    assert org.status_code == 201, org.text
    org_id = org.json()["id"]
    any_version = {**dept, "If-Match": "*"}  # archive and account/integration changes require If-Match
    steps = [
        client.patch(
            f"/api/v1/organizations/{org_id}", headers=dept, json={"type_code": "gymnasium", "inn": "4401000000"}
        ),
        client.post(f"/api/v1/organizations/{org_id}/archive", headers=any_version, json={"reason": "закрыта"}),
        client.post(
            "/api/v1/teachers",
            headers=dept,
            json={
                "last_name": "Новикова",
                "first_name": "Анна",
                "birth_date": "1999-02-03",
                "subjects": ["english"],
                "categories": [{"category_code": "first", "granted_on": "2024-02-01"}],
                "employments": [
                    {"organization_id": str(t.org.id), "position_code": "teacher", "start_date": "2021-09-01"}
                ],
                "external_ids": [{"system": f"hr:{t.org.id}", "external_id": "00042"}],
            },
        ),
        client.get(f"/api/v1/teachers/{t.teacher2.id}", headers=dept),
        client.get(
            "/api/v1/teachers/export", headers=dept, params={"format": "csv", "q": "Иванова", "subject": "mathematics"}
        ),
        client.post(f"/api/v1/teachers/{t.teacher2.id}/archive", headers=any_version, json={"reason": "уволилась"}),
        client.post(
            "/api/v1/users",
            headers=dept,
            json={
                "email": f"new.{uuid.uuid4().hex[:6]}@test.mms",
                "full_name": "Сидорова Ольга",
                "password": "very-long-password-1",
                "roles": [{"role": "methodologist", "municipality_id": str(t.municipality.id)}],
            },
        ),
        client.patch(
            f"/api/v1/users/{t.users['methodologist'].id}",
            headers=any_version,
            json={"password": "another-long-password", "is_active": False},
        ),
        client.patch(
            f"/api/v1/clients/{t.clients['client_kpi'].id}",
            headers=any_version,
            json={"scopes": ["kpi:read", "teachers:read"]},
        ),
        client.post(f"/api/v1/clients/{t.clients['client_kpi'].id}/rotate-secret", headers=any_version),
        client.patch(
            f"/api/v1/municipalities/{t.municipality.id}",
            headers=dept,
            json={"young_rule": "and", "young_age_limit": 30, "okato": "34401000000"},
        ),
    ]
    for step in steps:
        resp = await step
        assert resp.status_code < 300, resp.text
    items = await audit(client, admin, municipality_id=str(t.municipality.id))
    assert {i["action"] for i in items} >= {"create", "update", "archive", "read", "export"}
    assert {i["entity_type"] for i in items} >= {"organization", "teacher", "user", "api_client", "municipality"}
    for item in items:
        assert_readable(item)
    by_label = {(i["entity_label"], i["action_label"]): i for i in items}
    created_org = {c["field_label"]: c["after_text"] for c in by_label[("СОШ № 7", "Создание")]["change_list"]}
    assert created_org["Вышестоящая организация"] == t.org.short_name
    assert created_org["Муниципалитет"] == t.municipality.name
    assert created_org["Инновационная площадка"] == "региональная"
    assert created_org["ШНОР"] == "нет"
    org_update = {c["field_label"]: c for c in by_label[("СОШ № 7", "Изменение")]["change_list"]}
    assert org_update["Тип организации"]["after_text"] == "Гимназия"
    archived = by_label[("СОШ № 7", "Архивация")]["change_list"]
    assert archived == [{"field": "reason", "field_label": "Причина", "before_text": None, "after_text": "закрыта"}]
    new_teacher = {c["field_label"]: c["after_text"] for c in by_label[("Новикова Анна", "Создание")]["change_list"]}
    assert new_teacher["Табельные номера"] == f"00042 (кадровый учёт «{t.org.short_name}»)"
    assert "Отчество" not in new_teacher  # empty fields of a new record are left out
    export = by_label[("Список педагогов", "Выгрузка")]["change_list"]
    filters = next(c["after_text"] for c in export if c["field"] == "filters")
    assert "Поиск по ФИО: задан" in filters and "Предмет: Математика" in filters
    user_update = {c["field_label"]: c for c in by_label[("Сотрудник Методист", "Изменение")]["change_list"]}
    assert user_update["Пароль"]["after_text"] == "изменён" and user_update["Пароль"]["before_text"] is None
    assert user_update["Учётная запись активна"]["before_text"] == "да"
    scopes = {c["field_label"]: c for c in by_label[("Отчёты для министерства", "Изменение")]["change_list"]}
    assert scopes["Права доступа"]["after_text"] == "чтение показателей, чтение педагогов"
    muni = {c["field_label"]: c["after_text"] for c in by_label[(t.municipality.name, "Изменение")]["change_list"]}
    assert muni["Молодой педагог: условие"] == "возраст и стаж"


async def test_teacher_name_only_for_those_who_may_read_the_teacher(client, session) -> None:  # type: ignore[no-untyped-def]
    """An entry about a teacher outside the reader's scope says «Педагог» and shows neither name nor values."""
    t, other = await make_tenant(session), await make_tenant(session)
    stranger = await make_teacher(session, other.municipality, other.org, last_name="Чужая", first_name="Светлана")
    session.add(
        AuditEvent(
            municipality_id=t.municipality.id,  # e.g. written by an earlier bug, or before a transfer
            actor_type="user",
            actor_id=t.users["department"].id,
            actor_name=t.users["department"].full_name,
            action="update",
            entity_type="teacher",
            entity_id=stranger.id,
            changes={"last_name": {"before": "Чужая", "after": "Чужова"}, "phone": {"before": None, "after": "+7 1"}},
        )
    )
    await session.flush()
    items = await audit(client, t.headers("department"), entity_id=str(stranger.id))
    [item] = items
    assert item["entity_label"] == "Педагог"
    assert item["changes"] is None
    assert "Чуж" not in str(item) and "+7 1" not in str(item)
    assert {c["field_label"] for c in item["change_list"]} == {"Фамилия", "Телефон"}
    assert {c["after_text"] for c in item["change_list"]} == {"скрыто"}
    # The system administrator may read every teacher: the name is there.
    [seen] = await audit(client, t.headers("sysadmin"), entity_id=str(stranger.id))
    assert seen["entity_label"] == "Чужая Светлана Петровна"
    assert seen["changes"]["last_name"]["after"] == "Чужова"


@pytest.fixture
def count_queries(engine):  # type: ignore[no-untyped-def]
    counter = {"n": 0}

    def on_execute(*_args: Any) -> None:
        counter["n"] += 1

    event.listen(engine.sync_engine, "before_cursor_execute", on_execute)
    yield counter
    event.remove(engine.sync_engine, "before_cursor_execute", on_execute)


async def test_labels_take_a_fixed_number_of_queries(client, session, count_queries) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    h = t.headers("department")

    async def page_queries() -> tuple[int, int]:
        count_queries["n"] = 0
        items = await audit(client, h, municipality_id=str(t.municipality.id), action="read")
        return len(items), count_queries["n"]

    await client.get(f"/api/v1/teachers/{t.teacher.id}", headers=h)
    few, few_queries = await page_queries()
    for i in range(12):
        teacher = await make_teacher(session, t.municipality, t.org, last_name=f"Учителева{'а' * i}")
        await client.get(f"/api/v1/teachers/{teacher.id}", headers=h)
    many, many_queries = await page_queries()
    assert (few, many) == (1, 13)
    assert many_queries == few_queries, "the audit page must not query once per entry"
    labels = {i["entity_label"] for i in await audit(client, h, action="read", municipality_id=str(t.municipality.id))}
    assert "Учителеваааа Мария Петровна" in labels


@pytest.fixture
def gadget():  # type: ignore[no-untyped-def]
    """A kind of record a module (here: the test) describes for the audit log, as the coming modules will."""
    gadget_id = uuid.uuid4()

    def names(principal: Any, ids: Any) -> Any:
        row = select(literal("gadget"), literal(str(gadget_id)), literal("Гаджет № 1"))
        return row if gadget_id in ids else row.where(false())

    def parts(value: Any, reader: AuditReader) -> str:
        return "; ".join(f"{name} × {reader.text('count', count)}" for name, count in value)

    describe(
        AuditSubject(
            entity_type="gadget",
            label="Гаджет",
            list_label="Список гаджетов",
            field_labels={"colour": "Цвет", "parts": "Детали", "main_subject": "Предмет", "owner_id": "Владелец"},
            value_labels={"colour": {"red": "красный", "green": "зелёный"}},
            names=names,
            code_fields={"main_subject": "subject"},
            formatters={"parts": parts},
            action_labels={"inspect": "Осмотр"},
        )
    )
    yield gadget_id
    SUBJECTS.pop("gadget")


async def test_a_described_record_reads_with_its_labels_and_an_undescribed_one_as_a_record(  # type: ignore[no-untyped-def]
    client, session, gadget
) -> None:
    t = await russian_tenant(session)
    entries = [
        (
            "gadget",
            gadget,
            "inspect",
            {
                "reason": "плановый",
                "colour": {"before": "red", "after": "green"},
                "owner_id": str(t.org.id),
                "parts": [["винт", 3], ["гайка", 2]],
                "main_subject": "mathematics",
            },
        ),
        ("gadget", None, "export", {"format": "csv", "rows": 2}),
        ("gizmo", uuid.uuid4(), "create", {"colour": "red", "reason": "новая"}),
    ]
    for entity_type, entity_id, action, changes in entries:
        session.add(
            AuditEvent(
                municipality_id=t.municipality.id,
                actor_type="system",
                action=action,
                entity_type=entity_type,
                entity_id=entity_id,
                changes=changes,
            )
        )
    await session.flush()
    items = await audit(client, t.headers("department"), municipality_id=str(t.municipality.id))
    by_action = {(i["entity_type"], i["action"]): i for i in items}

    inspected = by_action[("gadget", "inspect")]
    assert (inspected["entity_type_label"], inspected["entity_label"]) == ("Гаджет", "Гаджет № 1")
    assert inspected["action_label"] == "Осмотр"
    assert [(c["field_label"], c["before_text"], c["after_text"]) for c in inspected["change_list"]] == [
        ("Цвет", "красный", "зелёный"),  # the record's own fields first, in its order
        ("Детали", None, "винт × 3; гайка × 2"),
        ("Предмет", None, "Математика"),
        ("Владелец", None, t.org.short_name),  # another module's record, named through its own gate
        ("Причина", None, "плановый"),  # then the shared fields
    ]
    assert_readable(inspected)
    exported = by_action[("gadget", "export")]
    assert (exported["entity_label"], exported["action_label"]) == ("Список гаджетов", "Выгрузка")
    assert [c["after_text"] for c in exported["change_list"]] == ["CSV", "2"]

    unknown = by_action[("gizmo", "create")]
    assert (unknown["entity_type_label"], unknown["entity_label"]) == ("Запись", "Запись")
    assert [(c["field_label"], c["after_text"]) for c in unknown["change_list"]] == [
        ("Причина", "новая"),
        ("Другое поле", "red"),
    ]


@pytest.fixture
def file_storage(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "data_dir", tmp_path)
    storage.get_storage.cache_clear()
    yield
    storage.get_storage.cache_clear()


async def test_files_and_background_jobs_read_in_russian(client, session, file_storage) -> None:  # type: ignore[no-untyped-def]
    t = await russian_tenant(session)
    h = t.headers("department")
    up = await client.post(
        "/api/v1/files", headers=h, files={"file": ("Приказ № 5.pdf", b"%PDF-1.7\n" + b"0" * 2000, "application/pdf")}
    )
    assert up.status_code == 201, up.text
    meta = up.json()
    assert (await client.get(meta["content_url"], headers=h)).status_code == 200
    archived = await client.post(f"/api/v1/files/{meta['id']}/archive", headers=h, json={"reason": "устарел"})
    assert archived.status_code < 300, archived.text
    job = Job(
        kind="teachers_export",
        municipality_id=t.municipality.id,
        params={},
        created_by_type="user",
        created_by_id=t.users["department"].id,
    )
    session.add(job)
    await session.flush()
    for action, changes in [
        ("job_started", {"kind": "teachers_export", "total": 120}),
        ("job_failed", {"kind": "teachers_export", "error": "Файл не прочитан"}),
    ]:
        session.add(
            AuditEvent(
                municipality_id=t.municipality.id,
                actor_type="system",
                action=action,
                entity_type="job",
                entity_id=job.id,
                changes=changes,
            )
        )
    await session.flush()

    items = await audit(client, h, municipality_id=str(t.municipality.id))
    for item in items:
        assert_readable(item)
    files = {i["action_label"]: i for i in items if i["entity_type"] == "file"}
    assert set(files) == {"Создание", "Скачивание", "Архивация"}
    assert {(i["entity_type_label"], i["entity_label"]) for i in files.values()} == {("Файл", "Приказ № 5.pdf")}
    created = {c["field_label"]: c["after_text"] for c in files["Создание"]["change_list"]}
    assert created["Тип файла"] == "PDF" and created["Размер"] == "2,0 КБ"
    jobs = {i["action_label"]: i for i in items if i["entity_type"] == "job"}
    assert set(jobs) == {"Запуск задачи", "Сбой задачи"}
    started = jobs["Запуск задачи"]
    assert (started["entity_type_label"], started["entity_label"]) == ("Фоновая задача", "Выгрузка списка педагогов")
    assert {c["field_label"]: c["after_text"] for c in started["change_list"]} == {
        "Вид задачи": "Выгрузка списка педагогов",
        "Записей к обработке": "120",
    }
