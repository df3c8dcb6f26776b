"""What an editor is told when the media store fails while a form saves a file.

Both stores fail with an ``OSError``: the disk itself, and object storage through
``newsroom.storage`` (which gives its failures a matching errno). Pure: no I/O.
"""

import errno

from django.utils.translation import gettext as _

__all__ = ["store_failure"]

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
REFUSED = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOTDIR,
    errno.EEXIST,
    errno.EISDIR,
}


def store_failure(error: OSError) -> str:
    """The Dutch message for a form whose file the media store did not take: what
    happened, that nothing was saved, and what to do."""
    if error.errno in FULL:
        what = _("De opslag voor afbeeldingen is vol.")
    elif error.errno in REFUSED:
        what = _(
            "De opslag voor afbeeldingen neemt geen nieuwe bestanden aan (alleen-lezen "
            "of verkeerd ingesteld)."
        )
    else:
        what = _("De opslag voor afbeeldingen is niet bereikbaar.")
    return " ".join(
        [
            what,
            _(
                "Er is niets bewaard; wat je invulde staat er nog. Kies het bestand "
                "opnieuw en probeer het over een paar minuten nog eens. Blijft dit "
                "gebeuren, meld het dan aan de technische redactie."
            ),
        ]
    )
