"""Declarative route tables: which WSO2 operations a surface lets through.

A surface (the Store API, the Admin API) lists its operations as in the
published definition; anything outside its table is refused without a call
to WSO2. Tables are plain data, one per API version, so a new version is a
new table rather than new code.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from core.errors import BadRequest, MethodNotAllowed, NotFound

_PARAMETER = re.compile(r"\{(\w+)\}")
# Refused anywhere in a path, as no WSO2 resource needs them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Refused in a path parameter too: decoded, they could reach another resource.
_SEPARATOR = re.compile(r"[/\\%]")


@dataclass(frozen=True)
class Operation:
    """One operation of a WSO2 REST API.

    `scope` is the OAuth scope it needs, or None when anonymous visitors may
    call it. `query` names the query parameters passed on; `body` is the JSON
    shape it takes ("object" or "array"), or None when it takes no body.
    """

    method: str
    path: str
    scope: str | None = None
    query: tuple = ()
    body: str | None = None
    pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "pattern", _compile(self.path))

    @property
    def anonymous(self):
        return self.scope is None

    def upstream_path(self, params):
        """Return the operation's path with `params` filled in."""
        return _PARAMETER.sub(
            lambda match: quote(params[match.group(1)], safe=""), self.path
        )


class RouteTable:
    def __init__(self, operations):
        self.operations = tuple(operations)

    def __iter__(self):
        return iter(self.operations)

    def __len__(self):
        return len(self.operations)

    def match(self, method, path):
        """Return `(operation, params)` for a request; raise 404, 405 or 400.

        When several templates match, the one with fewer parameters wins, so
        `/applications/generate-keys` is not read as an application id.
        """
        if _CONTROL.search(path):
            raise _invalid_path()
        candidates = []
        for operation in self.operations:
            found = operation.pattern.fullmatch(path)
            if found:
                candidates.append((operation, found.groupdict()))
        if not candidates:
            raise NotFound(f"{path} is not an operation of this API.")

        same_method = [c for c in candidates if c[0].method == method]
        if not same_method:
            allowed = {operation.method for operation, _ in candidates}
            raise MethodNotAllowed(f"{method} is not allowed on {path}.", allowed)
        operation, params = min(same_method, key=lambda c: len(c[1]))
        for value in params.values():
            _check_parameter(value)
        return operation, params


def _compile(template):
    """Return a regex for `template`, each {name} one path segment, "/" optional."""
    template = template.rstrip("/")
    parts, start = [], 0
    for parameter in _PARAMETER.finditer(template):
        parts.append(re.escape(template[start : parameter.start()]))
        parts.append(f"(?P<{parameter.group(1)}>[^/]+)")
        start = parameter.end()
    parts.append(re.escape(template[start:]))
    return re.compile("".join(parts) + "/?")


def _check_parameter(value):
    if value in (".", "..") or _SEPARATOR.search(value):
        raise _invalid_path()


def _invalid_path():
    return BadRequest(
        "The path holds a character or segment it may not hold.", code="invalid_path"
    )
