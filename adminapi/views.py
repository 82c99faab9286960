"""The Admin REST API, for staff, with the service account's token, under /adminapi/."""

import logging

from django.conf import settings
from django.db import DatabaseError

from core.errors import Forbidden, NotAuthenticated
from proxy.views import ProxyView

from .models import AdminCall
from .routes import TABLES
from .service_account import ServiceAccount

logger = logging.getLogger(__name__)


class AdminProxyView(ProxyView):
    prefix = "/adminapi"
    # The staff member's own login is not what lacks the scope.
    missing_scope = (
        "The service account lacks the {scope} scope; add it to "
        "WSO2_ADMIN_SCOPES and give the account a role that grants it."
    )

    def routes(self):
        return TABLES[settings.WSO2_ADMIN_API_VERSION]

    def base_url(self):
        return settings.WSO2_ADMIN_API_URL

    def credentials(self, request, operation):
        """Let staff call with the service account's token; refuse anyone else.

        Only a store login (/auth/login) counts: local accounts are for the
        Django admin alone, as everywhere else in the middle tier.
        """
        user = request.user
        if not user.is_authenticated or request.session_tokens() is None:
            raise NotAuthenticated("Log in to use the Admin API.")
        if not user.is_staff:
            raise Forbidden("Only staff may use the Admin API.", code="staff_only")

        return ServiceAccount.current()

    def completed(self, request, operation, status):
        """Record the call; when the database fails, keep the record in the log.

        WSO2 has acted by now, so failing the answer would only invite a retry.
        """
        summary = (
            request.user.get_username(),
            request.method,
            request.get_full_path(),
            status or "no answer",
        )
        try:
            AdminCall.record(request, operation, status)
        except DatabaseError:
            logger.exception(
                "Could not record the Admin API call: %s %s %s: %s", *summary
            )
            return
        logger.info("%s called %s %s at the Admin API: %s", *summary)
