"""A subscriber generates, reads and updates the keys of an application."""

import json

import responses

from tests.conftest import STORE_URL

from .conftest import (
    BROWSER_ONLY_HEADERS,
    assert_no_browser_headers,
    path_of,
    query_of,
    sent_to_wso2,
)

KEY_REQUEST = {
    "keyType": "PRODUCTION",
    "validityTime": "3600",
    "accessAllowDomains": ["ALL"],
}
KEY = {
    "consumerKey": "ck",
    "consumerSecret": "cs",
    "keyType": "PRODUCTION",
    "token": {"accessToken": "app-token", "tokenScopes": [], "validityTime": 3600},
}


def test_generating_keys_sends_the_application_id_the_request_and_if_match(
    subscriber, wso2
):
    wso2.add(responses.POST, f"{STORE_URL}/applications/generate-keys", json=KEY)

    response = subscriber.send_json(
        "POST",
        "/store/applications/generate-keys?applicationId=app-9&keyType=SANDBOX",
        KEY_REQUEST,
        HTTP_IF_MATCH='"v3"',
        **BROWSER_ONLY_HEADERS,
    )

    assert response.status_code == 200
    assert response.json() == KEY
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("POST", "/applications/generate-keys")
    assert query_of(sent) == {"applicationId": ["app-9"]}
    assert json.loads(sent.body) == KEY_REQUEST
    assert sent.headers["If-Match"] == '"v3"'
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert_no_browser_headers(sent)


def test_reading_keys_passes_the_group_id(subscriber, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/applications/app-9/keys/PRODUCTION", json=KEY)

    response = subscriber.get("/store/applications/app-9/keys/PRODUCTION?groupId=g&x=1")

    assert response.json() == KEY
    sent = sent_to_wso2(wso2)
    assert path_of(sent) == "/applications/app-9/keys/PRODUCTION"
    assert query_of(sent) == {"groupId": ["g"]}


def test_updating_keys_sends_the_new_grant_types_and_callback(subscriber, wso2):
    change = {"supportedGrantTypes": ["client_credentials"], "callbackUrl": ""}
    wso2.add(responses.PUT, f"{STORE_URL}/applications/app-9/keys/SANDBOX", json=KEY)

    response = subscriber.send_json(
        "PUT", "/store/applications/app-9/keys/SANDBOX", change
    )

    assert response.status_code == 200
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("PUT", "/applications/app-9/keys/SANDBOX")
    assert json.loads(sent.body) == change


def test_regenerating_the_consumer_secret_reaches_wso2(subscriber, wso2):
    wso2.add(
        responses.POST,
        f"{STORE_URL}/applications/regenerate-consumersecret",
        json={"consumerKey": "ck", "consumerSecret": "new-secret"},
    )

    response = subscriber.send_json(
        "POST", "/store/applications/regenerate-consumersecret", {"consumerKey": "ck"}
    )

    assert response.json() == {"consumerKey": "ck", "consumerSecret": "new-secret"}
    assert json.loads(sent_to_wso2(wso2).body) == {"consumerKey": "ck"}


def test_reading_an_applications_scopes_passes_the_role_filter(subscriber, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/applications/scopes/app-9", json={"list": []})

    subscriber.get("/store/applications/scopes/app-9?filterByUserRoles=true&all=1")

    sent = sent_to_wso2(wso2)
    assert path_of(sent) == "/applications/scopes/app-9"
    assert query_of(sent) == {"filterByUserRoles": ["true"]}
