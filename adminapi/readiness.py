"""GET /readyz: whether this process can do its work, not just whether it is up.

/healthz says the process answers; /readyz also asks the database and makes
sure the service account holds a valid WSO2 token (logging it in when it has
none), so that a load balancer sends traffic only where it can succeed.
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse

from core.decorators import allow_methods
from core.errors import ApiError

from .service_account import ServiceAccount

logger = logging.getLogger(__name__)


@allow_methods("GET")
def readyz(request):
    """Answer 200 when ready, else 503 with the reason of each check that failed."""
    not_ready = _problems()
    if not not_ready:
        return JsonResponse(
            {"status": "ready", "checks": {"database": "ok", "service_account": "ok"}}
        )
    return JsonResponse(
        {
            "error": "not_ready",
            "message": f"Not ready: {', '.join(not_ready)}.",
            "not_ready": not_ready,
        },
        status=503,
    )


def _problems():
    """Return {check: reason} for what is not ready; the account needs the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        logger.error("The database does not answer: %s", type(exc).__name__)
        return {"database": "The database does not answer."}

    try:
        ServiceAccount.current()
    except ApiError as exc:
        return {"service_account": exc.message}
    return {}
