"""System checks for the token store. Ids: tokens.E001, tokens.E002."""

from django.conf import settings
from django.core.checks import Error, register

from .crypto import invalid_key_positions

GENERATE = (
    'python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"'
)


@register()
def check_encryption_keys(app_configs=None, **kwargs):
    keys = settings.TOKEN_ENCRYPTION_KEYS
    if not keys:
        return [
            Error(
                "TOKEN_ENCRYPTION_KEYS is not set.",
                hint=f"Generate a key with {GENERATE} and set TOKEN_ENCRYPTION_KEYS.",
                id="tokens.E001",
            )
        ]
    return [
        Error(
            f"Key {position} of TOKEN_ENCRYPTION_KEYS is not a Fernet key.",
            hint=f"Each key is 32 url-safe base64 bytes; generate one with {GENERATE}.",
            id="tokens.E002",
        )
        for position in invalid_key_positions(keys)
    ]
