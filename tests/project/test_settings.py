"""Settings come from the environment; production settings pass check --deploy."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_bool, env_list, env_seconds
from tests.helpers.parts import ROOT


def manage(*args, env, cwd=ROOT):
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "HTTPS"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("ON", True), (" on ", True), ("0", False),
     ("false", False), ("Off", False), ("", False)],
)  # fmt: skip
def test_booleans_accept_the_documented_spellings(monkeypatch, raw, expected):
    """1/0, true/false and on/off, in any case, are booleans."""
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", not expected) is expected


def test_a_bad_boolean_is_a_clear_error(monkeypatch):
    """A value that is not a boolean names the variable and the accepted values."""
    monkeypatch.setenv("HTTPS", "maybe")
    with pytest.raises(ImproperlyConfigured, match="HTTPS='maybe'.*1/0"):
        env_bool("HTTPS", True)


def test_lists_are_comma_separated(monkeypatch):
    """ALLOWED_HOSTS-style lists split on commas and drop blanks."""
    monkeypatch.setenv("HOSTS", " a.example , b.example,, ")
    assert env_list("HOSTS", "") == ["a.example", "b.example"]


@pytest.mark.parametrize(("raw", "expected"), [("2", 2.0), (" 0.5 ", 0.5), ("", 3.0)])
def test_seconds_are_positive_numbers(monkeypatch, raw, expected):
    """Deadlines (PURGE_DEADLINE, EMBEDS_FETCH_DEADLINE) take whole or decimal
    seconds; empty means the default."""
    monkeypatch.setenv("SOME_DEADLINE", raw)
    assert env_seconds("SOME_DEADLINE", 3.0) == expected


@pytest.mark.parametrize("raw", ["0", "-1", "drie", "inf", "nan"])
def test_a_bad_number_of_seconds_is_a_clear_error(monkeypatch, raw):
    """Zero, negative, infinite or no number at all names the variable."""
    monkeypatch.setenv("PURGE_DEADLINE", raw)
    with pytest.raises(ImproperlyConfigured, match="PURGE_DEADLINE=.*seconds"):
        env_seconds("PURGE_DEADLINE", 5.0)


def test_missing_secret_key_stops_startup_with_a_clear_message(tmp_path):
    """With DEBUG off and no SECRET_KEY, manage.py refuses to start and says why."""
    result = manage(
        "check", env={"DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_reports_nothing_in_production_settings(tmp_path):
    """check --deploy is clean with DEBUG off, a real key and ALLOWED_HOSTS set."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "0",
            "SECRET_KEY": "k9$Jq2!vL7#xP4@rT8^wZ1&mN6*bH3(cF5)gD0_sA-eY+uI=oE{rW}tQ",
            "ALLOWED_HOSTS": "nieuws.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.db",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_relative_sqlite_path_is_taken_from_the_project_folder(tmp_path):
    """sqlite:///var/x.sqlite3 means the project's var/, whatever the working folder."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from django.conf import settings; "
            "print(settings.DATABASES['default']['NAME'])",
        ],
        cwd=tmp_path,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": "sqlite:///var/x.sqlite3"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == str(ROOT / "var" / "x.sqlite3")
