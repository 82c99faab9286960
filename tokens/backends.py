"""The WSO2 password grant as a Django authentication backend.

Going through `django.contrib.auth.authenticate` lets Django's own login
machinery apply: session-key cycling, the login signals, and the lockout that
django-axes keeps on failed attempts.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from wso2 import oauth

logger = logging.getLogger(__name__)


def qualified_username(username):
    """Return `username` with the configured tenant appended when it has none."""
    tenant = settings.WSO2_TENANT_DOMAIN
    if tenant and not username.endswith(f"@{tenant}"):
        return f"{username}@{tenant}"
    return username


def username_limit():
    """Return the longest username the user model can hold."""
    model = get_user_model()
    return model._meta.get_field(model.USERNAME_FIELD).max_length


def may_log_in(username):
    """Tell whether `username` is new or a subscriber that an earlier login made.

    A local account (one with a usable password, such as a superuser) is for
    the Django admin only, and an account an admin deactivated stays out.
    """
    user = get_user_model().objects.filter(username=username).first()
    return user is None or (user.is_active and not user.has_usable_password())


class WSO2PasswordBackend(BaseBackend):
    def authenticate(
        self, request, username=None, password=None, wso2_login=False, **kwargs
    ):
        """Return the user WSO2 accepts, carrying its grant as `wso2_grant`.

        Act only for the store's login (`wso2_login=True`), so that a Django
        admin login never sends a local password to WSO2. Return None for
        wrong credentials and for names `may_log_in` refuses; a WSO2 outage
        raises, so that it neither counts as a failed attempt nor looks like
        bad credentials.
        """
        if not wso2_login:
            return None
        if not isinstance(username, str) or not isinstance(password, str):
            return None
        username = qualified_username(username)
        if len(username) > username_limit():
            # Only the tenant can have pushed it over; no such account can exist.
            return None
        if not may_log_in(username):
            logger.warning(
                "Refused a store login as %s: a local or inactive account", username
            )
            return None
        try:
            grant = oauth.password_grant(username, password, settings.WSO2_STORE_SCOPES)
        except oauth.InvalidGrant:
            logger.info("WSO2 refused the credentials of %s", username)
            return None

        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.wso2_grant = grant
        return user

    def get_user(self, user_id):
        return get_user_model().objects.filter(pk=user_id, is_active=True).first()
