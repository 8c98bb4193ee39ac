"""
ASGI config for elmo project.

It exposes the ASGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/asgi/
"""

import os

from django.core.asgi import get_asgi_application
from django.db.backends.signals import connection_created

from elmo.database import limit_statement_time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")

application = get_asgi_application()

# Only the web server's statements have a time limit, not those of management commands.
connection_created.connect(limit_statement_time, dispatch_uid="elmo-statement-timeout")
