"""What readers get: views, search, previews, feeds, sitemaps, paging, structured
data and body rendering. Every list and page goes through
``Article.objects.published()``.

May use ``articles.models``, ``articles.caching``, ``articles.services`` (previews,
the front page) and ``embeds``' rendering; never the admin.
"""
