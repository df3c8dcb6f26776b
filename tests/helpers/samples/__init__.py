"""Sample data for the tests, all of it made up here, none read from outside.

``embeds``: one X post's embed code and URL (and a YouTube video's, a post copied as
text), used wherever a test needs "a post" in an article. ``platform_code``: embed
code for every platform the parsers read, one invented post each, for the parsing
tests (its X post is another one than ``embeds``'s). ``images``: pictures drawn with
Pillow during the run. The hostile-input corpus is ``tests.helpers.hostile``.
"""
