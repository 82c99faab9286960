"""Operators follow one request through the logs by its id."""

import logging

import responses

from core.logging import RequestIdFilter
from tests.conftest import TOKEN_URL, token_reply


def test_the_login_log_line_carries_the_requests_id(browser, wso2, caplog):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())
    caplog.handler.addFilter(RequestIdFilter())

    with caplog.at_level(logging.INFO, logger="tokens.signals"):
        response = browser.login(HTTP_X_REQUEST_ID="trace-login-0001")

    assert response["X-Request-ID"] == "trace-login-0001"
    logins = [record for record in caplog.records if "logged in" in record.message]
    assert [record.request_id for record in logins] == ["trace-login-0001"]


def test_lines_outside_a_request_are_marked_as_such(caplog):
    caplog.handler.addFilter(RequestIdFilter())

    logging.getLogger("tokens.signals").warning("between requests")

    assert caplog.records[-1].request_id == "-"
