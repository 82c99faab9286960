"""The one error shape every answer of the middle tier uses.

Errors are raised as `ApiError` subclasses wherever they are found and turned
into `{"error": "<code>", "message": "<sentence>"}` in one place
(`core.middleware.JsonErrorMiddleware`).
"""

from django.http import JsonResponse


def json_error(status, code, message, headers=None):
    """Return the JSON error response every failure of the middle tier uses."""
    return JsonResponse(
        {"error": code, "message": message}, status=status, headers=headers
    )


class ApiError(Exception):
    """An error a browser should see as JSON with `status`.

    Subclasses set `status` and `code`; the message is a sentence for people
    and must never contain a secret.
    """

    status = 500
    code = "internal_error"

    def __init__(self, message, *, status=None, code=None, headers=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
        self.headers = headers or {}

    def response(self):
        return json_error(self.status, self.code, self.message, self.headers)


class BadRequest(ApiError):
    status = 400
    code = "invalid_request"


class NotAuthenticated(ApiError):
    status = 401
    code = "not_authenticated"


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class NotFound(ApiError):
    status = 404
    code = "not_found"


class MethodNotAllowed(ApiError):
    status = 405
    code = "method_not_allowed"

    def __init__(self, message, allowed):
        super().__init__(message, headers={"Allow": ", ".join(sorted(allowed))})


class LengthRequired(ApiError):
    status = 411
    code = "length_required"


class PayloadTooLarge(ApiError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"
