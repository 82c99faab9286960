"""Token, revoke and DCR endpoints, and how the APIs judge bearer tokens."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.sandbox.wso2_testkit import ADMIN_SCOPES, CLIENT, Wso2Client

TOKEN_KEYS = {"access_token", "refresh_token", "scope", "token_type", "expires_in"}
REST_401 = {
    "code": 401,
    "message": "",
    "description": "Unauthenticated request",
    "moreInfo": "",
    "error": [],
}


def assert_oauth_error(response, status: int, error: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "error_description"}
    assert body["error"] == error
    assert body["error_description"]
    return body


# ------------------------------------------------------------ password grant


def test_password_grant_returns_the_standard_body(wso2: Wso2Client) -> None:
    response = wso2.token("subscriber", scope="apim:subscribe")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == TOKEN_KEYS
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "apim:subscribe"
    assert body["expires_in"] == 3600
    assert body["access_token"] != body["refresh_token"]
    assert response.headers["Cache-Control"] == "no-store"


def test_scopes_the_roles_do_not_allow_are_dropped(wso2: Wso2Client) -> None:
    body = wso2.token(scope="apim:subscribe apim:tier_manage made:up").json()
    assert body["scope"] == "apim:subscribe"


def test_without_scopes_the_token_carries_default(wso2: Wso2Client) -> None:
    assert wso2.token(scope=None).json()["scope"] == "default"
    assert wso2.token(scope="apim:tier_view").json()["scope"] == "default"


def test_admin_may_have_the_admin_scopes(wso2: Wso2Client) -> None:
    body = wso2.token("admin", scope=f"apim:subscribe {ADMIN_SCOPES}").json()
    assert set(body["scope"].split()) == {"apim:subscribe", *ADMIN_SCOPES.split()}


def test_tenant_user_logs_in_with_full_username(wso2: Wso2Client) -> None:
    assert wso2.token("alice@acme.com").status_code == 200


@pytest.mark.parametrize(
    ("username", "password"), [("subscriber", "wrong"), ("nobody", "x")]
)
def test_bad_user_credentials_are_invalid_grant(
    wso2: Wso2Client, username: str, password: str
) -> None:
    assert_oauth_error(wso2.token(username, password), 400, "invalid_grant")


def test_wrong_client_secret_is_invalid_client(wso2: Wso2Client) -> None:
    body = assert_oauth_error(
        wso2.token(client=("sandbox-client", "nope")), 401, "invalid_client"
    )
    assert body["error_description"] == "Client credentials are invalid."


def test_unknown_client_is_invalid_client(wso2: Wso2Client) -> None:
    body = assert_oauth_error(wso2.token(client=("ghost", "x")), 401, "invalid_client")
    assert "ghost" in body["error_description"]


def test_missing_client_authentication_is_invalid_client(wso2: Wso2Client) -> None:
    assert_oauth_error(wso2.token(client=None), 401, "invalid_client")


def test_unknown_grant_type_is_unsupported(wso2: Wso2Client) -> None:
    response = wso2.post_form("/token", {"grant_type": "magic"})
    assert_oauth_error(response, 400, "unsupported_grant_type")


def test_missing_parameters_are_invalid_request(wso2: Wso2Client) -> None:
    assert_oauth_error(wso2.post_form("/token", {}), 400, "invalid_request")
    missing_password = {"grant_type": "password", "username": "subscriber"}
    body = assert_oauth_error(
        wso2.post_form("/token", missing_password), 400, "invalid_request"
    )
    assert "password" in body["error_description"]
    missing_refresh = {"grant_type": "refresh_token"}
    assert_oauth_error(
        wso2.post_form("/token", missing_refresh), 400, "invalid_request"
    )


def test_an_active_token_is_handed_out_again(wso2: Wso2Client) -> None:
    first = wso2.token().json()
    second = wso2.token().json()
    assert second["access_token"] == first["access_token"]
    other_scopes = wso2.token(scope=None).json()
    assert other_scopes["access_token"] != first["access_token"]


def test_token_reuse_can_be_switched_off(make_standin, client_for) -> None:
    wso2 = client_for(make_standin(reuse_active_tokens=False))
    assert wso2.login() != wso2.login()


# ------------------------------------------------------------- refresh grant


def refresh(wso2: Wso2Client, token: str, client=CLIENT):
    return wso2.post_form(
        "/token", {"grant_type": "refresh_token", "refresh_token": token}, client
    )


def test_refresh_rotates_and_the_old_pair_dies(wso2: Wso2Client) -> None:
    old = wso2.token().json()
    response = refresh(wso2, old["refresh_token"])
    assert response.status_code == 200
    new = response.json()
    assert set(new) == TOKEN_KEYS
    assert new["refresh_token"] != old["refresh_token"]
    assert new["access_token"] != old["access_token"]
    assert new["scope"] == old["scope"]

    again = assert_oauth_error(
        refresh(wso2, old["refresh_token"]), 400, "invalid_grant"
    )
    assert again["error_description"] == "Persisted access token data not found"
    stale = wso2.store("GET", "/applications", old["access_token"])
    assert stale.status_code == 401
    assert stale.json()["fault"]["code"] == 900901
    assert wso2.store("GET", "/applications", new["access_token"]).status_code == 200
    assert refresh(wso2, new["refresh_token"]).status_code == 200


def test_concurrent_refreshes_of_one_token_succeed_once(wso2: Wso2Client) -> None:
    token = wso2.token().json()["refresh_token"]

    def use(_: int) -> int:
        form = {"grant_type": "refresh_token", "refresh_token": token}
        return requests.post(
            wso2.url + "/token", data=form, auth=CLIENT, timeout=5
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = sorted(pool.map(use, range(8)))
    assert statuses == [200] + [400] * 7


def test_refresh_token_of_another_client_is_rejected(wso2: Wso2Client) -> None:
    token = wso2.token().json()["refresh_token"]
    registered = register(wso2).json()
    other = (registered["clientId"], registered["clientSecret"])
    assert_oauth_error(refresh(wso2, token, other), 400, "invalid_grant")


def test_refresh_may_narrow_but_not_widen_scopes(wso2: Wso2Client) -> None:
    token = wso2.token("admin", scope="apim:subscribe apim:tier_view").json()
    response = wso2.post_form(
        "/token",
        {
            "grant_type": "refresh_token",
            "refresh_token": token["refresh_token"],
            "scope": "apim:tier_view PRODUCTION",
        },
    )
    assert response.json()["scope"] == "apim:tier_view"


# ---------------------------------------------------- client credentials


def test_client_credentials_has_no_refresh_token(wso2: Wso2Client) -> None:
    response = wso2.post_form("/token", {"grant_type": "client_credentials"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == TOKEN_KEYS - {"refresh_token"}
    assert body["scope"] == "am_application_scope default"


def test_a_client_only_gets_its_registered_grants(wso2: Wso2Client) -> None:
    registered = register(wso2).json()
    client = (registered["clientId"], registered["clientSecret"])
    response = wso2.post_form("/token", {"grant_type": "client_credentials"}, client)
    assert_oauth_error(response, 400, "unauthorized_client")


# -------------------------------------------------------------------- revoke


def test_revoking_the_access_token_kills_the_pair(wso2: Wso2Client) -> None:
    pair = wso2.token().json()
    response = wso2.post_form("/revoke", {"token": pair["access_token"]})
    assert response.status_code == 200
    assert response.content == b""
    after = wso2.store("GET", "/applications", pair["access_token"])
    assert after.json()["fault"]["code"] == 900901
    assert_oauth_error(refresh(wso2, pair["refresh_token"]), 400, "invalid_grant")


def test_revoking_the_refresh_token_kills_the_access_token(wso2: Wso2Client) -> None:
    pair = wso2.token().json()
    assert wso2.post_form("/revoke", {"token": pair["refresh_token"]}).ok
    after = wso2.store("GET", "/applications", pair["access_token"])
    assert after.status_code == 401


def test_revoke_needs_the_owning_client(wso2: Wso2Client) -> None:
    token = wso2.login()
    denied = wso2.post_form("/revoke", {"token": token}, ("sandbox-client", "bad"))
    assert_oauth_error(denied, 401, "invalid_client")
    registered = register(wso2).json()
    other = (registered["clientId"], registered["clientSecret"])
    assert wso2.post_form("/revoke", {"token": token}, other).status_code == 200
    assert wso2.store("GET", "/applications", token).status_code == 200


# ----------------------------------------------------------------------- DCR

DCR_BODY = {
    "callbackUrl": "www.google.lk",
    "clientName": "rest_api_store",
    "tokenScope": "Production",
    "owner": "admin",
    "grantType": "password refresh_token",
    "saasApp": True,
}


def register(wso2: Wso2Client, body: dict | None = None, user=("admin", "admin-pass")):
    return wso2.http.post(
        wso2.url + "/client-registration/v0.11/register",
        json=DCR_BODY if body is None else body,
        auth=user,
        timeout=5,
    )


def test_dcr_then_password_grant_with_the_new_client(wso2: Wso2Client) -> None:
    response = register(wso2)
    assert response.status_code == 200
    body = response.json()
    assert {
        "clientId",
        "clientSecret",
        "clientName",
        "callBackURL",
        "jsonString",
    } <= set(body)
    assert body["clientName"] == "admin_rest_api_store"
    assert body["callBackURL"] == "www.google.lk"
    details = json.loads(body["jsonString"])
    assert details["client_name"] == "admin_rest_api_store"
    assert details["username"] == "admin"
    token = wso2.token(client=(body["clientId"], body["clientSecret"]))
    assert token.status_code == 200
    assert wso2.state()["registrations"] == 1


def test_dcr_returns_the_existing_client_for_the_same_name(wso2: Wso2Client) -> None:
    first, second = register(wso2).json(), register(wso2).json()
    assert (first["clientId"], first["clientSecret"]) == (
        second["clientId"],
        second["clientSecret"],
    )


def test_dcr_needs_an_admin(wso2: Wso2Client) -> None:
    subscriber = {**DCR_BODY, "owner": "subscriber"}
    response = register(wso2, subscriber, ("subscriber", "subscriber-pass"))
    assert response.status_code == 403
    assert register(wso2, user=("admin", "wrong")).status_code == 401
    anonymous = wso2.http.post(
        wso2.url + "/client-registration/v0.11/register", json=DCR_BODY, timeout=5
    )
    assert anonymous.status_code == 401
    assert "WWW-Authenticate" in anonymous.headers


def test_dcr_owner_must_be_the_caller(wso2: Wso2Client) -> None:
    assert register(wso2, {**DCR_BODY, "owner": "subscriber"}).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        {k: v for k, v in DCR_BODY.items() if k != "clientName"},
        {**DCR_BODY, "grantType": "password teleport"},
        {**DCR_BODY, "saasApp": "yes"},
    ],
)
def test_dcr_rejects_bad_bodies(wso2: Wso2Client, body) -> None:
    if isinstance(body, bytes):
        response = wso2.http.post(
            wso2.url + "/client-registration/v0.11/register",
            data=body,
            headers={"Content-Type": "application/json"},
            auth=("admin", "admin-pass"),
            timeout=5,
        )
    else:
        response = register(wso2, body)
    assert response.status_code == 400
    assert {"code", "message", "description"} <= set(response.json())


def test_dcr_is_also_served_on_the_api_cloud_path(wso2: Wso2Client) -> None:
    response = wso2.http.post(
        wso2.url + "/client-registration/register",
        json=DCR_BODY,
        auth=("admin", "admin-pass"),
        timeout=5,
    )
    assert response.status_code == 200


# ------------------------------------------------------- bearer token checks


def test_missing_token_on_protected_store_call_is_rest_401(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/applications")
    assert response.status_code == 401
    assert response.json() == REST_401


def test_unknown_token_gets_the_gateway_fault(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/applications", "not-a-token")
    assert response.status_code == 401
    fault = response.json()["fault"]
    assert fault["code"] == 900901
    assert fault["message"] == "Invalid Credentials"
    assert fault["description"].startswith("Invalid Credentials. ")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_an_invalid_token_fails_even_on_anonymous_resources(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/apis", "not-a-token")
    assert response.json()["fault"]["code"] == 900901


def test_non_bearer_authorization_is_missing_credentials(wso2: Wso2Client) -> None:
    response = wso2.store(
        "GET", "/applications", headers={"Authorization": "Basic YWRtaW46YWRtaW4="}
    )
    assert response.status_code == 401
    assert response.json()["fault"]["code"] == 900902


def test_token_without_subscribe_scope_is_403_fault(wso2: Wso2Client) -> None:
    token = wso2.token(scope=None).json()["access_token"]
    response = wso2.store("GET", "/applications", token)
    assert response.status_code == 403
    assert response.json()["fault"]["code"] == 900910
    assert "WWW-Authenticate" not in response.headers


def test_admin_api_answers_bad_tokens_with_the_rest_model(wso2: Wso2Client) -> None:
    for token in (None, "not-a-token"):
        response = wso2.admin("GET", "/throttling/policies/application", token)
        assert response.status_code == 401
        assert response.json() == REST_401


def test_admin_api_rejects_a_token_without_the_scope(wso2: Wso2Client) -> None:
    response = wso2.admin("GET", "/throttling/blacklist", wso2.login())
    assert response.status_code == 403
    assert response.json()["code"] == 403


def test_lifetimes_run_out(make_standin, client_for) -> None:
    short_access = client_for(make_standin(token_lifetime=1))
    short_both = client_for(make_standin(token_lifetime=1, refresh_lifetime=1))
    first = short_access.token().json()
    second = short_both.token().json()
    assert first["expires_in"] == 1
    time.sleep(1.2)

    expired = short_access.store("GET", "/applications", first["access_token"])
    assert expired.status_code == 401
    fault = expired.json()["fault"]
    assert fault["code"] == 900903
    assert fault["message"] == "Access Token Expired"
    assert "WWW-Authenticate" in expired.headers
    admin_view = short_access.admin(
        "GET", "/throttling/blacklist", first["access_token"]
    )
    assert admin_view.json() == REST_401

    renewed = refresh(short_access, first["refresh_token"])
    assert renewed.status_code == 200
    fresh = renewed.json()["access_token"]
    assert short_access.store("GET", "/applications", fresh).status_code == 200

    body = assert_oauth_error(
        refresh(short_both, second["refresh_token"]), 400, "invalid_grant"
    )
    assert "expired" in body["error_description"]
    state = short_access.state()
    assert state["liveRefreshTokens"] == 1
