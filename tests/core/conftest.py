"""Helpers of the core tests: the stored row behind a browser, a local WSO2."""

import base64
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.crypto import get_random_string

from tests.core.fake_wso2 import FakeWSO2
from tokens.models import StoredToken
from wso2.oauth import Grant

APPLICATIONS = "/store/applications"
# The middle tier's client id and secret (tests/settings.py) as HTTP Basic.
CLIENT_AUTHORIZATION = (
    "Basic " + base64.b64encode(b"test-client-id:test-client-secret").decode()
)


def session_key(client):
    """Return the session id the browser holds, or None."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie and cookie.value else None


def stored_token(client):
    """Return the stored row of the browser's session, or None."""
    return StoredToken.objects.filter(session_id=session_key(client)).first()


def make_due(client, seconds_left=0):
    """Age the session's token, issued an hour ago, to expire in `seconds_left`."""
    row = stored_token(client)
    now = timezone.now()
    row.expires_at = now + timedelta(seconds=seconds_left)
    row.created_at = now - timedelta(hours=1)
    row.save(update_fields=["expires_at", "created_at"])
    return row


def make_token(
    username=None,
    access="access-1",
    refresh="refresh-1",
    *,
    kind=StoredToken.Kind.SUBSCRIBER,
    scopes=("apim:subscribe",),
    expires_in=3600,
    session_seconds=3600,
    refresh_seconds=None,
):
    """Store a token pair as a login would; `session_seconds=None` for no session.

    Negative seconds put the access token's, the session's or the refresh
    token's end in the past.
    """
    now = timezone.now()
    row = StoredToken(kind=kind)
    if username:
        row.user = get_user_model().objects.get_or_create(username=username)[0]
    if session_seconds is not None:
        row.session = Session.objects.create(
            session_key=get_random_string(32),
            session_data="",
            expire_date=now + timedelta(seconds=session_seconds),
        )
    row.take(Grant(access, refresh, tuple(scopes), expires_in))
    if refresh_seconds is not None:
        row.refresh_expires_at = now + timedelta(seconds=refresh_seconds)
    row.save()
    return row


def post_body(client, path, body):
    """POST `body` as it is, labelled JSON, with the client's CSRF token."""
    token = client.csrf_token()
    return client.post(
        path, body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )


def form_of(call):
    """Return the form fields of a request `responses` recorded."""
    return {name: values[0] for name, values in parse_qs(call.request.body).items()}


@pytest.fixture
def fake_wso2():
    """A real WSO2 token endpoint and Store on 127.0.0.1, with slow grants."""
    fake = FakeWSO2(grant_seconds=0.3).start()
    yield fake
    fake.stop()
