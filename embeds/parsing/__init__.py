"""What an editor pastes, read as posts: pure functions, text in, ``Post`` out.

- ``code``: a platform's embed code, one reader per platform (the first answer wins).
- ``code_parts``: the pieces those readers share (author lines, dates, media).
- ``text``: posts copied as plain text (the signature line) and ``find_posts`` for a
  whole plain-text document.
- ``markup``: a small, forgiving HTML tree for the readers.
- ``dates``: the date spellings platforms print.

A post's URL alone is read by ``embeds.canonical.post_from_url``. May use
``embeds.post``, ``embeds.canonical`` and ``embeds.sanitize``; nothing here touches
the network or the database.
"""

from embeds.canonical import post_from_url
from embeds.parsing.code import MAX_CODE_LENGTH, parse_embed_code
from embeds.parsing.text import (
    SIGNATURE,
    Segment,
    find_posts,
    has_signature,
    parse_signature_post,
)

__all__ = [
    "MAX_CODE_LENGTH",
    "SIGNATURE",
    "Segment",
    "find_posts",
    "has_signature",
    "parse_embed_code",
    "parse_signature_post",
    "post_from_url",
]
