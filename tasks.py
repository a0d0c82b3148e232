"""Tasks for people: ``invoke --list`` shows them, ``invoke --help TASK`` explains one.

    invoke build          build the site into output/ (preview settings)
    invoke serve          serve output/ at http://localhost:8000
    invoke livereload     build, serve, rebuild and reload the browser on every save
    invoke clean          delete output/ (and the caches with --cache)
    invoke publish        production build (publishconf.py) into output/
    invoke import-html    turn saved pages of the old CMS into post folders
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import task

from importer.tasks import import_html  # noqa: F401  (invoke import-html, docs/import.md)
from bench.tasks import bench  # noqa: F401  (invoke bench, README "Benchmarks")

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
HOST, PORT = "127.0.0.1", 8000


def pelican_build(settings_file: str, output: Path, content: Path = CONTENT, extra=()) -> int:
    """Run Pelican in a fresh process (plugins and settings reloaded every time)."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings_file),
           "-o", str(output), "--fatal", "warnings", "--log-handler", "plain", *extra]
    return subprocess.call(cmd, cwd=ROOT)


def build_into_place(settings_file: str, output: Path = OUTPUT) -> None:
    """Build into a fresh folder beside ``output`` and swap it in only if the build passed.

    A failed build leaves the previous site untouched.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        status = pelican_build(settings_file, fresh)
        if status != 0:
            sys.exit(f"Xây dựng thất bại, trang cũ được giữ nguyên. / Build failed; "
                     f"the previous {output.name}/ is unchanged.")
        old = None
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
            os.rename(output, old / "site")
        os.rename(fresh, output)
        if old is not None:
            shutil.rmtree(old)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


@task
def build(c):
    """Build the site with the preview settings (pelicanconf.py) into output/."""
    build_into_place("pelicanconf.py")


@task
def publish(c):
    """Build the site with the production settings (publishconf.py) into output/."""
    build_into_place("publishconf.py")


@task(help={"cache": "also delete the build caches (photo renditions, parsed posts)"})
def clean(c, cache=False):
    """Delete output/ (and cache/ with --cache)."""
    targets = [OUTPUT] + ([CACHE] if cache else [])
    for target in targets:
        if target.exists():
            shutil.rmtree(target)
            print(f"Đã xoá / deleted: {target.relative_to(ROOT)}/")


@task(help={"port": f"port to listen on (default {PORT})"})
def serve(c, port=PORT):
    """Serve output/ at http://localhost:PORT (Ctrl-C stops)."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(OUTPUT))
    with http.server.ThreadingHTTPServer((HOST, int(port)), handler) as httpd:
        print(f"Xem trang tại / serving at http://localhost:{port}/")
        httpd.serve_forever()


@task(help={"port": f"port to listen on (default {PORT})"})
def livereload(c, port=PORT):
    """Build, serve at http://localhost:PORT and rebuild + reload the browser on every save."""
    from livereload import Server

    def rebuild():
        # A failed rebuild keeps serving the last good site; the error is printed above.
        build_into_place("pelicanconf.py")

    try:
        rebuild()
    except SystemExit as stop:
        print(stop)
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(str(ROOT / pattern), lambda: _safe(rebuild))
    server.serve(host=HOST, port=int(port), root=str(OUTPUT))


def _safe(action) -> None:
    try:
        action()
    except SystemExit as stop:
        print(stop)


def missing_debian_packages() -> list[str]:
    """Packages named in tests/debian-packages.txt that dpkg does not list as installed."""
    wanted = [line.split("#")[0].strip() for line in
              (ROOT / "tests" / "debian-packages.txt").read_text().splitlines()]
    wanted = [name for name in wanted if name]
    if not wanted or shutil.which("dpkg-query") is None:
        return []
    shown = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\\n", *wanted],
                           capture_output=True, text=True).stdout
    installed = {line.split()[0] for line in shown.splitlines() if line.endswith("installed")}
    return [name for name in wanted if name not in installed]


@task(help={"args": "extra arguments for pytest, e.g. -k feeds"})
def test(c, args=""):
    """Run the test suite, first installing what it needs outside Python.

    Debian packages from tests/debian-packages.txt (with apt-get, when run as root) and
    the npm packages of package.json (npm ci), if any.
    """
    missing = missing_debian_packages()
    if missing and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.check_call(["apt-get", "update", "-qq"], env=env)
        subprocess.check_call(["apt-get", "install", "-y", "-qq", *missing], env=env)
    elif missing:
        print("Thiếu gói Debian / missing Debian packages (sudo apt-get install -y "
              + " ".join(missing) + ")")
    if (ROOT / "package-lock.json").exists() and not (ROOT / "node_modules").exists():
        subprocess.check_call(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT)
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *args.split()], cwd=ROOT))
