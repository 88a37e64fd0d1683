"""The OpenAPI document as integrators need it: every error as `application/problem+json` with the Problem schema,
the standard errors of each operation listed from what it declares (auth, path ids, If-Match, input), the required
permission as the OAuth2 scope of its security requirement, and a description for every field.

Modules only declare: `require(Perm.X)` on a route (→ security scope and 401/403), their own `responses=` for
domain errors (409, 413, …), `Field(description=…)` where a field means something special, and `examples` on their
request schemas. Field names that mean the same everywhere (`id`, `version`, `municipality_id`, …) are described
once in FIELD_GLOSSARY; a test fails if a field ends up without a description.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from app.core.concurrency import REQUIRED_MARK
from app.core.errors import Problem

PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = "#/components/schemas/Problem"

STANDARD_ERRORS = {
    400: "Некорректный запрос (тело не разобрано)",
    401: "Нет или просрочен токен",
    403: "Недостаточно прав",
    404: "Не найдено (или вне вашей области доступа)",
    409: "Конфликт с существующими данными",
    412: "Версия записи устарела (If-Match)",
    428: "Не передана версия записи (If-Match)",
    413: "Слишком большой файл",
    422: "Ошибка в данных",
    429: "Слишком много попыток",
}

# One meaning per field name across the API. A schema's own Field(description=…) wins.
FIELD_GLOSSARY: dict[str, str] = {
    "id": "Идентификатор записи (UUID)",
    "version": "Версия записи для оптимистической блокировки; совпадает с ETag",
    "created_at": "Когда запись создана (UTC)",
    "updated_at": "Когда запись изменена в последний раз (UTC)",
    "archived_at": "Когда запись архивирована (UTC); пусто — действующая",
    "archive_reason": "Причина архивации",
    "reason": "Причина (для журнала аудита)",
    "region_id": "Регион (UUID)",
    "municipality_id": "Муниципалитет — арендатор, которому принадлежит запись (UUID)",
    "municipality_ids": "Муниципалитеты (UUID)",
    "municipality_name": "Название муниципалитета",
    "organization_id": "Организация (UUID)",
    "organization_name": "Краткое название организации",
    "teacher_id": "Педагог (UUID)",
    "user_id": "Пользователь (UUID)",
    "code": "Код (латиница, стабилен для интеграций)",
    "name": "Название",
    "short_name": "Краткое название",
    "full_name": "Полное имя (ФИО)",
    "title": "Заголовок",
    "type": "Тип",
    "status": "Статус",
    "detail": "Пояснение",
    "message": "Сообщение для человека (на русском)",
    "field": "Путь к полю, например `body.last_name` или `query.limit`",
    "errors": "Ошибки по полям",
    "items": "Записи текущей страницы",
    "total": "Всего записей по фильтру (без учёта страницы)",
    "limit": "Сколько записей на странице",
    "offset": "Сколько записей пропущено",
    "email": "Электронная почта (логин)",
    "phone": "Телефон",
    "address": "Адрес",
    "inn": "ИНН организации",
    "type_code": "Тип организации (код из справочника)",
    "type_name": "Тип организации (название)",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "birth_date": "Дата рождения",
    "teaching_since": "Дата начала педагогического стажа",
    "position_code": "Должность (код из справочника)",
    "position_name": "Должность (название)",
    "subject_code": "Предмет (код из справочника)",
    "subject_codes": "Преподаваемые предметы (коды из справочника)",
    "category_code": "Квалификационная категория (код из справочника)",
    "category_name": "Квалификационная категория (название)",
    "kind": "Вид (например, вид занятости: основное место или совместительство)",
    "rate": "Ставка",
    "start_date": "Дата начала",
    "end_date": "Дата окончания; пусто — по настоящее время",
    "granted_on": "Дата присвоения",
    "expires_on": "Дата окончания действия; пусто — бессрочно",
    "order_number": "Номер приказа",
    "order_date": "Дата приказа",
    "system": "Система-источник идентификатора (например, `hr:<школа>`)",
    "external_id": "Идентификатор во внешней системе (табельный номер), ведущие нули сохраняются",
    "external_ids": "Идентификаторы во внешних системах",
    "employments": "Места работы (история)",
    "categories": "Квалификационные категории (история)",
    "subjects": "Преподаваемые предметы",
    "is_active": "Включена ли учётная запись",
    "is_young": "Молодой педагог по правилу муниципалитета",
    "roles": "Роли с областью действия",
    "role": "Роль",
    "role_title": "Название роли",
    "scope_name": "Название области действия роли (школа, муниципалитет, регион)",
    "scopes": "Права (scopes) интеграции",
    "scope": "Права (scopes) через пробел",
    "permissions": "Права `ресурс:действие`, которые даёт роль",
    "password": "Пароль (не короче 10 символов)",
    "client_id": "Публичный идентификатор интеграции",
    "client_secret": "Секрет интеграции (показывается один раз)",
    "last_login_at": "Последний вход (UTC)",
    "last_used_at": "Последнее получение токена (UTC)",
    "access_token": "Токен доступа (JWT), передаётся в `Authorization: Bearer …`",
    "refresh_token": "Токен обновления сессии (одноразовый, меняется при каждом обновлении)",
    "token_type": "Тип токена (`bearer`)",
    "expires_in": "Через сколько секунд истекает токен доступа",
    "count": "Количество",
    "sort_order": "Порядок в списках",
    "level": "Уровень",
    "description": "Описание",
    "occurred_at": "Когда это произошло (UTC)",
    "actor_type": "Кто действовал: `user` — человек, `client` — интеграция, `system` — система",
    "actor_id": "Кто действовал (UUID пользователя или интеграции)",
    "actor_name": "Имя того, кто действовал",
    "action": "Действие (`create`, `update`, `archive`, `read`, `export`, `login`, …)",
    "entity_type": "Тип записи (`teacher`, `organization`, `user`, …)",
    "entity_id": "Запись, к которой относится событие (UUID)",
    "request_id": "Идентификатор запроса (заголовок X-Request-ID)",
    "ip": "IP-адрес клиента",
    "changes": "Изменения: поле → {before, after}",
    "grant_type": "Способ входа: `password`, `refresh_token` или `client_credentials` (RFC 6749)",
    "username": "Логин (электронная почта)",
    "legal_basis": "Основание (нормативный документ)",
    "is_current": "Действует ли на сегодня",
    "rank": "Порядок уровня: чем больше, тем выше уровень",
    "column": "Колонка файла",
    "row": "Номер строки файла",
    "value": "Значение из файла",
    "dry_run": "Только проверка: ничего не записано",
    "applied": "Изменения записаны в базу",
    "total_rows": "Строк с данными в файле",
    "valid_rows": "Строк без ошибок",
    "to_create": "Сколько педагогов будет (или было) создано",
    "to_update": "Сколько педагогов будет (или было) обновлено",
    "external_system": "Система-источник табельных номеров",
    "okato": "Код ОКАТО",
    "young_age_limit": "«Молодой педагог»: возраст меньше стольких полных лет",
    "young_experience_limit": "«Молодой педагог»: стаж меньше стольких полных лет",
    "young_rule": "Как сочетать возраст и стаж: `or` — любое из условий, `and` — оба",
    "mentoring_max_mentees": "Наставничество: сколько наставляемых одновременно может быть у одного наставника",
    "mentoring_young_mentors_allowed": "Наставничество: может ли молодой педагог быть наставником",
    "parent_id": "Головная организация (для филиалов и структурных подразделений)",
    "is_low_results": "Школа с низкими образовательными результатами (ШНОР)",
    "is_unfavourable": "Школа, функционирующая в неблагоприятных социальных условиях",
    "innovation_level": "Уровень инновационной площадки (если есть)",
    "is_resource_center": "Ресурсный центр",
    "is_state_owned": "Государственная (не муниципальная) организация",
    "teachers": "Педагогов",
    "young_teachers": "Молодых педагогов",
    "categories_expired": "Педагогов с истёкшей категорией",
    "categories_expiring": "Педагогов, у которых категория истекает в ближайшие 6 месяцев",
    "organizations": "Организаций",
    "current_organization_id": "Основное место работы на сегодня (UUID организации)",
    "current_organization_name": "Основное место работы на сегодня",
    "current_position_code": "Должность на основном месте работы (код)",
    "current_position_name": "Должность на основном месте работы",
    "category_expires_on": "Когда истекает действующая категория; пусто — бессрочно или нет категории",
    "category_warning": "Предупреждение о сроке категории: `expiring` (меньше 6 месяцев), `expired`",
    "age": "Полных лет на сегодня",
    "experience_years": "Полных лет педагогического стажа на сегодня",
    "is_pedagogical": "Педагогическая должность",
    "database": "Доступна ли база данных",
    "migrations_at_head": "Применены ли все миграции",
    "revision": "Текущая ревизия схемы базы данных",
}


def _schema_name(ref: str | None) -> str | None:
    return ref.rsplit("/", 1)[-1] if ref else None


def _problem_content() -> dict[str, Any]:
    return {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_REF}}}


def _fix_operation(op: dict[str, Any], method: str) -> None:
    responses: dict[str, Any] = op.setdefault("responses", {})
    # Problems travel as application/problem+json (FastAPI puts a `model=` on application/json).
    for status, resp in responses.items():
        if not (status == "4XX" or (status.isdigit() and int(status) >= 400)):
            continue
        content = resp.get("content") or {}
        refs = {_schema_name(c.get("schema", {}).get("$ref")) for c in content.values()}
        if not content or refs & {"Problem", "HTTPValidationError"} or PROBLEM_JSON in content:
            resp["content"] = _problem_content()
    params = op.get("parameters", [])
    security = op.get("security") or []
    scopes = sorted({s for req in security for values in req.values() for s in values})
    wanted: set[int] = set()
    if security:
        wanted.add(401)
    if scopes:
        wanted.add(403)
    if any(p.get("in") == "path" for p in params):
        wanted.add(404)
    for p in params:
        if p.get("in") == "header" and p.get("name", "").lower() == "if-match":
            wanted.add(412)
            schema = p.get("schema", {})
            if schema.pop(REQUIRED_MARK, False):  # `IfMatchRequired`: the service answers 428 without the header
                p["required"] = True
                schema.pop("anyOf", None)  # `str | None` in Python only so that the 428 (not a 422) answers its absence
                schema["type"] = "string"
                wanted.add(428)
    if params or "requestBody" in op:
        wanted.add(422)
    if "requestBody" in op:
        wanted.add(400)
    if method != "get" and security:
        wanted.add(409)  # any write may meet a conflicting one when it commits
    if "4XX" in responses:  # the operation documents its own errors (the OAuth token endpoint)
        wanted.clear()
    for status in sorted(wanted):
        responses.setdefault(str(status), {"description": STANDARD_ERRORS[status], "content": _problem_content()})
    if scopes:
        note = "Требуется право " + ", ".join(f"`{s}`" for s in scopes) + "."
        op["description"] = f"{op['description']}\n\n{note}" if op.get("description") else note
        op["x-required-permissions"] = scopes
    op["responses"] = dict(sorted(responses.items()))


def _describe_fields(schemas: dict[str, Any]) -> None:
    for schema in schemas.values():
        for name, prop in (schema.get("properties") or {}).items():
            if "description" not in prop and name in FIELD_GLOSSARY:
                prop["description"] = FIELD_GLOSSARY[name]
            if prop.get("type") == "string" and "contentMediaType" in prop:
                # An uploaded file: OpenAPI 3.1 says contentMediaType, client generators look for `format: binary`.
                prop.setdefault("format", "binary")


def build_openapi(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers,
    )
    for path in schema.get("paths", {}).values():
        for method, op in path.items():
            if isinstance(op, dict) and "responses" in op:
                _fix_operation(op, method)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in schemas:
        _, defs = models_json_schema([(Problem, "serialization")], ref_template="#/components/schemas/{model}")
        schemas.update(defs.get("$defs", {}))
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    _describe_fields(schemas)
    return schema


def install_openapi(app: FastAPI, extend: Callable[[dict[str, Any]], None] | None = None) -> None:
    """Replace `app.openapi` with the finished document (built once, then cached like FastAPI's own)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build_openapi(app)
            if extend is not None:
                extend(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
