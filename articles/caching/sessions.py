"""Does a request's session cookie belong to a real session?

Only then is the reader someone the page cache must not serve (an editor logged in):
anyone can send a cookie named ``sessionid``, and a made-up one is an anonymous
reader, served from the cache like any other.

What a check costs, with Django's key-based session engines (db, cached_db, cache,
file): a value that is not a session key as Django makes them (32 characters, a-z
and 0-9) costs nothing. A well-formed one is looked up once, through the session
engine (one query with ``db``; with ``cached_db`` a real session is found in the
cache); a value that names no session is remembered by this process
(``REMEMBERED`` at most), so sending it again costs nothing: Django never adopts a
session key a client made up, and an expired session does not come back.
"""

import re
import threading
from collections import OrderedDict
from importlib import import_module

from django.conf import settings

__all__ = ["REMEMBERED", "holds_session"]

REMEMBERED = 4096
_KEY_BASED_ENGINES = {
    f"django.contrib.sessions.backends.{name}"
    for name in ("db", "cached_db", "cache", "file")
}
_SESSION_KEY = re.compile(r"[a-z0-9]{32}")
_no_session: OrderedDict[str, None] = OrderedDict()
_lock = threading.Lock()


def holds_session(request) -> bool:
    """True when the request's session cookie names a session that holds
    something (a login); False for no cookie and for a cookie naming none."""
    value = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not value:
        return False
    engine = settings.SESSION_ENGINE
    if engine in _KEY_BASED_ENGINES and not _SESSION_KEY.fullmatch(value):
        return False
    with _lock:
        if value in _no_session:
            return False
    store = import_module(engine).SessionStore(value)
    if store.load():
        return True
    # The key-based engines forget a key they cannot find: it names no session.
    if engine in _KEY_BASED_ENGINES and store.session_key is None:
        with _lock:
            _no_session[value] = None
            if len(_no_session) > REMEMBERED:
                _no_session.popitem(last=False)
    return False
