from django import template

register = template.Library()


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
