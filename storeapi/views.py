"""The Store REST API, on a subscriber's behalf, under /store/."""

from django.conf import settings

from core.errors import NotAuthenticated
from proxy.headers import TENANT_HEADER
from proxy.views import ProxyView

from .routes import TABLES


class StoreProxyView(ProxyView):
    prefix = "/store"

    def routes(self):
        return TABLES[settings.WSO2_STORE_API_VERSION]

    def base_url(self):
        return settings.WSO2_STORE_API_URL

    def credentials(self, request, operation):
        """Use the session's tokens; visitors may browse without any."""
        tokens = request.session_tokens()
        if tokens is None and not operation.anonymous:
            raise NotAuthenticated("Log in to do this.")
        return tokens

    def extra_headers(self, request, operation, credentials):
        # With a token, WSO2 takes the tenant from the token instead.
        if credentials is None and settings.WSO2_TENANT_DOMAIN:
            return {TENANT_HEADER: settings.WSO2_TENANT_DOMAIN}
        return {}
