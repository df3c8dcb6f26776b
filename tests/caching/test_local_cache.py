"""Each process's own cache is bounded in bytes, not entries: filled far past its cap
it holds at most the cap, as counted and as Python's allocator measures it."""

import gc
import os
import tracemalloc

import pytest
from django.conf import settings
from django.core.cache import caches

from articles.caching.local import LARGEST_SHARE, BoundedMemoryCache

CAP = 1024 * 1024


@pytest.fixture
def bounded(request):
    cache = BoundedMemoryCache(
        f"test-{request.node.name}", {"OPTIONS": {"MAX_BYTES": CAP}}
    )
    cache.clear()
    yield cache
    cache.clear()


def page(size: int) -> tuple:
    """A stored page as the page cache keeps it: status, headers, content."""
    return (200, [("Content-Type", "text/html; charset=utf-8")], os.urandom(size))


def test_filled_past_its_cap_it_holds_at_most_the_cap(bounded):
    """Eight times the cap in pages of 2 to 120 KB: the bytes held stay under it,
    the newest pages are kept and the oldest made room."""
    sizes = [2_000 + (n * 7_919) % 118_000 for n in range(160)]
    assert sum(sizes) > 8 * CAP
    for n, size in enumerate(sizes):
        bounded.set(f"page:{n}", page(size), 3600)
        assert bounded.bytes_held() <= CAP
    assert bounded.bytes_held() > CAP * 3 // 4  # it is used, not emptied
    assert bounded.get("page:159") is not None
    assert bounded.get("page:0") is None


def test_the_bytes_counted_are_the_bytes_python_holds(bounded):
    """Measured by tracemalloc, many small entries (fragments) and large ones
    (pages) together take no more memory than the cap."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(6000):
            bounded.set(f"fragment:{n}", "x" * (200 + n % 800), 3600)
            if n % 20 == 0:
                bounded.set(f"page:{n}", page(40_000), 3600)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert bounded.bytes_held() <= CAP
    assert held <= CAP, f"{held} bytes held for a cap of {CAP}"


def test_what_was_read_lately_is_kept_longest(bounded):
    """The least recently used entry makes room, not the least recently stored."""
    bounded.set("first", page(100_000), 3600)
    for n in range(30):
        bounded.get("first")
        bounded.set(f"page:{n}", page(100_000), 3600)
    assert bounded.get("first") is not None
    assert bounded.get("page:0") is None


def test_a_value_too_large_for_it_is_not_kept(bounded):
    """A value over an eighth of the cap would push out everything else."""
    bounded.set("small", page(1_000), 3600)
    bounded.set("huge", page(CAP // LARGEST_SHARE), 3600)
    assert bounded.get("huge") is None
    assert bounded.get("small") is not None


def test_replacing_deleting_and_counting_keep_the_tally(bounded):
    """Overwrites, deletes, increments and clear() leave the count exact."""
    bounded.set("a", page(50_000), 3600)
    held = bounded.bytes_held()
    bounded.set("a", page(50_000), 3600)
    assert bounded.bytes_held() == held
    bounded.set("n", 1, 3600)
    assert bounded.incr("n", 10**30) == 10**30 + 1
    bounded.delete("a")
    assert 0 < bounded.bytes_held() < 1_000
    bounded.clear()
    assert bounded.bytes_held() == 0


def test_expired_entries_give_their_bytes_back(bounded):
    bounded.set("gone", page(10_000), 1)
    bounded._expire_info[bounded.make_key("gone")] = 0  # its time has passed
    assert bounded.get("gone") is None
    assert bounded.bytes_held() == 0


def test_the_projects_memory_caches_are_bounded_by_the_setting():
    """Both the per-process layer and (without Redis) the default cache."""
    assert settings.LOCAL_CACHE_BYTES == 32 * 1024 * 1024
    for alias in ("local", "default"):
        assert isinstance(caches[alias], BoundedMemoryCache)
        assert caches[alias].max_bytes == settings.LOCAL_CACHE_BYTES
