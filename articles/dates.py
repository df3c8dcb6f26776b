"""Publication times as precise as their source, no more (pure).

An archive or an import may know an article's date only to the month ("2021-08") or
the day. The stored time is the start of that period in the site's time zone, so
ordering, visibility and scheduling work as for any time; what readers and editors
see, and the ISO 8601 form in JSON-LD and ``<time datetime>``, stop at the precision.
"""

from datetime import datetime, time

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

__all__ = ["Precision", "precise_iso", "precise_label", "start_of"]


class Precision(models.TextChoices):
    MINUTE = "minute", _("op de minuut")
    DAY = "day", _("alleen de dag")
    MONTH = "month", _("alleen de maand")


def start_of(moment: datetime | None, precision: str) -> datetime | None:
    """The first moment of the day or month ``moment`` falls in (site's time zone);
    ``moment`` itself at minute precision."""
    if moment is None or precision not in (Precision.DAY, Precision.MONTH):
        return moment
    local = timezone.localtime(moment)
    day = local.date()
    if precision == Precision.MONTH:
        day = day.replace(day=1)
    return datetime.combine(day, time.min, tzinfo=local.tzinfo)


def precise_iso(moment: datetime | None, precision: str) -> str | None:
    """ISO 8601 to the precision: ``2021-08``, ``2021-08-26``, or the full local
    time with its offset (``2021-08-26T14:30:00+02:00``). Valid in ``<time
    datetime>`` and in schema.org dates."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    if precision == Precision.MONTH:
        return local.strftime("%Y-%m")
    if precision == Precision.DAY:
        return local.date().isoformat()
    return local.isoformat()


def precise_label(
    moment: datetime | None, precision: str, *, with_time=True, minute_format=None
) -> str:
    """What a reader reads: "augustus 2021", "26 augustus 2021", or with
    ``with_time`` and minute precision "26 augustus 2021, 14:30" (or
    ``minute_format``)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if precision == Precision.MONTH:
        return date_format(local, "F Y")
    if precision == Precision.DAY or not with_time:
        return date_format(local, "j F Y")
    return date_format(local, minute_format or "j F Y, H:i")
