import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render {% static %} without a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_stored_pages(settings):
    """Tests run inside a transaction that never commits, so the page cache's versions never
    rise: pages are rendered fresh, except in tests/test_page_cache.py, which commits."""
    settings.PAGE_CACHE_SECONDS = 0
