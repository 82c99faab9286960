from django.apps import AppConfig


class StoreApiConfig(AppConfig):
    name = "storeapi"
    verbose_name = "Store API"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
