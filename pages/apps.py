from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Pages that show several apps' records together: the home page, a board's and a
    person's pages, a programme and its activities with the meetings they were reported at,
    and an officer's own work. They sit above boards, workplan and meetings, so none of
    those imports another app above it."""

    name = "pages"
    verbose_name = "Pages across the work programme and meetings"

    def ready(self) -> None:
        from . import stored_pages

        stored_pages.register()
