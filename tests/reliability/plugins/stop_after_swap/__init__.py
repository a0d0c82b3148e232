"""Test-only plugin: a stop signal that reaches the build once its new site is in place,
while the replaced site is being deleted (``SAFE_OUTPUT_REMOVE_OLD = "now"``).

After the swap the replaced site sits under the name of the build's fresh folder until
it is deleted; a stop that came then left it half-deleted under that name, and the build
ended with the status of a stopped one though its site was new. The signal named by the
environment variable ``STOP_AFTER_SWAP`` is sent by the build to itself as it starts to
delete that folder (Python's audit events, PEP 578).
"""

from __future__ import annotations

import os
import signal
import sys


def register() -> None:
    signum = getattr(signal, os.environ["STOP_AFTER_SWAP"])
    sent = []

    def hook(event, args) -> None:
        if event != "shutil.rmtree" or sent:
            return
        folder = os.path.basename(os.fsdecode(args[0]).rstrip(os.sep))
        if folder.startswith(".") and ".building-" in folder:  # (not a folder inside it)
            sent.append(signum)
            os.kill(os.getpid(), signum)

    sys.addaudithook(hook)
