"""REDIS_URL makes Redis the cache, shared by every process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REDIS_TEST_URL

pytestmark = pytest.mark.redis
ROOT = Path(__file__).resolve().parent.parent


def run_in_new_process(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "REDIS_URL": REDIS_TEST_URL},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_redis_url_makes_redis_the_cache_across_processes():
    """A value one process caches is read by another: the cache is the real Redis."""
    token = os.urandom(8).hex()
    written = run_in_new_process(
        "from django.core.cache import cache; "
        f"cache.set('redactie-test', '{token}', 30); "
        "from django.core.cache import caches; print(type(caches['default']).__name__)"
    )
    assert written == "RedisCache"
    read = run_in_new_process(
        "from django.core.cache import cache; print(cache.get('redactie-test'))"
    )
    assert read == token
