"""Test plugin: listed before every other plugin, its exit handler is the last to run
(handlers run in the reverse order of registration); it says so on stderr."""

import atexit
import sys


def report() -> None:
    sys.stderr.write("exit_report: Python ran its exit handlers to the end\n")


def register() -> None:
    atexit.register(report)
