"""Settings for the store middle tier.

This is the only module that reads the environment. Every variable is documented
in `.env.example`; values are checked by system checks (see each app's
`checks.py`) rather than here, so that a mistake is reported with a stable id
and a hint instead of a traceback.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# An empty SECRET_KEY is reported by core.E001 at start-up.
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "axes",
    "core",
    "wso2",
    "tokens",
    "proxy",
    "storeapi",
    "adminapi",
]

# The order is the data path: CORS first, so that every answer (errors too)
# carries the CORS headers; then the request id, then sessions and CSRF; the
# token middleware last among ours, so it sees the authenticated session.
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.RequestIdMiddleware",
    "core.middleware.JsonErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tokens.middleware.SessionTokenMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: opening one per request would cost more than the
# proxied call itself.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write
    # lock up front, so concurrent refreshes queue instead of deadlocking.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out username or address is refused
    # before WSO2 is asked.
    "axes.backends.AxesStandaloneBackend",
    "tokens.backends.WSO2PasswordBackend",
    # Local accounts (createsuperuser) can use the Django admin only.
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Behind a proxy that terminates TLS, trust its X-Forwarded-Proto so that
# Django knows the browser used https (secure cookies, absolute URLs).
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A trailing-slash redirect would turn a proxied POST into a GET.
APPEND_SLASH = False

# Sessions live in the database; the browser holds only the session id.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=86400)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_SAMESITE = env.str("SESSION_COOKIE_SAMESITE", default="Lax")
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=CORS_ALLOWED_ORIGINS)
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = [
    "accept",
    "content-type",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "x-csrftoken",
    "x-request-id",
]
CORS_EXPOSE_HEADERS = [
    "content-disposition",
    "etag",
    "last-modified",
    "location",
    "retry-after",
    "x-request-id",
]

# Bodies larger than this are refused with 413 before anything is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("MAX_REQUEST_BODY", default=1024 * 1024)

# Login lockout (django-axes): this many failures for one username, or from
# one client address, lock it out for LOGIN_LOCKOUT_SECONDS.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(seconds=env.int("LOGIN_LOCKOUT_SECONDS", default=900))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "tokens.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# WSO2 endpoints and the middle tier's OAuth client.
WSO2_TOKEN_URL = env.str("WSO2_TOKEN_URL", default="")
WSO2_REVOKE_URL = env.str("WSO2_REVOKE_URL", default="")
WSO2_DCR_URL = env.str("WSO2_DCR_URL", default="")
WSO2_CLIENT_ID = env.str("WSO2_CLIENT_ID", default="")
WSO2_CLIENT_SECRET = env.str("WSO2_CLIENT_SECRET", default="")
WSO2_STORE_API_URL = env.str("WSO2_STORE_API_URL", default="")
WSO2_STORE_API_VERSION = env.str("WSO2_STORE_API_VERSION", default="0.11")
WSO2_STORE_SCOPES = env.list("WSO2_STORE_SCOPES", default=["apim:subscribe"])
WSO2_TENANT_DOMAIN = env.str("WSO2_TENANT_DOMAIN", default="")
WSO2_ADMIN_API_URL = env.str("WSO2_ADMIN_API_URL", default="")
WSO2_ADMIN_API_VERSION = env.str("WSO2_ADMIN_API_VERSION", default="0.11")
WSO2_ADMIN_USERNAME = env.str("WSO2_ADMIN_USERNAME", default="")
WSO2_ADMIN_PASSWORD = env.str("WSO2_ADMIN_PASSWORD", default="")
WSO2_ADMIN_SCOPES = env.list(
    "WSO2_ADMIN_SCOPES",
    default=[
        "apim:tier_view",
        "apim:tier_manage",
        "apim:bl_view",
        "apim:bl_manage",
        "apim:mediation_policy_view",
        "apim:mediation_policy_create",
    ],
)
# Seconds; "5" for both, or "3.05,30" for connect and read.
WSO2_TIMEOUT = env.str("WSO2_TIMEOUT", default="5,30")
# "true", "false" or the path of a CA bundle.
WSO2_VERIFY_TLS = env.str("WSO2_VERIFY_TLS", default="true")
# WSO2 does not say when a refresh token dies; 86400 s is its default.
WSO2_REFRESH_TOKEN_LIFETIME = env.int("WSO2_REFRESH_TOKEN_LIFETIME", default=86400)

# Comma-separated Fernet keys, newest first.
TOKEN_ENCRYPTION_KEYS = env.list("TOKEN_ENCRYPTION_KEYS", default=[])
# Refresh this many seconds before the access token expires.
TOKEN_REFRESH_MARGIN = env.int("TOKEN_REFRESH_MARGIN", default=60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Axes logs every attempt with the username at INFO; ours are enough.
        "axes": {"level": "WARNING"},
    },
}
