"""``{% publication_time article %}``: an article's publication time, as precise as
it is known (articles/dates.py), in a ``<time>`` element."""

from django import template
from django.utils.html import format_html

from articles.dates import precise_iso, precise_label

register = template.Library()


@register.simple_tag
def publication_time(article, *, with_time=False, minute_format=None):
    """``<time datetime="2021-08">augustus 2021</time>``; with ``with_time`` a
    time known to the minute shows its hour ("26 augustus 2021, 14:30", or in
    ``minute_format``)."""
    moment, precision = article.publish_at, article.publish_precision
    return format_html(
        '<time datetime="{}">{}</time>',
        precise_iso(moment, precision),
        precise_label(
            moment, precision, with_time=with_time, minute_format=minute_format
        ),
    )
