"""Where media live, from the environment: MEDIA_STORAGE, S3_*, AWS_* and MEDIA_URL.

``local`` (the default) keeps uploads on this machine's disk under MEDIA_ROOT, served
at ``/media/``. ``s3`` keeps them in an S3-compatible bucket (AWS, or any store that
speaks its API at S3_ENDPOINT_URL), readable by anyone at MEDIA_URL: the bucket's own
address by default, or a CDN in front of it. Mistakes stop start-up with a message
saying what to set (docs/configuration.md, "Media").
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_str

__all__ = ["media_origin", "media_storage", "media_storage_kind", "media_url"]

KINDS = ("local", "s3")
# Every uploaded file's name is new when its content is (random names for originals
# and photos, a fresh token for each set of renditions, never an overwrite), so a
# browser or CDN may keep any of them for a year without asking again.
CACHE_CONTROL = "public, max-age=31536000, immutable"


def media_storage_kind() -> str:
    kind = (env_str("MEDIA_STORAGE") or "local").lower()
    if kind not in KINDS:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE={kind!r} is not known: use local (files on this disk, "
            "the default) or s3 (an S3-compatible bucket, with S3_BUCKET)."
        )
    return kind


def _bucket() -> str:
    bucket = env_str("S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs S3_BUCKET: the name of the bucket that holds the "
            "media (and S3_ENDPOINT_URL for a store other than AWS, S3_REGION, "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). Or set MEDIA_STORAGE=local."
        )
    return bucket


def media_url() -> str:
    """The public base of every media URL, ending in "/"."""
    url = env_str("MEDIA_URL")
    if media_storage_kind() == "local":
        return url or "/media/"
    if not url:
        bucket = _bucket()
        endpoint = (env_str("S3_ENDPOINT_URL") or "").rstrip("/")
        region = env_str("S3_REGION")
        if endpoint:  # path-style, as the store's own address answers for it
            url = f"{endpoint}/{bucket}/"
        elif region:
            url = f"https://{bucket}.s3.{region}.amazonaws.com/"
        else:
            url = f"https://{bucket}.s3.amazonaws.com/"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(
            f"MEDIA_URL={url!r} must be an absolute http(s) address with object "
            "storage, e.g. https://media.example.org/ (a CDN) or leave it empty for "
            "the bucket's own address."
        )
    return url if url.endswith("/") else f"{url}/"


def media_origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute MEDIA_URL (for the CSP); None for a
    path on this site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


def media_storage() -> dict:
    """The STORAGES["default"] entry for MEDIA_STORAGE."""
    if media_storage_kind() == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    public = urlsplit(media_url())
    endpoint = env_str("S3_ENDPOINT_URL") or None
    return {
        "BACKEND": "newsroom.storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": _bucket(),
            "endpoint_url": endpoint,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            # Stores other than AWS (MinIO, moto, Ceph...) answer path-style.
            "addressing_style": "path" if endpoint else None,
            # URLs built from MEDIA_URL, without a signature: stable and cacheable,
            # and made without asking the store.
            "custom_domain": (public.netloc + public.path).rstrip("/"),
            "url_protocol": f"{public.scheme}:",
            "querystring_auth": False,
            # Read access comes from the bucket's policy, not per-object ACLs (which
            # AWS disables on new buckets); see docs/operations.md.
            "default_acl": None,
            # Never overwrite: a name once served keeps its content (CACHE_CONTROL).
            "file_overwrite": False,
            "object_parameters": {"CacheControl": CACHE_CONTROL},
        },
    }
