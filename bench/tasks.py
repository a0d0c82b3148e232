"""The ``bench`` task, for ``tasks.py`` (``from bench.tasks import bench``)."""

from __future__ import annotations

import sys

from invoke import task


@task(help={
    "posts": "posts in the corpus (default 2000); several sizes with commas: 2000,20000",
    "photos": "photos per post (default 0): the photo pipeline's bench",
    "rounds": "rounds of builds in turn, A B C A B C (default 3)",
    "only": "builders to run, in this order (default project,stock,hugo; also stock+search, "
            "hugo+search: the anchors with a Pagefind index of their posts, for comparison)",
    "keep": "write the corpus and the outputs into this folder and keep them",
    "anchors-python": "the Python of the venv with requirements-bench.txt (default: .venv-bench's, else this one)",
    "json": "also write the results into this JSON file",
    "preview": "then time this many saves in the live preview (invoke livereload)",
    "no-webp": "with --photos: the project makes no WebP twins, only the anchors' JPEGs",
    "phases": "then build the project once of each kind with the build_phases plugin: where its time goes",
})
def bench(c, posts="2000", photos=0, rounds=3, only="project,stock,hugo", keep=None,
          anchors_python=None, json=None, preview=0, no_webp=False, phases=False):  # noqa: A002 (the option is --json)
    """(Lập trình viên / developers) Time cold, one-edit and no-change builds against stock Pelican and Hugo (README "Benchmarks")."""
    from bench.run import main

    args = ["--posts", str(posts), "--photos", str(photos), "--rounds", str(rounds), "--only", only,
            "--preview", str(preview)]
    for option, value in (("--keep", keep), ("--anchors-python", anchors_python), ("--json", json)):
        if value:
            args += [option, str(value)]
    if no_webp:
        args.append("--no-webp")
    if phases:
        args.append("--phases")
    status = main(args)
    if status:
        sys.exit(status)
