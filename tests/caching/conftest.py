"""The caching tests' own parts: a Redis the test starts and stops itself."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of the test's own on a free port, which the test may stop and start
    (and configure: CONFIG SET touches no one else's Redis)."""
    from tests.helpers.servers import free_port

    assert shutil.which("redis-server"), "redis-server is needed (apt-get install it)"

    class OwnRedis:
        port = free_port()
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            for _ in range(100):
                try:
                    socket.create_connection(
                        ("127.0.0.1", self.port), timeout=1
                    ).close()
                    return
                except OSError:
                    time.sleep(0.05)
            raise RuntimeError("redis-server did not start")

        def stop(self):
            self.thaw()
            self.process.kill()
            self.process.wait()

        def freeze(self):
            """Stuck, not gone: connections are accepted by the kernel, nothing
            answers (SIGSTOP)."""
            os.kill(self.process.pid, signal.SIGSTOP)

        def thaw(self):
            os.kill(self.process.pid, signal.SIGCONT)

    from articles.caching.breaker import REDIS

    redis = OwnRedis()
    redis.start()
    REDIS.reset()
    yield redis
    if redis.process.poll() is None:
        redis.stop()
    REDIS.reset()
