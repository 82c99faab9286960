"""One call to WSO2 on a browser's behalf: sent, retried after a refresh, read.

A body is read after the status line has arrived, so WSO2 can still stall or
break off while sending it; that is an upstream failure (504 or 502) like
any other, never a 500.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from wso2.client import get_client
from wso2.errors import UpstreamError, UpstreamTimeout

from . import headers

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True, kw_only=True)
class Call:
    """One request to WSO2, which can be sent again with a renewed token."""

    method: str
    url: str
    params: list
    body: bytes | None
    headers: dict

    def send(self, credentials):
        """Send the call; after a token rejection, renew once and retry."""
        if credentials is None:
            return self._send(None)

        token = credentials.access_token()
        upstream = self._send(token)
        if not headers.rejects_token(upstream):
            return upstream

        upstream.close()
        upstream = self._send(credentials.renew(token))
        if headers.rejects_token(upstream):
            upstream.close()
            credentials.give_up()
        return upstream

    def _send(self, token):
        outgoing = dict(self.headers)
        if token:
            outgoing["Authorization"] = f"Bearer {token}"
        upstream = get_client().request(
            self.method,
            self.url,
            params=self.params,
            data=self.body,
            headers=outgoing,
            stream=True,
        )
        if upstream.status_code == 401:
            # Whether to refresh depends on the body, so it is read here,
            # where a broken-off answer still becomes a clean error.
            read_whole(upstream)
        return upstream


def read_whole(upstream):
    """Return the whole body of `upstream`; raise 504 or 502 if it breaks off."""
    try:
        return upstream.content
    except requests.RequestException as exc:
        upstream.close()
        raise _broken_off(upstream, exc) from exc


def chunks(upstream):
    """Yield the body of `upstream` piece by piece and close it at the end.

    A break-off is raised on, after a log line: the browser has the status
    already, and only an aborted connection tells it the file is incomplete.
    """
    try:
        yield from upstream.iter_content(CHUNK_SIZE)
    except requests.RequestException as exc:
        logger.warning("%s", _broken_off(upstream, exc).message)
        raise
    finally:
        upstream.close()


def _broken_off(upstream, exc):
    where = f"{upstream.request.method} {urlsplit(upstream.url).path}"
    if any(isinstance(arg, Urllib3Timeout) for arg in exc.args):
        return UpstreamTimeout(f"WSO2 stopped sending its answer to {where}.")
    return UpstreamError(f"WSO2's answer to {where} broke off.")
