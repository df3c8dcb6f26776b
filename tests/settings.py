"""Settings for the test suite: the project's settings with test-friendly defaults.

DATABASE_URL still chooses the database (SQLite unless it says postgres://).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("HTTPS", "off")
os.environ.setdefault("DEBUG", "off")

from newsroom.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Hashed names need collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps' folders (no collectstatic) for browser tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# No persistent connections: the live server's thread must not keep the test
# database open when pytest-django drops it.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The live server's requests are counted, so a browser test waits for the last of
# them before its database is emptied (tests/helpers/inflight.py).
MIDDLEWARE = ["tests.helpers.inflight.InFlight", *MIDDLEWARE]  # noqa: F405
# Tests never reach the internet: posts are archived from what was pasted, unless a
# test points the providers at its own loopback server and turns fetching on.
EMBEDS_FETCH = False
# The whole-response cache is switched on by the tests about it (caching/test_page_cache.py);
# elsewhere a test sees what its view renders. Fragment caches stay on everywhere.
PAGE_CACHE = False
# Tasks run at once where they are enqueued, so a test sees renditions and posts'
# details right after the upload or save; tests/tasks/ run the real queue and worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each process reads the content version again every CONTENT_VERSION_SECONDS; a
# test's own writes are known at once, so a query count never depends on how long a
# test took. The tests about that interval set their own (caching/test_version.py,
# integration/test_two_servers.py runs production's).
CONTENT_VERSION_SECONDS = 3600
