"""A real S3-compatible server on loopback for tests: moto's standalone server.

``s3_store`` starts one on a free port with an empty bucket of its own;
``use_s3(store, settings, monkeypatch)`` points the project at it through the same
environment variables production sets (newsroom/media.py), so the settings code is
what the test exercises. The client here only sets up and inspects the bucket;
the code under test talks to the server over HTTP like any other store.
"""

import json
import secrets
from dataclasses import dataclass

import pytest

__all__ = ["S3Store", "post_with_photo", "s3_store", "start_s3", "use_s3"]

KEYS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


@dataclass
class S3Store:
    server: object  # moto.server.ThreadedMotoServer
    endpoint: str  # http://127.0.0.1:PORT
    bucket: str
    client: object  # a boto3 S3 client, for setting up and looking

    def keys(self, prefix: str = "") -> list[str]:
        found = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(entry["Key"] for entry in found.get("Contents", []))

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.bucket, Key=key)

    def make_public(self) -> None:
        """Anyone may read (never list or write): the bucket policy of
        docs/operations.md, "Object storage"."""
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicReadMedia",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{self.bucket}/*",
                }
            ],
        }
        self.client.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps(policy))

    def stop(self) -> None:
        """Shut the server down: from now on the store is unreachable."""
        if self.server is not None:
            self.server.stop()
            self.server = None


def start_s3() -> S3Store:
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    bucket = f"media-{secrets.token_hex(4)}"
    client.create_bucket(Bucket=bucket)
    return S3Store(server=server, endpoint=endpoint, bucket=bucket, client=client)


@pytest.fixture
def s3_store():
    """A moto server of this test's own, with an empty bucket; stopped afterwards."""
    store = start_s3()
    yield store
    store.stop()


def use_s3(store: S3Store, settings, monkeypatch, *, bucket=None, media_url=None):
    """MEDIA_STORAGE=s3 on ``store`` for the rest of the test (the default storage
    and MEDIA_URL as production's settings would make them from the environment)."""
    from newsroom.media import media_storage
    from newsroom.media import media_url as read_media_url

    environment = {
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": bucket or store.bucket,
        "S3_ENDPOINT_URL": store.endpoint,
        "S3_REGION": "us-east-1",
        **KEYS,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    if media_url:
        monkeypatch.setenv("MEDIA_URL", media_url)
    else:
        monkeypatch.delenv("MEDIA_URL", raising=False)
    settings.MEDIA_URL = read_media_url()
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}


def post_with_photo(httpserver, settings, data: bytes, *, status_id: int):
    """A post (as pasted text) whose one image ``data`` a loopback server serves;
    the fetcher may reach loopback for the rest of the test."""
    from embeds.post import Media, Post

    settings.EMBEDS_ALLOW_LOOPBACK = True
    httpserver.expect_request("/foto.jpg").respond_with_data(
        data, content_type="image/jpeg"
    )
    image = Media(kind="image", url=httpserver.url_for("/foto.jpg"), alt="Poort")
    return Post(
        provider="x",
        url=f"https://x.com/nieuws/status/{status_id}",
        text="Beeld van de poort.",
        source="text",
        media=(image,),
    )
