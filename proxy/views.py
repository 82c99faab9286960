"""The one proxy mechanism that every WSO2 surface of the middle tier shares.

A surface subclasses `ProxyView` and supplies its route table, its upstream
URL and where its tokens come from; matching, header policy, body checks,
retry after a refresh, error mapping and streaming are all done here.
"""

import logging
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from django.views import View

from core.errors import BadRequest, Forbidden
from core.jsonbody import is_json, parse_json
from wso2.client import get_client
from wso2.errors import UpstreamError

from . import headers

logger = logging.getLogger(__name__)

# Answers up to this size are relayed whole; larger or unsized ones stream.
BUFFER_LIMIT = 256 * 1024
CHUNK_SIZE = 64 * 1024
_ENCODED_SEPARATORS = ("%2f", "%5c", "%2e", "%00")


class ProxyView(View):
    """Forward a request for `<prefix>/<path>` to the matching WSO2 operation."""

    #: Where the surface is mounted, e.g. "/store"; Location headers point here.
    prefix = ""

    def routes(self):
        """Return the `RouteTable` of the configured API version."""
        raise NotImplementedError

    def base_url(self):
        """Return the WSO2 URL that the table's paths are relative to."""
        raise NotImplementedError

    def credentials(self, request, operation):
        """Return the token handle to call with, or None to call anonymously.

        Raise an `ApiError` (401, 403) to refuse the call before WSO2 hears of it.
        """
        raise NotImplementedError

    def extra_headers(self, request, operation, credentials):
        """Return headers of the surface's own to send to WSO2."""
        return {}

    def completed(self, request, operation, status):
        """Note that WSO2 answered `status` (None if it did not answer)."""

    def dispatch(self, request, path=""):
        _refuse_encoded_separators(request)
        operation, params = self.routes().match(request.method, "/" + path)
        credentials = self.credentials(request, operation)
        if operation.scope and operation.scope not in credentials.scopes:
            raise Forbidden(
                f"This needs the {operation.scope} scope, which your login lacks.",
                code="insufficient_scope",
            )

        body = None
        if operation.body:
            parse_json(request, operation.body)
            body = request.body
        outgoing = headers.outgoing(request, body)
        outgoing.update(self.extra_headers(request, operation, credentials))
        call = _Call(
            method=request.method,
            url=self.base_url().rstrip("/") + operation.upstream_path(params),
            params=[
                (name, value)
                for name, values in request.GET.lists()
                if name in operation.query
                for value in values
            ],
            body=body,
            headers=outgoing,
        )

        upstream = None
        try:
            upstream = call.send(credentials)
        finally:
            self.completed(request, operation, upstream and upstream.status_code)
        if upstream.status_code >= 500:
            upstream.close()
            logger.warning("WSO2 answered %s to %s %s", upstream.status_code,
                           request.method, operation.path)
            raise UpstreamError(
                f"WSO2 failed with status {upstream.status_code} on "
                f"{request.method} {operation.path}."
            )
        return self._relay(request, upstream)

    def _relay(self, request, upstream):
        relayed = headers.incoming(upstream)
        location = upstream.headers.get("Location")
        if location:
            relayed["Location"] = self._local_location(request, location)

        if _small(upstream):
            response = HttpResponse(upstream.content, status=upstream.status_code)
        else:
            response = StreamingHttpResponse(
                _chunks(upstream), status=upstream.status_code
            )
        if "Content-Type" not in relayed:
            del response["Content-Type"]
        for name, value in relayed.items():
            response[name] = value
        return response

    def _local_location(self, request, location):
        """Point a Location at WSO2's API to the same resource here."""
        base = self.base_url().rstrip("/")
        if not location.startswith(base + "/"):
            return location
        return request.build_absolute_uri(self.prefix + location[len(base):])


@dataclass(frozen=True, kw_only=True)
class _Call:
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
        return get_client().request(
            self.method,
            self.url,
            params=self.params,
            data=self.body,
            headers=outgoing,
            stream=True,
        )


def _small(upstream):
    """Tell whether an answer is small enough to relay whole.

    Sized answers are judged by their size; unsized JSON is taken to be a
    page of a listing, and anything else unsized (files, SDKs) streams.
    """
    size = upstream.headers.get("Content-Length", "")
    if size.isdigit():
        return int(size) <= BUFFER_LIMIT
    return is_json(upstream.headers.get("Content-Type"))


def _chunks(upstream):
    try:
        yield from upstream.iter_content(CHUNK_SIZE)
    finally:
        upstream.close()


def _refuse_encoded_separators(request):
    """Refuse %2F, %5C, %2E and %00 in the raw path, where the server shows it.

    Servers decode the path before Django sees it; an encoded separator is
    only ever an attempt to reach a resource the route table does not list.
    """
    raw = (request.META.get("RAW_URI") or request.META.get("REQUEST_URI") or "").lower()
    raw_path = raw.split("?", 1)[0]
    if any(marker in raw_path for marker in _ENCODED_SEPARATORS):
        raise BadRequest("The path holds an encoded separator.", code="invalid_path")
