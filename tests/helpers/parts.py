"""Where the project and the real parts some tests need are (see tests/conftest.py)."""

import os
from pathlib import Path

__all__ = [
    "CHROMIUM",
    "CI",
    "LIGHTHOUSE",
    "REDIS_TEST_URL",
    "ROOT",
    "VNU_JAR",
    "say_at_the_end",
]

# The project folder (manage.py, package.json, node_modules/).
ROOT = Path(__file__).resolve().parent.parent.parent
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes", "on"}
CHROMIUM = Path("/usr/bin/chromium")
# The Nu Html Checker, installed by `make install-dev` from package.json (npm).
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
# Lighthouse, pinned in package.json (npm), run with the machine's Node.js.
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def say_at_the_end(request, line: str) -> None:
    """Write ``line`` to the terminal past pytest's output capture: a test module's
    summary of what it ran (the hostile input, the permission matrix)."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter and capture:
        with capture.global_and_fixture_disabled():
            reporter.write_line(line)
