"""Alerts: telling the apps above (``articles/signals.py``) once when an article, or
a live key moment, first becomes visible to readers.

``claims`` holds the once-only claim (a conditional UPDATE of ``alerted_at``) that
every path shares: the save service for what is visible at once, the periodic task
(``tasks``) for what becomes visible with time, and the editor's explicit "send
again".
"""
