"""Live coverage: a live article's entries, at the desk and for readers (models:
``models/live.py``).

The desk's side:

- ``services``: post, edit, place, schedule, hold, send for review and delete an
  entry, its updates and corrections, closing the coverage; each save a revision.
- ``snapshots``: what an entry's revision holds.
- ``forms``: the desk's composer and edit form.
- ``desk``: the admin views ``ArticleAdmin.get_urls`` lists under ``<pk>/live/``.

The readers' side:

- ``pages``: the live block of the article page (state, key moments, pinned entries,
  a keyset page of the stream); ``paging``: its cursors and the poll's.
- ``poll``: the endpoint a reader's open page asks for newer entries
  (static/js/live.js).
- ``structured``: the ``LiveBlogPosting`` JSON-LD; ``feeds``: RSS and Atom of the
  entries.
"""
