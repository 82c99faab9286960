"""Settings for the test suite: the project's own, with fixed test values.

WSO2 lives at https://wso2.test here, where `responses` answers for it.
"""

import os
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

from config.settings import *  # noqa: F403

SECRET_KEY = "test-secret-key-that-is-long-enough-for-django-checks"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
WSO2_TOKEN_URL = "https://wso2.test/token"
WSO2_REVOKE_URL = "https://wso2.test/revoke"
WSO2_DCR_URL = "https://wso2.test/client-registration/v0.11/register"
WSO2_CLIENT_ID = "test-client-id"
WSO2_CLIENT_SECRET = "test-client-secret"
WSO2_STORE_API_URL = "https://wso2.test/api/am/store/v0.11"
WSO2_ADMIN_API_URL = "https://wso2.test/api/am/admin/v0.11"
WSO2_ADMIN_USERNAME = "admin"
WSO2_ADMIN_PASSWORD = "admin-password"
CORS_ALLOWED_ORIGINS = ["https://store.example"]
CSRF_TRUSTED_ORIGINS = CORS_ALLOWED_ORIGINS
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The concurrency tests run real threads, and SQLite's shared in-memory test
# database fails a second writer at once instead of letting it wait; a file
# (one per test run, so that runs side by side do not meet) behaves as SQLite
# does in production. With DATABASE_URL set to PostgreSQL, the suite runs
# there instead.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(
            Path(tempfile.gettempdir()) / f"middle-tier-test-{os.getpid()}.sqlite3"
        )
    }
