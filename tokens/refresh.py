"""Single-flight token refresh, across threads and worker processes.

WSO2 rotates refresh tokens: the first refresh grant with a token succeeds and
any later one with the same token fails, which would end the session. So when
several requests find the same row due, exactly one of them claims it with a
conditional UPDATE (which every database serialises) and asks WSO2; the
others poll the row until its version moves on, then use what it holds. No
database lock is held while WSO2 is being asked.
"""

import logging
import time
from datetime import timedelta

from django.utils import timezone

from core.errors import ApiError
from wso2.conf import conf
from wso2.oauth import InvalidGrant

from .models import StoredToken

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.05


class TokensGone(Exception):
    """The row was deleted (logout, cleanup) while it was being used."""


class RefreshBusy(ApiError):
    status = 503
    code = "refresh_in_progress"


def refresh(token, renew):
    """Renew `token` once for everyone and return the row as it now stands.

    `renew(token)` asks WSO2 for a new `Grant`. If `token` is stale (someone
    refreshed it since it was read) the newer row is returned without a grant.
    Raise `InvalidGrant` (after deleting the row) when WSO2 refuses for good,
    `TokensGone` when the row disappeared, and pass on WSO2 outages with the
    row kept as it was.
    """
    deadline = time.monotonic() + _lease_seconds() + 1
    while True:
        if _claim(token):
            return _renew_claimed(token, renew)
        current = StoredToken.objects.filter(pk=token.pk).first()
        if current is None:
            raise TokensGone()
        if current.version != token.version:
            return current
        if time.monotonic() >= deadline:
            raise RefreshBusy("Another request is still refreshing the WSO2 tokens.")
        time.sleep(POLL_SECONDS)


def _lease_seconds():
    """Return how long a claim lasts: longer than any grant request can take."""
    return sum(conf.timeout) + 5


def _claim(token):
    now = timezone.now()
    claimed = (
        StoredToken.objects.filter(pk=token.pk, version=token.version)
        .exclude(refreshing_until__gt=now)
        .update(refreshing_until=now + timedelta(seconds=_lease_seconds()))
    )
    return claimed == 1


def _renew_claimed(token, renew):
    claimed = StoredToken.objects.filter(pk=token.pk, version=token.version)
    try:
        grant = renew(token)
    except InvalidGrant:
        claimed.delete()
        logger.info(
            "WSO2 refused to refresh token %s; it was deleted", token.fingerprint
        )
        raise
    except BaseException:
        claimed.update(refreshing_until=None)
        raise

    token.take(grant)
    token.version += 1
    token.refreshing_until = None
    token.refreshed_at = timezone.now()
    saved = claimed.update(
        access_token_ciphertext=token.access_token_ciphertext,
        refresh_token_ciphertext=token.refresh_token_ciphertext,
        fingerprint=token.fingerprint,
        scopes=token.scopes,
        expires_at=token.expires_at,
        refresh_expires_at=token.refresh_expires_at,
        version=token.version,
        refreshing_until=None,
        refreshed_at=token.refreshed_at,
    )
    if not saved:
        raise TokensGone()
    logger.info("Refreshed WSO2 tokens, now %s", token.fingerprint)
    return token
