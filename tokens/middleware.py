from functools import cache

from .handles import SubscriberTokens


class SessionTokenMiddleware:
    """Offer views the WSO2 tokens of the request's session.

    `request.session_tokens()` returns a `SubscriberTokens` handle, or None for
    a visitor who is not logged in. The row is read on the first call only,
    with the session's validity checked in the same query, and the handle
    refreshes the access token shortly before it expires.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.session_tokens = cache(lambda: SubscriberTokens.for_request(request))
        return self.get_response(request)
