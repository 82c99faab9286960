import logging

from wso2 import oauth
from wso2.errors import UpstreamError

from .crypto import UnreadableToken

logger = logging.getLogger(__name__)


def revoke_and_delete(rows):
    """Revoke each row's tokens at WSO2, then delete the rows; return the count.

    A row is deleted even when WSO2 cannot be told: the tokens then die at
    their expiry, and keeping them would keep a user logged in against
    their will.
    """
    count = 0
    for row in rows:
        try:
            for token in (row.access_token, row.refresh_token):
                if token:
                    oauth.revoke(token)
        except (UpstreamError, UnreadableToken) as exc:
            logger.warning("Could not revoke token %s: %s", row.fingerprint, exc)
        else:
            logger.info("Revoked token %s", row.fingerprint)
        row.delete()
        count += 1
    return count
