"""Test-only plugin: a stop signal that reaches the build the moment its fresh folder
has been made, before the build has gone any further.

A closed terminal's SIGHUP, Ctrl-C's SIGINT or ``kill PID`` can come at any time; one
that came just after ``safe_output`` had made the build's fresh folder, before it caught
these signals, ended the build at once (SIGHUP, SIGTERM) or with a traceback (Ctrl-C),
the folder left behind. The first change ``safe_output`` makes to that folder (its
permissions, the next step after making it) is where the signal named by the
environment variable ``STOP_AT_NEW_FOLDER`` (``SIGINT``, ``SIGTERM``, ``SIGHUP``) is sent
to the build by itself, through Python's audit events (PEP 578): that moment comes in
every build, where a test could otherwise hit it only by chance. (Read at ``register``:
``safe_output`` makes the folder at ``initialized``, before this plugin's handler would
run.)
"""

from __future__ import annotations

import os
import signal
import sys


def register() -> None:
    signum = getattr(signal, os.environ["STOP_AT_NEW_FOLDER"])
    sent = []

    def hook(event, args) -> None:
        if event == "os.chmod" and not sent and ".building-" in os.fsdecode(args[0]):
            sent.append(signum)
            os.kill(os.getpid(), signum)

    sys.addaudithook(hook)
