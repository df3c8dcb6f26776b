from django.urls import path

from articles.live import feeds as live_feeds
from articles.live.pages import additions_for
from articles.live.poll import live_poll
from articles.public import feeds, previews, views

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    # Every article; a live one with its coverage (articles/live/pages.py).
    path(
        "artikel/<str:slug>/",
        views.article_detail,
        {"additions": additions_for},
        name="article",
    ),
    path("artikel/<str:slug>/live/nieuw/", live_poll, name="live_poll"),
    path("artikel/<str:slug>/live/rss/", live_feeds.LiveFeed(), name="live_rss"),
    path("artikel/<str:slug>/live/atom/", live_feeds.LiveAtomFeed(), name="live_atom"),
    path("sectie/<str:slug>/", views.section_detail, name="section"),
    path("onderwerp/<str:slug>/", views.topic_detail, name="topic"),
    path("auteur/<str:slug>/", views.author_detail, name="author"),
    path("feed/", feeds.SiteFeed(), name="feed"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed-atom"),
    path("sectie/<str:slug>/feed/", feeds.SectionFeed(), name="section-feed"),
    path(
        "sectie/<str:slug>/feed/atom/",
        feeds.SectionAtomFeed(),
        name="section-feed-atom",
    ),
    path("onderwerp/<str:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    path(
        "onderwerp/<str:slug>/feed/atom/",
        feeds.TopicAtomFeed(),
        name="topic-feed-atom",
    ),
    path("auteur/<str:slug>/feed/", feeds.AuthorFeed(), name="author-feed"),
    path(
        "auteur/<str:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author-feed-atom"
    ),
    path("zoeken/", views.search, name="search"),
    path("voorbeeld/<str:signed>/", previews.preview, name="preview"),
]
