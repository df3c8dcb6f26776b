"""The newsroom's content: articles, sections, authors, topics, images, the workflow
and its history, and the public site that shows them. One migration history.

- ``models/``: the data, one module per concern; ``fields.py`` declares an article's
  fields once for everything that copies or edits them.
- ``services/``: every write with side effects; ``caching/``: what readers are
  served from memory and how changes reach them; ``public/``: the readers' site;
  ``admin/``: the editors' admin; ``images/``, ``archive/``, ``templatetags/``,
  ``management/commands/``.
- ``text_import.py`` (plain-text articles), ``roles.py`` (the three roles),
  ``sanitize.py``, ``slugs.py``, ``forms.py``, ``audit.py`` (its part of the
  Logboek), ``urls.py``.

May use ``accounts`` and ``embeds``; never ``newsroom``, ``demo`` or ``bench``.
"""
