"""Live coverage: the desk's side of a live article (models: ``models/live.py``).

- ``services``: post, edit, place, schedule, hold, send for review and delete an
  entry, its updates and corrections, closing the coverage; each save a revision.
- ``snapshots``: what an entry's revision holds.
- ``forms``: the desk's composer and edit form.
- ``desk``: the admin views ``ArticleAdmin.get_urls`` lists under ``<pk>/live/``.

Readers' side (page, poll, feeds, structured data) lives in ``articles/public``.
"""
