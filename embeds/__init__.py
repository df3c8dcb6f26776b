"""Social posts and media embedded in articles, archived when they are embedded and
rendered by us, so that a deleted post still reads and nothing loads from a third
party until the reader asks.

- ``canonical``: post URLs in one spelling per post, and what a URL alone says.
- ``parsing/``: pasted code and text read as posts (pure).
- ``post``: the ``Post`` value; ``providers``: the platforms, as data.
- ``oembed``, ``fetching``, ``connections``, ``media``: asking providers, safely
  (every address checked, one deadline, a byte cap), and copying images.
- ``models``: the archive; ``services``: archiving and refreshing; ``body``: posts
  as references in an article's body; ``rendering``, ``icons``, ``sanitize``: the
  card readers see; ``admin``; command ``refresh_embeds``.

Imports no other app of ours.
"""
