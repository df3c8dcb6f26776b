"""Accounts hardening: login throttling (django-axes), two-factor codes for the
admin (django-otp), and the audit log the Hoofdredactie reads (the Logboek).

Models live in ``articles/models/accounts.py``; settings in newsroom/settings.py
under "Accounts"; the README's "Accounts" section says how it behaves.
"""
