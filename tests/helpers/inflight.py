"""Requests the live server is still answering, so a browser test can wait for them.

The live server answers each request in a thread of its own, and on SQLite it shares
the test's connection. A request the browser sent as the test ended (a beacon when a
page is left) would otherwise run while the test's database is emptied, inside its
own transaction on that very connection, and break every test after it. The browser
fixture (tests/conftest.py) closes Chromium, then waits here until nothing is left.
"""

import threading

_changed = threading.Condition()
_running = 0


class InFlight:
    """Outermost middleware in the tests' settings: counts requests being answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _running
        with _changed:
            _running += 1
        try:
            return self.get_response(request)
        finally:
            with _changed:
                _running -= 1
                _changed.notify_all()


def wait_until_idle(timeout: float = 30) -> bool:
    """True once no request is being answered; False if some still are at timeout."""
    with _changed:
        return _changed.wait_for(lambda: _running == 0, timeout)
