"""Output files shared with caches: linked where the file system allows."""

from __future__ import annotations

import logging
import os
import shutil

logger = logging.getLogger(__name__)


def link_or_copy(src, dest) -> None:
    """Hard-link ``src`` at ``dest``, or copy it where links are not possible."""
    try:
        os.link(src, dest)
    except OSError as err:
        if not os.path.exists(src):
            raise
        logger.debug("copying %s, not linking: %s", src, err)
        shutil.copyfile(src, dest)
