"""The one rate limit: counts per key, refuses past the limit, and each key on its own."""

import uuid

import pytest
from django.core.cache import cache

from accounts import ratelimit

LIMIT = ratelimit.Limit("test", count=3, seconds=60)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_it_allows_up_to_the_limit_and_refuses_after():
    assert [ratelimit.hit(LIMIT, "founder:1") for _ in range(5)] == [True] * 3 + [False] * 2


def test_each_key_counts_on_its_own():
    for _ in range(3):
        ratelimit.hit(LIMIT, "founder:1")
    assert ratelimit.hit(LIMIT, "founder:2")
    assert ratelimit.remaining(LIMIT, "founder:2") == 2


def test_it_refuses_when_any_key_is_used_up():
    for _ in range(3):
        ratelimit.hit(LIMIT, "to:victim@example.com")
    assert not ratelimit.hit(LIMIT, "founder:9", "to:victim@example.com")


def test_a_new_window_starts_after_the_old_one_ends():
    short = ratelimit.Limit("short", count=1, seconds=60)
    assert ratelimit.hit(short, "k")
    assert not ratelimit.hit(short, "k")
    cache.delete(ratelimit._cache_key(short, "k"))  # what the window's timeout does
    assert ratelimit.hit(short, "k")


def test_any_key_value_is_a_safe_cache_key():
    assert ratelimit.hit(LIMIT, "to:" + "ä\x00 " * 500)


def test_the_limits_hold_on_redis_too(redis_cache):
    """Production counts in Redis (every worker together): the same behaviour there."""
    limit = ratelimit.Limit("redis-test", count=2, seconds=60)
    key = f"k-{uuid.uuid4()}"
    assert [ratelimit.hit(limit, key) for _ in range(3)] == [True, True, False]
    assert ratelimit.remaining(limit, key) == 0


def test_the_redis_cache_keeps_one_client_and_answers_from_threads(redis_cache):
    """outsourcing/redis_cache.py: one client per pool instead of one per call, shared by the
    threads of a worker."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.cache import cache

    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client  # one server: one pool

    def round_trip(n: int) -> int:
        cache.set(f"n{n}", n, 30)
        return cache.get_many([f"n{n}", "missing"])[f"n{n}"]

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(round_trip, range(200))) == list(range(200))
