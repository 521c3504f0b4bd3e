"""The test run's own plumbing in tests/conftest.py, which needs no server to check."""

import pytest

from .conftest import worker_redis_urls


def test_xdist_workers_take_redis_databases_after_the_one_redis_url_names():
    assert worker_redis_urls("redis://127.0.0.1:6379/0", "gw1") == [
        "redis://127.0.0.1:6379/2",
        "redis://127.0.0.1:6379/3",
    ]
    assert worker_redis_urls("redis://127.0.0.1:6379/9", "gw0") == [
        "redis://127.0.0.1:6379/9",
        "redis://127.0.0.1:6379/10",
    ]
    assert worker_redis_urls("redis://127.0.0.1:6379/9", "gw1") == [
        "redis://127.0.0.1:6379/11",
        "redis://127.0.0.1:6379/12",
    ]
    with pytest.raises(pytest.UsageError):
        worker_redis_urls("redis://127.0.0.1:6379/9", "gw3")
