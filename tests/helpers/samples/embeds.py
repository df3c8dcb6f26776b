"""Embed code samples we wrote from each platform's documented format (fictional)."""

X_CODE = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Long queues at the '
    "airport gates again this morning. Families waiting since dawn. "
    '<a href="https://twitter.com/hashtag/Kabul?src=hash&amp;ref_src=twsrc%5Etfw">#Kabul'
    '</a> <a href="https://t.co/AbCdEf1234">pic.twitter.com/AbCdEf1234</a></p>&mdash; '
    'Jane Reporter (@janereporter) <a href="https://twitter.com/janereporter/status/'
    '1430000000000000001?ref_src=twsrc%5Etfw">August 26, 2021</a></blockquote> '
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8">'
    "</script>"
)
X_URL = "https://x.com/janereporter/status/1430000000000000001"

YOUTUBE_CODE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/Ab3dEf6hIj0" '
    'title="Explainer: the airport attack" frameborder="0" allowfullscreen></iframe>'
)
YOUTUBE_URL = "https://www.youtube.com/watch?v=Ab3dEf6hIj0"

SIGNATURE_TEXT = (
    "Breaking: explosions reported near the airport. More soon "
    "pic.twitter.com/Xy12Ab34Cd — Sam Field (@samfield) August 26, 2021"
)
