from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "workplan"
    verbose_name = "Work programmes"

    def ready(self) -> None:
        # Changes to these records change the public pages (see boards/page_cache.py).
        from boards import page_cache

        from .models import Activity, PriorityTheme, ProgressUpdate, WorkProgramme

        page_cache.track(WorkProgramme, "board_id")
        page_cache.track(PriorityTheme, "programme__board_id")
        page_cache.track(Activity, "theme__programme__board_id")
        page_cache.track(ProgressUpdate, "activity__theme__programme__board_id")
