"""Skip a build when nothing it reads changed and the output is as it left it.

The project's builds are deterministic: the same content, settings, theme, plugin code,
libraries and day give a byte-identical site. So when none of those changed since the
last good build, and the output folder still holds exactly what that build wrote, a new
build would write the very same files: it is skipped, with one line saying so, as
``make`` skips a target whose inputs are older. Running ``invoke build`` twice, or a
publish right after a build with the same settings, takes the time to look (a few
tenths of a second) instead of a whole build.

What is compared (``inputs``), recorded in ``CACHE_PATH/skip_unchanged.json`` after a
build that logged no warning or error:

- every file and folder under the content folder, by name, size, modification and
  change time and inode (a photo copied in with an old date is still a new file, with a
  new inode and change time);
- the theme and the plugins by their bytes, the settings files and any other project
  code the build loaded by their bytes, the installed libraries by name and version,
  the Python version;
- every setting (command-line ``-e`` overrides included), and the day the build runs
  in (scheduled posts appear, "today" is shown);
- the output folder: every file and folder by name, size, modification time and inode.

A build that fails, is interrupted or warns leaves no record, so the next one runs (and
shows its warnings again). Setting ``SKIP_UNCHANGED = False`` always builds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os

from pelican import signals
from pelican.log import console

from sitemodel import LogCounter, build_skipped, tree_entries
from sitemodel.errors import fail_settings, shown_path
from sitemodel.fingerprint import code_and_settings

logger = logging.getLogger(__name__)

#: Setting: False builds every time.
SETTING = "SKIP_UNCHANGED"
#: Raise when what is compared changes: the next build then runs.
VERSION = "1"
RECORD = "skip_unchanged.json"


def tree_stamps(root: str, change_time: bool) -> str:
    """A hash of every file and folder under ``root``: relative name, kind, size,
    modification time, inode (and change time). Empty when ``root`` is missing.

    Symbolic links are stamped as links: one in the content folder may only lead to
    another place in it (the site model refuses others), which is stamped itself."""
    if not os.path.isdir(root):
        return ""
    h = hashlib.blake2b(digest_size=20)
    # (a folder that cannot be listed is passed by: the build then runs, and says so)
    for name, entry in tree_entries(root, skip_unreadable=True):
        st = entry.stat(follow_symlinks=False)
        stamp = f"{name}\0{st.st_mode} {st.st_size} {st.st_mtime_ns} {st.st_ino}"
        if change_time:
            stamp += f" {st.st_ctime_ns}"
        h.update(stamp.encode("utf-8", "surrogateescape") + b"\n")
    return h.hexdigest()


def inputs(settings: dict) -> str:
    """One hash of everything a build reads (see the module docstring)."""
    h = hashlib.blake2b(digest_size=20)
    parts = [VERSION, tree_stamps(os.path.abspath(settings["PATH"]), change_time=True),
             *code_and_settings(settings)]
    for part in parts:
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def output_stamps(settings: dict) -> str:
    return tree_stamps(os.path.abspath(settings["OUTPUT_PATH"]), change_time=False)


class Record:
    """The last good build's inputs and output, in ``CACHE_PATH``."""

    def __init__(self, settings: dict) -> None:
        self.path = os.path.join(os.path.abspath(settings["CACHE_PATH"]), RECORD)

    def load(self) -> dict:
        try:
            with open(self.path, encoding="utf-8") as f:
                found = json.load(f)
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def forget(self) -> None:
        try:
            os.remove(self.path)
        except OSError:
            pass  # none, or not removable: a record only ever matches its own inputs and output

    def save(self, inputs_hash: str, output_hash: str) -> None:
        """Keep the record; a cache folder that cannot be written means only that the
        next build runs."""
        tmp = f"{self.path}.tmp-{os.getpid()}"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"inputs": inputs_hash, "output": output_hash}, f)
            os.replace(tmp, self.path)
        except OSError as err:
            logger.debug("skip_unchanged: could not keep %s: %s", self.path, err)


def skipping_run(pelican, run):
    """``run`` (Pelican's), skipped when nothing changed since the last good build."""

    @functools.wraps(run)
    def wrapper():
        settings = pelican.settings
        record = Record(settings)
        before = inputs(settings)
        last = record.load()
        # The output is looked through only when the inputs are the same (0.1 s for
        # 10,000 files), not before every build that runs.
        if last.get("inputs") == before and last.get("output") == (output_stamps(settings) or None):
            build_skipped.send(pelican)  # safe_output gives back the folder it made for the build
            out = shown_path(settings["OUTPUT_PATH"])
            console.print(f"Không có gì thay đổi từ lần xây dựng trước: {out}/ vẫn đúng / Nothing "
                          f"changed since the last build: {out}/ is up to date. (Xây dựng lại từ đầu / "
                          f"to build it anew: .venv/bin/invoke clean, rồi / then .venv/bin/invoke build)")
            return None
        record.forget()
        counter = LogCounter(logging.WARNING)
        logging.getLogger().addHandler(counter)
        try:
            result = run()
        finally:
            logging.getLogger().removeHandler(counter)
        if not counter.count:
            record.save(before, output_stamps(settings))
        return result

    return wrapper


def on_initialized(pelican) -> None:
    value = pelican.settings.get(SETTING, True)
    if not isinstance(value, bool):  # ("no" was taken for on)
        fail_settings("skip_unchanged", [f"Setting '{SETTING}': expected True or False, but received: {value!r}"])
    if value:
        pelican.run = skipping_run(pelican, pelican.run)


def register() -> None:
    signals.initialized.connect(on_initialized)
