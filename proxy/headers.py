"""Which headers cross the middle tier, in each direction.

Only what WSO2 needs goes out: never the browser's cookies, Authorization,
Host or X-Forwarded-* headers. Only what a front end can use comes back.
"""

import json
import re

REQUEST_HEADERS = (
    "Accept",
    "If-None-Match",
    "If-Match",
    "If-Modified-Since",
    "If-Unmodified-Since",
)
RESPONSE_HEADERS = (
    "Content-Type",
    "ETag",
    "Last-Modified",
    "Content-Disposition",
    "Retry-After",
)
TENANT_HEADER = "X-WSO2-Tenant"

# Gateway fault codes that mean "this access token is no good" (NOTES §9b).
TOKEN_FAULTS = range(900901, 900906)
_XML_FAULT_CODE = re.compile(rb"<ams:code>\s*(\d+)\s*</ams:code>")


def outgoing(request, body):
    """Return the browser's headers that may be passed on to WSO2."""
    headers = {
        name: request.headers[name]
        for name in REQUEST_HEADERS
        if name in request.headers
    }
    if body is not None:
        headers["Content-Type"] = request.content_type
    return headers


def incoming(upstream):
    """Return WSO2's response headers that may be passed on to the browser."""
    return {
        name: upstream.headers[name]
        for name in RESPONSE_HEADERS
        if name in upstream.headers
    }


def streamed_length(upstream):
    """Return the Content-Length to send with a streamed answer, if it has one.

    Only a body that arrives as WSO2 sent it keeps its length: requests
    decodes a gzip or deflate body on the way, which changes it.
    """
    size = upstream.headers.get("Content-Length", "")
    encoding = upstream.headers.get("Content-Encoding", "identity").lower()
    if size.isdigit() and encoding == "identity":
        return {"Content-Length": size}
    return {}


def rejects_token(upstream):
    """Tell whether a WSO2 answer means the bearer token was not accepted.

    Both shapes count: the REST API's 401 error model, and the gateway's
    fault with a code for an invalid, expired or inactive token. A 401 for
    another reason (API blocked, subscription inactive) is WSO2's to tell.
    """
    if upstream.status_code != 401:
        return False
    code = _fault_code(upstream.content)
    return code is None or code in TOKEN_FAULTS


def _fault_code(content):
    try:
        body = json.loads(content)
    except ValueError:
        found = _XML_FAULT_CODE.search(content)
        return int(found.group(1)) if found else None
    fault = body.get("fault") if isinstance(body, dict) else None
    if isinstance(fault, dict):
        try:
            return int(fault.get("code"))
        except (TypeError, ValueError):
            return None
    return None
