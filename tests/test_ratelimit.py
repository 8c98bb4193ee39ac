"""The rate limiter counts hits per key in the shared cache, atomically, per window."""

import threading
import time

from django.core.cache import caches

from elmo.ratelimit import hit, retry_after


def test_a_limit_allows_its_hits_then_refuses_until_the_window_ends():
    assert [hit("test:a", limit=3, window=2) for _ in range(5)] == [True] * 3 + [False] * 2
    assert hit("test:b", limit=3, window=2)  # another key counts on its own
    assert 1 <= retry_after("test:a", window=2) <= 2
    time.sleep(2.1)
    assert hit("test:a", limit=3, window=2)


def test_a_limit_of_zero_refuses_everything():
    assert not hit("test:none", limit=0, window=60)


def test_hits_from_separate_cache_connections_are_counted_together_exactly(shared_cache):
    """Django gives each thread its own cache connection, as each server process has one."""
    allowed, clients = [], []

    def server():
        clients.append(caches["default"])
        allowed.extend(hit("test:shared", limit=150, window=60) for _ in range(10))

    threads = [threading.Thread(target=server) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(client) for client in clients}) == 20
    assert allowed.count(True) == 150 and allowed.count(False) == 50
