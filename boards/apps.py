from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards and people"

    def ready(self) -> None:
        # Changes to these records change the public pages (see boards/page_cache.py).
        from . import page_cache
        from .models import Authority, Board, BoardYear, Membership, Person

        page_cache.track(Board, "pk")
        page_cache.track(Membership, "board_id")
        for shared in (Authority, BoardYear, Person):
            page_cache.track(shared, None)
