from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "End-of-year reports"

    def ready(self) -> None:
        # Changes to these records change the public pages (see boards/page_cache.py).
        from boards import page_cache

        from .models import ActivityParagraph, EndOfYearReport, ReportVersion

        page_cache.track(EndOfYearReport, "programme__board_id")
        page_cache.track(ActivityParagraph, "report__programme__board_id")
        page_cache.track(ReportVersion, "report__programme__board_id")
