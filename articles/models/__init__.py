"""The articles app's models, one module per concern."""

from articles.models.caching import ContentVersion
from articles.models.core import (
    Article,
    ArticleQuerySet,
    Author,
    AuthorQuerySet,
    Section,
    TaggedArticle,
)
from articles.models.frontpage import FrontPage, FrontPageSlot
from articles.models.images import Image
from articles.models.live import (
    LiveEntry,
    LiveEntryNote,
    LiveEntryQuerySet,
    LiveEntryRevision,
)
from articles.models.notes import ArticleNote
from articles.models.tasks import FailedTask
from articles.models.topics import Topic, TopicAlias
from articles.models.workflow import (
    ArticleComment,
    AutosaveCopy,
    EditingPresence,
    PreviewLink,
    Revision,
    SlugRedirect,
    Transition,
)

__all__ = [
    "Article",
    "ArticleComment",
    "ArticleNote",
    "ArticleQuerySet",
    "Author",
    "AuthorQuerySet",
    "AutosaveCopy",
    "ContentVersion",
    "EditingPresence",
    "FailedTask",
    "FrontPage",
    "FrontPageSlot",
    "Image",
    "LiveEntry",
    "LiveEntryNote",
    "LiveEntryQuerySet",
    "LiveEntryRevision",
    "PreviewLink",
    "Revision",
    "Section",
    "SlugRedirect",
    "TaggedArticle",
    "Topic",
    "TopicAlias",
    "Transition",
]
