from django.contrib import admin
from django.urls import include, path

from adminapi.readiness import readyz
from core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("auth/", include("tokens.urls")),
    path("store/", include("storeapi.urls")),
    path("adminapi/", include("adminapi.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
