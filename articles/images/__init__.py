"""Images: the safe-upload gate, renditions and the services that tie them together.

- ``processing``: pure; uploaded bytes in, a clean original (or ``ImageRefused``) out.
- ``fields``: ``SafeImageField``, that gate as the form field every upload uses.
- ``sniffing``: pure; names what a refused file really is, for the message.
- ``renditions``: resized and cropped copies in storage, and the helpers templates use
  to pick one (no database, no filesystem).
- ``services``: the writes (store an upload, move the focal point, regenerate).
- ``changes``: what a change to an image readers have seen records.
"""
