"""The posts' work after the request: ``completing`` fills an archived post from its
provider and copies its images; ``tasks`` holds the queue's tasks for that and for
the periodic re-check of every archived post (``refresh_embeds``)."""
