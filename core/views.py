"""Views that answer for the whole project: health and JSON error pages."""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse

from .decorators import allow_methods
from .errors import json_error
from .middleware import too_large


@allow_methods("GET")
def healthz(request):
    """Say the process is up, without asking the database or WSO2."""
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    return json_error(
        403,
        "csrf_failed",
        "The CSRF check failed: send the token from GET /auth/csrf in the "
        "X-CSRFToken header, with the cookies it set.",
    )


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return too_large().response()
    return json_error(400, "bad_request", "The request could not be understood.")


def permission_denied(request, exception=None):
    return json_error(403, "forbidden", "You may not do this.")


def page_not_found(request, exception=None):
    return json_error(404, "not_found", "There is nothing at this address.")


def server_error(request):
    return json_error(
        500,
        "internal_error",
        "The middle tier failed; the request id in X-Request-ID finds it in the logs.",
    )
