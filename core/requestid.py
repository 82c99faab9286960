"""The id of the request being served, for logs and for calls to WSO2."""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"

# An incoming id is kept only if it is short and plain, so that a hostile
# header cannot forge log lines or smuggle data to WSO2.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current = ContextVar("request_id", default="-")


def accept_or_create(incoming):
    """Return the caller's id when it is acceptable, else a new one."""
    if incoming and _ACCEPTABLE.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def current():
    return _current.get()


def bind(request_id):
    """Make `request_id` current; return the token that `unbind` takes."""
    return _current.set(request_id)


def unbind(token):
    _current.reset(token)
