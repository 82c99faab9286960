"""Middleware that every request passes through, whatever it asks for."""

import logging

from django.conf import settings

from . import requestid
from .errors import ApiError, LengthRequired, PayloadTooLarge

logger = logging.getLogger(__name__)


class RequestIdMiddleware:
    """Give each request an id, in the logs and in the `X-Request-ID` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = requestid.accept_or_create(
            request.headers.get(requestid.HEADER)
        )
        token = requestid.bind(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            requestid.unbind(token)
        response[requestid.HEADER] = request.request_id
        return response


class JsonErrorMiddleware:
    """Refuse oversized and unsized bodies up front; turn `ApiError`s into JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_chunked(request):
            # Django reads a body without Content-Length as empty, which
            # would turn a valid request into a puzzling "not valid JSON".
            return LengthRequired("Send the body with a Content-Length.").response()
        if _declared_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return too_large().response()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApiError):
            if exception.status >= 500:
                logger.warning(
                    "%s %s failed: %s", request.method, request.path, exception.message
                )
            return exception.response()
        return None


def too_large():
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return PayloadTooLarge(f"The request body is larger than {limit} bytes.")


def _is_chunked(request):
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
