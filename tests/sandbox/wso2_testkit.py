"""Shared helpers for the WSO2 stand-in's tests: demo credentials and a client.

Kept out of ``conftest.py`` so test modules can import them by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]


def _spec_dir() -> Path | None:
    """Where the published WSO2 definitions are (read-only reference data)."""
    for candidate in (REPO_ROOT.parent / "shared" / "wso2", Path("/work/shared/wso2")):
        if (candidate / "store-api-v0.11.yaml").is_file():
            return candidate
    return None


SPEC_DIR = _spec_dir()
SPEC_MISSING = (
    "published WSO2 definitions (store-api-v0.11.yaml, admin-api-v0.11.yaml) not "
    "found in ../shared/wso2 or /work/shared/wso2"
)

CLIENT = ("sandbox-client", "sandbox-secret")
PASSWORDS = {
    "subscriber": "subscriber-pass",
    "admin": "admin-pass",
    "alice@acme.com": "alice-pass",
}
ADMIN_SCOPES = (
    "apim:tier_view apim:tier_manage apim:bl_view apim:bl_manage "
    "apim:mediation_policy_view apim:mediation_policy_create apim:app_owner_change"
)
TIMEOUT = 5


class Wso2Client:
    """A thin ``requests`` wrapper that knows the stand-in's paths and users."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()

    def token(
        self,
        username: str = "subscriber",
        password: str | None = None,
        scope: str | None = "apim:subscribe",
        client: tuple[str, str] | None = CLIENT,
        **form: str,
    ) -> requests.Response:
        data = {"grant_type": "password", "username": username}
        data["password"] = PASSWORDS.get(username, "") if password is None else password
        if scope is not None:
            data["scope"] = scope
        data.update(form)
        return self.post_form("/token", data, client)

    def post_form(
        self, path: str, data: dict[str, str], client: tuple[str, str] | None = CLIENT
    ) -> requests.Response:
        return self.http.post(self.url + path, data=data, auth=client, timeout=TIMEOUT)

    def login(self, username: str = "subscriber", scope: str = "apim:subscribe") -> str:
        response = self.token(username, scope=scope)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def admin_token(self) -> str:
        return self.login("admin", ADMIN_SCOPES)

    def call(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.http.request(
            method, self.url + path, headers=headers, timeout=TIMEOUT, **kwargs
        )

    def store(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        return self.call(method, "/api/am/store/v0.11" + path, token, **kwargs)

    def admin(
        self,
        method: str,
        path: str,
        token: str | None = None,
        version: str = "v0.11",
        **kwargs: Any,
    ) -> requests.Response:
        return self.call(method, f"/api/am/admin/{version}" + path, token, **kwargs)

    def state(self) -> dict[str, Any]:
        return self.call("GET", "/_sandbox/state").json()

    def api_id(self, name: str, version: str = "1.0.0", **kwargs: Any) -> str:
        listing = self.store("GET", "/apis", params={"limit": 100}, **kwargs).json()
        return next(
            api["id"]
            for api in listing["list"]
            if api["name"] == name and api["version"] == version
        )

    def new_application(self, token: str, name: str, tier: str = "Unlimited") -> dict:
        response = self.store(
            "POST",
            "/applications",
            token,
            json={"name": name, "throttlingTier": tier, "description": "test app"},
        )
        assert response.status_code == 201, response.text
        return response.json()
