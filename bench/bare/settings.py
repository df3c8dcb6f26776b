"""The smallest Django project that serves a page: no apps, no middleware, no
database, no templates. What Django and gunicorn cost on their own."""

SECRET_KEY = "bench-bare-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.bare.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True
