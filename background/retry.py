"""``@retried_task``: a django-tasks task that is tried again, later, when it fails.

django-tasks runs a task once. Ours talk to providers, a CDN or storage, which fail
for a while and then work again, so a failed attempt enqueues the same task with the
same arguments to run after a growing delay (``DELAYS``). The attempt that failed
ends with ``RetryScheduled`` (its row in the queue says a retry follows); the last
attempt ends with the task's own exception, and that row is what the admin shows as
given up (``background.failures``).

The attempt number travels in the task's keyword arguments (``attempt``), so it is
stored with the row and survives a worker's restart. A backend that cannot run a task
later (the immediate backend of development and tests) does not retry.
"""

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import TaskContext, task
from django_tasks.base import Task

__all__ = ["DELAYS", "RetryScheduled", "retried_task"]

# After the first failure 30 s, then 2 min, 10 min and an hour: five attempts over
# about 73 minutes ride out a provider's or a CDN's bad quarter of an hour.
DELAYS: tuple[timedelta, ...] = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
)


class RetryScheduled(Exception):  # noqa: N818 (it is an outcome, not an error)
    """This attempt failed and the next one is enqueued; not a failure to report."""


def retried_task(
    *,
    label: str,
    about: str = "",
    delays: Sequence[timedelta] = DELAYS,
    **options: Any,
) -> Callable[[Callable[..., Any]], Task]:
    """A ``django_tasks.task`` whose failures are retried after ``delays``.

    ``label`` names the work for the admin (Dutch, e.g. "Varianten maken");
    ``about`` is a format string over the task's arguments saying what it was about
    (e.g. "afbeelding {0}"). ``options`` go to ``django_tasks.task`` (priority,
    queue_name).
    """
    delays = tuple(delays)

    def decorate(func: Callable[..., Any]) -> Task:
        def run(context: TaskContext, *args: Any, attempt: int = 1, **kwargs: Any):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                task_ = context.task_result.task
                if attempt > len(delays) or not task_.get_backend().supports_defer:
                    raise
                later = timezone.now() + delays[attempt - 1]
                task_.using(run_after=later).enqueue(
                    *args, attempt=attempt + 1, **kwargs
                )
                raise RetryScheduled(
                    f"Poging {attempt} mislukt; poging {attempt + 1} volgt na "
                    f"{later.isoformat(timespec='seconds')}."
                ) from error

        # Not functools.wraps: django-tasks reads the signature through __wrapped__
        # and must see ``context`` first. The names make the task's import path the
        # decorated function's, which is where the Task object is found.
        run.__module__ = func.__module__
        run.__name__ = func.__name__
        run.__qualname__ = func.__qualname__
        run.__doc__ = func.__doc__
        run.label = label
        run.about = about
        run.attempts = len(delays) + 1
        return task(takes_context=True, **options)(run)

    return decorate
