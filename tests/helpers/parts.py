"""Where the project and the real parts some tests need are (see tests/conftest.py)."""

import os
from pathlib import Path

__all__ = ["CHROMIUM", "CI", "LIGHTHOUSE", "REDIS_TEST_URL", "ROOT", "VNU_JAR"]

# The project folder (manage.py, package.json, node_modules/).
ROOT = Path(__file__).resolve().parent.parent.parent
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes", "on"}
CHROMIUM = Path("/usr/bin/chromium")
# The Nu Html Checker, installed by `make install-dev` from package.json (npm).
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
# Lighthouse, pinned in package.json (npm), run with the machine's Node.js.
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
