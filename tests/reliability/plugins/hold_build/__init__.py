"""Test-only plugin: stops a build half-way through writing, until the test interrupts it.

Its generator runs after Pelican has written the posts and pages: it writes one more
file, then creates the file named by ``HOLD_BUILD_MARKER`` (the test waits for it) and
sleeps. The test then sends a signal to the build, which is mid-way by construction,
or deletes that file to let the build go on.
"""

from __future__ import annotations

import os
import time

from pelican import signals
from pelican.generators import Generator


class HoldBuild(Generator):
    def generate_output(self, writer) -> None:
        with open(os.path.join(self.output_path, "half-written.txt"), "w") as f:
            f.write("the build stopped here\n")
        with open(self.settings["HOLD_BUILD_MARKER"], "w") as f:
            f.write(self.output_path)
        for _ in range(600):
            if not os.path.exists(self.settings["HOLD_BUILD_MARKER"]):
                break
            time.sleep(0.1)


def get_generators(pelican):
    return HoldBuild


def register() -> None:
    signals.get_generators.connect(get_generators)
