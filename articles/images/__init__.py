"""Images: the safe-upload gate, renditions and the services that tie them together.

- ``processing``: pure; uploaded bytes in, a clean original (or ``ImageRefused``) out.
- ``sniffing``: pure; names what a refused file really is, for the message.
- ``renditions``: resized and cropped copies in storage, and the helpers templates use
  to pick one (no database, no filesystem).
- ``services``: the writes (store an upload, move the focal point, regenerate).
"""
