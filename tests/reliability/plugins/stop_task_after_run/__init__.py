"""Test-only plugin: the build has put its site in place, and before Pelican ends the
task that started it is stopped (``kill PID`` to its parent), which stops the build in
turn (``staff.build.stop_child``): the build, its stop signals Python's own again once
its site is in place, ends by that signal, with the status of a stopped build."""

from __future__ import annotations

import os
import signal
import time

from pelican import signals


def stop_task_after(run):
    def wrapper():
        run()
        os.kill(os.getppid(), signal.SIGTERM)
        time.sleep(120)  # (ended by the task's SIGTERM)

    return wrapper


def on_initialized(pelican) -> None:
    pelican.run = stop_task_after(pelican.run)


def register() -> None:
    signals.initialized.connect(on_initialized)
