"""WSGI entry point: ``gunicorn planeval.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planeval.web.settings")
application = get_wsgi_application()
