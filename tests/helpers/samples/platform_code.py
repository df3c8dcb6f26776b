"""Embed code as each platform documents it, one invented post each (the posts,
names and ids are made up), for the embed parsers' tests."""

DID = "did:plc:k3q7m2x5w4v6b2n4c2d4f6g7"

X_CODE = (
    '<blockquote class="twitter-tweet"><p lang="nl" dir="ltr">De dijk bij '
    '<a href="https://twitter.com/hashtag/Kampen?src=hash&amp;ref_src=twsrc%5Etfw">'
    "#Kampen</a> houdt het. Dank aan "
    '<a href="https://twitter.com/Waterschap_DD?ref_src=twsrc%5Etfw">@Waterschap_DD'
    "</a> voor de snelle actie.<br><br>Meer: "
    '<a href="https://t.co/Zx9Yw8Vu7T">https://t.co/Zx9Yw8Vu7T</a> '
    '<a href="https://t.co/Qr5St6Uv7W">pic.twitter.com/Qr5St6Uv7W</a></p>&mdash; '
    'Anouk Visser (@anoukvisser) <a href="https://twitter.com/anoukvisser/status/'
    '1765432109876543210?ref_src=twsrc%5Etfw">March 3, 2024</a></blockquote> '
    '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8">'
    "</script>"
)
X_URL = "https://x.com/anoukvisser/status/1765432109876543210"

BLUESKY_CODE = (
    f'<blockquote class="bluesky-embed" data-bluesky-uri="at://{DID}/'
    'app.bsky.feed.post/3kq2zyxwvut2a" data-bluesky-cid="bafyreih4w5x6y7z2a3b4c5d6e7'
    'f2g3h4i5j6k7l2m3n4o5p6q7r2s3t4" data-bluesky-embed-color-mode="system">'
    '<p lang="nl">De pont vaart weer vanaf 7 uur.<br><br>Lees meer op '
    "https://zwolle.example.nl/pont</p>&mdash; Gemeente Zwolle "
    f'(<a href="https://bsky.app/profile/{DID}?ref_src=embed">@zwolle.example.nl</a>)'
    f' <a href="https://bsky.app/profile/{DID}/post/3kq2zyxwvut2a?ref_src=embed">'
    "March 3, 2024 at 10:00 AM</a></blockquote>"
    '<script async src="https://embed.bsky.app/static/embed.js" charset="utf-8">'
    "</script>"
)
BLUESKY_URL = f"https://bsky.app/profile/{DID}/post/3kq2zyxwvut2a"

MASTODON_CODE = (
    '<blockquote class="mastodon-embed" data-embed-url="https://mastodon.nl/@redactie'
    '/112233445566778899/embed" style="background: #FCF8FF; border-radius: 8px;"> '
    '<a href="https://mastodon.nl/@redactie/112233445566778899" target="_blank" '
    'style="align-items: center; color: #1C1A25;"> <svg xmlns="http://www.w3.org/2000'
    '/svg" width="32" height="32" viewBox="0 0 79 75"><path d="M63 45"/></svg> '
    '<div style="color: #787588; margin-top: 16px;">Post by @redactie@mastodon.nl'
    '</div> <div style="font-weight: 500;">View on Mastodon</div> </a> </blockquote> '
    '<script data-allowed-prefixes="https://mastodon.nl/" async '
    'src="https://mastodon.nl/embed.js"></script>'
)
MASTODON_URL = "https://mastodon.nl/@redactie/112233445566778899"

MASTODON_IFRAME = (
    '<iframe src="https://toot.example.org/@kim/109876543210987654/embed" '
    'class="mastodon-embed" style="max-width: 100%; border: 0" width="400" '
    'allowfullscreen="allowfullscreen"></iframe><script src="https://toot.example.org'
    '/embed.js" async="async"></script>'
)

INSTAGRAM_CODE = (
    '<blockquote class="instagram-media" data-instgrm-captioned '
    'data-instgrm-permalink="https://www.instagram.com/p/C4xYz12AbCd/?utm_source='
    'ig_embed&amp;utm_campaign=loading" data-instgrm-version="14" style="background:'
    '#FFF; border:0;"><div style="padding:16px;"> <a href="https://www.instagram.com'
    '/p/C4xYz12AbCd/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank"> '
    '<div style="display:flex;"><div style="background-color:#F4F4F4;"></div></div>'
    '<div style="padding-top: 8px;"> <div style="color:#3897f0;"> View this post on '
    "Instagram</div></div></a>"
    '<p style=" margin:8px 0 0 0; padding:0 4px;"><a href="https://www.instagram.com'
    '/p/C4xYz12AbCd/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank">'
    "Zonsopkomst boven het wad. Meer foto's: https://fotonoord.example.nl/wad</a></p>"
    '<p style="color:#c9c8cd;"><a href="https://www.instagram.com/p/C4xYz12AbCd/'
    '?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank">A post shared by '
    "Fotograaf Noord (@fotonoord)</a> "
    '<time style="font-size:14px;" datetime="2024-03-03T06:12:00+00:00">Mar 3, 2024 '
    "at 7:12am CET</time></p></div></blockquote> "
    '<script async src="//www.instagram.com/embed.js"></script>'
)

TIKTOK_CODE = (
    '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@weerman.nl/video/'
    '7301234567890123456" data-video-id="7301234567890123456" style="max-width: '
    '605px;min-width: 325px;" > <section> <a target="_blank" title="@weerman.nl" '
    'href="https://www.tiktok.com/@weerman.nl?refer=embed">@weerman.nl</a> '
    "Hagelbuien vanmiddag in het oosten, let op! "
    '<a title="weer" target="_blank" href="https://www.tiktok.com/tag/weer?refer=embed">'
    "#weer</a> "
    '<a title="onweer" target="_blank" href="https://www.tiktok.com/tag/onweer?refer='
    'embed">#onweer</a> <a target="_blank" title="♬ origineel geluid - weerman" '
    'href="https://www.tiktok.com/music/origineel-geluid-7301234567890000000?refer='
    'embed">♬ origineel geluid - weerman</a> </section> </blockquote> '
    '<script async src="https://www.tiktok.com/embed.js"></script>'
)

YOUTUBE_CODE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/Qw3rTy_uI-9'
    '?si=AbCdEfGh12345678" title="Zo werkt de stormvloedkering" frameborder="0" '
    'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
    'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" '
    "allowfullscreen></iframe>"
)
YOUTUBE_NOCOOKIE_CODE = (
    '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/'
    'Qw3rTy_uI-9" title="YouTube video player" frameborder="0" allowfullscreen>'
    "</iframe>"
)

VIMEO_CODE = (
    '<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://'
    "player.vimeo.com/video/912345678?h=ab12cd34ef&amp;badge=0&amp;autopause=0&amp;"
    'player_id=0&amp;app_id=58479" frameborder="0" allow="autoplay; fullscreen; '
    'picture-in-picture" style="position:absolute;top:0;left:0;width:100%;'
    'height:100%;" title="Documentaire: De Dijk"></iframe></div>'
    '<script src="https://player.vimeo.com/api/player.js"></script>'
)

SIGNATURE_TEXT = (
    "Vanavond om 20.00 uur het debat over de dijkversterking, met @WethouderKim. "
    "Kijk mee via https://gemeente.example.nl/live #Kampen "
    "pic.twitter.com/Ab12Cd34Ef — Gemeente Kampen (@gemeentekampen) March 3, 2024"
)

CODE_SAMPLES = [
    X_CODE,
    BLUESKY_CODE,
    MASTODON_CODE,
    MASTODON_IFRAME,
    INSTAGRAM_CODE,
    TIKTOK_CODE,
    YOUTUBE_CODE,
    YOUTUBE_NOCOOKIE_CODE,
    VIMEO_CODE,
]
