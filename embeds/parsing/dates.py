"""The date under an embedded post, as the platforms write it (pure).

X writes "March 3, 2024"; Bluesky and others add a time ("March 3, 2024 at 10:00
AM") in the zone of whoever made the code, which the code does not name, so such a
time is dropped and only the date kept. An ISO timestamp with an offset (a
``<time datetime>``) is the one case that gives an aware datetime.
"""

import re
from datetime import date, datetime

__all__ = ["MONTHS", "parse_post_date"]

# English as the platforms write it, with its three-letter abbreviations and "sept";
# Dutch because our editors paste from Dutch pages.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "januari"),
            ("february", "februari"),
            ("march", "maart", "mrt"),
            ("april",),
            ("may", "mei"),
            ("june", "juni"),
            ("july", "juli"),
            ("august", "augustus"),
            ("september", "sept"),
            ("october", "oktober", "okt"),
            ("november",),
            ("december",),
        ],
        start=1,
    )
    for name in {*names, names[0][:3]}
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_FIRST = re.compile(
    rf"({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)
_DAY_FIRST = re.compile(
    rf"(\d{{1,2}})\.?\s+({_MONTH})\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def _safe_date(year: str, month: int, day: str) -> date | None:
    try:
        return date(int(year), month, int(day))
    except ValueError:  # "February 30"
        return None


def parse_post_date(text: str) -> date | datetime | None:
    """The date ``text`` begins with, or None.

    Takes "March 3, 2024", "Mar 3, 2024 at 10:00 AM", "3 maart 2024" and ISO
    ("2024-03-03", "2024-03-03T09:00:00Z"). Only an ISO timestamp with an offset
    gives a (timezone-aware) datetime; everything else gives a date.
    """
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())[:200]
    iso = _ISO.match(text)
    if iso:
        try:
            moment = datetime.fromisoformat(iso.group(0))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.date()
    match = _MONTH_FIRST.match(text)
    if match:
        month, day, year = match.groups()
        return _safe_date(year, MONTHS[month.lower()], day)
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = match.groups()
        return _safe_date(year, MONTHS[month.lower()], day)
    return None
