"""Keep the token store in step with Django's logins and logouts."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .models import StoredToken
from .revocation import revoke_and_delete

logger = logging.getLogger(__name__)


@receiver(user_logged_in)
def store_login_grant(sender, request, user, **kwargs):
    """Store the grant of a WSO2 login under the session it just created."""
    grant = getattr(user, "wso2_grant", None)
    if grant is None:
        return
    row = StoredToken(
        kind=StoredToken.Kind.SUBSCRIBER,
        user=user,
        session_id=request.session.session_key,
    )
    row.take(grant)
    row.save()
    logger.info("%s logged in with scopes %s", user.get_username(), row.scopes)


@receiver(user_logged_out)
def revoke_session_tokens(sender, request, user, **kwargs):
    """Revoke and delete the tokens of the session that is ending."""
    session_key = request.session.session_key
    if session_key:
        revoke_and_delete(StoredToken.objects.filter(session_id=session_key))
    if user is not None:
        logger.info("%s logged out", user.get_username())
