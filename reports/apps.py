from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "End-of-year reports"

    def ready(self) -> None:
        from . import confidentiality

        confidentiality.connect()
