"""Encryption of tokens at rest.

TOKEN_ENCRYPTION_KEYS lists Fernet keys newest first: the first encrypts, all
of them decrypt, so a new key can be put in front and the rows re-encrypted
later with `manage.py rotate_token_keys`.
"""

import hashlib
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from core.errors import ApiError

logger = logging.getLogger(__name__)


class UnreadableToken(ApiError):
    status = 503
    code = "token_store_unreadable"


def invalid_key_positions(keys):
    """Return the 1-based positions of the keys that are not Fernet keys."""
    positions = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            positions.append(position)
    return positions


@lru_cache(maxsize=4)
def _cipher_for(keys):
    return MultiFernet([Fernet(key) for key in keys])


def _cipher():
    return _cipher_for(tuple(settings.TOKEN_ENCRYPTION_KEYS))


def encrypt(plaintext):
    return _cipher().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext):
    """Return the plaintext; raise `UnreadableToken` if no key opens it."""
    try:
        return _cipher().decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise _unreadable() from None


def reencrypt(ciphertext):
    """Return `ciphertext` encrypted again with the newest key.

    Raise `UnreadableToken` if no key opens it.
    """
    try:
        return _cipher().rotate(ciphertext.encode()).decode()
    except InvalidToken:
        raise _unreadable() from None


def _unreadable():
    logger.error("A stored token cannot be decrypted with TOKEN_ENCRYPTION_KEYS.")
    return UnreadableToken(
        "Stored tokens cannot be decrypted with the configured keys."
    )


def fingerprint(token):
    """Return a short, non-reversible name for a token, safe to show to admins."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]
