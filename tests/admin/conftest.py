"""Admin API test fixtures: staff and non-staff browsers, the service account."""

from datetime import timedelta
from urllib.parse import parse_qsl

import pytest
import responses
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.conftest import TOKEN_URL, BrowserClient, token_reply
from tokens.models import StoredToken
from wso2.oauth import Grant

ADMIN_SCOPE = " ".join(settings.WSO2_ADMIN_SCOPES)


def form(**fields):
    """Match a form-encoded request to WSO2 that holds `fields`."""

    def match(request):
        body = request.body or ""
        sent = dict(parse_qsl(body.decode() if isinstance(body, bytes) else body))
        differ = sorted(name for name in fields if sent.get(name) != fields[name])
        return not differ, f"form fields {differ} differ"

    return match


def grants(wso2, grant_type=None):
    """Return the forms of the token requests WSO2 received, oldest first."""
    sent = []
    for call in wso2.calls:
        if call.request.url != TOKEN_URL:
            continue
        fields = dict(parse_qsl(call.request.body))
        if grant_type is None or fields["grant_type"] == grant_type:
            sent.append(fields)
    return sent


def service_grants(wso2):
    """Return the service account's token requests: its logins and refreshes."""
    return [
        fields
        for fields in grants(wso2)
        if fields.get("username") == "admin"
        or fields.get("refresh_token", "").startswith("admin-")
    ]


def service_reply(access, refresh):
    """Return the token endpoint's reply to a grant for the service account."""
    return token_reply(access, refresh, ADMIN_SCOPE)


def admin_login(wso2, **reply):
    """Let WSO2 answer the service account's password grant (by default: a login)."""
    reply = reply or {"json": service_reply("admin-access-1", "admin-refresh-1")}
    login = form(grant_type="password", username="admin", password="admin-password")
    wso2.add(responses.POST, TOKEN_URL, match=[login], **reply)


def admin_refresh(wso2, old="admin-refresh-1", **reply):
    """Let WSO2 answer the refresh grant with `old` (by default: new tokens)."""
    reply = reply or {"json": service_reply("admin-access-2", "admin-refresh-2")}
    wso2.add(
        responses.POST,
        TOKEN_URL,
        match=[form(grant_type="refresh_token", refresh_token=old)],
        **reply,
    )


def store_service_token(
    access="admin-access-1",
    refresh="admin-refresh-1",
    scope=ADMIN_SCOPE,
    expires_in=3600,
):
    """Put a service-account row into the token store, as a past login left it."""
    row = StoredToken(kind=StoredToken.Kind.SERVICE)
    row.take(Grant(access, refresh, tuple(scope.split()), 3600))
    row.expires_at = timezone.now() + timedelta(seconds=expires_in)
    row.save()
    return row


def logged_in_browser(wso2, username, is_staff):
    """Log `username` in at /auth/login, as a store account an admin may make staff."""
    user = get_user_model()(username=username, is_staff=is_staff)
    user.set_unusable_password()
    user.save()
    wso2.add(
        responses.POST,
        TOKEN_URL,
        match=[form(grant_type="password", username=username)],
        json=token_reply(f"{username}-access", f"{username}-refresh"),
    )
    browser = BrowserClient()
    response = browser.login(username)
    assert response.status_code == 200, response.content
    return browser


@pytest.fixture
def staff(db, wso2):
    """A browser logged in (through /auth/login) as a staff member."""
    return logged_in_browser(wso2, "operator", is_staff=True)


@pytest.fixture
def member(db, wso2):
    """A browser logged in as a subscriber who is not staff."""
    return logged_in_browser(wso2, "member", is_staff=False)


@pytest.fixture
def service_token(db):
    """The service account, already logged in with every v0.11 admin scope."""
    return store_service_token()
