"""``invoke livereload``: serve the site, rebuild it on every save, reload the browser.

A watcher thread waits for the operating system to report changes to the watched files
(``watchfiles``, which Pelican itself uses: inotify on Linux, FSEvents on macOS, polling
where those do not work, e.g. Windows drives under WSL); once changes have stopped for
a moment it rebuilds with ``build_into_place`` (a failed build keeps the last good site),
in a process forked by a warm one that has Pelican and the plugins imported already
(``staff/warm.py``; restarted when the plugins' code changes). Pages are served with a
small script that long-polls ``/__preview__/state``: the page reloads after a good build
that changed it and shows the errors of a failed one on top of the last good page.

A save that changes only the text of posts is shown before the rebuild: the last good
build's keeper writes those posts' pages at once (``staff/quick.py``, a few tenths of a
second however big the site), the browser reloads, and the full rebuild follows.

After each build ``invoke check`` runs in a process of its own (``start_check``: about
a second for a few hundred posts, stopped when the next save comes): what would stop
``invoke publish`` but not the build (a link to a page that does not exist, an unknown
metadata line, the placeholder text of ``invoke new``) is shown on the open page in a box
of its own, which the writer may close, not first when publishing; under a failed
build's errors, the others check finds (the build stops at its first kind of mistake).
Its list is emptied when a save comes: it is of the files before the save.

Why not the ``livereload`` package: it notices a new file only when its modification
time is later than the server's start, and photos copied from a phone, camera or USB
stick keep their old modification time, so adding one did not rebuild; it also ran
the build on the server's only thread, so pages hung during a build, and a failed
build was visible only in the terminal. The operating system reports a copied file
whatever its modification time.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from .build import Build, BuildFailed, build_into_place
from .project import PREVIEW_SETTINGS, ROOT, SettingsError, check_settings_file, port_refused, read_settings
from .quick import forget_undo, undo
from .report import not_said
from .serve import HostHeaders, Server, send_body, stop_on_sigterm
from .warm import WarmPelican

#: What the preview leaves out to show a change sooner: the search index (Pagefind
#: reads every page again after any edit; its search pages say so), and waiting for the
#: replaced site to be deleted (a detached process does it).
PREVIEW_OVERRIDES = {"SEARCH_INDEX": False, "SAFE_OUTPUT_REMOVE_OLD": "background"}

#: How long (ms) the watched files must stay unchanged before a rebuild starts, and the
#: longest a stream of changes (a big copy of photos) is waited out.
SETTLE_MS = 50
SETTLE_MAX_MS = 15_000
#: Files an editor saves whole (texts, the settings, the theme); any other changed file
#: is a copy that may still be coming in, and must have had no write for COPY_QUIET_S.
SAVED_WHOLE = (".md", ".txt", ".py", ".html", ".css", ".js", ".po", ".pot")
COPY_QUIET_S = 1.0
#: How long a build that ended with the warm process waits for the preview to be
#: stopping (Ctrl-C reaches both) before it is run again in a fresh process.
STOP_GRACE = 0.5
#: How often a watched single file (the settings file) is compared by its stamp.
FILE_POLL_MS = 500
#: The longest the keeper may take to show a saved post before the full rebuild goes on
#: without it (it may have photos to encode).
QUICK_TIMEOUT = 30
#: How long a browser's request for news waits before it is answered "nothing new".
LONG_POLL = 20
STATE_PATH = "/__preview__/state"
SCRIPT_PATH = "/__preview__/reload.js"
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()

#: Files editors and file managers write beside the real ones while saving.
TEMPORARY_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".pyc")
#: Files Windows Explorer writes into a folder it shows (thumbnails, the folder's icon):
#: never part of the site, but each rebuilt it, a second after a photo folder was opened.
FOLDER_FILES = ("thumbs.db", "ehthumbs.db", "desktop.ini")


def watched_name(name: str) -> bool:
    return not (name.startswith((".", "~$", "#")) or name.endswith(TEMPORARY_SUFFIXES)
                or name in ("4913", "__pycache__") or name.lower() in FOLDER_FILES)


def watched_change(roots: list[Path], path: str) -> bool:
    """A change worth a rebuild: not to a hidden or temporary file or folder below the
    watched root it is in (the root's own path may hold anything, e.g. ``~/.local``)."""
    changed = Path(path)
    for root in roots:
        if changed == root or changed.is_relative_to(root):
            return all(watched_name(part) for part in changed.relative_to(root).parts)
    return False


def watched_roots(content: Path, settings_file: str) -> list[Path]:
    """What the preview watches: the content, the project's theme, plugins and settings
    file, and the template folders the settings name besides (``THEME``,
    ``THEME_TEMPLATES_OVERRIDES``): a template saved there rebuilds too."""
    roots = [content, ROOT / "theme", ROOT / "plugins", ROOT / settings_file]
    try:
        settings = read_settings(settings_file, content)
    except (Exception, SettingsError):  # noqa: BLE001 -- the build reports what is wrong with the settings
        return roots
    for folder in [settings.get("THEME"), *settings.get("THEME_TEMPLATES_OVERRIDES", [])]:
        path = Path(folder).absolute() if folder else None
        if path is not None and path.is_dir() and not any(path.is_relative_to(r.absolute()) for r in roots):
            roots.append(path)
    return roots


def file_stamp(path: Path) -> tuple | None:
    """What changes when a file is saved, in place or by a rename over it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def snapshot(roots: list[Path]) -> dict[str, tuple]:
    """Every watched file under ``roots`` (folders or single files) and its stamp.

    The change time and inode catch a photo copied in with an old modification time
    and a file replaced by another of the same size and time.
    """
    stamps: dict[str, tuple] = {}
    for root in roots:
        if root.is_file():
            paths = [root]
        else:
            paths = []
            for here, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if watched_name(d)]
                paths.extend(Path(here) / f for f in files if watched_name(f))
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            stamps[str(path)] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return stamps


def page_addresses(output: Path) -> set[str]:
    """The address of every page of the built site (a folder with an ``index.html``)."""
    found = set()
    for here, _dirs, files in os.walk(output):
        if "index.html" in files:
            rel = Path(here).relative_to(output).as_posix()
            found.add("/" if rel == "." else f"/{rel}/")
    return found


def moved_pages(before: set[str], after: set[str], changed: set[str]) -> dict[str, str]:
    """Pages gone from one build to the next that have a new address beside them: one
    gone and one new in the same folder, named as a folder among the ``changed`` paths
    that is gone and one that is there (a post's folder renamed: its page in each
    language), old address -> new."""
    gone_names = {part for p in changed if not os.path.exists(p) for part in Path(p).parts}
    new_names = {part for p in changed if os.path.exists(p) for part in Path(p).parts}
    gone: dict[str, list[str]] = {}
    new: dict[str, list[str]] = {}
    for address in before - after:
        parent, _, name = address.rstrip("/").rpartition("/")
        if name in gone_names:
            gone.setdefault(parent, []).append(address)
    for address in after - before:
        parent, _, name = address.rstrip("/").rpartition("/")
        if name in new_names:
            new.setdefault(parent, []).append(address)
    return {old[0]: new[parent][0] for parent, old in gone.items()
            if len(old) == 1 and len(new.get(parent, [])) == 1}


class State:
    """What the browsers are told: the last finished build and whether one is running."""

    def __init__(self):
        self.version = 0  # changes whenever anything below changes
        self.build = 0  # finished builds
        self.building = False
        self.ok = True
        self.errors: list[str] = []
        self.check: list[str] = []  # invoke check's errors after the last good build
        self.moved: dict[str, str] = {}  # a page's old address -> its new one (a folder renamed)
        self.changed = threading.Condition()

    def update(self, **values) -> None:
        with self.changed:
            for key, value in values.items():
                setattr(self, key, value)
            self.version += 1
            self.changed.notify_all()

    def wait(self, since: int | None, timeout: float) -> dict:
        with self.changed:
            if since is not None:
                self.changed.wait_for(lambda: self.version != since, timeout=timeout)
            return {"version": self.version, "build": self.build, "building": self.building,
                    "ok": self.ok, "errors": self.errors, "check": self.check}


class Preview:
    """The preview of one content folder: the builder, the watcher and the web server."""

    def __init__(self, content: Path, output: Path, cache: Path | None = None,
                 settings_file: str = PREVIEW_SETTINGS):
        self.content, self.output, self.cache = content, output, cache
        self.settings_file = settings_file
        self.roots = watched_roots(content, settings_file)
        self.state = State()
        self.stop = threading.Event()
        self.warm: WarmPelican | None = None  # forks the builds (staff/warm.py)
        self.warm_code: dict[str, tuple] = {}  # the code it imported, as it was then
        self.code = [ROOT / "plugins"]  # a change here restarts it
        self.keeper: socket.socket | None = None  # to the last good build's keeper
        self.checking: subprocess.Popen | None = None  # invoke check after the last good build
        self.check_lock = threading.Lock()

    def warm_builder(self) -> WarmPelican | None:
        """The warm process, (re)started when there is none or the plugins' code changed."""
        code = snapshot(self.code)
        if self.warm is not None and code != self.warm_code:
            self.close()
        if self.warm is None:
            self.warm = WarmPelican.start(self.settings_file)
            self.warm_code = code
        return self.warm

    def close(self) -> None:
        self.stop_check()
        self.drop_keeper()
        if self.warm is not None:
            self.warm.stop()
            self.warm = None

    def drop_keeper(self) -> None:
        if self.keeper is not None:
            self.keeper.close()  # the keeper ends
            self.keeper = None

    def saved_posts(self, changed: set[str]) -> list[str]:
        """The changed files, if all are Markdown files in the content folder that still
        exist (the keeper decides whether they are posts it can show); else none."""
        paths = sorted(changed)
        content = self.content.absolute()
        if paths and all(p.endswith(".md") and Path(p).is_relative_to(content) and os.path.isfile(p)
                         for p in paths):
            return paths
        return []

    def show_quickly(self, paths: list[str]) -> bool:
        """Ask the last good build's keeper to write the pages of the saved posts
        (``staff/quick.py``); whether it did (the browser is then told)."""
        keeper, self.keeper = self.keeper, None
        if keeper is None:
            return False
        started = time.perf_counter()
        pid = None
        try:
            keeper.settimeout(QUICK_TIMEOUT)
            keeper.sendall(json.dumps({"paths": paths, "output": str(self.output.absolute())}).encode()
                           + b"\n")
            lines = keeper.makefile("rb")
            pid = json.loads(lines.readline())["pid"]
            answer = json.loads(lines.readline())
        except (OSError, ValueError, KeyError, TypeError):
            if pid is not None:  # too slow: it must not write into the output after this
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            return False
        finally:
            keeper.close()
        if not answer.get("shown"):
            return False
        print(f"Đã hiện bài vừa lưu ({time.perf_counter() - started:.1f} s), đang tạo lại cả trang... / "
              "Saved post shown; rebuilding the whole site...", flush=True)
        self.state.update(building=True, ok=True, errors=[], build=self.state.build + 1)
        return True

    def warm_build(self, warm: WarmPelican) -> Build:
        """A build forked by the warm process; if it passes, its keeper waits at the
        other end of ``self.keeper``."""
        ours, theirs = socket.socketpair()
        try:
            build = build_into_place(self.settings_file, self.output, self.content, self.cache,
                                     capture=True, overrides=PREVIEW_OVERRIDES, warm=warm, keeper=theirs)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.keeper = ours
        return build

    def settings_problem(self, changed: set[str]) -> str | None:
        """The one line for a settings file that cannot run, on the first build and
        whenever one of the project's ``*.py`` files is saved."""
        if changed and not any(Path(p).suffix == ".py" and Path(p).parent == ROOT for p in changed):
            return None
        try:
            check_settings_file(self.settings_file)
        except SettingsError as error:
            return str(error.code)
        return None

    def start_check(self) -> None:
        """Run ``invoke check`` (``python -m staff.check``) in a process of its own; its
        errors go to the open pages when it ends, unless a save has come since."""
        with self.check_lock:
            self.stop_check()
            self.checking = process = subprocess.Popen(
                [sys.executable, "-m", "staff.check", str(self.content.absolute())], cwd=ROOT,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        threading.Thread(target=self.read_check, args=(process,), name="preview-check", daemon=True).start()

    def read_check(self, process: subprocess.Popen) -> None:
        out, err = process.communicate()
        with self.check_lock:
            if process is not self.checking:
                return  # stopped: a save came, and the next build checks again
            try:
                lines = [str(line) for line in json.loads(out)]
            except (ValueError, TypeError):
                last = (err.strip().splitlines() or ["?"])[-1]
                print(f"invoke check không chạy được / invoke check failed: {last}", flush=True)
                lines = []
            # (under a failed build's errors: what else it finds, each mistake said once)
            self.state.update(check=not_said(self.state.errors, lines))

    def stop_check(self) -> None:
        process, self.checking = self.checking, None
        if process is not None and process.poll() is None:
            process.kill()

    def rebuild(self, changed: set[str] = frozenset()) -> None:
        # Check's errors are of the files before this save: its answer is not awaited,
        # and its list goes (a fixed link stayed on the page until the next check ended,
        # and under a settings file's error); the next build's check says them again.
        with self.check_lock:
            self.stop_check()
        self.state.update(check=[])
        problem = self.settings_problem(changed)
        if problem is not None:
            print(f"{problem}\nCó lỗi: trình duyệt vẫn hiện bản cũ. / Build failed: the browser keeps "
                  "the last good version.", flush=True)
            self.state.update(building=False, ok=False, errors=[problem], build=self.state.build + 1)
            return
        # A post folder renamed or deleted: the pages before, to tell the open page of a
        # renamed one its new address (it said "does not exist (yet), reloads by itself
        # once it is built", and never did).
        pages_before = page_addresses(self.output) if any(not os.path.exists(p) for p in changed) else None
        saved = self.saved_posts(changed)
        if not (saved and self.show_quickly(saved)):
            print("Đang tạo lại trang... / Rebuilding...", flush=True)
        self.drop_keeper()
        self.state.update(building=True)
        try:
            try:
                warm = self.warm_builder()
                if warm is None:
                    build = build_into_place(self.settings_file, self.output, self.content, self.cache,
                                             capture=True, overrides=PREVIEW_OVERRIDES)
                else:
                    build = self.warm_build(warm)
            except OSError:
                if self.warm is None:
                    raise
                # Gone with Ctrl-C (the terminal signals every process of the preview): no
                # fresh build then, which ran on and said "updated" after "stopped".
                if self.stop.wait(STOP_GRACE):
                    return
                self.close()  # the warm process is gone: this build in a fresh one
                build = build_into_place(self.settings_file, self.output, self.content, self.cache,
                                         capture=True, overrides=PREVIEW_OVERRIDES)
        except BuildFailed as failed:
            undo(self.output)  # (a page the quick step showed: the build refused it)
            errors = failed.build.error_lines()
            print("Có lỗi: trình duyệt vẫn hiện bản cũ, lỗi được ghi ở trên và trên trang. / "
                  "Build failed: the browser keeps the last good version.", flush=True)
            self.state.update(building=False, ok=False, errors=errors, build=self.state.build + 1)
            # The build stops at its first kind of mistake (a file it cannot read is left
            # out, and with it the checks of that post): check reads everything, and the
            # page lists what else it finds under the build's errors, all fixed in one go.
            self.start_check()
            return
        except OSError as error:
            undo(self.output)
            self.state.update(building=False, ok=False, errors=[str(error)],
                              build=self.state.build + 1)
            return
        forget_undo(self.output)  # (a folder of its own, beside the site: nothing to put back)
        if pages_before is not None:
            self.note_moves(pages_before, changed)
        print("Đã cập nhật / updated.", flush=True)
        self.state.update(building=False, ok=build.ok, errors=[], build=self.state.build + 1)
        if build.ok:
            self.start_check()

    def note_moves(self, before: set[str], changed: set[str]) -> None:
        after = page_addresses(self.output)
        moved = {old: new for old, new in self.state.moved.items() if old not in after and new in after}
        for old, new in moved_pages(before, after, changed).items():
            moved = {earlier: new if target == old else target for earlier, target in moved.items()}
            moved[old] = new
            print(f"Bài đã chuyển địa chỉ / post moved: {old} → {new} (đã đăng rồi? thêm dòng "
                  f"'Aliases: {old}' / already published? add 'Aliases: {old}')", flush=True)
        self.state.moved = moved

    def wait_for_copies(self, changed: set[str]) -> None:
        """Wait until every copied file among ``changed`` (a photo, a PDF: not a text
        that is saved whole) has had no write for ``COPY_QUIET_S``: a copy from a phone or
        a network folder comes in bursts with pauses longer than ``SETTLE_MS``, and each
        build of the half-copied photo said "damaged: copy the photo again"."""
        copies = [path for path in changed if not path.endswith(SAVED_WHOLE)]
        deadline = time.monotonic() + SETTLE_MAX_MS / 1000
        while copies and time.monotonic() < deadline and not self.stop.is_set():
            written = [stamp.st_mtime for stamp in map(file_stat, copies) if stamp is not None]
            quiet = time.time() - max(written) if written else COPY_QUIET_S
            if quiet >= COPY_QUIET_S:
                return
            self.stop.wait(COPY_QUIET_S - quiet)

    def watch(self) -> None:
        """Build once, then rebuild whenever a watched file changes (until ``stop``).

        The files are watched before the first build starts: a post saved the moment that
        build was said to be done, before the system's watch had begun, was never built."""
        try:
            batches = self.changes()
            if next(batches, None) is None:  # (stopped before the watch began)
                return
            self.rebuild()
            for changes in batches:
                changed = {path for _, path in changes}
                self.wait_for_copies(changed)
                self.rebuild(changed)
        finally:
            self.close()

    def changes(self):
        """Each batch of changes to the watched files, once they have settled. The first
        batch comes once the files are watched, empty if nothing changed yet: what is saved
        from then on is in a batch, even while the caller is building.

        If the operating system cannot watch them all (Linux limits how many folders a
        user may watch), the files are compared every few tenths of a second instead.
        A root that is one file (the settings file) is also compared by its stamp every
        ``FILE_POLL_MS``: an editor that saves by renaming a new file over the old one ends
        the system's watch on that file after its first save."""
        import watchfiles

        roots = [root.absolute() for root in self.roots]
        files = [root for root in roots if root.is_file()]
        stamps = {path: file_stamp(path) for path in files}
        options = dict(debounce=SETTLE_MAX_MS, step=SETTLE_MS, stop_event=self.stop,
                       watch_filter=lambda _, path: watched_change(roots, path),
                       raise_interrupt=False, rust_timeout=FILE_POLL_MS, yield_on_timeout=True)

        watching = False

        def with_files(batches):
            nonlocal watching
            for batch in batches:
                for path in files:
                    stamp = file_stamp(path)
                    if stamp != stamps[path]:
                        stamps[path] = stamp
                        batch = batch | {(watchfiles.Change.modified, str(path))}
                if batch or not watching:
                    watching = True
                    yield batch

        try:
            yield from with_files(watchfiles.watch(*roots, **options))
        except Exception as error:  # noqa: BLE001 - any failure of the native watcher
            print(f"Không theo dõi được thay đổi theo cách thường ({error}); chuyển sang so sánh "
                  f"định kỳ / cannot watch for changes natively ({error}); polling instead",
                  flush=True)
            yield from with_files(watchfiles.watch(*roots, force_polling=True, **options))

    def server(self, host: str, port: int) -> Server:
        handler = functools.partial(PreviewHandler, directory=str(self.output), state=self.state)
        return Server((host, port), handler)


class PreviewHandler(HostHeaders, http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; HTML pages get the reload script. Every answer has the
    headers the site will be published with (its ``_headers`` file: the security policy
    blocks in the preview what it will block for readers), but is never cached."""

    def __init__(self, *args, state: State, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # one line per request would bury the build messages

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_host_headers(leave_out=("cache-control",))
        super().end_headers()

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == SCRIPT_PATH:
            return self.send_bytes(RELOAD_JS.encode(), "text/javascript; charset=utf-8")
        if url.path == STATE_PATH:
            since = parse_qs(url.query).get("since", [None])[0]
            state = self.state.wait(int(since) if since and since.isdigit() else None, LONG_POLL)
            return self.send_bytes(json.dumps(state).encode(), "application/json")
        page = self.html_file(url.path)
        if page is None:
            return super().do_GET()
        try:
            body = page.read_bytes()
        except OSError:
            new = self.state.moved.get(url.path)
            body = (MOVED_PAGE.format(new=html.escape(quote(new)), shown=html.escape(new),
                                      old=html.escape(url.path)) if new else WAITING_PAGE).encode()
            return self.send_bytes(inject(body), "text/html; charset=utf-8", 404)
        return self.send_bytes(inject(body), "text/html; charset=utf-8")

    def html_file(self, path: str) -> Path | None:
        """The HTML file a page URL is served from; None for other files and redirects."""
        local = Path(self.translate_path(path))
        if local.is_dir():
            if not path.endswith("/"):
                return None  # the base class redirects /x to /x/
            return local / "index.html"
        if path.endswith((".html", ".htm")):
            return local
        if not local.exists() and "." not in path.rsplit("/", 1)[-1]:
            return local / "index.html"  # missing page: answered with the waiting page
        return None

    def send_bytes(self, body: bytes, content_type: str, status: int = 200) -> None:
        send_body(self, body, content_type, status)


def inject(html: bytes) -> bytes:
    """The page with the reload script before ``</body>`` (or at the end)."""
    at = html.rfind(b"</body>")
    return html[:at] + SCRIPT_TAG + html[at:] if at >= 0 else html + SCRIPT_TAG


WAITING_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Chưa có trang / No page yet</title></head><body>
<h1>Chưa có trang này / This page does not exist (yet)</h1>
<p>Trang sẽ tự tải lại khi được tạo xong. / The page reloads by itself once it is built.</p>
</body></html>"""

MOVED_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Bài đã chuyển địa chỉ / The post has moved</title></head><body>
<h1>Bài đã chuyển địa chỉ / The post has moved</h1>
<p>Thư mục của bài đã được đổi tên nên bài có địa chỉ mới: <a href="{new}">{shown}</a>
/ The post's folder was renamed, so the post has a new address.</p>
<p>Địa chỉ cũ này sẽ không còn trên trang thật: liên kết tới nó cần sửa (invoke check chỉ ra);
đổi lại tên thư mục cũ thì trang này tự tải lại. / This old address will not exist on the
published site: links to it need changing (invoke check lists them); renaming the folder
back reloads this page.</p>
<p>Nếu bài đã được đăng (người đọc có thể đã chia sẻ địa chỉ cũ), thêm vào phần thông tin
đầu bài dòng <code>Aliases: {old}</code> để địa chỉ cũ vẫn dẫn tới bài. / If the post was
already published (readers may have shared the old address), add the line
<code>Aliases: {old}</code> to its header, so that the old address still leads to it.</p>
</body></html>"""

RELOAD_JS = r"""
(function () {
  "use strict";
  var url = "/__preview__/state", version = null, build = null, box = null, boxKind = null;
  var DISMISSED = "previewCheckDismissed";  // check's list the writer closed (this tab)
  // A failed build's errors: red, an alert. Check's: amber, smaller, a status the writer
  // may close (it comes back when the list changes).
  function show(lines, title, kind) {
    if (box && boxKind !== kind) { hide(); }
    if (!box) {
      box = document.createElement("div");
      boxKind = kind;
      box.setAttribute("role", kind === "error" ? "alert" : "status");
      box.setAttribute("data-preview", kind);
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "99999";
      s.maxHeight = kind === "error" ? "60vh" : "35vh"; s.overflow = "auto"; s.padding = "1em";
      // (in rem: with the browser's text set larger the errors are larger too)
      s.font = ".875rem/1.5 system-ui, sans-serif"; s.whiteSpace = "pre-wrap";
      s.background = kind === "error" ? "#fff3f3" : "#fff8e1";
      s.color = kind === "error" ? "#7a0000" : "#4d3800";
      s.borderBottom = "3px solid " + (kind === "error" ? "#b00000" : "#b38600");
      document.body.appendChild(box);
    }
    box.textContent = title + "\n\n" + lines.join("\n");
    if (kind === "check") {
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Ẩn / Hide";
      close.style.cssFloat = "right";
      close.style.font = "inherit";
      close.addEventListener("click", function () {
        try { sessionStorage.setItem(DISMISSED, lines.join("\n")); } catch (e) { /* no storage */ }
        hide();
      });
      box.insertBefore(close, box.firstChild);
    }
  }
  function hide() { if (box) { box.remove(); box = null; boxKind = null; } }
  function dismissed(lines) {
    try { return sessionStorage.getItem(DISMISSED) === lines.join("\n"); } catch (e) { return false; }
  }
  function render(state) {
    if (!state.ok) {
      var more = state.check || [];  // (staff.check.not_said: what the build's errors do not say)
      show(state.errors.concat(more.length ? ["", "invoke check còn thấy / invoke check also finds:"] : [], more),
           "Lỗi khi tạo trang — đây là bản cũ; sửa tệp được nêu rồi lưu lại.\n" +
           "Build failed — this is the last good version; fix the file named below and save.", "error");
    } else if (state.check && state.check.length && !dismissed(state.check)) {
      show(state.check, "Trang đã được tạo, nhưng invoke publish sẽ dừng vì các lỗi sau; sửa rồi lưu lại.\n" +
           "The site is built, but invoke publish would stop on these; fix them and save.", "check");
    } else { hide(); }
  }
  // The page as served now: after a build, the page reloads only if it changed.
  function page() {
    return fetch(location.href, {cache: "no-store"}).then(function (r) {
      return r.ok ? r.text() : null;
    }).catch(function () { return null; });
  }
  var shown = page();
  // One request waits a tab, and none while the tab is hidden: a browser opens at most
  // six connections to a host, and six open tabs waiting held them all (a seventh tab
  // did not load for 17 s). A tab shown again asks at once what changed meanwhile.
  var active = null;
  function poll() {
    if (document.hidden || active) { return; }
    var mine = active = new AbortController();
    fetch(url + (version === null ? "" : "?since=" + version), {cache: "no-store", signal: mine.signal})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (active !== mine) { return; }
        active = null;
        if (build !== null && state.build !== build && state.ok) {
          var now = page();
          return Promise.all([shown, now]).then(function (both) {
            if (both[0] === null || both[0] !== both[1]) { location.reload(); return; }
            shown = now;
            build = window.previewBuild = state.build;
            version = state.version;
            render(state);
            poll();
          });
        }
        build = window.previewBuild = state.build;  // (the tests read it)
        version = state.version;
        render(state);
        poll();
      })
      .catch(function () {
        if (active !== mine) { return; }  // (stopped: the tab was hidden)
        active = null;
        setTimeout(poll, 2000);
      });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && active) { var stopped = active; active = null; stopped.abort(); }
    poll();
  });
  poll();
})();
"""


def file_stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def run(content: Path, output: Path, port: int, host: str = "127.0.0.1",
        cache: Path | None = None) -> int:
    """Serve and rebuild until Ctrl-C (or SIGTERM); the exit status."""
    preview = Preview(content, output, cache)
    try:
        httpd = preview.server(host, port)
    except OSError as error:
        refused = port_refused(port, error)
        if refused is None:
            raise
        print(refused, file=sys.stderr)
        return 2
    stop_on_sigterm()  # (as Ctrl-C does)
    watcher = threading.Thread(target=preview.watch, name="preview-watch", daemon=True)
    watcher.start()
    shown_host = "localhost" if host in ("127.0.0.1", "::1") else host
    print(f"Xem trước tại / preview at http://{shown_host}:{httpd.server_address[1]}/ "
          "(Ctrl-C để dừng / to stop)", flush=True)
    try:
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("Đã dừng xem trước. / Preview stopped.", flush=True)
    finally:
        preview.stop.set()
        httpd.server_close()
        watcher.join(timeout=5)
    return 0

