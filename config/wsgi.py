"""WSGI entry point.

The system checks run once here as well, so that a server started without
`manage.py` (gunicorn) refuses bad settings at start-up instead of failing
requests.
"""

import os

from django.core.management import call_command
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
call_command("check")
