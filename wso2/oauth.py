"""Calls to WSO2's OAuth2 endpoints: the password and refresh-token grants, revoke.

Each call is form-encoded with the middle tier's client id and secret as HTTP
Basic, and failures are told apart by the `error` field of WSO2's reply, not
by its wording, which changes between versions.
"""

import logging
from dataclasses import dataclass, field, replace

from .client import get_client
from .conf import conf
from .errors import UpstreamError

logger = logging.getLogger(__name__)


class InvalidGrant(Exception):
    """WSO2 refused the credentials or the refresh token themselves."""


class TokenEndpointError(UpstreamError):
    """WSO2 refused the request for a reason the user cannot fix."""

    code = "token_endpoint_error"


@dataclass(frozen=True)
class Grant:
    """The tokens one grant returned; their values never appear in a repr."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    scopes: tuple
    expires_in: int


def password_grant(username, password, scopes):
    """Log `username` in at WSO2 and return the `Grant`; raise `InvalidGrant`."""
    return _token_request(
        {
            "grant_type": "password",
            "username": username,
            "password": password,
            "scope": " ".join(scopes),
        },
        requested=scopes,
    )


def refresh_grant(refresh_token, scopes=()):
    """Trade a refresh token for a new pair; raise `InvalidGrant` if it is dead.

    `scopes` are the ones granted before. A reply may leave out the scope and
    the refresh token when they do not change (RFC 6749 §5.1, §6), so the
    grant then keeps these.
    """
    grant = _token_request(
        {"grant_type": "refresh_token", "refresh_token": refresh_token},
        requested=scopes,
    )
    if grant.refresh_token:
        return grant
    return replace(grant, refresh_token=refresh_token)


def revoke(token):
    """Revoke one access or refresh token; raise an `UpstreamError` on failure."""
    response = get_client().request(
        "POST",
        conf.revoke_url,
        data={"token": token},
        auth=conf.client_credentials,
    )
    if response.status_code != 200:
        raise UpstreamError(f"WSO2 answered {response.status_code} to a revocation.")


def _token_request(form, requested):
    response = get_client().request(
        "POST",
        conf.token_url,
        data=form,
        auth=conf.client_credentials,
        headers={"Accept": "application/json"},
    )
    body = _json_object(response)
    if response.status_code == 200:
        return _grant_from(body, requested)
    if response.status_code >= 500:
        raise UpstreamError(f"The WSO2 token endpoint answered {response.status_code}.")

    error = body.get("error")
    if error == "invalid_grant":
        raise InvalidGrant(form["grant_type"])
    logger.error(
        "WSO2 refused a %s grant: %s (%s)",
        form["grant_type"],
        error,
        response.status_code,
    )
    reason = error or response.status_code
    raise TokenEndpointError(
        f"WSO2 refused the middle tier's token request ({reason})."
    )


def _grant_from(body, requested):
    try:
        access_token = body["access_token"]
        expires_in = int(body["expires_in"])
    except (KeyError, TypeError, ValueError):
        raise UpstreamError("The WSO2 token endpoint answered without a usable token.")
    scope = body.get("scope")
    return Grant(
        access_token=access_token,
        refresh_token=body.get("refresh_token", ""),
        scopes=tuple(scope.split()) if isinstance(scope, str) else tuple(requested),
        expires_in=expires_in,
    )


def _json_object(response):
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
