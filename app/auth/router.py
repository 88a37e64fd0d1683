"""OAuth2 token endpoint (password, refresh_token, client_credentials), logout, and the current principal."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, status

from app.auth import service
from app.auth.models import User
from app.auth.oauth import InvalidClient, InvalidRequest, OAuthTokenRoute, token_error_responses
from app.auth.principal import PrincipalDep
from app.auth.roles import role_reads
from app.auth.schemas import LogoutRequest, MeRead, RoleAssignmentRead, TokenResponse
from app.core.db import SessionDep
from app.core.errors import problem_responses

router = APIRouter(prefix="/auth", tags=["auth"])
# The token endpoint answers errors the OAuth 2.0 way (RFC 6749 §5.2), see app/auth/oauth.py.
token_router = APIRouter(route_class=OAuthTokenRoute)


@token_router.post(
    "/token",
    operation_id="issue_token",
    response_model=TokenResponse,
    responses=token_error_responses(),
)
async def token(
    request: Request,
    session: SessionDep,
    grant_type: Annotated[Literal["password", "refresh_token", "client_credentials"], Form(examples=["password"])],
    username: Annotated[str | None, Form(max_length=254, examples=["methodist@kostroma.example.ru"])] = None,
    password: Annotated[str | None, Form(max_length=200, examples=["надёжный-пароль-2026"])] = None,
    refresh_token: Annotated[str | None, Form(max_length=200, examples=["Zb1x9V0cQ2kz8rN4pH7sT3wLmA6yE5uD"])] = None,
    client_id: Annotated[str | None, Form(max_length=64, examples=["mms_demo_kostroma"])] = None,
    client_secret: Annotated[str | None, Form(max_length=200, examples=["секрет-из-карточки-интеграции"])] = None,
    scope: Annotated[str | None, Form(max_length=500, examples=["kpi:read teachers:read"])] = None,
) -> TokenResponse:
    """Password grant for people, client-credentials for integrations, refresh_token to rotate a session."""
    address = request.client.host if request.client else None
    if grant_type == "password":
        if not username or not password:
            raise InvalidRequest("Укажите логин и пароль")
        return await service.password_grant(session, username, password, address)
    if grant_type == "refresh_token":
        if not refresh_token:
            raise InvalidRequest("Укажите refresh_token")
        return await service.refresh_grant(session, refresh_token)
    if not client_id or not client_secret:
        basic = request.headers.get("authorization", "")
        if basic.lower().startswith("basic "):
            import base64

            try:
                client_id, _, client_secret = base64.b64decode(basic[6:]).decode().partition(":")
            except ValueError as e:
                raise InvalidClient("Неверный заголовок Authorization") from e
    if not client_id or not client_secret:
        raise InvalidClient("Укажите client_id и client_secret")
    return await service.client_credentials_grant(session, client_id, client_secret, scope, address)


router.include_router(token_router)


@router.post(
    "/logout",
    operation_id="logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 422),
)
async def logout(body: LogoutRequest, session: SessionDep, principal: PrincipalDep) -> None:
    """Revokes the session's refresh-token chain."""
    await service.logout(session, body.refresh_token, principal)


@router.get("/me", operation_id="get_me", response_model=MeRead, responses=problem_responses(401))
async def me(session: SessionDep, principal: PrincipalDep) -> MeRead:
    if principal.kind == "client":
        return MeRead(
            kind="client",
            id=principal.id,
            name=principal.name,
            roles=[],
            permissions=sorted(principal.permissions),
            reach=service.reach_of(principal)[0],
            municipality_ids=sorted(principal.tenant_ids),
        )
    user = await session.get(User, principal.id)  # loaded with its roles by get_principal: no query
    assert user is not None
    roles: list[RoleAssignmentRead] = await role_reads(session, user.roles)
    reach, organization_ids = service.reach_of(principal)
    return MeRead(
        kind="user",
        id=user.id,
        name=user.full_name,
        email=user.email,
        roles=roles,
        permissions=sorted(principal.permissions),
        reach=reach,
        municipality_ids=sorted(principal.tenant_ids),
        organization_ids=organization_ids,
        teacher_id=principal.teacher_id,
    )
