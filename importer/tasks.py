"""The ``import-html`` task, for ``tasks.py`` (``from importer.tasks import import_html``)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parents[1]


@task(help={
    "path": "a saved page (.html beside its _files/ folder) or a folder of them; more after --",
    "dest": "the content folder to write into (default: content/)",
    "force": "overwrite posts that already exist",
    "dry-run": "write nothing, say what would be done",
    "map": "table of old section names to section folders (default: importer/sections.toml)",
})
def import_html(c, path, dest=str(ROOT / "content"), force=False, dry_run=False,
                map=None):  # noqa: A002 (the option is --map)
    """(Người quản trị / administrators) Import saved pages of the old Joomla site as post folders (see docs/import.md)."""
    from importer.cli import run
    from staff.project import HELP_FLAGS, task_help

    if path in HELP_FLAGS:  # the help, not a file named "--help" (staff.project.HELP_FLAGS)
        sys.exit(task_help("import-html"))
    paths = [Path(path), *more_paths(getattr(c, "remainder", "") or "")]
    status = run(paths, Path(dest), force=force, dry_run=dry_run,
                 table_file=Path(map) if map else None)
    if status:
        sys.exit(status)


def more_paths(remainder: str) -> list[Path]:
    """Paths given after ``--``: ``invoke import-html a.html -- b.html c.html``."""
    return [Path(p) for p in shlex.split(remainder)]
