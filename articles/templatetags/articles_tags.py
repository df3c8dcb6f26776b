from django import template

from articles.rendering import render_body

register = template.Library()


@register.filter
def body_html(article_body: str):
    """The reader's HTML for a stored article body (sanitized, quotes as figures)."""
    return render_body(article_body)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with ``?pagina=number`` (other query parameters kept)."""
    query = context["request"].GET.copy()
    if number == 1:
        query.pop("pagina", None)
    else:
        query["pagina"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
