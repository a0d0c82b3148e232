"""Test-only plugin: a stop signal that reaches the build while Python runs an object's
finalizer (``__del__``).

The exception a signal's handler raises there does not reach the build: Python prints
"Exception ignored in ..." and goes on where it was. ``safe_output``'s handler raises
one to stop the build; a stop that came at such a moment (rare, but a build drops many
objects) was lost, and the build ran to its end and put its site in place. The signal
named by the environment variable ``STOP_IN_FINALIZER`` (``SIGINT``, ``SIGTERM``,
``SIGHUP``) is sent by the build to itself from a finalizer, once the posts are read.
"""

from __future__ import annotations

import os
import signal

from pelican import signals


class Dropped:
    def __del__(self):
        os.kill(os.getpid(), getattr(signal, os.environ["STOP_IN_FINALIZER"]))
        for _ in range(3):  # (the handler runs at the latest here, inside the finalizer)
            pass


def stop_in_a_finalizer(generators) -> None:
    Dropped()  # (dropped at once: its finalizer runs here)


def register() -> None:
    signals.all_generators_finalized.connect(stop_in_a_finalizer)
