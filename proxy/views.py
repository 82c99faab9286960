"""The one proxy mechanism that every WSO2 surface of the middle tier shares.

A surface subclasses `ProxyView` and supplies its route table, its upstream
URL and where its tokens come from; matching, header policy, body checks,
retry after a refresh, error mapping and streaming are all done here.
"""

import logging
from urllib.parse import urljoin

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import re_path
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import View

from core.errors import BadRequest, Forbidden
from core.jsonbody import is_json, parse_json
from wso2.errors import UpstreamError

from . import headers
from .calls import Call, chunks, read_whole

logger = logging.getLogger(__name__)

# Answers up to this size are relayed whole; larger or unsized ones stream.
BUFFER_LIMIT = 256 * 1024
# Statuses whose answers never have a body.
BODILESS = (204, 304)
_ENCODED_SEPARATORS = ("%2f", "%5c", "%2e", "%00")


class ProxyView(View):
    """Forward a request for `<prefix>/<path>` to the matching WSO2 operation."""

    #: Where the surface is mounted, e.g. "/store"; Location headers point here.
    prefix = ""
    #: Why a call is refused when the token lacks the operation's `{scope}`.
    missing_scope = "This needs the {scope} scope, which your login lacks."

    @classmethod
    def url(cls, name):
        """Return the URL pattern that sends every path below the mount here.

        Newlines included, so that the view refuses a bad path with a JSON
        400 instead of the resolver with a 404.
        """
        return re_path(r"^(?P<path>(?s:.+))\Z", cls.as_view(), name=name)

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
                self.missing_scope.format(scope=operation.scope),
                code="insufficient_scope",
            )

        body = None
        if operation.body:
            parse_json(request, operation.body)
            body = request.body
        outgoing = headers.outgoing(request, body)
        outgoing.update(self.extra_headers(request, operation, credentials))
        call = Call(
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
            # Not `upstream and ...`: a requests.Response is falsy for 4xx and 5xx.
            status = None if upstream is None else upstream.status_code
            self.completed(request, operation, status)
        if upstream.status_code >= 500:
            upstream.close()
            logger.warning(
                "WSO2 answered %s to %s %s",
                upstream.status_code,
                request.method,
                operation.path,
            )
            raise UpstreamError(
                f"WSO2 failed with status {upstream.status_code} on "
                f"{request.method} {operation.path}."
            )
        return self._relay(request, upstream, private=credentials is not None)

    def _relay(self, request, upstream, private):
        relayed = headers.incoming(upstream)
        location = upstream.headers.get("Location")
        if location:
            relayed["Location"] = self._local_location(request, upstream, location)

        if upstream.status_code in BODILESS:
            upstream.close()
            response = HttpResponse(status=upstream.status_code)
        elif _small(upstream):
            response = HttpResponse(read_whole(upstream), status=upstream.status_code)
        else:
            response = StreamingHttpResponse(
                chunks(upstream), status=upstream.status_code
            )
            relayed.update(headers.streamed_length(upstream))
        if "Content-Type" not in relayed:
            del response["Content-Type"]
        for name, value in relayed.items():
            response[name] = value

        # The same URL answers differently per session, and a subscriber's
        # answers are theirs alone: no shared cache may hand them to another.
        patch_vary_headers(response, ("Cookie",))
        if private:
            patch_cache_control(response, private=True)
        return response

    def _local_location(self, request, upstream, location):
        """Point a Location at WSO2's API to the same resource here."""
        base = self.base_url().rstrip("/")
        absolute = urljoin(upstream.url, location)
        if not absolute.startswith(base + "/"):
            return location
        return request.build_absolute_uri(self.prefix + absolute[len(base) :])


def _small(upstream):
    """Tell whether an answer is small enough to relay whole.

    Sized answers are judged by their size; unsized JSON is taken to be a
    page of a listing, and anything else unsized (files, SDKs) streams.
    """
    size = upstream.headers.get("Content-Length", "")
    if size.isdigit():
        return int(size) <= BUFFER_LIMIT
    return is_json(upstream.headers.get("Content-Type"))


def _refuse_encoded_separators(request):
    """Refuse %2F, %5C, %2E and %00 in the raw path, where the server shows it.

    Servers decode the path before Django sees it; an encoded separator is
    only ever an attempt to reach a resource the route table does not list.
    """
    raw = (request.META.get("RAW_URI") or request.META.get("REQUEST_URI") or "").lower()
    raw_path = raw.split("?", 1)[0]
    if any(marker in raw_path for marker in _ENCODED_SEPARATORS):
        raise BadRequest("The path holds an encoded separator.", code="invalid_path")
