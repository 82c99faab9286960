"""The identity side of WSO2: token and revoke endpoints, DCR, token checks.

It imitates WSO2 Identity Server 5.3 as bundled with API Manager 2.1 where a
middle tier can notice it:

* ``/token`` answers the password, refresh_token and client_credentials
  grants with the standard body and WSO2's error codes (400 ``invalid_grant``
  for a wrong user password, 401 ``invalid_client`` for wrong client
  credentials, ...).
* Scopes a user's roles do not allow are silently dropped; with none left the
  token carries ``default``.
* Refresh tokens rotate: a refresh returns a new pair and both old tokens stop
  working at once, so a second use of a refresh token is ``invalid_grant``.
* Like WSO2, asking again for a token with the same client, user and scopes
  while one is still active returns that same token (``reuse_active_tokens``).
* Bearer tokens are checked the way the API gateway does for the Store API
  (``{"fault": ...}`` bodies) and the way the REST webapp does for the Admin
  API (the ``Error`` model).

All methods expect the caller to hold the stand-in's state lock.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import math
import secrets
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .settings import ALL_GRANT_TYPES, Settings, User
from .web import ApiError, Request, Response, rest_error

logger = logging.getLogger(__name__)

SUBSCRIBE_SCOPE = "apim:subscribe"
ADMIN_SCOPES = frozenset(
    {
        "apim:tier_view",
        "apim:tier_manage",
        "apim:bl_view",
        "apim:bl_manage",
        "apim:mediation_policy_view",
        "apim:mediation_policy_create",
        "apim:app_owner_change",
    }
)
ROLE_SCOPES = {
    "subscriber": frozenset({SUBSCRIBE_SCOPE}),
    "admin": ADMIN_SCOPES,
}
USER_DEFAULT_SCOPES = ("default",)
APPLICATION_DEFAULT_SCOPES = ("am_application_scope", "default")

_TOKEN_HEADERS = (("Cache-Control", "no-store"), ("Pragma", "no-cache"))
_WWW_AUTHENTICATE = (
    'OAuth2 realm="WSO2 API Manager", error="invalid_token", '
    'error_description="The access token provided is expired, revoked, '
    'malformed, or invalid for other reasons."'
)
_FAULTS = {
    900901: (
        401,
        "Invalid Credentials",
        "Make sure you have given the correct access token",
    ),
    900902: (
        401,
        "Missing Credentials",
        "Required OAuth credentials not provided. Make sure your API "
        "invocation call has a header: 'Authorization: Bearer ACCESS_TOKEN'",
    ),
    900903: (
        401,
        "Access Token Expired",
        "Renew the access token and try again",
    ),
    900910: (
        403,
        "The access token does not allow you to access the requested resource",
        "User is NOT authorized to access the Resource. Scope validation failed.",
    ),
}


def gateway_fault(code: int) -> Response:
    """The API gateway's authentication fault, rendered as JSON."""
    status, message, detail = _FAULTS[code]
    body = {
        "fault": {
            "code": code,
            "message": message,
            "description": f"{message}. {detail}",
        }
    }
    headers = [("WWW-Authenticate", _WWW_AUTHENTICATE)] if status == 401 else []
    return Response.json(status, body, headers)


def unauthenticated() -> Response:
    """What the REST webapp itself answers for a missing or unusable token."""
    return Response.json(
        401,
        {
            "code": 401,
            "message": "",
            "description": "Unauthenticated request",
            "moreInfo": "",
            "error": [],
        },
    )


class OAuthError(ApiError):
    """An OAuth2 error answer, ``{"error", "error_description"}``."""

    def __init__(self, status: int, error: str, description: str) -> None:
        body = {"error": error, "error_description": description}
        super().__init__(Response.json(status, body, _TOKEN_HEADERS))
        self.error = error


def random_key() -> str:
    """A 28-character consumer key or secret in the shape WSO2 generates."""
    return secrets.token_urlsafe(21).replace("-", "a").replace("_", "b")


@dataclass
class OAuthClient:
    client_id: str
    client_secret: str
    owner: str
    grant_types: frozenset[str]
    name: str = ""
    callback_url: str = ""
    saas: bool = False


@dataclass
class Grant:
    """One access token, with its refresh token when the grant gives one."""

    access_token: str
    refresh_token: str | None
    client_id: str
    username: str
    scopes: tuple[str, ...]
    grant_type: str
    expires_at: float
    refresh_expires_at: float

    def remaining(self, now: float) -> int:
        return max(0, math.ceil(self.expires_at - now))

    def body(self, now: float) -> dict[str, object]:
        payload: dict[str, object] = {"access_token": self.access_token}
        if self.refresh_token is not None:
            payload["refresh_token"] = self.refresh_token
        payload["scope"] = " ".join(self.scopes)
        payload["token_type"] = "Bearer"
        payload["expires_in"] = self.remaining(now)
        return payload


@dataclass(frozen=True)
class Principal:
    """Who a valid bearer token speaks for."""

    username: str
    tenant: str
    roles: frozenset[str]
    scopes: frozenset[str]


@dataclass
class _Counters:
    grants: Counter[str] = field(default_factory=Counter)
    grant_errors: Counter[str] = field(default_factory=Counter)
    revocations: int = 0
    registrations: int = 0


class OAuthServer:
    """Users, OAuth clients and live tokens of one stand-in instance."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.users: dict[str, User] = {user.username: user for user in settings.users}
        self._clients: dict[str, OAuthClient] = {
            client.client_id: OAuthClient(
                client.client_id,
                client.client_secret,
                client.owner,
                frozenset(client.grant_types),
                name=client.client_id,
            )
            for client in settings.clients
        }
        self._by_access: dict[str, Grant] = {}
        self._by_refresh: dict[str, Grant] = {}
        self._counters = _Counters()

    # ----------------------------------------------------------------- users

    def _allowed_scopes(self, user: User) -> frozenset[str]:
        scopes: set[str] = set()
        for role in user.roles:
            scopes |= ROLE_SCOPES.get(role, frozenset())
        return frozenset(scopes)

    def _check_password(self, username: str, password: str) -> User | None:
        user = self.users.get(username)
        if user is None or not secrets.compare_digest(
            user.password.encode(), password.encode()
        ):
            return None
        return user

    # --------------------------------------------------------- token endpoint

    def token(self, request: Request) -> Response:
        """``POST /token``: the three grants a middle tier uses."""
        form = request.form()
        grant_type = form.get("grant_type")
        try:
            if not grant_type:
                raise OAuthError(
                    400, "invalid_request", "Missing grant_type parameter value"
                )
            handlers = {
                "password": self._password_grant,
                "refresh_token": self._refresh_grant,
                "client_credentials": self._client_credentials_grant,
            }
            if grant_type not in handlers:
                raise OAuthError(
                    400, "unsupported_grant_type", "Unsupported grant_type value"
                )
            client = self._authenticate_client(request, form)
            if grant_type not in client.grant_types:
                raise OAuthError(
                    400,
                    "unauthorized_client",
                    "The authenticated client is not authorized to use this "
                    "authorization grant type",
                )
            grant = handlers[grant_type](client, form)
        except OAuthError as exc:
            self._counters.grant_errors[exc.error] += 1
            logger.debug("token request refused: %s (%s)", exc.error, grant_type)
            raise
        self._counters.grants[grant_type] += 1
        return Response.json(200, grant.body(time.time()), _TOKEN_HEADERS)

    def _authenticate_client(
        self, request: Request, form: dict[str, str]
    ) -> OAuthClient:
        credentials = _basic_credentials(request)
        if credentials is None and "client_id" in form:
            credentials = (form["client_id"], form.get("client_secret", ""))
        if credentials is None:
            raise OAuthError(401, "invalid_client", "Client Authentication failed.")
        client_id, secret = credentials
        client = self._clients.get(client_id)
        if client is None:
            raise OAuthError(
                401,
                "invalid_client",
                f"A valid OAuth client could not be found for client_id: {client_id}",
            )
        if not secrets.compare_digest(client.client_secret.encode(), secret.encode()):
            raise OAuthError(401, "invalid_client", "Client credentials are invalid.")
        return client

    def _password_grant(self, client: OAuthClient, form: dict[str, str]) -> Grant:
        missing = [name for name in ("username", "password") if not form.get(name)]
        if missing:
            raise OAuthError(
                400, "invalid_request", f"Missing parameters: {', '.join(missing)}"
            )
        user = self._check_password(form["username"], form["password"])
        if user is None:
            raise OAuthError(
                400, "invalid_grant", f"Authentication failed for {form['username']}"
            )
        scopes = self._narrow(form.get("scope", ""), user, USER_DEFAULT_SCOPES)
        return self._issue(client, user.username, scopes, "password")

    def _client_credentials_grant(
        self, client: OAuthClient, form: dict[str, str]
    ) -> Grant:
        owner = self.users[client.owner]
        scopes = self._narrow(form.get("scope", ""), owner, APPLICATION_DEFAULT_SCOPES)
        return self._issue(client, owner.username, scopes, "client_credentials")

    def _refresh_grant(self, client: OAuthClient, form: dict[str, str]) -> Grant:
        token = form.get("refresh_token")
        if not token:
            raise OAuthError(
                400, "invalid_request", "Missing parameters: refresh_token"
            )
        old = self._by_refresh.get(token)
        if old is None or old.client_id != client.client_id:
            raise OAuthError(
                400, "invalid_grant", "Persisted access token data not found"
            )
        if time.time() >= old.refresh_expires_at:
            self._forget(old)
            raise OAuthError(400, "invalid_grant", "Refresh token is expired.")
        # API Cloud's docs send scope=PRODUCTION here: scopes that were not
        # granted are ignored, while a subset of the granted ones narrows.
        requested = form.get("scope", "").split()
        narrowed = tuple(scope for scope in old.scopes if scope in requested)
        self._forget(old)
        return self._new_grant(
            client, old.username, narrowed or old.scopes, old.grant_type
        )

    def _narrow(
        self, requested: str, user: User, default: tuple[str, ...]
    ) -> tuple[str, ...]:
        allowed = self._allowed_scopes(user)
        granted = tuple(dict.fromkeys(s for s in requested.split() if s in allowed))
        return granted or default

    def _issue(
        self, client: OAuthClient, username: str, scopes: tuple[str, ...], kind: str
    ) -> Grant:
        now = time.time()
        if self._settings.reuse_active_tokens:
            for grant in self._by_access.values():
                if (
                    grant.client_id == client.client_id
                    and grant.username == username
                    and grant.grant_type == kind
                    and set(grant.scopes) == set(scopes)
                    and grant.expires_at > now
                ):
                    return grant
        return self._new_grant(client, username, scopes, kind)

    def _new_grant(
        self,
        client: OAuthClient,
        username: str,
        scopes: tuple[str, ...],
        kind: str,
        lifetime: int | None = None,
    ) -> Grant:
        now = time.time()
        refresh = None if kind == "client_credentials" else str(uuid.uuid4())
        grant = Grant(
            access_token=str(uuid.uuid4()),
            refresh_token=refresh,
            client_id=client.client_id,
            username=username,
            scopes=scopes,
            grant_type=kind,
            expires_at=now + (lifetime or self._settings.token_lifetime),
            refresh_expires_at=now + self._settings.refresh_lifetime,
        )
        self._by_access[grant.access_token] = grant
        if refresh is not None:
            self._by_refresh[refresh] = grant
        self._purge(now)
        return grant

    def _forget(self, grant: Grant) -> None:
        self._by_access.pop(grant.access_token, None)
        if grant.refresh_token is not None:
            self._by_refresh.pop(grant.refresh_token, None)

    def _purge(self, now: float) -> None:
        """Drop grants that can no longer be used nor reported as expired.

        An expired access token is kept for one more lifetime (or while its
        refresh token lives) so that a late call still gets "Access Token
        Expired" (900903) rather than "Invalid Credentials" (900901).
        """
        stale = [
            grant
            for grant in self._by_access.values()
            if grant.expires_at <= now
            and (grant.refresh_token is None or grant.refresh_expires_at <= now)
            and now - grant.expires_at > self._settings.token_lifetime
        ]
        for grant in stale:
            self._forget(grant)

    # -------------------------------------------------------- revoke endpoint

    def revoke(self, request: Request) -> Response:
        """``POST /revoke``: revoking either token of a pair kills the pair."""
        form = request.form()
        client = self._authenticate_client(request, form)
        token = form.get("token")
        if not token:
            raise OAuthError(400, "invalid_request", "Invalid revocation request")
        grant = self._by_access.get(token) or self._by_refresh.get(token)
        if grant is not None and grant.client_id == client.client_id:
            self._forget(grant)
            self._counters.revocations += 1
            logger.debug("revoked a token of client %s", client.client_id)
        return Response(200, headers=list(_TOKEN_HEADERS))

    # ------------------------------------------------------------------- DCR

    def register(self, request: Request) -> Response:
        """``POST /client-registration/v0.11/register`` (DCR, admins only)."""
        credentials = _basic_credentials(request)
        user = self._check_password(*credentials) if credentials else None
        if user is None:
            response = _dcr_error(401, "Unauthorized", "Authentication failed")
            response.headers.append(("WWW-Authenticate", 'Basic realm="WSO2"'))
            raise ApiError(response)
        if "admin" not in user.roles:
            raise ApiError(
                _dcr_error(
                    403,
                    "Forbidden",
                    f"User {user.username} is not allowed to register OAuth "
                    "applications",
                )
            )
        profile = _registration_profile(request)
        if profile["owner"].lower() != user.username.lower():
            raise ApiError(
                _dcr_error(
                    403,
                    "Forbidden",
                    f"Owner {profile['owner']} is not the authenticated user",
                )
            )
        name = f"{user.username.replace('@', '-AT-')}_{profile['clientName']}"
        client = next(
            (
                c
                for c in self._clients.values()
                if c.name == name and c.owner == user.username
            ),
            None,
        )
        if client is None:
            client = OAuthClient(
                random_key(),
                random_key(),
                user.username,
                frozenset(profile["grantType"].split()),
                name=name,
                callback_url=profile.get("callbackUrl", ""),
                saas=profile.get("saasApp", False),
            )
            self._clients[client.client_id] = client
            self._counters.registrations += 1
            logger.debug("registered OAuth client %s for %s", name, user.username)
        details = {
            "username": user.username,
            "redirect_uris": client.callback_url,
            "client_name": client.name,
            "grant_types": " ".join(sorted(client.grant_types)),
        }
        return Response.json(
            200,
            {
                "clientId": client.client_id,
                "clientName": client.name,
                "callBackURL": client.callback_url,
                "clientSecret": client.client_secret,
                "isSaasApplication": client.saas,
                "appOwner": client.owner,
                "jsonString": json.dumps(details),
            },
        )

    # ------------------------------------------------- clients of store apps

    def create_client(
        self, owner: str, grant_types: list[str], callback_url: str
    ) -> OAuthClient:
        client = OAuthClient(
            random_key(),
            random_key(),
            owner,
            frozenset(grant_types),
            callback_url=callback_url,
        )
        self._clients[client.client_id] = client
        return client

    def client(self, client_id: str) -> OAuthClient:
        return self._clients[client_id]

    def update_client(
        self, client_id: str, grant_types: list[str] | None, callback_url: str | None
    ) -> OAuthClient:
        client = self._clients[client_id]
        if grant_types is not None:
            client.grant_types = frozenset(grant_types)
        if callback_url is not None:
            client.callback_url = callback_url
        return client

    def regenerate_secret(self, client_id: str) -> OAuthClient:
        client = self._clients[client_id]
        client.client_secret = random_key()
        return client

    def remove_client(self, client_id: str) -> None:
        self._clients.pop(client_id, None)
        for grant in [g for g in self._by_access.values() if g.client_id == client_id]:
            self._forget(grant)

    def application_token(
        self, client_id: str, scopes: list[str], validity: int | None
    ) -> Grant:
        """The token that key generation hands out with new consumer keys."""
        client = self._clients[client_id]
        owner = self.users[client.owner]
        granted = self._narrow(" ".join(scopes), owner, APPLICATION_DEFAULT_SCOPES)
        return self._new_grant(
            client, owner.username, granted, "client_credentials", validity
        )

    def live_grant(self, access_token: str) -> Grant | None:
        grant = self._by_access.get(access_token)
        if grant is None or grant.expires_at <= time.time():
            return None
        return grant

    # ------------------------------------------------------ bearer checks

    def gateway_viewer(self, request: Request) -> Principal | None:
        """An anonymous-capable Store call: no token is fine, a bad one is not."""
        if request.header("Authorization") is None:
            return None
        return self.gateway_principal(request, None)

    def gateway_principal(self, request: Request, scope: str | None) -> Principal:
        """Check a Store API call the way the API gateway does.

        A missing Authorization header gets the REST webapp's 401 (the
        gateway lets it through to the webapp); a malformed, unknown, revoked
        or expired token gets the gateway fault, and a token without ``scope``
        gets fault 900910.
        """
        header = request.header("Authorization")
        if header is None:
            raise ApiError(unauthenticated())
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(gateway_fault(900902))
        grant = self._by_access.get(token.strip())
        if grant is None:
            raise ApiError(gateway_fault(900901))
        if grant.expires_at <= time.time():
            raise ApiError(gateway_fault(900903))
        if scope is not None and scope not in grant.scopes:
            raise ApiError(gateway_fault(900910))
        return self._principal(grant)

    def rest_principal(self, request: Request, scope: str) -> Principal:
        """Check an Admin API call the way the REST webapp's interceptor does."""
        header = request.header("Authorization") or ""
        scheme, _, token = header.partition(" ")
        grant = (
            self._by_access.get(token.strip()) if scheme.lower() == "bearer" else None
        )
        if grant is None or grant.expires_at <= time.time():
            raise ApiError(unauthenticated())
        if scope not in grant.scopes:
            raise ApiError(
                rest_error(
                    403,
                    f"User is NOT authorized to access the Resource: {request.path}. "
                    "Scope validation failed.",
                )
            )
        return self._principal(grant)

    def _principal(self, grant: Grant) -> Principal:
        user = self.users[grant.username]
        return Principal(
            user.username, user.tenant, frozenset(user.roles), frozenset(grant.scopes)
        )

    # ------------------------------------------------------------- reporting

    def snapshot(self) -> dict[str, object]:
        """Counters for ``/_sandbox/state``; never a token or a secret."""
        now = time.time()
        return {
            "grants": dict(self._counters.grants),
            "grantErrors": dict(self._counters.grant_errors),
            "revocations": self._counters.revocations,
            "registrations": self._counters.registrations,
            "clients": len(self._clients),
            "liveAccessTokens": sum(
                1 for g in self._by_access.values() if g.expires_at > now
            ),
            "liveRefreshTokens": sum(
                1 for g in self._by_refresh.values() if g.refresh_expires_at > now
            ),
        }


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.header("Authorization") or ""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon else None


def _dcr_error(status: int, message: str, description: str) -> Response:
    return Response.json(
        status, {"code": status, "message": message, "description": description}
    )


def _registration_profile(request: Request) -> dict[str, Any]:
    """Validate a DCR body; like WSO2's DCR service it ignores unknown keys."""
    try:
        profile = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(
            _dcr_error(400, "Bad Request", "Malformed request body.")
        ) from None
    if not isinstance(profile, dict):
        raise ApiError(_dcr_error(400, "Bad Request", "Malformed request body."))
    for name in ("clientName", "owner", "grantType"):
        if not isinstance(profile.get(name), str) or not profile[name].strip():
            raise ApiError(
                _dcr_error(400, "Bad Request", f"Required property '{name}' is missing")
            )
    for name in ("callbackUrl", "tokenScope"):
        if name in profile and not isinstance(profile[name], str):
            raise ApiError(_dcr_error(400, "Bad Request", f"Invalid {name}"))
    if "saasApp" in profile and not isinstance(profile["saasApp"], bool):
        raise ApiError(_dcr_error(400, "Bad Request", "Invalid saasApp"))
    unknown = set(profile["grantType"].split()) - ALL_GRANT_TYPES
    if unknown:
        raise ApiError(
            _dcr_error(
                400,
                "Bad Request",
                f"Unsupported grant types: {' '.join(sorted(unknown))}",
            )
        )
    return profile
