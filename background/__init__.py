"""Background work: the retry with back-off every task of ours uses, and what the
admin needs to show the tasks that gave up.

Below every app (docs/architecture.md): ``articles`` and ``embeds`` both define their
tasks with ``background.retry.retried_task``, and this package imports none of ours.
The queue itself is django-tasks with its database backend (settings.TASKS).
"""
