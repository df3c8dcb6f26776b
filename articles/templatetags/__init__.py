"""Template libraries, each named ``articles_*``: ``articles_images`` (pictures with
renditions), ``articles_notes`` (updates and corrections), ``articles_paging``
(list paging links), ``articles_dashboard`` (the admin's start page)."""
