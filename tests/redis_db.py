"""A private database on the test Redis (127.0.0.1:6379) for one test, emptied afterwards."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import redis

REDIS_SERVER = "redis://127.0.0.1:6379"
_CLAIM = "suunta-test:claimed"


@contextlib.contextmanager
def private_redis_db() -> Iterator[str]:
    """The URL of a Redis database no other test holds (claimed atomically), flushed after."""
    for db in range(1, 16):
        client = redis.Redis.from_url(f"{REDIS_SERVER}/{db}")
        # SET NX claims the database; it must also hold nothing but the claim.
        if client.set(_CLAIM, "1", nx=True, ex=3600):
            if client.dbsize() == 1:
                try:
                    yield f"{REDIS_SERVER}/{db}"
                finally:
                    client.flushdb()
                    client.close()
                return
            client.delete(_CLAIM)
        client.close()
    raise RuntimeError("no free database on the test Redis")
