"""Thumbnails, document files and generated SDKs reach the browser intact, streamed."""

import io
import zipfile

import pytest
import requests
import responses

from tests.conftest import STORE_URL

from .conftest import (
    SlowBody,
    assert_no_browser_headers,
    path_of,
    query_of,
    sent_to_wso2,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
LARGE = bytes(range(256)) * 4096  # 1 MiB
THUMBNAIL = f"{STORE_URL}/apis/api-1/thumbnail"
DOCUMENT_CONTENT = f"{STORE_URL}/apis/api-1/documents/doc-1/content"
ATTACHMENT = 'attachment; filename="guide.pdf"'


def test_a_small_thumbnail_arrives_whole_with_its_type_and_etag(browser, wso2):
    wso2.add(
        responses.GET,
        THUMBNAIL,
        body=PNG,
        content_type="image/png",
        headers={"ETag": '"t1"'},
        auto_calculate_content_length=True,
    )

    response = browser.get("/store/apis/api-1/thumbnail", HTTP_ACCEPT="image/*")

    assert response.status_code == 200
    assert not response.streaming
    assert response.content == PNG
    assert response["Content-Type"] == "image/png"
    assert response["ETag"] == '"t1"'
    assert sent_to_wso2(wso2).headers["Accept"] == "image/*"


def test_a_large_thumbnail_streams_intact_with_its_length(browser, wso2):
    wso2.add(
        responses.GET,
        THUMBNAIL,
        body=LARGE,
        content_type="image/png",
        auto_calculate_content_length=True,
    )

    response = browser.get("/store/apis/api-1/thumbnail")

    assert response.streaming
    assert response["Content-Length"] == str(len(LARGE))
    assert b"".join(response.streaming_content) == LARGE


def test_a_download_starts_before_wso2_has_sent_all_of_it(browser, wso2):
    body = SlowBody(LARGE)
    wso2.add(
        responses.GET,
        DOCUMENT_CONTENT,
        body=io.BufferedReader(body),
        content_type="application/pdf",
    )

    response = browser.get("/store/apis/api-1/documents/doc-1/content")
    first = next(iter(response.streaming_content))

    assert first == LARGE[: len(first)]
    assert body.read_so_far < len(LARGE)


def test_an_unsized_document_file_streams_with_its_content_disposition(browser, wso2):
    wso2.add(
        responses.GET,
        DOCUMENT_CONTENT,
        body=LARGE,
        content_type="application/pdf",
        headers={"Content-Disposition": ATTACHMENT},
    )

    response = browser.get("/store/apis/api-1/documents/doc-1/content")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ATTACHMENT
    assert "Content-Length" not in response
    assert b"".join(response.streaming_content) == LARGE


def test_a_url_document_passes_its_303_location_on_unchanged(browser, wso2):
    elsewhere = "https://docs.example.com/weather/guide.html"
    wso2.add(
        responses.GET, DOCUMENT_CONTENT, status=303, headers={"Location": elsewhere}
    )

    response = browser.get("/store/apis/api-1/documents/doc-1/content")

    assert response.status_code == 303
    assert response["Location"] == elsewhere
    assert len(wso2.calls) == 1


def test_a_generated_sdk_streams_as_a_zip(subscriber, wso2):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as sdk:
        sdk.writestr("weather-sdk/README.md", "# Weather SDK\n")
        sdk.writestr("weather-sdk/blob.bin", LARGE)
    wso2.add(
        responses.POST,
        f"{STORE_URL}/apis/generate-sdk/",
        body=archive.getvalue(),
        content_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="weather_java.zip"'},
    )

    response = subscriber.send(
        "POST", "/store/apis/generate-sdk/?apiId=api-1&language=java&format=tar"
    )

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="weather_java.zip"'
    received = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert received.read("weather-sdk/blob.bin") == LARGE
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == ("POST", "/apis/generate-sdk/")
    assert query_of(sent) == {"apiId": ["api-1"], "language": ["java"]}
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert not sent.body
    assert_no_browser_headers(sent)


def test_a_download_that_breaks_off_does_not_end_as_if_complete(browser, wso2):
    body = SlowBody(LARGE, stall_after=128 * 1024)
    wso2.add(
        responses.GET,
        DOCUMENT_CONTENT,
        body=io.BufferedReader(body),
        content_type="application/pdf",
    )

    response = browser.get("/store/apis/api-1/documents/doc-1/content")

    with pytest.raises(requests.RequestException):
        b"".join(response.streaming_content)
