"""The project: settings read from the environment (``settings``, ``env``), the
URLconf, wsgi/asgi, error views, the language middleware and the
Content-Security-Policy middleware. It wires the apps together; no app imports it.
"""
