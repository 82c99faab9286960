"""The login contract of the front end: /auth/csrf, login, session, logout."""

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.csrf import ensure_csrf_cookie

from core.decorators import allow_methods
from core.errors import BadRequest, NotAuthenticated, json_error
from core.jsonbody import parse_json

from .backends import username_limit

MAX_PASSWORD_LENGTH = 256


class InvalidCredentials(NotAuthenticated):
    code = "invalid_credentials"


@allow_methods("GET")
@ensure_csrf_cookie
def csrf(request):
    """Hand out the CSRF token, which a page on another origin cannot read."""
    return JsonResponse({"csrfToken": get_token(request)})


@allow_methods("POST")
def login_view(request):
    username, password = _credentials(request)
    if request.user.is_authenticated:
        # Logging in again replaces the old tokens; revoke them first.
        logout(request)
    user = authenticate(request, username=username, password=password, wso2_login=True)
    if user is None or not hasattr(user, "wso2_grant"):
        raise InvalidCredentials("The username or password is not correct.")
    login(request, user, backend="tokens.backends.WSO2PasswordBackend")
    return JsonResponse(
        {"username": user.get_username(), "scopes": list(user.wso2_grant.scopes)}
    )


@allow_methods("GET")
def session_view(request):
    tokens = request.session_tokens()
    if tokens is None:
        raise NotAuthenticated("You are not logged in.")
    return JsonResponse(
        {"username": tokens.row.user.get_username(), "scopes": sorted(tokens.scopes)}
    )


@allow_methods("POST")
def logout_view(request):
    logout(request)
    return HttpResponse(status=204)


def lockout_response(request, response, credentials):
    """Answer a locked-out login with 429 JSON and when to try again."""
    seconds = int(get_cool_off(request).total_seconds())
    return json_error(
        429,
        "too_many_attempts",
        "Too many failed logins; try again later.",
        headers={"Retry-After": str(seconds)},
    )


def _credentials(request):
    body = parse_json(request)
    username, password = body.get("username"), body.get("password")
    limits = (
        ("username", username, username_limit()),
        ("password", password, MAX_PASSWORD_LENGTH),
    )
    for name, value, limit in limits:
        if not isinstance(value, str) or not value:
            raise BadRequest(f"'{name}' must be a non-empty string.")
        if len(value) > limit:
            raise BadRequest(f"'{name}' is longer than {limit} characters.")
    return username, password
