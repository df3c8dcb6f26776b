"""The providers we embed: names, hosts, oEmbed endpoints and how the original loads.

Plain data. Settings may override endpoints (``EMBEDS_OEMBED_ENDPOINTS``, e.g. to a
test server) and extend the Mastodon instances we recognise by URL alone
(``EMBEDS_MASTODON_INSTANCES``); pasted Mastodon code names its instance itself.
"""

from django.conf import settings

__all__ = ["PROVIDERS", "mastodon_instances", "oembed_endpoint"]

PROVIDERS = {
    "x": {
        "name": "X",
        "hosts": ["x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"],
        "oembed": "https://publish.twitter.com/oembed",
        # Loading the original: the provider's script turns our blockquote into
        # its widget (kind "script"), or an iframe of the given URL (kind "iframe").
        "load": {"kind": "script", "src": "https://platform.twitter.com/widgets.js"},
    },
    "bluesky": {
        "name": "Bluesky",
        "hosts": ["bsky.app"],
        "oembed": "https://embed.bsky.app/oembed",
        "load": {"kind": "script", "src": "https://embed.bsky.app/static/embed.js"},
    },
    "mastodon": {
        "name": "Mastodon",
        "hosts": [],  # per instance: see mastodon_instances()
        "oembed": "https://{instance}/api/oembed",
        "load": {"kind": "iframe", "src": "{url}/embed"},
    },
    "youtube": {
        "name": "YouTube",
        "hosts": ["youtube.com", "m.youtube.com", "youtu.be", "youtube-nocookie.com"],
        "oembed": "https://www.youtube.com/oembed",
        "load": {
            "kind": "iframe",
            "src": "https://www.youtube-nocookie.com/embed/{post_id}",
        },
    },
    "instagram": {
        "name": "Instagram",
        "hosts": ["instagram.com"],
        "oembed": None,  # Meta's oEmbed needs an app token: pasted code only
        "load": {"kind": "script", "src": "https://www.instagram.com/embed.js"},
    },
    "tiktok": {
        "name": "TikTok",
        "hosts": ["tiktok.com", "m.tiktok.com"],
        "oembed": "https://www.tiktok.com/oembed",
        "load": {"kind": "script", "src": "https://www.tiktok.com/embed.js"},
    },
    "vimeo": {
        "name": "Vimeo",
        "hosts": ["vimeo.com", "player.vimeo.com"],
        "oembed": "https://vimeo.com/api/oembed.json",
        "load": {"kind": "iframe", "src": "https://player.vimeo.com/video/{post_id}"},
    },
}

DEFAULT_MASTODON_INSTANCES = [
    "mastodon.social",
    "mastodon.online",
    "mastodon.world",
    "mstdn.social",
    "mas.to",
    "mastodon.nl",
    "social.vivaldi.net",
    "journa.host",
]


def mastodon_instances() -> list[str]:
    """Hosts whose ``/@user/123`` URLs we take for Mastodon posts."""
    extra = getattr(settings, "EMBEDS_MASTODON_INSTANCES", [])
    return [*DEFAULT_MASTODON_INSTANCES, *extra]


def oembed_endpoint(provider: str, *, instance: str = "") -> str | None:
    """The oEmbed endpoint for ``provider`` (Mastodon: for ``instance``), or None."""
    overrides = getattr(settings, "EMBEDS_OEMBED_ENDPOINTS", {})
    endpoint = overrides.get(provider, PROVIDERS[provider]["oembed"])
    if endpoint and "{instance}" in endpoint:
        if not instance:
            return None
        endpoint = endpoint.format(instance=instance)
    return endpoint
