"""The Redis cache reuses one Redis client per connection pool (ideabank/lib/cache.py)."""

import pytest
import redis
from django.core.cache import cache

from ideabank.lib.cache import OneClientPerPool

pytestmark = pytest.mark.redis


@pytest.fixture
def clients_made(monkeypatch):
    made = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    return made


def test_the_cache_is_redis_through_one_client_per_pool():
    assert isinstance(cache._cache, OneClientPerPool)
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_cache_calls_make_no_new_client_and_still_work(clients_made):
    cache.get("warm-up")  # the pool and its client exist from here on
    clients_made.clear()

    cache.set("idea", {"title": "Shared minibus"}, 30)
    cache.set_many({"pilot": 1, "outcome": 2}, 30)
    assert cache.get("idea") == {"title": "Shared minibus"}
    assert cache.get_many(["pilot", "outcome"]) == {"pilot": 1, "outcome": 2}
    assert cache.incr("pilot") == 2
    assert cache.delete("idea") is True
    assert cache.get("idea") is None

    assert clients_made == []
