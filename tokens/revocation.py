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
        if _revoke(row, "access") & _revoke(row, "refresh"):
            logger.info("Revoked token %s", row.fingerprint)
        row.delete()
        count += 1
    return count


def _revoke(row, which):
    """Revoke one of `row`'s tokens; tell whether WSO2 confirmed it."""
    try:
        token = getattr(row, f"{which}_token")
        if token:
            oauth.revoke(token)
    except (UpstreamError, UnreadableToken) as exc:
        logger.warning(
            "Could not revoke the %s token of %s: %s", which, row.fingerprint, exc
        )
        return False
    return True
