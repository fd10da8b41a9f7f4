from django.apps import AppConfig


class PapersConfig(AppConfig):
    """What is made from papers' files: Word papers as PDF, and the agenda packs."""

    name = "papers"
    verbose_name = "Papers and agenda packs"

    def ready(self) -> None:
        from . import packs

        packs.connect()
