"""JSON bodies are checked to parse and to have the operation's shape before sending."""

import pytest

from .conftest import store_requests


@pytest.mark.parametrize(
    "body",
    [b'{"name": "Weather app",', b"  ", b"\xff\xfe{}", b"{'name': 'single quotes'}"],
)
def test_a_body_that_is_not_json_is_a_400_without_a_call(subscriber, wso2, body):
    response = subscriber.generic(
        "POST",
        "/store/applications",
        body,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=subscriber.csrf_token(),
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request",
        "message": "The body is not valid JSON.",
    }
    assert store_requests(wso2) == []


@pytest.mark.parametrize(
    "method, path, body, shape",
    [
        ("POST", "/store/applications", [{"name": "Weather app"}], "object"),
        ("PUT", "/store/applications/app-9", "Weather app", "object"),
        ("POST", "/store/applications/generate-keys", None, "object"),
        ("POST", "/store/subscriptions", [], "object"),
        ("POST", "/store/subscriptions/multiple", {"applicationId": "app-9"}, "array"),
    ],
)
def test_a_body_of_the_wrong_shape_is_a_400_without_a_call(
    subscriber, wso2, method, path, body, shape
):
    response = subscriber.send_json(method, path, body)

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request",
        "message": f"The body must be a JSON {shape}.",
    }
    assert store_requests(wso2) == []


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
    ],
)
def test_a_body_that_is_not_sent_as_json_is_a_415_without_a_call(
    subscriber, wso2, content_type
):
    response = subscriber.generic(
        "POST",
        "/store/applications",
        b'{"name": "Weather app"}',
        content_type=content_type,
        HTTP_X_CSRFTOKEN=subscriber.csrf_token(),
    )

    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"
    assert store_requests(wso2) == []
