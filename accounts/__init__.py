"""Accounts: login throttling (django-axes, ``lockout``), two-factor codes for the
admin (django-otp, ``twofactor``), sessions, the audit events no other record keeps
(``audit``) and the Logboek the Hoofdredactie reads (``logbook``, ``admin``).

Imports no other app of ours: apps that want their own records in the Logboek
register a source with ``logbook.register()`` and record events with
``audit.record()``. Settings live in newsroom/settings.py under "Accounts";
docs/accounts.md says how it behaves.
"""
