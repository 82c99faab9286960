from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "tokens"
    verbose_name = "WSO2 tokens"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers checks and receivers)
