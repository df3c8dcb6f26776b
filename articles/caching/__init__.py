"""Caching: what readers are served from memory, and how a change reaches them at
once on every process, server and CDN.

- ``version``: the content version as each process knows it (no query per request),
  moved on after every committed change; stale while the database is away.
- ``truth``: its row in the database, written only after a commit.
- ``outage``: a dependency that is away, logged once a minute with a count.
- ``targets``: the URLs and surrogate keys a change touches, built with ``reverse()``.
- ``signals``: ORM signals that call ``version.content_changed()``.
- ``fragments``: parts of pages rendered once per version.
- ``middleware``: the whole-page cache for anonymous readers, with HTTP validators.
- ``keys``: its keys: host, path and only the query parameters a page reads.
- ``sessions``: whether a session cookie names a real session (else: anonymous).
- ``layered``: the fail-soft Redis cache and the per-process copy in front of it.
- ``breaker``: the circuit breaker that bounds what a stuck Redis costs a request.
- ``local``: a process's own memory cache, bounded in bytes.
- ``purge``: hooks that tell a CDN what changed.

May use: ``articles.models``, ``embeds.models`` and Django. Nothing here renders a
page; public views and services call in.
"""
