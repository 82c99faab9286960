"""The project's routes plus the bare forwarding view the benchmark compares with."""

import requests
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

_session = requests.Session()


def bare_forward(request, rest):
    """Forward a GET with `requests`, as the simplest Django proxy would."""
    upstream = _session.get(
        f"{settings.WSO2_STORE_API_URL}/{rest}",
        headers={"Authorization": "Bearer a", "Accept": "application/json"},
        timeout=30,
    )
    return HttpResponse(
        upstream.content,
        status=upstream.status_code,
        content_type=upstream.headers.get("Content-Type"),
    )


urlpatterns = [path("bare/<path:rest>", bare_forward), *project_urlpatterns]
