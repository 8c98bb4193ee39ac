"""
WSGI config for elmo project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application
from django.db.backends.signals import connection_created

from elmo.database import limit_statement_time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

application = get_wsgi_application()

# Only the web server's statements have a time limit, not those of management commands.
connection_created.connect(limit_statement_time, dispatch_uid="elmo-statement-timeout")
