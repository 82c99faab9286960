"""Usable access tokens for whoever a call is made on behalf of.

A handle wraps one stored row and gives the proxy what it needs: the granted
scopes, an access token that is refreshed shortly before it expires, a
renewal after WSO2 rejected the token, and a way to give up. Subclasses say
how to get a new grant and what giving up means for their owner.
"""

import logging

from django.contrib.auth import logout

from core.errors import ApiError
from wso2 import oauth

from .lookup import session_token
from .models import StoredToken
from .refresh import TokensGone, refresh

logger = logging.getLogger(__name__)


class SessionExpired(ApiError):
    status = 401
    code = "session_expired"


class TokenHandle:
    def __init__(self, row):
        self.row = row

    @property
    def scopes(self):
        return self.row.scope_set

    def access_token(self):
        """Return an access token that is not about to expire."""
        if self.row.needs_refresh():
            self._refresh()
        return self.row.access_token

    def renew(self, rejected_token):
        """Return a token to use instead of `rejected_token`, which WSO2 refused."""
        if self.row.access_token == rejected_token:
            self._refresh()
        return self.row.access_token

    def give_up(self):
        """Drop the tokens after WSO2 refused even a fresh one; always raise."""
        raise NotImplementedError

    def new_grant(self, row):
        """Ask WSO2 for the grant that replaces `row`'s tokens."""
        raise NotImplementedError

    def _refresh(self):
        try:
            self.row = refresh(self.row, self.new_grant)
        except (oauth.InvalidGrant, TokensGone):
            self.give_up()


class SubscriberTokens(TokenHandle):
    """The tokens of a logged-in subscriber's session."""

    def __init__(self, row, request):
        super().__init__(row)
        self.request = request

    @classmethod
    def for_request(cls, request):
        """Return the handle of the request's session, or None when it has none."""
        session_key = request.session.session_key
        if not session_key:
            return None
        row = session_token(session_key)
        return cls(row, request) if row else None

    def new_grant(self, row):
        return oauth.refresh_grant(row.refresh_token, row.scopes.split())

    def give_up(self):
        StoredToken.objects.filter(pk=self.row.pk).delete()
        logout(self.request)
        logger.info("Session ended: WSO2 no longer accepts its tokens")
        raise SessionExpired("Your session has expired; please log in again.")
