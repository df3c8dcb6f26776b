"""The tasks that gave up, described for people, and trying one of them again.

A task "gave up" when its last attempt failed: its row in the queue has status
FAILED and an exception other than ``RetryScheduled`` (attempts before it end with
that one). Trying again enqueues a first attempt with the same arguments and removes
the failed row, in one transaction: the failure leaves the list exactly when the new
attempt is in the queue.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from background.retry import RetryScheduled

__all__ = ["about", "attempts", "gave_up", "label", "last_error_line", "try_again"]

RETRY_PATH = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def gave_up(rows: QuerySet | None = None) -> QuerySet:
    """The failed tasks nobody will retry by themselves, newest first: among
    ``rows`` (a queryset of DBTaskResult or a proxy of it), else all."""
    rows = DBTaskResult.objects.all() if rows is None else rows
    return (
        rows.filter(status=TaskResultStatus.FAILED)
        .exclude(exception_class_path=RETRY_PATH)
        .order_by("-finished_at")
    )


def _task(row: DBTaskResult) -> Task:
    """The Task the row names, as defined now (``row.task`` would also carry the
    row's run_after, which a backend without deferred tasks refuses)."""
    found = import_string(row.task_path)
    if not isinstance(found, Task):
        raise ImportError(f"{row.task_path} is geen taak")
    return found


def _function(row: DBTaskResult):
    try:
        return _task(row).func
    except ImportError:  # a task renamed or removed since: the path is shown
        return None


def label(row: DBTaskResult) -> str:
    """What kind of work it was: the task's own label, else its name."""
    return getattr(_function(row), "label", "") or row.task_path.rsplit(".", 1)[-1]


def about(row: DBTaskResult) -> str:
    """What the work was about (e.g. "afbeelding 12"), from the task's arguments."""
    template = getattr(_function(row), "about", "")
    args = row.args_kwargs.get("args", [])
    kwargs = dict(row.args_kwargs.get("kwargs", {}))
    kwargs.pop("attempt", None)
    plain = ", ".join(map(str, args))
    try:
        return str(template).format(*args, **kwargs) if template else plain
    except (IndexError, KeyError):
        return plain


def attempts(row: DBTaskResult) -> int:
    """How many times the work was tried, this attempt included."""
    return int(row.args_kwargs.get("kwargs", {}).get("attempt", 1))


def last_error_line(row: DBTaskResult) -> str:
    """The traceback's last line: the exception and its message."""
    lines = [line for line in row.traceback.splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


@transaction.atomic
def try_again(rows) -> int:
    """Enqueue each given-up task anew (a first attempt) and drop its failed row.

    Returns how many were enqueued; a row that is no longer a given-up failure (tried
    again meanwhile) is left alone.
    """
    count = 0
    for row in gave_up().select_for_update().filter(pk__in=[r.pk for r in rows]):
        kwargs = dict(row.args_kwargs.get("kwargs", {}))
        kwargs.pop("attempt", None)
        task_ = _task(row).using(priority=row.priority, queue_name=row.queue_name)
        task_.enqueue(*row.args_kwargs.get("args", []), **kwargs)
        row.delete()
        count += 1
    return count
