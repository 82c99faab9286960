"""The one HTTP client that every call to WSO2 goes through.

A single `requests.Session` per configuration keeps connections to WSO2 alive
between requests. Every call has a connect and a read timeout, and any failure
becomes one of the `wso2.errors` types with a message an operator can act on.
"""

from functools import lru_cache
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from core import requestid

from .conf import conf
from .errors import UpstreamError, UpstreamTimeout, UpstreamUnreachable

# Only failures to connect are retried: nothing reached WSO2, so even a POST
# is safe to send again. A read error could mean WSO2 acted, so it is not.
# WSO2's Retry-After is the browser's to honour, so it is passed on, not obeyed.
_RETRY = Retry(
    total=2,
    connect=2,
    read=0,
    status=0,
    other=0,
    backoff_factor=0.1,
    respect_retry_after_header=False,
)


class WSO2Client:
    def __init__(self, timeout, verify):
        self.timeout = timeout
        self.session = requests.Session()
        # Proxy and CA settings come from our settings, not from the
        # environment, which requests would otherwise re-read on every call.
        self.session.trust_env = False
        # One session serves every user: a cookie WSO2 sets for one caller
        # must never ride along on the next caller's request.
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        self.session.verify = verify
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=64, max_retries=_RETRY)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def request(self, method, url, *, headers=None, **kwargs):
        """Send one request to WSO2 and return the `requests.Response`.

        Redirects are not followed: a 303 is WSO2's answer to pass on.
        Raise `UpstreamTimeout` or `UpstreamUnreachable` when WSO2 cannot be
        reached in time.
        """
        headers = dict(headers or {})
        headers[requestid.HEADER] = requestid.current()
        try:
            return self.session.request(
                method,
                url,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=False,
                **kwargs,
            )
        except requests.Timeout as exc:
            raise UpstreamTimeout(
                f"WSO2 did not answer {method} {_where(url)} in time."
            ) from exc
        except requests.ConnectionError as exc:
            raise UpstreamUnreachable(
                f"WSO2 could not be reached for {method} {_where(url)}."
            ) from exc
        except requests.RequestException as exc:
            raise UpstreamError(
                f"The call {method} {_where(url)} to WSO2 failed: {type(exc).__name__}."
            ) from exc


def _where(url):
    """Return the URL without its query, which is no business of a log line."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


@lru_cache(maxsize=4)
def _client_for(timeout, verify):
    return WSO2Client(timeout, verify)


def get_client():
    """Return the shared client for the current settings."""
    return _client_for(conf.timeout, conf.verify)
