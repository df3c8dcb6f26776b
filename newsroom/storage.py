"""Media on S3-compatible object storage (``MEDIA_STORAGE=s3``) via django-storages.

Two things differ from django-storages' own S3 backend:

- A failure of the store is an ``OSError``, as it is with files on disk: the apps catch
  one kind of error whichever store is configured (and never import boto). Its errno
  says what happened: ``ENOSPC`` full, ``EACCES`` refused (read-only, no such bucket,
  wrong keys), ``EHOSTUNREACH`` unreachable or too slow.
- Short timeouts and one retry: an upload form waits seconds for a store that is down,
  not minutes (botocore's defaults are a minute per attempt and several attempts).

URLs are computed from ``MEDIA_URL`` alone (``custom_domain``, no query-string
signature): a page renders without asking the store anything, and its image URLs are
the same on every render, so pages and images can be cached.
"""

import errno

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

__all__ = ["MediaStoreError", "S3MediaStorage", "store_error"]

# S3 error codes, and MinIO's, that mean "no room"; everything else refused is EACCES.
FULL_CODES = {"XMinioStorageFull", "InsufficientStorage", "QuotaExceeded"}


class MediaStoreError(OSError):
    """The object store did not do what was asked; ``errno`` says roughly why."""


def store_error(error: Exception) -> MediaStoreError:
    """A boto error as a MediaStoreError with a meaningful errno (pure)."""
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in FULL_CODES or status == 507:
            return MediaStoreError(errno.ENOSPC, f"object store full ({code})")
        if status is not None and status >= 500:
            return MediaStoreError(errno.EHOSTUNREACH, f"object store failed ({code})")
        return MediaStoreError(errno.EACCES, f"object store refused ({code})")
    return MediaStoreError(errno.EHOSTUNREACH, f"object store unreachable ({error})")


def _translated(method):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise store_error(error) from error

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class S3MediaStorage(S3Storage):
    """django-storages' S3Storage whose failures are ``MediaStoreError`` (OSError)."""

    def __init__(self, **options):
        addressing = options.pop("addressing_style", None)
        if "client_config" not in options:
            options["client_config"] = Config(
                connect_timeout=3,
                read_timeout=10,
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": addressing},
            )
        super().__init__(**options)

    @_translated
    def stat(self, name: str) -> tuple[int, str | None] | None:
        """(size, MD5 hex digest or None) of the object ``name``, in one request;
        None when there is none. The digest is the ETag of a single-part upload;
        a multipart upload's ETag is not an MD5 of the content, so None then."""
        key = self._normalize_name(name)
        try:
            head = self.connection.meta.client.head_object(
                Bucket=self.bucket_name, Key=key
            )
        except ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                return None
            raise
        etag = head.get("ETag", "").strip('"')
        return head["ContentLength"], (etag if etag and "-" not in etag else None)

    _open = _translated(S3Storage._open)
    _save = _translated(S3Storage._save)
    delete = _translated(S3Storage.delete)
    exists = _translated(S3Storage.exists)
    listdir = _translated(S3Storage.listdir)
    size = _translated(S3Storage.size)
    get_modified_time = _translated(S3Storage.get_modified_time)
