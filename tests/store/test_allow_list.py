"""Only the operations of the route table reach WSO2; everything else is refused."""

import pytest
import responses

from tests.conftest import STORE_URL

from .conftest import path_of, sent_to_wso2, store_requests


@pytest.mark.parametrize(
    "path",
    [
        "/store/",
        "/store/admin",
        "/store/apis/api-1/comments",
        "/store/apis/api-1/documents/doc-1/content/extra",
        "/store/applications/app-9/keys",
        "/store/tiers",
        "/store/api/am/store/v0.11/apis",
    ],
)
def test_a_path_outside_the_table_is_a_json_404_without_a_call(subscriber, wso2, path):
    response = subscriber.get(path)

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert store_requests(wso2) == []


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("PATCH", "/store/applications/app-9", "DELETE, GET, PUT"),
        ("POST", "/store/apis", "GET"),
        ("DELETE", "/store/tags", "GET"),
        ("PUT", "/store/subscriptions", "GET, POST"),
        ("PUT", "/store/apis/api-1/thumbnail", "GET"),
        ("HEAD", "/store/apis/generate-sdk/", "GET, POST"),
    ],
)
def test_a_method_outside_the_table_is_a_json_405_with_allow_and_no_call(
    subscriber, wso2, method, path, allowed
):
    response = subscriber.send(method, path)

    assert response.status_code == 405
    assert response["Allow"] == allowed
    if method != "HEAD":
        assert response.json()["error"] == "method_not_allowed"
    assert store_requests(wso2) == []


def test_a_named_operation_wins_over_a_template_that_would_also_match(subscriber, wso2):
    wso2.add(responses.POST, f"{STORE_URL}/applications/generate-keys", json={})

    subscriber.send_json("POST", "/store/applications/generate-keys", {})

    assert path_of(sent_to_wso2(wso2)) == "/applications/generate-keys"


def test_a_trailing_slash_reaches_the_same_operation(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/apis", json={"count": 0, "list": []})

    response = browser.get("/store/apis/")

    assert response.status_code == 200
    assert path_of(sent_to_wso2(wso2)) == "/apis"
