"""python -m bench.docs: docs/performance.md from bench/results.md, without measuring.

The page is bench/performance_intro.md (written by hand) followed by the latest
results. make bench (bench/run.py) rewrites it after every run; run this after
editing the intro.
"""

from pathlib import Path

from bench.report import performance_markdown

__all__ = ["PERFORMANCE_PAGE", "RESULTS", "write_performance_page"]

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"
INTRO = BENCH / "performance_intro.md"
PERFORMANCE_PAGE = BENCH.parent / "docs" / "performance.md"


def write_performance_page() -> Path:
    """Write docs/performance.md from the intro and bench/results.md."""
    if not RESULTS.exists():
        raise SystemExit(f"{RESULTS} does not exist yet: run make bench first.")
    PERFORMANCE_PAGE.write_text(
        performance_markdown(INTRO.read_text(), RESULTS.read_text())
    )
    return PERFORMANCE_PAGE


if __name__ == "__main__":
    print(f"Written to {write_performance_page()}")
