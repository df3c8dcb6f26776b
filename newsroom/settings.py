"""Settings for Redactie, read from the environment (see docs/configuration.md).

Every variable has a development-friendly default except SECRET_KEY, which must be
set whenever DEBUG is off.
"""

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.env import env_bool, env_list, env_seconds, env_str
from newsroom.media import media_origin, media_storage, media_storage_kind, media_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a "
            "long random string (python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or set DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-insecure-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "http://127.0.0.1,http://localhost"
)

PORT = env_str("PORT", "8000")
SITE_URL = (env_str("SITE_URL") or f"http://127.0.0.1:{PORT}").rstrip("/")
SITE_NAME = env_str("SITE_NAME") or "De Verklaring"

# Behind a TLS-terminating proxy, HTTPS=on trusts X-Forwarded-Proto: https.
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its templates; no models
    "django.contrib.sites",
    "django.contrib.flatpages",  # the newsroom's own pages; no catch-all middleware
    "taggit",
    "django_prose_editor",
    "csp",
    "axes",  # login throttling (accounts/lockout.py)
    "django_otp",  # two-factor codes (accounts/twofactor.py)
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",  # the queue's table and the db_worker command
    "articles",
    "accounts",
    "embeds",
    "subscriptions",  # following by e-mail (docs/subscriptions.md)
    "demo",  # demo content and load tests: commands only, no models
]

MIDDLEWARE = [
    # /gezond/ for load balancers, before anything else can cache, redirect or
    # refuse it (newsroom/health.py).
    "newsroom.health.HealthCheckMiddleware",
    # Before anything reads the URL: bad bytes answer 400 (newsroom/guards.py).
    "newsroom.guards.UrlBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The page cache (articles/caching/middleware.py) right after the HTTPS
    # redirect: a hit skips everything below, whose headers it stored with the page.
    "articles.caching.middleware.PageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body: size and who may upload (newsroom/guards.py).
    "newsroom.guards.RequestBodyMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "accounts.middleware.ActingUserMiddleware",
    "accounts.middleware.AdminActionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.csp.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into our lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Request bodies (newsroom/guards.py). An upload is at most an image of 25 MB
# (articles/images/processing.py, MAX_UPLOAD_BYTES) with its form's other fields;
# anything longer is refused on its Content-Length, unread (413). The proxy in front
# has the same limit (client_max_body_size 30m, docs/operations.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # a form's fields without its files
REQUEST_BODY_MAX_BYTES = 25 * 1024 * 1024 + DATA_UPLOAD_MAX_MEMORY_SIZE
# The article form with a long history of notes and internal comments stays far
# below; every file input of a form counts, even an empty one (inlines have several).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

ROOT_URLCONF = "newsroom.urls"
SITE_ID = 1
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "articles.public.context_processors.site",
            ],
        },
    },
]

# SQLite by default so the demo runs anywhere; postgres:// or postgresql:// for
# production and CI. A relative SQLite path is taken from the project folder.
DATABASE_URL = env_str("DATABASE_URL") or "sqlite:///var/newsroom.sqlite3"
# Connections are kept for a minute, and checked before a request's first query
# (one round trip, only for requests that use the database: a cached page uses none),
# so the first request after a database restart gets a new connection on every worker
# instead of the dropped one's error.
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _name = Path(_db["NAME"]) if _db["NAME"] else Path("var/newsroom.sqlite3")
    if _db["NAME"] != ":memory:":
        _db["NAME"] = str(_name if _name.is_absolute() else BASE_DIR / _name)
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE: a transaction that will write takes the write lock when it begins,
    # so two saves of one article run one after the other (as PostgreSQL's row lock
    # makes them), instead of the second failing on a snapshot the first outdated.
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # PostgreSQL's JIT compiles a search for a common word for longer than the
    # search takes (0.4 s of 0.6 s at 100 000 articles); our queries are short.
    _db.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process's own memory is a cache bounded in bytes, not entries
# (articles/caching/local.py): a page is about 40 KB, a feed with full text a few MB.
LOCAL_CACHE_BYTES = int(env_str("LOCAL_CACHE_MB") or 32) * 1024 * 1024
_MEMORY = {
    "BACKEND": "articles.caching.local.BoundedMemoryCache",
    "OPTIONS": {"MAX_BYTES": LOCAL_CACHE_BYTES},
}
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, failing soft: Redis down means uncached pages.
            # Every key gets a time to live (docs/operations.md: maxmemory-policy).
            "BACKEND": "articles.caching.layered.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "redactie",
            # A Redis that is down or stuck costs a reader at most this, then the
            # page is served uncached.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {**_MEMORY, "LOCATION": "default"}}
# Each process's own copy of the pages and fragments it used last, in front of Redis
# (articles/caching/layered.py): a page hit then costs the version query alone.
CACHES["local"] = {**_MEMORY, "LOCATION": "pages"}

# How often each process reads the content version again (articles/caching/
# version.py): a cached page costs no query, and every process serves a committed
# change within this time (docs/caching.md, "The content version").
CONTENT_VERSION_SECONDS = env_seconds("CONTENT_VERSION_SECONDS", 0.5)

# The whole-response cache for anonymous readers (articles/caching/middleware.py);
# off for benchmarks and debugging. Article bodies are cached per version either way.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = 3600  # how long a stored page is kept (it is versioned anyway)
PAGE_CACHE_CDN_SECONDS = int(env_str("PAGE_CACHE_CDN_SECONDS") or 300)  # s-maxage
PAGE_CACHE_STALE_SECONDS = 60  # stale-while-revalidate
PAGE_CACHE_EXCLUDE = ("/admin/", "/media/", "/static/")
# Called with the URLs and surrogate keys of each change (articles/caching/purge.py):
# articles.caching.purge.nothing, or articles.caching.purge.http_purge with
# PAGE_CACHE_PURGE_URL. The names from before the move (newsroom.purge.nothing,
# newsroom.purge.http_purge) still work (purge.LEGACY_HOOKS).
PAGE_CACHE_PURGE = env_str("PAGE_CACHE_PURGE") or "articles.caching.purge.nothing"
PAGE_CACHE_PURGE_URL = env_str("PAGE_CACHE_PURGE_URL") or ""
# One budget for all the PURGE requests of one change, name resolution included: a
# CDN that is down or slow delays the change's purge by this much at most.
PURGE_DEADLINE = env_seconds("PURGE_DEADLINE", 5.0)

# The task queue (docs/operations.md#the-task-queue): renditions, posts' details and
# media, CDN purges run in a worker (python manage.py db_worker) from a table in the
# same database, so a task commits with the change that asked for it.
# TASKS_BACKEND=immediate runs each task at once in the process that enqueued it
# (development without a worker; the test suite's default).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASKS_BACKEND") or "database"
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={_task_backend!r} is not known: use database or immediate."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

# Accounts (accounts/, docs/accounts.md). Logins are throttled by
# django-axes: 10 failures in a row for one username (from any address) or from one
# address (for any username) lock further logins; the Hoofdredactie unlocks in the
# admin, or the lock lifts 24 hours after the last attempt. Axes asks for its backend
# first; it only refuses, ModelBackend still checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = 24  # hours after the last attempt
# A successful login clears that account's own failures (accounts/lockout.py)
# but not other accounts' failures from the same address.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the Logboek's failed logins and lock-outs
AXES_ENABLE_ADMIN = False  # ours is in Dutch and records who unlocked
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
# Proxies in front of the app servers that append to X-Forwarded-For: the client's
# address is that many entries from the right. 0: REMOTE_ADDR (no proxy).
PROXY_COUNT = int(env_str("PROXY_COUNT") or (1 if HTTPS else 0))
# Two-factor codes (TOTP) for the admin; the Hoofdredactie can make them mandatory.
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# After logging in without a usable ?next= (accounts/views.py): the admin's index.
LOGIN_REDIRECT_URL = "admin:index"
# Sessions end when the browser closes, and at the latest 12 hours after login.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True  # our scripts read the token from the form
CSRF_FAILURE_VIEW = "newsroom.errors.csrf_failure"  # Dutch, in the admin's look

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Where uploads live (docs/configuration.md, "Media"): on this disk (MEDIA_ROOT), or
# in an S3-compatible bucket shared by every app server (newsroom/storage.py).
MEDIA_STORAGE = media_storage_kind()

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = media_url()
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
# Serve MEDIA_ROOT from Django itself (the demo; production serves media from the
# web server or object storage). Never with object storage: nothing is on this disk.
SERVE_MEDIA = MEDIA_STORAGE == "local" and env_bool("SERVE_MEDIA", DEBUG)

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # A database outage is reported once a minute with a count (newsroom/errors.py,
    # articles/caching/outage.py), not with Django's traceback for every request.
    "filters": {"outage": {"()": "articles.caching.outage.QuietDuringOutage"}},
    "loggers": {"django.request": {"filters": ["outage"]}},
}

# The newsroom's defaults for imported articles without --section / --author.
NEWSROOM_DEFAULT_SECTION = {"slug": "nieuws", "name": "Nieuws"}
NEWSROOM_HOUSE_BYLINE = {"slug": "redactie", "name": "Redactie"}
ARTICLES_PER_PAGE = 12
# Live coverage (articles/live/): entries on a page of the stream, and how often a
# reader's open page asks the poll endpoint for newer ones (live.js backs off while
# the tab is hidden). Shared caches keep a poll answer at most LIVE_POLL_SECONDS.
LIVE_ENTRIES_PER_PAGE = 20
LIVE_POLL_SECONDS = int(env_str("LIVE_POLL_SECONDS") or 20)

# Embedded posts: ask providers (oEmbed) and copy images when an editor adds a post
# or refresh_embeds runs. Off: archive only what the pasted code or text says.
EMBEDS_FETCH = env_bool("EMBEDS_FETCH", True)
# One budget per request to a provider (an oEmbed answer, one image), covering name
# resolution, connecting, TLS, redirects and the body (embeds/fetching.py).
EMBEDS_FETCH_DEADLINE = env_seconds("EMBEDS_FETCH_DEADLINE", 3.0)
# Extra Mastodon instances whose post URLs are recognised on their own.
EMBEDS_MASTODON_INSTANCES = env_list("EMBEDS_MASTODON_INSTANCES", "")
# Tests only: lets the fetcher reach 127.0.0.1 (never private ranges).
EMBEDS_ALLOW_LOOPBACK = False

# Permissions-Policy (django-permissions-policy): no page of ours may use the camera,
# microphone, location, payments, sensors or ad-tracking topics; the video players a
# reader loads with a click (embeds.js) may go full screen and play protected media.
_PLAYERS = ["self", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "autoplay",
            "bluetooth",
            "browsing-topics",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },
    "encrypted-media": _PLAYERS,
    "fullscreen": _PLAYERS,
    "picture-in-picture": _PLAYERS,
}

# Content-Security-Policy (newsroom/csp.py). Public pages have no inline script or
# style; embedded posts load their platform's script or frame only after a click, so
# those origins are allowed but nothing requests them before. Mastodon frames come
# from any instance, hence https: for frames.
_EMBED_SCRIPTS = [
    "https://platform.twitter.com",
    "https://embed.bsky.app",
    "https://www.instagram.com",
    "https://www.tiktok.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_EMBED_SCRIPTS],
        "style-src": ["'self'"],
        # Media from a bucket or CDN (MEDIA_URL) are the newsroom's own images.
        "img-src": ["'self'", "data:", *filter(None, [media_origin(MEDIA_URL)])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Mail (docs/subscriptions.md): confirmation mails, alerts and digests over SMTP,
# sent by the worker. Without EMAIL_HOST mail is printed on the console instead.
EMAIL_HOST = env_str("EMAIL_HOST") or ""
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env_str("EMAIL_PORT") or 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or f"{SITE_NAME} <noreply@localhost>"
# Readers mailed per batch of an alert or digest; one batch a minute at most.
MAIL_BATCH_SIZE = int(env_str("MAIL_BATCH_SIZE") or 200)
# When the morning digest is due (HH:MM, Europe/Amsterdam); send_digests runs it.
DIGEST_TIME = env_str("DIGEST_TIME") or "07:00"
if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", DIGEST_TIME):
    raise ImproperlyConfigured(
        f"DIGEST_TIME={DIGEST_TIME!r} is not a time: write it as HH:MM, e.g. 07:00."
    )
