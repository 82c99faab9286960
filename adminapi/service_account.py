"""The middle tier's own WSO2 admin login, kept in the encrypted token store.

The service account logs in with the password grant (WSO2_ADMIN_USERNAME and
WSO2_ADMIN_PASSWORD, read from the settings and never stored) and is then kept
alive with the refresh-token grant. Its one row goes through the same
single-flight refresh as a subscriber's, so however many requests or worker
processes find it due, WSO2 sees one grant.
"""

import logging

from django.conf import settings
from django.utils import timezone

from core.errors import ApiError
from tokens.backends import qualified_username
from tokens.handles import TokenHandle
from tokens.models import StoredToken
from wso2 import oauth

logger = logging.getLogger(__name__)


class ServiceAccountUnavailable(ApiError):
    status = 503
    code = "service_account_unavailable"


class ServiceAccount(TokenHandle):
    """The handle of the service account's one row in the token store."""

    @classmethod
    def current(cls):
        """Return the handle holding a usable access token.

        Log in or refresh first when the row is new or due; raise
        `ServiceAccountUnavailable` when WSO2 will not let the account in, or
        the `UpstreamError` of a WSO2 outage.
        """
        account = cls(_service_row())
        account.access_token()
        return account

    def new_grant(self, row):
        """Refresh the row's tokens, or log in again when WSO2 refuses that."""
        if row.refresh_token_ciphertext:
            try:
                return oauth.refresh_grant(row.refresh_token, row.scopes.split())
            except oauth.InvalidGrant:
                logger.info(
                    "WSO2 refused the service account's refresh token; logging in again"
                )
        return _log_in()

    def give_up(self):
        """Drop the row, so that the next call starts with a fresh login."""
        StoredToken.objects.filter(pk=self.row.pk).delete()
        raise unavailable("WSO2 did not accept its tokens, even renewed ones")


def unavailable(reason):
    """Log why the service account cannot be used; return the error to raise."""
    logger.error("The WSO2 service account is unavailable: %s", reason)
    return ServiceAccountUnavailable(
        f"The middle tier's WSO2 service account is unavailable: {reason}."
    )


def _service_row():
    """Return the service account's row, creating an empty one that is due.

    The empty row makes even the first login go through `tokens.refresh`: the
    unique constraint lets only one row exist, and its claim lets only one
    request log in while the others wait for the result.
    """
    now = timezone.now()
    row, _ = StoredToken.objects.get_or_create(
        kind=StoredToken.Kind.SERVICE,
        defaults={"expires_at": now, "refresh_expires_at": now},
    )
    return row


def _log_in():
    username = settings.WSO2_ADMIN_USERNAME
    password = settings.WSO2_ADMIN_PASSWORD
    if not (username and password):
        raise unavailable("WSO2_ADMIN_USERNAME and WSO2_ADMIN_PASSWORD are not set")

    username = qualified_username(username)
    try:
        grant = oauth.password_grant(username, password, settings.WSO2_ADMIN_SCOPES)
    except oauth.InvalidGrant:
        raise unavailable("WSO2 refused its username or password") from None
    except oauth.TokenEndpointError as exc:
        raise unavailable(exc.message) from None
    logger.info(
        "The service account %s logged in at WSO2 with scopes %s",
        username,
        " ".join(grant.scopes),
    )
    return grant
