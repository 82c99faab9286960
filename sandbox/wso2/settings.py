"""Who may log in, which OAuth clients exist, and how long tokens live.

The defaults give a working sandbox with no configuration at all; a JSON file
(see the package docstring for its shape) replaces any part of them, so a
test or a developer can add users, tenants or clients without code changes.
Settings are immutable: a running stand-in never sees them change under it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPER_TENANT = "carbon.super"

ALL_GRANT_TYPES = frozenset(
    {
        "password",
        "refresh_token",
        "client_credentials",
        "authorization_code",
        "implicit",
        "iwa:ntlm",
        "urn:ietf:params:oauth:grant-type:saml2-bearer",
        "urn:ietf:params:oauth:grant-type:jwt-bearer",
    }
)


class SettingsError(ValueError):
    """A configuration file or option that the stand-in cannot use."""


@dataclass(frozen=True)
class User:
    """A user account; ``roles`` decide which OAuth scopes a token may carry."""

    username: str
    password: str
    roles: tuple[str, ...]
    tenant: str = SUPER_TENANT


@dataclass(frozen=True)
class Client:
    """A pre-registered OAuth client, as if created through DCR by ``owner``."""

    client_id: str
    client_secret: str
    owner: str
    grant_types: tuple[str, ...] = ("password", "refresh_token", "client_credentials")


DEFAULT_USERS = (
    User("subscriber", "subscriber-pass", ("subscriber",)),
    User("admin", "admin-pass", ("admin", "subscriber")),
    User("alice@acme.com", "alice-pass", ("subscriber",), "acme.com"),
)

DEFAULT_CLIENTS = (Client("sandbox-client", "sandbox-secret", "admin"),)


@dataclass(frozen=True)
class Settings:
    """Everything a stand-in instance needs to know before it starts."""

    host: str = "127.0.0.1"
    port: int = 9443
    token_lifetime: int = 3600
    refresh_lifetime: int = 86400
    reuse_active_tokens: bool = True
    users: tuple[User, ...] = DEFAULT_USERS
    clients: tuple[Client, ...] = DEFAULT_CLIENTS
    tenants: tuple[str, ...] = (SUPER_TENANT, "acme.com")
    latency: float = 0.0
    fail_status: int | None = None

    def __post_init__(self) -> None:
        if self.token_lifetime <= 0 or self.refresh_lifetime <= 0:
            raise SettingsError("token lifetimes must be positive")
        if self.latency < 0:
            raise SettingsError("latency must not be negative")
        if self.fail_status is not None and not 400 <= self.fail_status <= 599:
            raise SettingsError("fail status must be an HTTP error status (4xx/5xx)")
        names = [user.username for user in self.users]
        if len(set(names)) != len(names):
            raise SettingsError("usernames must be unique")
        for client in self.clients:
            if client.owner not in names:
                raise SettingsError(
                    f"client {client.client_id!r} is owned by unknown user "
                    f"{client.owner!r}"
                )
            unknown = set(client.grant_types) - ALL_GRANT_TYPES
            if unknown:
                raise SettingsError(f"unknown grant types {sorted(unknown)}")

    @property
    def all_tenants(self) -> tuple[str, ...]:
        """Every tenant that exists: configured ones plus those of the users."""
        ordered = [SUPER_TENANT, *self.tenants, *(u.tenant for u in self.users)]
        return tuple(dict.fromkeys(ordered))

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (``None`` values are ignored)."""
        return dataclasses.replace(
            self, **{k: v for k, v in changes.items() if v is not None}
        )


_FILE_KEYS = {
    "host": ("host", str),
    "port": ("port", int),
    "tokenLifetime": ("token_lifetime", int),
    "refreshLifetime": ("refresh_lifetime", int),
    "reuseActiveTokens": ("reuse_active_tokens", bool),
    "tenants": ("tenants", list),
    "users": ("users", list),
    "clients": ("clients", list),
    "latency": ("latency", (int, float)),
    "failStatus": ("fail_status", int),
}


def load_settings(path: str | Path, base: Settings | None = None) -> Settings:
    """Read a JSON configuration file on top of ``base`` (the defaults).

    Unknown keys are rejected so that a typo fails loudly instead of silently
    leaving a default in place.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SettingsError(f"cannot read configuration {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SettingsError("the configuration file must hold a JSON object")
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _FILE_KEYS:
            raise SettingsError(f"unknown configuration key {key!r}")
        attribute, expected = _FILE_KEYS[key]
        if not isinstance(value, expected) or (
            expected is int and isinstance(value, bool)
        ):
            raise SettingsError(f"configuration key {key!r} has the wrong type")
        changes[attribute] = value
    if "users" in changes:
        changes["users"] = tuple(_user(item) for item in changes["users"])
    if "clients" in changes:
        changes["clients"] = tuple(_client(item) for item in changes["clients"])
    if "tenants" in changes:
        changes["tenants"] = tuple(_text(t, "tenant") for t in changes["tenants"])
    if "latency" in changes:
        changes["latency"] = float(changes["latency"])
    return (base or Settings()).replace(**changes)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise SettingsError(f"{what} must be a non-empty string")
    return value


def _object(item: Any, what: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise SettingsError(f"each {what} must be a JSON object")
    unknown = set(item) - allowed
    if unknown:
        raise SettingsError(f"unknown {what} keys {sorted(unknown)}")
    return item


def _user(item: Any) -> User:
    data = _object(item, "user", {"username", "password", "roles", "tenant"})
    roles = data.get("roles", ["subscriber"])
    if not isinstance(roles, list):
        raise SettingsError("user roles must be a list")
    return User(
        username=_text(data.get("username"), "username"),
        password=_text(data.get("password"), "password"),
        roles=tuple(_text(role, "role") for role in roles),
        tenant=_text(data.get("tenant", SUPER_TENANT), "tenant"),
    )


def _client(item: Any) -> Client:
    data = _object(item, "client", {"clientId", "clientSecret", "owner", "grantTypes"})
    grants = data.get("grantTypes", list(Client.grant_types))
    if not isinstance(grants, list):
        raise SettingsError("client grantTypes must be a list")
    return Client(
        client_id=_text(data.get("clientId"), "clientId"),
        client_secret=_text(data.get("clientSecret"), "clientSecret"),
        owner=_text(data.get("owner"), "owner"),
        grant_types=tuple(_text(grant, "grant type") for grant in grants),
    )
