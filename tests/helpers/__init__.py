"""What the tests share besides fixtures (those are in the conftest.py files).

``html``: the one HTML parser. ``samples``: sample data (embed code, images).
``hostile``: the hostile-input corpus and its checks. ``users``: the roles and how a
test logs in. ``forms``: admin form data. ``servers``: the real app servers.
``parts``: where the real parts some tests need are. ``browser``: Playwright steps.
No test module imports another test module: what two of them need lives here.
"""
