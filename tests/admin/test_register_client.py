"""`manage.py register_client`: WSO2 Dynamic Client Registration for the middle tier."""

import base64
import io
import json

import pytest
import requests
import responses
from django.conf import settings
from django.core.management import (
    CommandError,
    call_command,
    execute_from_command_line,
)
from django.test import override_settings

DCR_URL = settings.WSO2_DCR_URL
REGISTERED = {
    "clientId": "new-client-id",
    "clientSecret": "new-client-secret",
    "clientName": "store_middle_tier",
    "callBackURL": "https://localhost/",
    "jsonString": "{}",
}


def register_client(*args, **options):
    out = io.StringIO()
    call_command("register_client", *args, stdout=out, **options)
    return out.getvalue()


def sent_basic_credentials(request):
    scheme, encoded = request.headers["Authorization"].split()
    assert scheme == "Basic"
    return base64.b64decode(encoded).decode()


def test_it_registers_the_client_and_prints_the_env_lines(wso2):
    wso2.add(responses.POST, DCR_URL, json=REGISTERED)

    output = register_client()

    assert "WSO2_CLIENT_ID=new-client-id\n" in output
    assert output.endswith("WSO2_CLIENT_SECRET=new-client-secret\n")
    assert "admin-password" not in output
    sent = wso2.calls[0].request
    assert sent_basic_credentials(sent) == "admin:admin-password"
    assert json.loads(sent.body) == {
        "clientName": "store_middle_tier",
        "owner": "admin",
        "grantType": "password refresh_token",
        "saasApp": True,
        "callbackUrl": "https://localhost/",
        "tokenScope": "Production",
    }


def test_it_prints_json_when_asked(wso2):
    wso2.add(responses.POST, DCR_URL, json=REGISTERED)

    output = register_client("--json")

    assert json.loads(output) == {
        "clientId": "new-client-id",
        "clientSecret": "new-client-secret",
        "clientName": "store_middle_tier",
    }


def test_the_options_override_the_settings(wso2):
    wso2.add(responses.POST, DCR_URL, json=REGISTERED)

    register_client(
        "--username",
        "ops@example.com@acme",
        "--password",
        "typed",
        "--client-name",
        "acme_store",
        "--callback-url",
        "https://a.test/",
    )

    sent = wso2.calls[0].request
    assert sent_basic_credentials(sent) == "ops@example.com@acme:typed"
    body = json.loads(sent.body)
    assert (body["owner"], body["clientName"], body["callbackUrl"]) == (
        "ops@example.com@acme",
        "acme_store",
        "https://a.test/",
    )


@override_settings(WSO2_TENANT_DOMAIN="acme")
def test_the_username_gets_the_tenant_like_a_login(wso2):
    wso2.add(responses.POST, DCR_URL, json=REGISTERED)

    register_client()

    assert json.loads(wso2.calls[0].request.body)["owner"] == "admin@acme"


@override_settings(WSO2_CLIENT_ID="", WSO2_CLIENT_SECRET="")
def test_it_runs_from_the_command_line_before_a_client_is_configured(wso2, capsys):
    wso2.add(responses.POST, DCR_URL, json=REGISTERED)

    # As `manage.py register_client` runs it: with the system checks, which
    # refuse every other command while WSO2_CLIENT_ID is missing.
    execute_from_command_line(["manage.py", "register_client"])

    assert "WSO2_CLIENT_ID=new-client-id" in capsys.readouterr().out


@override_settings(WSO2_ADMIN_PASSWORD="")
def test_it_asks_for_the_password_at_a_terminal(wso2, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "typed-at-terminal")
    wso2.add(responses.POST, DCR_URL, json=REGISTERED)

    register_client()

    assert sent_basic_credentials(wso2.calls[0].request) == "admin:typed-at-terminal"


@override_settings(WSO2_ADMIN_PASSWORD="")
def test_without_a_terminal_or_a_password_it_stops_before_wso2(wso2, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    with pytest.raises(CommandError, match="--password or set WSO2_ADMIN_PASSWORD"):
        register_client()
    assert len(wso2.calls) == 0


@override_settings(WSO2_DCR_URL="")
def test_without_a_dcr_url_it_says_so(wso2):
    with pytest.raises(CommandError, match="WSO2_DCR_URL is not set"):
        register_client()


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            {
                "status": 400,
                "json": {
                    "code": 400,
                    "message": "Bad Request",
                    "description": "Invalid grant type",
                },
            },
            "WSO2 found the registration request invalid (400): "
            "Bad Request - Invalid grant type",
        ),
        (
            {"status": 401, "body": ""},
            "WSO2 did not accept the username or password (401).",
        ),
        (
            {
                "status": 403,
                "json": {
                    "error": "access_denied",
                    "error_description": "User is not authorized",
                },
            },
            "the user may not register OAuth clients at WSO2 (403): "
            "access_denied - User is not authorized",
        ),
        (
            {"status": 500, "json": {"code": 500, "message": "Internal server error"}},
            "WSO2 failed to register the client (500): Internal server error",
        ),
        (
            {"body": requests.ConnectionError("connection refused")},
            "WSO2 could not be reached for POST " + DCR_URL,
        ),
        (
            {"body": requests.ReadTimeout("read timed out")},
            "WSO2 did not answer POST " + DCR_URL + " in time",
        ),
        (
            {"status": 200, "body": "<html>Log in</html>", "content_type": "text/html"},
            "WSO2 answered 200 with text/html, not JSON",
        ),
        (
            {"status": 200, "json": {"clientName": "store_middle_tier"}},
            "WSO2 answered 200 without a client id and secret.",
        ),
    ],
    ids=["400", "401", "403", "500", "unreachable", "timeout", "not-json", "no-id"],
)
def test_a_registration_error_is_shown_with_wso2s_message(wso2, reply, expected):
    wso2.add(responses.POST, DCR_URL, **reply)

    with pytest.raises(CommandError) as raised:
        register_client()

    assert str(raised.value).startswith("Client registration failed: ")
    assert expected in str(raised.value)


def test_an_error_never_echoes_the_password(wso2):
    wso2.add(
        responses.POST,
        DCR_URL,
        status=400,
        json={"message": "Bad credentials admin:admin-password"},
    )

    with pytest.raises(CommandError) as raised:
        register_client()

    assert "admin-password" not in str(raised.value)
    assert "Bad credentials admin:********" in str(raised.value)
