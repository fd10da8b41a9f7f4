from django.apps import AppConfig


class SeedDataConfig(AppConfig):
    """Records made from plain data: the demo board, scale data for benchmarks, and the loader
    the document importer shares. It holds no models of its own."""

    name = "seed_data"
    verbose_name = "Demo and scale data"
