from django.apps import AppConfig


class Wso2Config(AppConfig):
    name = "wso2"
    verbose_name = "WSO2 client"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
