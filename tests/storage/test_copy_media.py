"""copy_media_to_storage: local media into the bucket, once; a second run copies
nothing; an unusable store is exit status 1 with a message saying what to check."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers.s3 import use_s3

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


@pytest.fixture
def local_media(tmp_path):
    """An old MEDIA_ROOT: an original, a rendition, an author photo."""
    root = tmp_path / "oude-media"
    files = {
        "images/ab/abcdef.jpg": b"\xff\xd8\xff origineel",
        "images/ab/tok-w-320.webp": b"RIFF variant",
        "authors/xyz.png": b"\x89PNG foto",
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root, files


def _run(*args):
    out = StringIO()
    call_command("copy_media_to_storage", *args, stdout=out)
    return out.getvalue()


def test_copies_everything_once(local_media, s3_store, settings, monkeypatch):
    """The first run copies every file under its own name, with progress; the second
    finds them all present and copies nothing."""
    root, files = local_media
    use_s3(s3_store, settings, monkeypatch)
    first = _run("--from", str(root))
    assert s3_store.keys() == sorted(files)
    for name, content in files.items():
        body = s3_store.client.get_object(Bucket=s3_store.bucket, Key=name)["Body"]
        assert body.read() == content
    assert "[1/3]" in first and "[3/3]" in first and "3 gekopieerd" in first
    second = _run("--from", str(root))
    assert "0 gekopieerd" in second and "3 al aanwezig" in second
    assert s3_store.keys() == sorted(files)


def test_a_different_file_of_the_same_name_is_replaced(
    local_media, s3_store, settings, monkeypatch
):
    """Same size, other bytes (a run cut off, a stale copy): the MD5 tells, and the
    local file replaces it under the same name."""
    root, files = local_media
    use_s3(s3_store, settings, monkeypatch)
    name = "authors/xyz.png"
    s3_store.client.put_object(Bucket=s3_store.bucket, Key=name, Body=b"\x89PNG FOTO")
    output = _run("--from", str(root))
    assert "3 gekopieerd" in output
    body = s3_store.client.get_object(Bucket=s3_store.bucket, Key=name)["Body"].read()
    assert body == files[name] and s3_store.keys() == sorted(files)


def test_dry_run_writes_nothing(local_media, s3_store, settings, monkeypatch):
    """--dry-run lists what would be copied and leaves the bucket empty."""
    root, _ = local_media
    use_s3(s3_store, settings, monkeypatch)
    output = _run("--from", str(root), "--dry-run")
    assert "zou worden gekopieerd" in output and "3 zou kopiëren" in output
    assert s3_store.keys() == []


@pytest.mark.parametrize("problem", ["stopped", "no bucket"])
def test_unusable_store_is_exit_status_one(
    local_media, s3_store, settings, monkeypatch, problem
):
    """A store that cannot be reached, or a bucket that does not exist: a
    CommandError (exit status 1) naming what to check, nothing copied."""
    root, _ = local_media
    use_s3(s3_store, settings, monkeypatch,
           bucket="bestaat-niet" if problem == "no bucket" else None)  # fmt: skip
    if problem == "stopped":
        s3_store.stop()
    with pytest.raises(CommandError, match="S3_BUCKET") as raised:
        _run("--from", str(root))
    assert raised.value.returncode == 1
    if problem == "no bucket":
        assert s3_store.keys() == []


def test_local_storage_has_nowhere_to_copy_to(local_media):
    """With MEDIA_STORAGE=local the command says to configure the bucket first."""
    root, _ = local_media
    with pytest.raises(CommandError, match="MEDIA_STORAGE=s3"):
        _run("--from", str(root))
