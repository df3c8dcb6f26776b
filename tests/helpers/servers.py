"""Run the project as production does, in child processes: manage.py and gunicorn.

Tests that measure what a reader's browser or a second app server sees (Lighthouse,
two servers sharing one database and one Redis) start the real thing: gunicorn with
DEBUG off, static files collected and served by WhiteNoise, on a free loopback port
(bench/server.py, which the benchmark uses too).
"""

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from bench.server import Gunicorn, free_port
from tests.helpers.parts import ROOT

__all__ = ["AdminSession", "Gunicorn", "free_port", "manage", "production_env"]

# What the test run itself was given must not leak into the child's settings.
_PRIVATE = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "HTTPS", "DATABASE_URL"}


def production_env(workdir: Path, database_url: str, **extra: str) -> dict:
    """Environment for a DEBUG-off project instance with its own static and media."""
    base = {k: v for k, v in os.environ.items() if k not in _PRIVATE}
    return {
        **base,
        "DEBUG": "off",
        "HTTPS": "off",
        "SECRET_KEY": "test-servers-" + "x" * 50,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "on",
        **extra,
    }


def manage(env: dict, *args: str, timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


class AdminSession:
    """A browser-like HTTP client with cookies, logged into one server's admin."""

    def __init__(self, server: Gunicorn, username: str, password: str):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.get("/admin/login/")
        self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password},
            page,
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.server.url + path, timeout=30) as response:
            return response.read().decode()

    def post(
        self, path: str, data: dict, form_page: str, *, files: dict | None = None
    ) -> str:
        """POST ``data`` (and ``files``: name -> (filename, bytes)) with the CSRF
        token of ``form_page``; the body of the page it ends on."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page)
        fields = {**data, "csrfmiddlewaretoken": token.group(1)}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.server.url + path,
            data=body,
            headers={"Referer": self.server.url + path, "Content-Type": content_type},
        )
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode()


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----grens" + secrets.token_hex(8)
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{item}\r\n".encode()
            )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream'
            "\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
