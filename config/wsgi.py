"""WSGI entry point.

The system checks run once here as well, so that a server started without
`manage.py` (gunicorn) refuses bad settings at start-up instead of failing
requests.
"""

import os

from django.core.management.base import BaseCommand
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
# Raises SystemCheckError, with every problem and its hint, on bad settings.
BaseCommand().check()
