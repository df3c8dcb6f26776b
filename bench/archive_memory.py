"""What the archive costs in memory: `python -m bench.archive_memory`.

For each size (BENCH_ARCHIVE_SIZES, default "2000,20000") a SQLite database of the
bench's own (in the temp dir) gets that many generated articles
(``generate_articles``); then ``export_archive -o FILE`` and ``import_archive FILE``
(into an empty database) each run as a child process, whose peak resident memory
the kernel reports when it ends (``os.wait4``). The floor is ``manage.py check`` in
the same way: what Django and the project take before any work.

BENCH_ARCHIVE_CODE names other checkouts to run the same commands from, separated
by commas (e.g. ``/work/main`` for the code before the archive streamed); the data
is made once, with this checkout. Prints a Markdown table; docs/commands.md quotes
a run.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "redactie-bench-archive"


def _environment(database: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "off",
        "HTTPS": "off",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(WORK / "media"),
        "REDIS_URL": "",
    }


def run(code: Path, database: Path, *args: str) -> tuple[int, float]:
    """``manage.py ARGS`` from checkout ``code`` on ``database``: its peak
    resident memory in KiB (what the kernel counted for that one process) and
    the seconds it took (for the record only; nothing compares them)."""
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=code,
        env=_environment(database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stderr = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{stderr.decode()}")
    return usage.ru_maxrss, time.monotonic() - started


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def measure(size: int, codes: list[Path]) -> list[str]:
    """Table rows for ``size`` articles, one per checkout."""
    folder = WORK / str(size)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    empty = folder / "empty.sqlite3"
    run(ROOT, empty, "migrate", "--no-input")
    full = folder / "full.sqlite3"
    shutil.copy(empty, full)
    run(ROOT, full, "generate_articles", str(size), "--batch", "1000")
    rows = []
    for code in codes:
        floor, _ = run(code, full, "check")
        archive = folder / "archief.json"
        exported, export_s = run(code, full, "export_archive", "-o", str(archive))
        target = folder / "target.sqlite3"
        shutil.copy(empty, target)
        imported, import_s = run(code, target, "import_archive", str(archive))
        megabytes = archive.stat().st_size / 1e6
        rows.append(
            f"| {size} | {code} | {mib(floor)} | {mib(exported)} "
            f"({exported / floor:.1f}×, {export_s:.0f} s) | {mib(imported)} "
            f"({imported / floor:.1f}×, {import_s:.0f} s) | {megabytes:.0f} |"
        )
        print(rows[-1], flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def main() -> None:
    sizes = [
        int(s) for s in os.environ.get("BENCH_ARCHIVE_SIZES", "2000,20000").split(",")
    ]
    others = [Path(p) for p in os.environ.get("BENCH_ARCHIVE_CODE", "").split(",") if p]
    print(
        "| articles | code | floor MiB | export peak MiB (× floor, time) "
        "| import peak MiB (× floor, time) | file MB |\n|---|---|---|---|---|---|",
        flush=True,
    )
    for size in sizes:
        measure(size, [*others, ROOT])


if __name__ == "__main__":
    main()
