"""Django's Redis cache, stepped around while Redis does not answer.

Everything kept in Redis can be made again (stored pages and fragments from the database,
sessions from their table), so a Redis outage should cost speed, never a request: a read
that fails is a miss and a write that fails is skipped. After a failure Redis is left alone
for a few seconds, so that requests do not each wait for a dead server's timeout.

A write skipped during an outage can leave an out-of-date copy behind in a Redis that comes
back with its data (a network fault rather than a restart): a session signed out meanwhile,
say, would still be read from Redis. So once Redis answers again after a skipped write, the
site's keys (CACHE_KEY_PREFIX) are deleted, and every copy is made again from the database.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

log = logging.getLogger(__name__)

# How long Redis is left alone after it failed to answer.
RETRY_SECONDS = 5
UNAVAILABLE = (ConnectionError, TimeoutError)
# The operations that change what is stored: one skipped may leave a stale copy.
WRITES = {"set", "add", "touch", "delete", "set_many", "delete_many", "clear"}


def _stepping_around(answer_when_down):
    """Run the cache operation, or answer as if the key were missing while Redis is down.
    `answer_when_down` is the answer, or a function of the call's arguments giving it."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            answer = (
                answer_when_down(*args, **kwargs)
                if callable(answer_when_down)
                else answer_when_down
            )
            if time.monotonic() < self._down_until:
                self._lost_writes |= method.__name__ in WRITES
                return answer
            try:
                if self._lost_writes:
                    self._forget_everything()
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self._down_until = time.monotonic() + RETRY_SECONDS
                self._lost_writes |= method.__name__ in WRITES
                log.warning("Redis did not answer (%s): serving without stored copies", error)
                return answer

        return wrapper

    return decorate


class ForgivingRedisCache(RedisCache):
    """RedisCache whose operations answer as a miss, and skip writes, while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._lost_writes = False

    def _forget_everything(self) -> None:
        """Delete this site's keys once Redis is back after a skipped write (see above)."""
        client = self._cache.get_client(write=True)
        pattern = f"{self.key_prefix}:*" if self.key_prefix else "*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        self._lost_writes = False
        log.warning("Redis is back: its stored copies were deleted, to be made again")

    get = _stepping_around(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _stepping_around(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _stepping_around(False)(RedisCache.has_key)
    add = _stepping_around(False)(RedisCache.add)
    set = _stepping_around(None)(RedisCache.set)
    set_many = _stepping_around(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _stepping_around(False)(RedisCache.touch)
    delete = _stepping_around(False)(RedisCache.delete)
    delete_many = _stepping_around(None)(RedisCache.delete_many)
    clear = _stepping_around(None)(RedisCache.clear)
