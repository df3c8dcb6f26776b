"""MEDIA_STORAGE and its variables (newsroom/media.py): what production start-up
makes of the environment, and what a store's failure means (newsroom/storage.py)."""

import errno

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from django.core.exceptions import ImproperlyConfigured

from newsroom.media import media_origin, media_storage, media_url
from newsroom.storage import store_error

VARIABLES = ("MEDIA_STORAGE", "S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION", "MEDIA_URL")


@pytest.fixture
def environment(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_


def test_local_is_the_default(environment):
    """Without MEDIA_STORAGE: files on disk, served at /media/."""
    assert media_storage()["BACKEND"].endswith("FileSystemStorage")
    assert media_url() == "/media/" and media_origin("/media/") is None


def test_s3_without_a_bucket_stops_start_up(environment):
    """MEDIA_STORAGE=s3 and no S3_BUCKET: ImproperlyConfigured naming it."""
    environment(MEDIA_STORAGE="s3")
    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET"):
        media_storage()


def test_unknown_store_stops_start_up(environment):
    environment(MEDIA_STORAGE="ftp")
    with pytest.raises(ImproperlyConfigured, match="local.*s3"):
        media_url()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}, "http://127.0.0.1:9000/beeld/"),
        ({"S3_REGION": "eu-west-1"}, "https://beeld.s3.eu-west-1.amazonaws.com/"),
        (
            {"MEDIA_URL": "https://cdn.example.org/media"},
            "https://cdn.example.org/media/",
        ),
    ],
    ids=["endpoint", "aws", "cdn"],
)
def test_media_url_by_default_is_the_buckets_own(environment, values, expected):
    """The bucket's address on its endpoint, or MEDIA_URL (a CDN) when set."""
    environment(MEDIA_STORAGE="s3", S3_BUCKET="beeld", **values)
    assert media_url() == expected


def test_s3_urls_are_unsigned_cached_and_never_overwrite(environment):
    """Options: no query-string signature, immutable year-long caching, no overwrite,
    path-style for a store other than AWS, URLs from MEDIA_URL."""
    environment(MEDIA_STORAGE="s3", S3_BUCKET="beeld",
                S3_ENDPOINT_URL="http://127.0.0.1:9000", MEDIA_URL="https://cdn.example.org/m/")  # fmt: skip
    options = media_storage()["OPTIONS"]
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert options["object_parameters"]["CacheControl"].endswith("immutable")
    assert options["custom_domain"] == "cdn.example.org/m"
    assert options["url_protocol"] == "https:" and options["addressing_style"] == "path"
    assert media_origin(media_url()) == "https://cdn.example.org"


def test_relative_media_url_with_s3_is_refused(environment):
    environment(MEDIA_STORAGE="s3", S3_BUCKET="beeld", MEDIA_URL="/media/")
    with pytest.raises(ImproperlyConfigured, match="absolute"):
        media_url()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (EndpointConnectionError(endpoint_url="http://127.0.0.1:9"), errno.EHOSTUNREACH),
        (ClientError({"Error": {"Code": "AccessDenied"},
                      "ResponseMetadata": {"HTTPStatusCode": 403}}, "PutObject"), errno.EACCES),
        (ClientError({"Error": {"Code": "NoSuchBucket"},
                      "ResponseMetadata": {"HTTPStatusCode": 404}}, "PutObject"), errno.EACCES),
        (ClientError({"Error": {"Code": "XMinioStorageFull"},
                      "ResponseMetadata": {"HTTPStatusCode": 507}}, "PutObject"), errno.ENOSPC),
        (ClientError({"Error": {"Code": "InternalError"},
                      "ResponseMetadata": {"HTTPStatusCode": 500}}, "PutObject"), errno.EHOSTUNREACH),
    ],
    ids=["unreachable", "denied", "no-bucket", "full", "failing"],
)  # fmt: skip
def test_store_errors_are_oserrors_with_an_errno(error, expected):
    """Each boto failure becomes an OSError whose errno picks the editor's message."""
    translated = store_error(error)
    assert isinstance(translated, OSError) and translated.errno == expected
