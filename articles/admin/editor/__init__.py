"""The article form as an editor: the one-screen layout and its side panel
(``writing``), paste that understands an article (``pasting``) and the hero image in
one step (``hero``). ``articles/admin/articles.py`` wires them into ArticleAdmin."""
