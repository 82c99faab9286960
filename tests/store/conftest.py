"""Fixtures and helpers of the Store API tests: who calls, and what WSO2 received."""

import io
import re
import socket
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from responses import matchers

from tests.conftest import STORE_URL, TOKEN_URL, BrowserClient, token_reply
from tokens.models import StoredToken
from wso2.client import get_client

STORE_PATH = urlsplit(STORE_URL).path
TENANT = "acme.org"

# Headers that a browser, or a proxy in front of the middle tier, may send
# and that WSO2 must never see.
BROWSER_ONLY_HEADERS = {
    "HTTP_AUTHORIZATION": "Basic YnJvd3Nlcjpvd24=",
    "HTTP_X_FORWARDED_FOR": "203.0.113.9",
    "HTTP_X_FORWARDED_HOST": "elsewhere.example",
    "HTTP_X_FORWARDED_PROTO": "http",
    "HTTP_X_WSO2_TENANT": "someone-else.org",
}


class SlowBody(io.RawIOBase):
    """A body WSO2 sends bit by bit, which tells how much has been read so far.

    With `stall_after`, WSO2 stops sending after that many bytes, as a
    server that hangs mid-answer does. Wrap it in `io.BufferedReader` to
    give it to `responses`.
    """

    def __init__(self, data, stall_after=None):
        self.data = data
        self.read_so_far = 0
        self.stall_after = stall_after

    def readable(self):
        return True

    def readinto(self, buffer):
        available = memoryview(self.data)[self.read_so_far : self.stall_after]
        if not available and self.stall_after is not None:
            raise socket.timeout("WSO2 stopped sending")
        piece = available[: len(buffer)]
        buffer[: len(piece)] = piece
        self.read_so_far += len(piece)
        return len(piece)


def store_requests(wso2):
    """Return the requests that WSO2's Store API received, oldest first."""
    return [
        call.request for call in wso2.calls if call.request.url.startswith(STORE_URL)
    ]


def sent_to_wso2(wso2):
    """Return the one request that WSO2's Store API received."""
    sent = store_requests(wso2)
    assert len(sent) == 1, [request.url for request in sent]
    return sent[0]


def path_of(request):
    """Return the path a request to WSO2 asked for, relative to the Store API."""
    return urlsplit(request.url).path.removeprefix(STORE_PATH)


def query_of(request):
    return parse_qs(urlsplit(request.url).query)


def assert_no_browser_headers(request):
    """Check that nothing of the browser's own reached WSO2 with `request`."""
    assert "Cookie" not in request.headers
    assert not request.headers.get("Authorization", "Bearer ").startswith("Basic")
    forwarded = [n for n in request.headers if n.lower().startswith("x-forwarded")]
    assert forwarded == []
    # The transport sets Host from WSO2's URL; nothing may set it before.
    assert "Host" not in request.headers


def sample_path(operation):
    """Return a middle-tier path for `operation`, each parameter filled in."""
    return "/store" + re.sub(r"\{(\w+)\}", r"\1-1", operation.path)


def call_operation(browser, operation, **extra):
    """Call `operation` as a front end would, with a body of the right shape."""
    path = sample_path(operation)
    if operation.body:
        body = {"object": {}, "array": []}[operation.body]
        return browser.send_json(operation.method, path, body, **extra)
    return browser.send(operation.method, path, **extra)


def assert_still_logged_in(browser, access="access-1"):
    """Check that the session and its tokens are as they were."""
    assert StoredToken.objects.get().access_token == access
    assert browser.get("/auth/session").status_code == 200


@pytest.fixture(autouse=True)
def forget_wso2_cookies():
    """Keep the cookies one test's WSO2 set out of the next test's calls."""
    yield
    get_client().session.cookies.clear()


@pytest.fixture
def tenant(settings):
    """Configure the tenant whose store visitors browse."""
    settings.WSO2_TENANT_DOMAIN = TENANT
    return TENANT


REFRESH_GRANT = {"grant_type": "refresh_token", "refresh_token": "refresh-1"}


def refresh_grants(wso2):
    """Return how many refresh grants with refresh-1 the token endpoint received."""
    return sum(
        1
        for call in wso2.calls
        if call.request.url == TOKEN_URL
        and parse_qs(call.request.body) == {k: [v] for k, v in REFRESH_GRANT.items()}
    )


@pytest.fixture
def refreshed(wso2):
    """Let WSO2 answer the refresh grant with refresh-1 by access-2/refresh-2."""
    wso2.add(
        responses.POST,
        TOKEN_URL,
        match=[matchers.urlencoded_params_matcher(REFRESH_GRANT)],
        json=token_reply("access-2", "refresh-2"),
    )


@pytest.fixture
def unsubscribed(db, wso2):
    """A browser logged in with a token that lacks the apim:subscribe scope."""
    wso2.add(responses.POST, TOKEN_URL, json=token_reply(scope="openid"))
    browser = BrowserClient()
    response = browser.login()
    assert response.json()["scopes"] == ["openid"]
    return browser
