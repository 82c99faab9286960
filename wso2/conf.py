"""Typed access to the settings of the WSO2 client.

Properties read `django.conf.settings` on each access, so `override_settings`
works in tests; parsing is cached per raw value, so it happens once.
"""

from functools import lru_cache

from django.conf import settings

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


@lru_cache(maxsize=8)
def parse_timeout(raw):
    """Return `(connect, read)` seconds from "5" or "3.05,30"; raise ValueError."""
    parts = [float(part) for part in str(raw).split(",")]
    if len(parts) == 1:
        parts *= 2
    if len(parts) != 2 or min(parts) <= 0:
        raise ValueError(raw)
    return tuple(parts)


def parse_verify(raw):
    """Return True, False or the CA bundle path that WSO2_VERIFY_TLS names."""
    word = str(raw).strip()
    if word.lower() in TRUE_WORDS:
        return True
    if word.lower() in FALSE_WORDS:
        return False
    return word


class Conf:
    @property
    def token_url(self):
        return settings.WSO2_TOKEN_URL

    @property
    def revoke_url(self):
        return settings.WSO2_REVOKE_URL

    @property
    def dcr_url(self):
        return settings.WSO2_DCR_URL

    @property
    def client_credentials(self):
        return (settings.WSO2_CLIENT_ID, settings.WSO2_CLIENT_SECRET)

    @property
    def timeout(self):
        return parse_timeout(settings.WSO2_TIMEOUT)

    @property
    def verify(self):
        return parse_verify(settings.WSO2_VERIFY_TLS)

    @property
    def refresh_token_lifetime(self):
        return settings.WSO2_REFRESH_TOKEN_LIFETIME


conf = Conf()
