"""Every write with side effects, one module per workflow; the admin, views,
commands and tests all call these, and each either completes or changes nothing.

- ``articles``: create and save an article (sanitize, slugs, embedded posts).
- ``revisions``: the snapshot taken at every save, and diffs between two.
- ``restore``: a revision put back as a new version.
- ``workflow``: who may move an article to which state, and the move itself.
- ``notes``: updates and corrections.
- ``previews``: signed, expiring preview links.
- ``frontpage``: the curated front page and its versions.

May use ``articles.models``, ``articles.caching``, ``accounts`` and ``embeds``;
never views, admin or templates.
"""
