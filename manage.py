#!/usr/bin/env python
"""The registry's command-line entry point (Django's manage.py)."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elmo.settings")
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Run `make install` or activate .venv first."
        ) from exc
    # Django's command runner hides a settings error and fails later with an obscure
    # AppRegistryNotReady; say what is wrong instead (e.g. SECRET_KEY missing with DEBUG off).
    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings)
    except ImproperlyConfigured as error:
        sys.exit(f"Settings error: {error} See .env.example; `make run` sets DEBUG=true.")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
