"""Test-only plugin: stops a build half-way through writing, until the test interrupts it.

Its ``finalized`` handler runs once Pelican and the plugins have written the pages
(``parallel_render`` renders them at ``finalized``, before this plugin, listed last) and
before the new site is put in place (``safe_output``'s handler comes after every
other): it writes one more file, then creates the file named by ``HOLD_BUILD_MARKER``
(the test waits for it; it holds the folder the build writes) and sleeps. The test then
sends a signal to the build, which is mid-way by construction, or deletes that file to
let the build go on.
"""

from __future__ import annotations

import os
import time

from pelican import signals


def hold(pelican) -> None:
    with open(os.path.join(pelican.output_path, "half-written.txt"), "w") as f:
        f.write("the build stopped here\n")
    # (written under another name, then renamed: the test, which reads it as soon as it
    # exists, once read it empty)
    marker = pelican.settings["HOLD_BUILD_MARKER"]
    with open(marker + ".part", "w") as f:
        f.write(pelican.output_path)
    os.replace(marker + ".part", marker)
    for _ in range(600):
        if not os.path.exists(marker):
            break
        time.sleep(0.1)


def register() -> None:
    signals.finalized.connect(hold)
