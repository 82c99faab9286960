from django.apps import AppConfig


class AdminApiConfig(AppConfig):
    name = "adminapi"
    verbose_name = "Admin API"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
