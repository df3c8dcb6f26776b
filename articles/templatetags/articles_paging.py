from django import template
from django.core.paginator import Page

from articles.public.paging import NUMBER_PARAMETER, PARAMETERS

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, page, direction: str) -> str:
    """The current URL for the ``direction`` ("previous" or "next") of ``page``:
    ``?pagina=N`` for a numbered page (search), the cursor for a keyset page (lists,
    articles/paging.py); page one has no parameter. Other parameters are kept."""
    query = context["request"].GET.copy()
    for name in (NUMBER_PARAMETER, *PARAMETERS):
        query.pop(name, None)
    if isinstance(page, Page):
        number = (
            page.previous_page_number()
            if direction == "previous"
            else page.next_page_number()
        )
        if number != 1:
            query[NUMBER_PARAMETER] = number
    else:
        query.update(page.newer if direction == "previous" else page.older)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path
