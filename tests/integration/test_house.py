"""The house stays navigable (docs/architecture.md): every package says what it holds,
no module grows past 450 lines and no folder past 16 modules (tests, migrations and
word lists aside), and the README stays short with no link outside the repository."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["newsroom", "demo", "articles", "accounts", "embeds", "background", "bench"]
MAX_LINES = 450
MAX_MODULES = 16


def modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_package_starts_with_a_docstring():
    missing = [
        str(path.relative_to(ROOT))
        for path in modules()
        if path.name == "__init__.py"
        and not ast.get_docstring(ast.parse(path.read_text()))
    ]
    assert missing == []


def test_no_module_past_the_limit():
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules()
        if "words" not in path.stem
        and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_folder_past_the_limit():
    folders: dict[Path, int] = {}
    for path in modules():
        folders[path.parent] = folders.get(path.parent, 0) + 1
    crowded = {
        str(f.relative_to(ROOT)): n for f, n in folders.items() if n > MAX_MODULES
    }
    assert crowded == {}


def test_the_readme_is_short_and_links_stay_inside_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 150
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text()):
            assert not re.match(r"[a-z]+:", target), (page.name, target)
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.is_relative_to(ROOT) and path.exists(), (page.name, target)


def test_the_layers_hold():
    """lint-imports (pyproject.toml's contracts): newsroom > demo > articles >
    accounts | embeds, and no import cycles; CI runs it too, this makes a plain test
    run notice."""
    command = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(  # noqa: S603
        [str(command), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
