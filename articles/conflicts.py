"""Telling an editor that someone saved the article after they opened it."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles.models import Article, Revision
from articles.services.revisions import diff_revisions

__all__ = ["conflict_message"]


def conflict_message(article: Article, base: int, current: int):
    """A Dutch explanation (safe HTML) of who saved in between, when, and what they
    changed, with a link to the full comparison."""
    revisions = {
        r.version: r
        for r in Revision.objects.filter(
            article=article, version__in=[base, current]
        ).select_related("created_by")
    }
    latest = revisions.get(current)
    who = _("iemand anders")
    when = ""
    if latest is not None:
        if latest.created_by is not None:
            who = latest.created_by.get_full_name() or latest.created_by.get_username()
        when = date_format(localtime(latest.created_at), "j F Y, H:i")
    changes = []
    if base in revisions and latest is not None:
        changes = [change.label for change in diff_revisions(revisions[base], latest)]
    compare = reverse(
        "admin:articles_article_revision_diff", args=[article.pk, base, current]
    )
    return format_html(
        "{} {}{}",
        _(
            "Niet opgeslagen: %(who)s heeft dit artikel opgeslagen (%(when)s) nadat "
            "jij het opende. Er is niets overschreven; jouw tekst staat hieronder nog."
        )
        % {"who": who, "when": when or _("onbekend tijdstip")},
        format_html(
            _("Zij wijzigden: {}."),
            format_html_join(", ", "{}", ((name,) for name in changes))
            or _("onbekend"),
        ),
        format_html(
            ' <a href="{}" target="_blank">{}</a> {}',
            compare,
            _("Bekijk hun wijzigingen"),
            _(
                "Neem over wat je wilt houden en sla daarna opnieuw op: dan wordt jouw "
                "versie de nieuwe."
            ),
        ),
    )
