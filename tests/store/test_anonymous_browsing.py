"""Visitors who are not logged in browse APIs, documents, tiers and tags."""

import pytest
import responses

from storeapi.routes.v0_11 import ROUTES
from tests.conftest import STORE_URL

from .conftest import (
    BROWSER_ONLY_HEADERS,
    assert_no_browser_headers,
    path_of,
    query_of,
    sample_path,
    sent_to_wso2,
)

API_LIST = {"count": 1, "next": "", "previous": "", "list": [{"id": "api-1"}]}
ANONYMOUS = [operation for operation in ROUTES if operation.anonymous]


def test_a_visitor_lists_apis_with_only_the_declared_query_parameters(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/apis", json=API_LIST)

    response = browser.get(
        "/store/apis?limit=10&offset=20&query=pizza&secret=x&tenantDomain=evil",
        **BROWSER_ONLY_HEADERS,
    )

    assert response.status_code == 200
    assert response.json() == API_LIST
    assert response["Content-Type"] == "application/json"
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("GET", "/apis")
    assert query_of(sent) == {"limit": ["10"], "offset": ["20"], "query": ["pizza"]}
    assert "Authorization" not in sent.headers
    assert sent.headers["X-Request-ID"] == response["X-Request-ID"]
    assert_no_browser_headers(sent)


@pytest.mark.parametrize(
    "operation", ANONYMOUS, ids=[f"{op.method} {op.path}" for op in ANONYMOUS]
)
def test_every_anonymous_operation_works_for_a_visitor(browser, wso2, operation):
    upstream_path = sample_path(operation).removeprefix("/store")
    wso2.add(operation.method, f"{STORE_URL}{upstream_path}", json={"found": True})

    response = browser.get(sample_path(operation))

    assert response.status_code == 200
    assert response.json() == {"found": True}
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("GET", upstream_path)
    assert "Authorization" not in sent.headers


def test_a_visitor_browses_the_configured_tenant(browser, wso2, tenant):
    wso2.add(responses.GET, f"{STORE_URL}/tags", json={"count": 0, "list": []})

    response = browser.get("/store/tags", **BROWSER_ONLY_HEADERS)

    assert response.status_code == 200
    assert sent_to_wso2(wso2).headers["X-WSO2-Tenant"] == tenant


def test_no_tenant_header_reaches_wso2_when_no_tenant_is_configured(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/tags", json={"count": 0, "list": []})

    browser.get("/store/tags", **BROWSER_ONLY_HEADERS)

    assert "X-WSO2-Tenant" not in sent_to_wso2(wso2).headers


def test_a_logged_in_subscriber_browses_with_their_token_instead_of_the_tenant(
    subscriber, wso2, tenant
):
    wso2.add(responses.GET, f"{STORE_URL}/tiers/api", json={"count": 0, "list": []})

    response = subscriber.get(
        "/store/tiers/api?limit=5&offset=0&sort=name", **BROWSER_ONLY_HEADERS
    )

    assert response.status_code == 200
    sent = sent_to_wso2(wso2)
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert "X-WSO2-Tenant" not in sent.headers
    assert query_of(sent) == {"limit": ["5"], "offset": ["0"]}
    assert_no_browser_headers(sent)


def test_an_api_comes_with_its_etag_and_last_modified(browser, wso2):
    wso2.add(
        responses.GET,
        f"{STORE_URL}/apis/api-1",
        json={"id": "api-1"},
        headers={"ETag": '"v7"', "Last-Modified": "Tue, 01 May 2018 10:00:00 GMT"},
    )

    response = browser.get("/store/apis/api-1")

    assert response.json() == {"id": "api-1"}
    assert response["ETag"] == '"v7"'
    assert response["Last-Modified"] == "Tue, 01 May 2018 10:00:00 GMT"


def test_a_conditional_read_is_passed_on_and_its_304_comes_back(browser, wso2):
    wso2.add(
        responses.GET,
        f"{STORE_URL}/apis/api-1/swagger",
        status=304,
        headers={"ETag": '"v7"'},
    )

    response = browser.get(
        "/store/apis/api-1/swagger",
        HTTP_IF_NONE_MATCH='"v7"',
        HTTP_IF_MODIFIED_SINCE="Tue, 01 May 2018 10:00:00 GMT",
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == '"v7"'
    sent = sent_to_wso2(wso2)
    assert sent.headers["If-None-Match"] == '"v7"'
    assert sent.headers["If-Modified-Since"] == "Tue, 01 May 2018 10:00:00 GMT"
    assert sent.headers["Accept"] == "application/json"


def test_a_visitors_answer_varies_with_the_session_cookie(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/apis", json=API_LIST)

    response = browser.get("/store/apis")

    assert "Cookie" in response["Vary"]
    assert "private" not in response.get("Cache-Control", "")
