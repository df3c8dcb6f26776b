"""Copying media from a folder on disk into the configured store (object storage).

For the move from ``MEDIA_STORAGE=local`` to ``s3``: every file under the old
MEDIA_ROOT is written under the same name into the new store, so the names the
database holds (originals, renditions, author photos, post copies) find their files.
Idempotent: a file already there with the same size (and the same MD5, where the
store can tell it) is left alone, so a run that stopped half-way is simply run again.
"""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.files.storage import Storage

__all__ = ["CopyResult", "copy_media", "files_in", "same_file"]

CHUNK = 1024 * 1024


@dataclass
class CopyResult:
    copied: int = 0
    present: int = 0  # already in the store, the same file
    bytes_copied: int = 0


def files_in(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name under ``folder`` of ``storage``, sorted, folders first."""
    folders, files = storage.listdir(folder)
    prefix = f"{folder}/" if folder else ""
    for name in sorted(folders):
        yield from files_in(storage, prefix + name)
    for name in sorted(files):
        yield prefix + name


def _md5(storage: Storage, name: str) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def same_file(source: Storage, target: Storage, name: str) -> bool:
    """Whether ``target`` already holds ``name`` as ``source`` has it: same size, and
    the same MD5 where the target tells it (``S3MediaStorage.stat``)."""
    stat = getattr(target, "stat", None)
    if stat is not None:
        found = stat(name)
        if found is None:
            return False
        size, md5 = found
        if size != source.size(name):
            return False
        return md5 is None or md5 == _md5(source, name)
    return target.exists(name) and target.size(name) == source.size(name)


def copy_media(
    source: Storage,
    target: Storage,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int, str, str], None] = lambda *_: None,
) -> CopyResult:
    """Copy every file of ``source`` that ``target`` lacks (or holds differently)
    under the same name. ``progress(done, total, name, outcome)`` after each file,
    outcome "copied", "present" or "would copy" (``dry_run``: nothing written).
    A failing store raises its OSError; what was copied so far stays copied."""
    names = list(files_in(source))
    result = CopyResult()
    for done, name in enumerate(names, start=1):
        if same_file(source, target, name):
            result.present += 1
            progress(done, len(names), name, "present")
            continue
        size = source.size(name)
        if not dry_run:
            # The store never overwrites (it would pick another name): a different
            # file of this name, from an earlier run cut off mid-way, goes first.
            target.delete(name)
            with source.open(name, "rb") as handle:
                stored = target.save(name, handle)
            if stored != name:
                raise OSError(f"the store saved {name} as {stored}")
        result.copied += 1
        result.bytes_copied += size
        progress(done, len(names), name, "would copy" if dry_run else "copied")
    return result
