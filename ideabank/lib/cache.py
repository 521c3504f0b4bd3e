"""Django's Redis cache, with one Redis client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache
operation, and redis-py 7 copies its table of about 160 response callbacks into
each new client: 150 µs of an operation's 500 µs on this machine (docs/performance.md
"Tenth pass"). A page makes several cache calls (sessions' rate limits, partners,
section versions, notifications). A `redis.Redis` may be shared between threads
(it takes a connection from its pool for each command), so each pool keeps one.
Neither Django nor django-redis offers this as a setting: django-redis reuses its
clients but would replace the whole backend for 15 lines.
"""

from django.core.cache.backends import redis as django_redis


class OneClientPerPool(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # the pools live as long as this object
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, reusing its Redis clients.

    `_class` is where Django's backend names its client class (not a documented
    setting): tests/test_cache.py fails if an upgrade stops reading it.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool
