"""A subscriber reads, creates, updates and deletes applications and subscriptions."""

import json

import responses
from django.test import override_settings

from tests.conftest import STORE_URL

from .conftest import (
    BROWSER_ONLY_HEADERS,
    assert_no_browser_headers,
    path_of,
    query_of,
    sent_to_wso2,
)

APPLICATION = {"name": "Weather app", "throttlingTier": "Unlimited"}
CREATED = {"applicationId": "app-9", **APPLICATION}


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_a_tls_proxy_the_location_keeps_the_browsers_https(subscriber, wso2):
    wso2.add(
        responses.POST,
        f"{STORE_URL}/applications",
        status=201,
        json=CREATED,
        headers={"Location": f"{STORE_URL}/applications/app-9"},
    )

    response = subscriber.send_json(
        "POST",
        "/store/applications",
        APPLICATION,
        HTTP_HOST="testserver",
        HTTP_X_FORWARDED_PROTO="https",
    )

    assert response["Location"] == "https://testserver/store/applications/app-9"


def test_a_subscriber_lists_applications_with_only_the_declared_query(subscriber, wso2):
    listing = {"count": 1, "list": [CREATED]}
    wso2.add(responses.GET, f"{STORE_URL}/applications", json=listing)

    response = subscriber.get(
        "/store/applications?groupId=team&query=weather&limit=5&offset=10&owner=x",
        **BROWSER_ONLY_HEADERS,
    )

    assert response.status_code == 200
    assert response.json() == listing
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("GET", "/applications")
    assert query_of(sent) == {
        "groupId": ["team"],
        "query": ["weather"],
        "limit": ["5"],
        "offset": ["10"],
    }
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert sent.headers["X-Request-ID"] == response["X-Request-ID"]
    assert_no_browser_headers(sent)


def test_creating_an_application_sends_the_body_and_points_to_the_new_one_here(
    subscriber, wso2
):
    wso2.add(
        responses.POST,
        f"{STORE_URL}/applications",
        status=201,
        json=CREATED,
        headers={"Location": f"{STORE_URL}/applications/app-9"},
    )

    response = subscriber.send_json(
        "POST", "/store/applications", APPLICATION, **BROWSER_ONLY_HEADERS
    )

    assert response.status_code == 201
    assert response.json() == CREATED
    assert response["Location"] == "http://testserver/store/applications/app-9"
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("POST", "/applications")
    assert json.loads(sent.body) == APPLICATION
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert_no_browser_headers(sent)


def test_a_relative_location_is_pointed_here_too(subscriber, wso2):
    wso2.add(
        responses.POST,
        f"{STORE_URL}/subscriptions",
        status=201,
        json={"subscriptionId": "sub-3"},
        headers={"Location": "subscriptions/sub-3"},
    )

    response = subscriber.send_json(
        "POST",
        "/store/subscriptions",
        {"applicationId": "app-9", "apiIdentifier": "api-1", "tier": "Gold"},
    )

    assert response.status_code == 201
    assert response["Location"] == "http://testserver/store/subscriptions/sub-3"


def test_updating_an_application_passes_if_match_and_returns_the_new_etag(
    subscriber, wso2
):
    wso2.add(
        responses.PUT,
        f"{STORE_URL}/applications/app-9",
        json=CREATED,
        headers={"ETag": '"v2"'},
    )

    response = subscriber.send_json(
        "PUT", "/store/applications/app-9", CREATED, HTTP_IF_MATCH='"v1"'
    )

    assert response.status_code == 200
    assert response["ETag"] == '"v2"'
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("PUT", "/applications/app-9")
    assert sent.headers["If-Match"] == '"v1"'
    assert json.loads(sent.body) == CREATED


def test_an_update_with_a_stale_etag_gets_wso2s_412(subscriber, wso2):
    failure = {"code": 412, "message": "Precondition Failed"}
    wso2.add(responses.PUT, f"{STORE_URL}/applications/app-9", status=412, json=failure)

    response = subscriber.send_json(
        "PUT", "/store/applications/app-9", CREATED, HTTP_IF_MATCH='"v0"'
    )

    assert response.status_code == 412
    assert response.json() == failure


def test_deleting_an_application_passes_if_match_and_sends_no_body(subscriber, wso2):
    wso2.add(responses.DELETE, f"{STORE_URL}/applications/app-9", body=b"")

    response = subscriber.send(
        "DELETE",
        "/store/applications/app-9",
        HTTP_IF_MATCH='"v2"',
        **BROWSER_ONLY_HEADERS,
    )

    assert response.status_code == 200
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("DELETE", "/applications/app-9")
    assert sent.headers["If-Match"] == '"v2"'
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert not sent.body
    assert_no_browser_headers(sent)


def test_a_body_sent_to_an_operation_that_takes_none_is_not_passed_on(subscriber, wso2):
    wso2.add(responses.DELETE, f"{STORE_URL}/subscriptions/sub-3", body=b"")

    response = subscriber.send_json(
        "DELETE", "/store/subscriptions/sub-3", {"smuggled": True}
    )

    assert response.status_code == 200
    sent = sent_to_wso2(wso2)
    assert not sent.body
    assert "Content-Type" not in sent.headers


def test_subscribing_to_several_apis_at_once_sends_the_array(subscriber, wso2):
    subscriptions = [
        {"applicationId": "app-9", "apiIdentifier": "api-1", "tier": "Gold"},
        {"applicationId": "app-9", "apiIdentifier": "api-2", "tier": "Bronze"},
    ]
    wso2.add(responses.POST, f"{STORE_URL}/subscriptions/multiple", json=subscriptions)

    response = subscriber.send_json(
        "POST", "/store/subscriptions/multiple", subscriptions
    )

    assert response.status_code == 200
    assert json.loads(sent_to_wso2(wso2).body) == subscriptions


def test_subscriptions_are_listed_with_only_the_declared_query(subscriber, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/subscriptions", json={"count": 0, "list": []})

    subscriber.get("/store/subscriptions?apiId=api-1&groupId=g&limit=2&offset=4&x=y")

    assert query_of(sent_to_wso2(wso2)) == {
        "apiId": ["api-1"],
        "groupId": ["g"],
        "limit": ["2"],
        "offset": ["4"],
    }
