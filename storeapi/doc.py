"""Write the reference of the /store surface: `python -m storeapi.doc`.

The output is docs/store-api.md; a test fails when the two part ways.
"""

import sys

from proxy.doc import markdown_table
from proxy.headers import REQUEST_HEADERS, RESPONSE_HEADERS, TENANT_HEADER

from .routes.v0_11 import ROUTES


def _names(headers):
    return ", ".join(f"`{name}`" for name in headers)


def render():
    return f"""# The `/store` surface

The middle tier offers every operation of the WSO2 Store REST API v0.11, and
v0.12's `POST /applications/regenerate-consumersecret` (a WSO2 that lacks it
answers with its own 404 or 405), under `/store`: `/store/<path>` calls
`WSO2_STORE_API_URL/<path>` on the browser's behalf.
This file is generated from `storeapi/routes/v0_11.py` by
`python -m storeapi.doc > docs/store-api.md`.

- A path or method that is not in the table below is answered with a JSON
  404, or 405 with `Allow`, and WSO2 is not called. A path parameter holding
  `..`, `.`, a slash, a backslash, `%` or a control character, and an encoded
  separator in the raw path, are answered 400 `invalid_path`.
- **anonymous** operations work without logging in and then carry
  `{TENANT_HEADER}: <WSO2_TENANT_DOMAIN>` when a tenant is configured; for a
  logged-in user they carry the user's token instead. The other operations
  need a session (else 401 `not_authenticated`) whose token has the scope
  shown (else 403 `insufficient_scope`).
- Query parameters not listed for an operation are dropped. A body must be
  JSON (else 415) of the shape shown (else 400); other operations send none.
- WSO2 gets the bearer token, `X-Request-ID`, `Content-Type` with a body, and
  these headers of the browser's: {_names(REQUEST_HEADERS)}.
  Never the browser's cookies, `Authorization`, `Host` or `X-Forwarded-*`.
- The browser gets the status and these headers of WSO2's:
  {_names(RESPONSE_HEADERS)}.
  A `Location` that names a Store API resource is pointed at `/store`.
- WSO2's own 4xx answers, 304 and 303 come back as WSO2 sent them. A token
  WSO2 rejects is refreshed once and the call retried; a second rejection
  ends the session (401 `session_expired`). WSO2 failing is a 502, too slow
  a 504. Large and unsized binary answers stream.

{markdown_table(ROUTES, "/store")}"""


if __name__ == "__main__":
    sys.stdout.write(render())
