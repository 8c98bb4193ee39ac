from django.apps import AppConfig


class ElmoConfig(AppConfig):
    name = "elmo"
    verbose_name = "ELMO"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
