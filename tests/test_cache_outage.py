"""With stored pages and sessions in Redis (CACHE_URL), a Redis outage costs speed, never a
request: pages are served unstored, signing in and out works, and once Redis answers again
after a write it missed, the site's stored copies are deleted rather than trusted
(config/cache.py)."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings
from redis.exceptions import ConnectionError

from config.cache import ForgivingRedisCache

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A port on this machine where nothing listens: a Redis that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(location: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    with override_settings(
        CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0", "outage"),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        PAGE_CACHE_SECONDS=60,
    ):
        yield


def test_pages_are_served_while_redis_is_down(redis_down, client, world):
    for url in ("/", "/boards/sscb/", "/boards/sscb/2022-23/", "/actions/", "/api/meetings/"):
        assert client.get(url).status_code == 200, url
        assert client.get(url).status_code == 200, url  # and again, while it is left alone


def test_signing_in_and_out_works_while_redis_is_down(redis_down, client, world):
    response = client.post(
        "/accounts/login/", {"username": world.officer.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/my-work/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/my-work/").status_code == 302  # sent to sign in


def test_a_read_while_down_is_a_miss_with_the_callers_default(redis_down):
    cache = caches["default"]
    missing = object()
    assert cache.get("anything", missing) is missing
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    cache.set("a", 1)  # skipped, not raised


@pytest.fixture
def live_redis():
    """The local Redis server that CI starts (scripts/ensure-redis.sh); skipped without it."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"outage-test-{uuid.uuid4().hex[:8]}"
    cache = ForgivingRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": prefix})
    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_copies_kept_through_a_missed_write_are_deleted_when_redis_is_back(live_redis, monkeypatch):
    cache = live_redis
    cache.set("session", "signed in")
    cache.set("page", "stored")
    assert cache.get("session") == "signed in"

    # Redis stops answering while the session is ended: the delete is skipped.
    def unavailable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    real_client = cache._cache.get_client
    monkeypatch.setattr(cache._cache, "get_client", unavailable)
    cache.delete("session")
    assert cache.get("session") is None  # a miss while down
    monkeypatch.setattr(cache._cache, "get_client", real_client)

    # Back, after the pause: the copy that missed its delete is not trusted, nor any other.
    cache._down_until = 0
    assert cache.get("session") is None
    assert cache.get("page") is None
    cache.set("page", "stored again")
    assert cache.get("page") == "stored again"  # and it is a cache again
