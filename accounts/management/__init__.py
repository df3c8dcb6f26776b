"""Management commands (`python manage.py help` lists them)."""
