"""The bare floor: a minimal Django project (no middleware, no database, no apps)
serving one constant page, run by the same gunicorn as the project (bench/run.py)."""
