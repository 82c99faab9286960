"""HTTP plumbing shared by every part of the stand-in.

A WSO2 client notices status codes, headers and JSON shapes, so the pieces
here are small and explicit: a parsed ``Request``, a ``Response`` value,
``ApiError`` to abort a handler with a ready response, a path-template
``Router``, the REST ``Error`` model, ETag helpers as WSO2's ETag interceptor
applies them, and a JSON body checker that answers with the 400 messages of
WSO2's CXF/Jackson stack.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from email.utils import formatdate
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode

JSON_TYPE = "application/json"


@dataclass
class Response:
    """Status, headers and raw body of one answer."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(
        cls, status: int, payload: Any, headers: Iterable[tuple[str, str]] = ()
    ) -> Response:
        body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        return cls(status, body, [("Content-Type", JSON_TYPE), *headers])


class ApiError(Exception):
    """Stops a handler and sends ``response`` instead of a normal answer."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def rest_error(
    status: int,
    description: str,
    message: str | None = None,
    errors: Iterable[Mapping[str, str]] = (),
) -> Response:
    """Build the REST APIs' ``Error`` model, as WSO2's RestApiUtil does."""
    if message is None:
        message = _phrase(status)
    payload = {
        "code": status,
        "message": message,
        "description": description,
        "moreInfo": "",
        "error": [dict(item) for item in errors],
    }
    return Response.json(status, payload)


def _phrase(status: int) -> str:
    if status == 500:
        return "Internal server error"  # WSO2's wording, not the HTTP reason
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # an unusual status chosen for an injected fault
        return "Error"


def bad_request(description: str) -> ApiError:
    return ApiError(rest_error(400, description))


def not_found(resource: str, identifier: str) -> ApiError:
    return ApiError(
        rest_error(404, f"Requested {resource} with Id '{identifier}' not found")
    )


def forbidden(resource: str, identifier: str) -> ApiError:
    return ApiError(
        rest_error(
            403,
            f"You don't have permission to access the {resource} with Id {identifier}",
        )
    )


def conflict(description: str) -> ApiError:
    return ApiError(rest_error(409, description))


@dataclass
class Request:
    """One parsed HTTP request, plus what routing learnt about it."""

    method: str
    path: str
    query: dict[str, str]
    headers: Message
    body: bytes
    origin: str
    base: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def url(self, relative: str) -> str:
        """Absolute URL of ``relative`` under the API base the client used."""
        return f"{self.origin}{self.base}{relative}"

    def form(self) -> dict[str, str]:
        """Decode an ``application/x-www-form-urlencoded`` body."""
        text = self.body.decode("utf-8", errors="replace")
        return {key: values[0] for key, values in parse_qs(text).items()}

    def json(self) -> Any:
        """Decode a JSON body; anything unparsable is WSO2's 'Malformed' 400."""
        content_type = (self.header("Content-Type") or "").split(";")[0].strip()
        if content_type.lower() != JSON_TYPE:
            raise ApiError(rest_error(415, "Unsupported media type"))
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise bad_request("Malformed request body.") from None

    def integer(self, name: str, default: int) -> int:
        """A non-negative integer query parameter such as ``limit``."""
        raw = self.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise bad_request(f"Invalid value '{raw}' for parameter {name}") from None
        if value < 0:
            raise bad_request(f"Parameter {name} must not be negative")
        return value

    def paging(self) -> Paging:
        """The ``limit`` (25 unless given) and ``offset`` of a list request."""
        return Paging(self.integer("limit", 25), self.integer("offset", 0))


def parse_query(raw: str) -> dict[str, str]:
    """First value of each query parameter, blanks kept (``groupId=``)."""
    parsed = parse_qs(raw, keep_blank_values=True)
    return {key: values[0] for key, values in parsed.items()}


Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Route:
    method: str
    base: str
    pattern: re.Pattern[str]
    handler: Handler
    # Literal paths win over templated ones (``generate-keys`` over ``{id}``).
    rank: tuple[int, int]


class Router:
    """Maps method and path to a handler; unknown paths 404, wrong methods 405."""

    def __init__(self) -> None:
        self._routes: list[Route] = []

    def add(self, method: str, base: str, template: str, handler: Handler) -> None:
        template = template.rstrip("/") or "/"
        parts = []
        for segment in (base + template).strip("/").split("/"):
            match = re.fullmatch(r"\{(\w+)\}", segment)
            parts.append(f"(?P<{match[1]}>[^/]+)" if match else re.escape(segment))
        pattern = re.compile("/" + "/".join(parts))
        rank = (template.count("{"), -len(template))
        route = Route(method, base, pattern, handler, rank)
        bisect.insort(self._routes, route, key=lambda item: item.rank)

    def mount(self, base: str, routes: Iterable[tuple[str, str, Handler]]) -> None:
        for method, template, handler in routes:
            self.add(method, base, template, handler)

    def resolve(self, request: Request) -> Handler:
        """Find the handler and fill ``request.base`` and ``request.params``."""
        path = request.path.rstrip("/") or "/"
        method = "GET" if request.method == "HEAD" else request.method
        allowed: list[str] = []
        for route in self._routes:
            match = route.pattern.fullmatch(path)
            if match is None:
                continue
            if route.method != method:
                allowed.append(route.method)
                continue
            request.base = route.base
            request.params = {k: unquote(v) for k, v in match.groupdict().items()}
            return route.handler
        if allowed:
            response = rest_error(405, "The requested method is not supported")
            response.headers.append(("Allow", ", ".join(sorted(set(allowed)))))
            raise ApiError(response)
        raise ApiError(rest_error(404, "The requested resource does not exist"))


def etag(*parts: object) -> str:
    """A quoted MD5 entity tag, as WSO2's ETagGenerator derives from timestamps."""
    digest = hashlib.md5("|".join(map(str, parts)).encode(), usedforsecurity=False)
    return f'"{digest.hexdigest()}"'


def http_date(timestamp: float) -> str:
    return formatdate(timestamp, usegmt=True)


def _tag_matches(header: str, tag: str) -> bool:
    wanted = tag.strip('"')
    for candidate in header.split(","):
        value = candidate.strip().removeprefix("W/").strip('"')
        if value in ("*", wanted):
            return True
    return False


def not_modified(request: Request, tag: str) -> Response | None:
    """The 304 answer when ``If-None-Match`` already names the current version."""
    header = request.header("If-None-Match")
    if header is not None and _tag_matches(header, tag):
        return Response(304, headers=[("ETag", tag)])
    return None


def require_match(request: Request, tag: str) -> None:
    """Fail with 412 when ``If-Match`` is present and names another version."""
    header = request.header("If-Match")
    if header is not None and not _tag_matches(header, tag):
        raise ApiError(
            rest_error(
                412,
                "The request has not been performed because one of the "
                "preconditions is not met",
            )
        )


@dataclass(frozen=True)
class Paging:
    """The ``limit``/``offset`` window of a list request."""

    limit: int
    offset: int

    def listing(
        self,
        path: str,
        items: Sequence[Any],
        render: Callable[[Any], Any] = lambda item: item,
        extra: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """WSO2's paged list body: one page of ``items`` and its neighbours' links."""
        end = self.offset + self.limit
        page = items[self.offset : end]
        following = self._link(path, end, extra) if end < len(items) else ""
        preceding = ""
        if self.offset > 0 and self.limit > 0:
            preceding = self._link(path, max(self.offset - self.limit, 0), extra)
        return {
            "count": len(page),
            "next": following,
            "previous": preceding,
            "list": [render(item) for item in page],
        }

    def _link(self, path: str, start: int, extra: Mapping[str, str] | None) -> str:
        """A relative link in WSO2's style: ``limit`` and ``offset`` first."""
        query = urlencode({"limit": self.limit, "offset": start, **(extra or {})})
        return f"{path}?{query}"


@dataclass(frozen=True)
class Field:
    """One property of a JSON body: its type, whether required, its contents.

    ``variants`` describes a Swagger discriminator: the object's ``type``
    property picks which set of properties applies.
    """

    kind: str
    required: bool = False
    items: Field | None = None
    shape: Mapping[str, Field] | None = None
    variants: Mapping[str, Mapping[str, Field]] | None = None
    enum: tuple[str, ...] = ()


Shape = Mapping[str, Field]


def check_body(value: Any, shape: Shape) -> dict[str, Any]:
    """Validate a decoded JSON object against ``shape`` as WSO2 would.

    Unknown properties give "Unrecognized property 'x'", wrong types give
    "Malformed request body." and missing required properties give the bean
    validation error with one list item per missing property.
    """
    return _check_object(value, shape, "")


def _check_object(value: Any, shape: Shape, prefix: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad_request("Malformed request body.")
    for key in value:
        if key not in shape:
            raise bad_request(f"Unrecognized property '{key}'")
    missing = [
        prefix + name
        for name, spec in shape.items()
        if spec.required and value.get(name) is None
    ]
    if missing:
        raise ApiError(
            rest_error(
                400,
                "Validation Error",
                errors=[
                    {"code": f"400_{name}", "message": f"{name}: may not be null"}
                    for name in missing
                ],
            )
        )
    return {
        name: _check_value(item, shape[name], f"{prefix}{name}.")
        for name, item in value.items()
        if item is not None
    }


def _check_value(value: Any, spec: Field, prefix: str) -> Any:
    if spec.kind == "string":
        # Jackson reads a number given for a text property as its text.
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise bad_request("Malformed request body.")
        value = str(value)
        if spec.enum and value not in spec.enum:
            raise bad_request(
                f"Invalid value '{value}' for {prefix.rstrip('.')}; expected one "
                f"of {', '.join(spec.enum)}"
            )
        return value
    if spec.kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request("Malformed request body.")
        return value
    if spec.kind == "boolean":
        if not isinstance(value, bool):
            raise bad_request("Malformed request body.")
        return value
    if spec.kind == "array":
        if not isinstance(value, list) or spec.items is None:
            raise bad_request("Malformed request body.")
        return [_check_value(item, spec.items, prefix) for item in value]
    if spec.variants is not None:
        kind = value.get("type") if isinstance(value, dict) else None
        if kind not in spec.variants:
            raise bad_request(
                f"Invalid value '{kind}' for {prefix}type; expected one of "
                f"{', '.join(spec.variants)}"
            )
        return _check_object(value, spec.variants[kind], prefix)
    return _check_object(value, spec.shape or {}, prefix)
