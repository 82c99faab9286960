"""Paths that try to step out of an operation are refused before WSO2 hears of them.

Django's test client decodes the path as a server would; real servers also
show the raw request line (gunicorn as RAW_URI, uWSGI as REQUEST_URI), which
is where an encoded separator can still be seen.
"""

import pytest
import responses

from tests.conftest import STORE_URL

from .conftest import path_of, query_of, sent_to_wso2, store_requests

RAW_LINE_KEYS = ["RAW_URI", "REQUEST_URI"]


def assert_invalid_path(response):
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_path"


# Parameters that, decoded once more or taken as a path, lead elsewhere.
BAD_PARAMETERS = [
    "/store/apis/../swagger",
    "/store/apis/%2e%2e/swagger",
    "/store/apis/%2E%2E/documents",
    "/store/applications/./keys/PRODUCTION",
    "/store/tiers/api/..",
    "/store/apis/api%252e%252e/swagger",
    "/store/apis/api-1%5C..%5Cswagger",
]
CONTROL_CHARACTERS = [
    "/store/apis/api%01-1",
    "/store/apis/api-1%0A/swagger",
    "/store/tiers/api/Gold%0D%0AX-Injected:%20yes",
    "/store/tags%09",
    "/store/apis/api%7F-1",
]


@pytest.mark.parametrize("path", BAD_PARAMETERS + CONTROL_CHARACTERS)
def test_a_bad_parameter_or_a_control_character_is_refused(subscriber, wso2, path):
    assert_invalid_path(subscriber.get(path))
    assert store_requests(wso2) == []


@pytest.mark.parametrize("path", ["/store/../applications", "/store/%2e%2e/tags"])
def test_a_path_that_climbs_out_of_the_store_matches_nothing(subscriber, wso2, path):
    response = subscriber.get(path)

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert store_requests(wso2) == []


@pytest.mark.parametrize("raw_line_key", RAW_LINE_KEYS)
@pytest.mark.parametrize(
    "raw_path, decoded_path",
    [
        ("/store/apis/api-1%2Fdocuments", "/store/apis/api-1/documents"),
        ("/store/apis/api-1%2fdocuments", "/store/apis/api-1/documents"),
        ("/store/apis/api-1%5Cdocuments", "/store/apis/api-1\\documents"),
        ("/store/apis/%2e%2e/swagger", "/store/apis/../swagger"),
        ("/store/apis/api-1%00/swagger", "/store/apis/api-1\x00/swagger"),
    ],
)
def test_an_encoded_separator_in_the_raw_request_line_is_refused(
    subscriber, wso2, raw_line_key, raw_path, decoded_path
):
    response = subscriber.get(decoded_path, **{raw_line_key: raw_path})

    assert_invalid_path(response)
    assert store_requests(wso2) == []


def test_encoded_separators_in_the_query_are_only_data(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/apis", json={"count": 0, "list": []})

    response = browser.get(
        "/store/apis",
        {"query": "context:/a/b"},
        RAW_URI="/store/apis?query=context%3A%2Fa%2Fb",
    )

    assert response.status_code == 200
    assert query_of(sent_to_wso2(wso2)) == {"query": ["context:/a/b"]}


def test_a_parameter_with_other_characters_is_sent_encoded(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/tiers/api/Gold%20Plan%3F", json={})

    response = browser.get("/store/tiers/api/Gold%20Plan%3F")

    assert response.status_code == 200
    assert path_of(sent_to_wso2(wso2)) == "/tiers/api/Gold%20Plan%3F"
