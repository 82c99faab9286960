"""What can go wrong between the middle tier and WSO2.

Each error maps to the status a browser sees: WSO2 unreachable or failing is
a 502, too slow is a 504. Messages name the endpoint, never a credential.
"""

from core.errors import ApiError


class UpstreamError(ApiError):
    """WSO2 answered, but not usefully (a 5xx, or an unexpected reply)."""

    status = 502
    code = "upstream_error"


class UpstreamUnreachable(UpstreamError):
    code = "upstream_unreachable"


class UpstreamTimeout(UpstreamError):
    status = 504
    code = "upstream_timeout"
