"""Tasks for people: ``invoke --list`` shows them, ``invoke --help TASK`` explains one.

    invoke new "Tiêu đề" --section tin-tuc/tin-hoat-dong [--en]   create a post folder
    invoke check          find mistakes in the content without building
    invoke build          build the site into output/ (preview settings)
    invoke serve          serve output/ at http://localhost:8000
    invoke livereload     preview: rebuild and reload the browser on every save
    invoke clean          delete output/ (and the caches with --cache)
    invoke publish        production build (publishconf.py), then rsync it to PUBLISH_TARGET
    invoke gh-pages       production build, then push it to a git branch (ghp-import)
    invoke import-html    turn saved pages of the old CMS into post folders
    invoke test           run the tests (fuzz/ and bench/ add invoke fuzz and invoke bench)

The work is done in ``staff/`` (and ``importer/``, ``fuzz/``, ``bench/``); the tasks here
pass options on, but for ``clean`` and ``test``, which are a few lines each.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

from importer.tasks import import_html  # noqa: F401  (invoke import-html, docs/import.md)
from fuzz.tasks import fuzz  # noqa: F401  (invoke fuzz --minutes N, README "Reliability")
from bench.tasks import bench  # noqa: F401  (invoke bench, README "Benchmarks")

from staff.build import (BUILT_MESSAGE, FAILED_MESSAGE, NOT_MADE_MESSAGE, STOPPED_DONE_MESSAGE, STOPPED_MESSAGE,
                         STOPPED_NOT_MADE_MESSAGE, BuildFailed, BuildStopped)
from staff.build import build_into_place as staff_build_into_place

ROOT = Path(__file__).resolve().parent


def _utf8_mode() -> None:
    """Start again in Python's UTF-8 mode where the locale is not UTF-8.

    Staff's folders, files and the tasks' messages are Vietnamese. Python reads names
    and writes to the terminal in the locale's encoding unless its UTF-8 mode is on (it
    is, by itself, in a UTF-8 or the C locale); under another locale (``en_US`` in
    ISO-8859-1, or ``PYTHONUTF8=0``) a folder named "thư mục" or the first message
    stopped the build with a traceback. The processes the tasks start inherit the mode."""
    if sys.flags.utf8_mode or sys.getfilesystemencoding().lower().replace("-", "") == "utf8" \
            or os.environ.get("PYTHONUTF8") == "1":  # (started again already: "-X utf8=0" wins)
        return
    os.environ["PYTHONUTF8"] = "1"
    try:
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])  # (also under -E)
    except OSError:
        pass  # (then as before: a traceback where a name is not ASCII)


_utf8_mode()


def _parse_errors_in_plain_words() -> None:
    """Invoke prints its parser's own words for a command line it cannot read ("No idea
    what 'giảng' is!" for a title typed without quotes); the tasks' users read
    staff.project.explain_parse_error's instead. Invoke reads this file before the
    tasks' part of the command line, so its Program is given the translation here."""
    from invoke.exceptions import Exit, ParseError
    from invoke.program import Program

    from staff.project import explain_parse_error

    parse = Program.parse_tasks
    if getattr(parse, "in_plain_words", False):
        return

    def parse_tasks(self) -> None:
        try:
            parse(self)
        except (ParseError, ValueError) as error:  # (ValueError: a word where a number goes)
            names = sorted(self.collection.task_names) if self.collection else []
            takes_value = {name: {("--" if len(flag) > 1 else "-") + flag.replace("_", "-")
                                  for argument in self.collection[name].get_arguments()
                                  if argument.kind is not bool for flag in argument.names}
                           for name in names}
            raise ParseError(explain_parse_error(str(error), list(self.core.unparsed), names,
                                                 takes_value)) from None

    def parse_cleanup(self) -> None:  # ("invoke --list new": "Sub-collection 'new' not found!")
        try:
            cleanup(self)
        except Exit as error:
            if not error.message:
                raise
            names = sorted(self.collection.task_names) if self.collection else []
            raise Exit(explain_parse_error(str(error.message), list(self.core.unparsed), names),
                       code=error.code) from None

    cleanup = Program.parse_cleanup
    parse_tasks.in_plain_words = True
    Program.parse_tasks = parse_tasks
    Program.parse_cleanup = parse_cleanup


_parse_errors_in_plain_words()


def _quiet_when_cut_short() -> None:
    """``invoke new -h | head``, ``invoke --list | head``, ``invoke build 2>&1 | head``:
    once ``head`` had its lines, the next write met the closed pipe, and a BrokenPipeError
    traceback followed the lines shown. Standard output and error now drop what is written
    after that, without a word, and the task goes on with its work
    (``staff.report.KeepsWorking``): the build ends, and the exit status is the task's
    own (a build that passed: 0). What still meets the closed pipe another way ends here,
    as for Invoke's help and list (``parse_cleanup``) and every task (``execute``): quietly
    (``staff.report.stop_writing``), with the step's status when it had ended, else 0 for
    the help and 1 for a task stopped while writing. As for the parser's words, Invoke
    reads this file before these steps run."""
    from invoke.exceptions import Exit
    from invoke.program import Program

    from staff.report import keep_working_when_cut_short, stop_writing

    keep_working_when_cut_short()

    def quiet(step, status):
        if getattr(step, "quiet_when_cut_short", False):
            return step

        def run(self, *args, **kwargs):
            code = status  # (the pipe closed while the step was writing)
            try:
                try:
                    result = step(self, *args, **kwargs)
                    code = 0
                    return result
                except (SystemExit, Exit) as done:
                    code = done.code
                    raise
                finally:
                    sys.stdout.flush()  # (here, not in Python's flush at exit)
            except BrokenPipeError:
                stop_writing()
                raise Exit(code=code) from None

        run.quiet_when_cut_short = True
        return run

    Program.parse_cleanup = quiet(Program.parse_cleanup, 0)
    Program.execute = quiet(Program.execute, 1)


_quiet_when_cut_short()
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
#: The preview settings: the folders ``clean`` must not delete, and the CACHE_PATH that
#: ``clean --cache`` empties.
SETTINGS = ROOT / "pelicanconf.py"
HOST, PORT = "127.0.0.1", 8000

PATH_HELP = {
    "content": "thư mục nội dung / the content folder (default: content/)",
    "cache": "thư mục bộ nhớ đệm / where build caches go (default: cache/)",
}


def folder(value: str | None, default: Path | None = None) -> Path | None:
    """A folder given on the command line, made absolute; ``default`` when none was given."""
    return Path(value).expanduser().resolve() if value else default


def content_folder(value: str | None) -> Path:
    """The content folder (``--content``, else content/); one line and exit 2 when missing."""
    path = folder(value, CONTENT)
    if not path.is_dir():
        print(f"Không có thư mục nội dung {path} / there is no content folder {path}",
              file=sys.stderr)
        sys.exit(2)
    return path


def port_number(value) -> int:
    """``--port`` as a port a server can listen on (0: any free one); one line and exit 2
    for another number (``--port 80000`` ended in an OverflowError traceback)."""
    port = int(value)
    if not 0 <= port <= 65535:
        print(f"Không có cổng {port}: cổng là một số từ 1 đến 65535, ví dụ --port 8001 / there is no port "
              f"{port}: a port is a number from 1 to 65535, e.g. --port 8001", file=sys.stderr)
        sys.exit(2)
    return port


def build_into_place(settings_file: str, output: Path = OUTPUT, content: Path = CONTENT,
                     cache: Path | None = None) -> None:
    """Build into a fresh folder beside ``output`` and swap it in only if the build passed.

    A failed build leaves the previous site untouched (and exits with status 1); the
    last line says so only where there was one. Stopped by Ctrl-C or SIGTERM, it says
    what the build left in ``output`` and exits with status 130.
    """
    existed, was = output.is_dir(), folder_identity(output)
    try:
        staff_build_into_place(settings_file, output, content, cache, capture=True)
    except BuildFailed as failed:
        also_found(failed.build.error_lines(), content)
        sys.exit((FAILED_MESSAGE if existed else NOT_MADE_MESSAGE).format(name=shown_folder(output)))
    except (BuildStopped, KeyboardInterrupt):
        # Whether the build put its site in place is the folder's, not the exit status: a
        # stop that reached Pelican after the swap, as it was ending, gave a status of a
        # stopped build, and the task said the previous site was unchanged.
        build_stopped(output, existed, folder_identity(output) not in (None, was))
    # (invoke serve shows output/: a site built elsewhere is named to it, or the line
    # sent staff to the last site built in output/)
    serve = ".venv/bin/invoke serve"
    if output.resolve() != OUTPUT.resolve():
        serve += f" --output {shlex.quote(shown_folder(output))}"
    print(BUILT_MESSAGE.format(name=shown_folder(output), serve=serve))


def folder_identity(path: Path) -> tuple[int, int] | None:
    """The folder at ``path`` (its device and inode; None if there is none): a build that
    puts its site in place puts another folder there (``safe_output``)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def build_stopped(output: Path, existed: bool, finished: bool = False) -> None:
    """Exit 130 after Ctrl-C or SIGTERM, saying what the build left in ``output``."""
    said = STOPPED_DONE_MESSAGE if finished else STOPPED_MESSAGE if existed else STOPPED_NOT_MADE_MESSAGE
    print(said.format(name=shown_folder(output)), file=sys.stderr)
    sys.exit(130)


def also_found(errors: list[str], content: Path) -> None:
    """After a failed build, what else ``invoke check`` finds: the build stops at its first
    kind of mistake (a post with a ``file:///`` picture is left out, and with it the checks
    of its photos and links), and staff met the rest one build at a time."""
    from staff.check import error_lines
    from staff.report import not_said

    try:
        found = error_lines(content)
    except Exception:  # noqa: BLE001 - the build's own failure is what is said then
        return
    more = not_said(errors, found)
    if more:
        print("invoke check còn thấy / invoke check also finds:\n" + "\n".join(more), file=sys.stderr)


def shown_folder(path: Path) -> str:
    """A folder as messages name it: from the project's folder when inside it."""
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


@task(help={"output": "nơi đặt trang / where the site goes (default: output/)", **PATH_HELP})
def build(c, content=None, output=None, cache=None):
    """Xây dựng trang để xem thử vào output/ / Build the site with the preview settings (pelicanconf.py) into output/."""
    from staff.project import check_settings_file
    from staff.serve import stop_on_sigterm

    stop_on_sigterm()  # (as Ctrl-C: build_into_place, build_stopped)
    output, content, cache = folder(output, OUTPUT), content_folder(content), folder(cache)
    try:
        check_settings_file("pelicanconf.py")  # one line for a file that cannot run, not Pelican's traceback
        refuse_output(output, content, cache)
    except KeyboardInterrupt:
        build_stopped(output, output.is_dir())
    build_into_place("pelicanconf.py", output, content, cache)


def refuse_output(output: Path, content: Path, cache: Path | None) -> None:
    """One line and exit 1 when the build must not write ``output`` (content/ or inside
    it, the project, home, a file: ``safe_output.check_output_path``, which the build
    checks again), before building (or previewing): Pelican's refusal was followed by what invoke check
    finds in the content and "the previous …/ is unchanged", of a folder that was no site
    or was not there at all."""
    from staff.project import read_settings, use_plugins

    use_plugins()
    from safe_output import check_output_path

    settings = read_settings("pelicanconf.py", content)
    if cache is not None:
        settings["CACHE_PATH"] = str(cache)
    check_output_path(settings, str(output))


@task(positional=["title"], help={
    "title": "tiêu đề bài, trong ngoặc kép / the post's title, in quotes: \"Khai giảng lớp ...\"",
    "section": "mục tin: thư mục (tin-tuc/tin-hoat-dong, hay chỉ tin-hoat-dong) hoặc tên mục "
               "(không ghi: xem danh sách) / the section: its folder (tin-tuc/tin-hoat-dong, or just "
               "tin-hoat-dong) or its name (without it: the list)",
    "en": "tạo thêm index.en.md, bản nháp tiếng Anh / also create index.en.md, an English draft",
    "content": PATH_HELP["content"],
})
def new(c, title, section=None, en=False, content=None):
    """Tạo thư mục bài mới với tệp index.vi.md / Create a post folder with its index.vi.md and print the file to edit."""
    from staff import new as new_post
    from staff.project import HELP_FLAGS, languages, read_settings, task_help

    if title in HELP_FLAGS:  # the help, not a post named "help" (staff.project.HELP_FLAGS)
        sys.exit(task_help("new"))
    settings = read_settings()
    status = new_post.run(content_folder(content), title, section, languages(settings),
                          settings["TIMEZONE"], english=en)
    if status:
        sys.exit(status)


@task(help={"content": PATH_HELP["content"]})
def check(c, content=None):
    """Tìm lỗi trong nội dung mà không xây dựng / Find mistakes in the content without building; exit status 1 when there are errors."""
    from staff.check import check as check_content
    from staff.project import read_settings
    from staff.report import print_lines

    content = content_folder(content)
    report = check_content(content, read_settings(content=content))
    print_lines(report.lines())  # (quietly cut short by "| head")
    if report.status:
        sys.exit(report.status)


@task(help={"target": "nơi chép trang tới / where to copy the site: user@host:/var/www/site/ or a "
                      "folder (default: PUBLISH_TARGET in publishconf.py)",
            "no-check": "(người quản trị) không chạy invoke check trước: trang có lỗi vẫn được đăng / "
                        "(administrators) do not run invoke check first: a site with mistakes is "
                        "published", **PATH_HELP})
def publish(c, target=None, content=None, cache=None, no_check=False):
    """Đăng trang: kiểm tra, xây dựng bản chính thức rồi chép lên máy chủ / Build the production site (publishconf.py) and rsync it to PUBLISH_TARGET if it passed."""
    from staff.publish import publish as publish_site

    status = publish_site(content_folder(content), target, folder(cache), not no_check)
    if status:
        sys.exit(status)


@task(help={"remote": "the git repository to push to (default: PUBLISH_GH_PAGES_REMOTE, "
                      "else the project's origin)",
            "branch": "the branch (default: PUBLISH_GH_PAGES_BRANCH, gh-pages)",
            "no-check": "do not run invoke check first", **PATH_HELP})
def gh_pages(c, remote=None, branch=None, content=None, cache=None, no_check=False):
    """Đăng trang lên một nhánh git (GitHub Pages) / Build the production site and push it to a git branch (GitHub Pages) if it passed."""
    from staff.publish import gh_pages as push_site

    status = push_site(content_folder(content), remote, branch, folder(cache), not no_check)
    if status:
        sys.exit(status)


@task(help={"cache": "xoá cả bộ nhớ đệm / also clean cache/ (CACHE_PATH): photo renditions the last build did not use, and "
                     "the other caches (parsed posts…) whole"})
def clean(c, cache=False):
    """Xoá output/ / Delete output/; with --cache also the caches (keeping the photos the last build used)."""
    from pelican.settings import read_settings

    sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))
    from safe_output import check_output_path  # refuses the project, content/, home, /...
    from safe_output.guard import check_cache_path
    from safe_output.spare import EMPTYING, beside, settle, spares  # folders builds leave beside output/

    # Exits with one line, deleting nothing, if output/ is set to a folder it must not be,
    # or (with --cache) the cache: the builds' CACHE_PATH, cache/ unless the settings say.
    settings = read_settings(str(SETTINGS))
    check_output_path(settings, str(OUTPUT))
    caches = Path(settings["CACHE_PATH"])
    if cache:
        check_cache_path(settings)
    # A build's detached process may still be emptying the site it replaced into a
    # spare folder: let it finish, or that folder would appear after this.
    settle(str(OUTPUT), timeout=60)
    targets = [OUTPUT, *map(Path, spares(str(OUTPUT))), *map(Path, beside(str(OUTPUT), EMPTYING))]
    targets += [p for p in sorted(caches.iterdir()) if p.name != "photos"] if cache and caches.exists() else []
    for target in targets:
        if target.is_dir():
            shutil.rmtree(target)
            print(f"Đã xoá / deleted: {shown_folder(target)}/")
        elif target.exists():
            target.unlink()
            print(f"Đã xoá / deleted: {shown_folder(target)}")
    if cache and (caches / "photos").exists():
        from photos.cache import Cache  # the photos plugin's cache: it knows the last build's keys

        removed = Cache(str(caches / "photos")).prune_unused()
        print(f"Đã xoá {removed} ảnh không dùng / deleted {removed} unused photo renditions: "
              f"{shown_folder(caches / 'photos')}/")


@task(help={"port": f"cổng / port to listen on (default {PORT})",
            "output": "thư mục trang / the folder to serve (default: output/)"})
def serve(c, port=PORT, output=None):
    """Mở trang đã xây dựng tại http://localhost:PORT / Serve output/ at http://localhost:PORT (Ctrl-C stops).

    A missing address gets the site's 404.html, as on a static host."""
    from staff.serve import run

    status = run(folder(output, OUTPUT), port_number(port), HOST)
    if status:
        sys.exit(status)


@task(help={"port": f"cổng / port to listen on (default {PORT})",
            "output": "nơi dựng bản xem trước / where the preview is built (default: output/)", **PATH_HELP})
def livereload(c, port=PORT, content=None, output=None, cache=None):
    """Xem trước: lưu bài là trang tự cập nhật / Preview at http://localhost:PORT: rebuild on every save, reload the browser.

    Watches content/ (posts, photos, captions, section names), theme/, plugins/,
    pelicanconf.py and the template folders it names (THEME_TEMPLATES_OVERRIDES). A
    failed rebuild keeps the last good site and shows the errors on it.
    """
    from staff.preview import run

    content, output, cache, port = content_folder(content), folder(output, OUTPUT), folder(cache), port_number(port)
    refuse_output(output, content, cache)  # (each rebuild was refused, "the browser keeps the last good version")
    status = run(content, output, port, HOST, cache)
    if status:
        sys.exit(status)


def missing_debian_packages() -> list[str]:
    """Packages named in tests/debian-packages.txt that dpkg does not list as installed."""
    wanted = [line.split("#")[0].strip() for line in
              (ROOT / "tests" / "debian-packages.txt").read_text().splitlines()]
    wanted = [name for name in wanted if name]
    if not wanted or shutil.which("dpkg-query") is None:
        return []
    shown = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\\n", *wanted],
                           capture_output=True, text=True).stdout
    # The status is "install ok installed" when present ("... not-installed" otherwise).
    installed = {line.split()[0] for line in shown.splitlines() if line.endswith(" ok installed")}
    return [name for name in wanted if name not in installed]


#: How ``invoke test`` runs pytest: a worker per CPU, at most 4 (pytest-xdist), each
#: taking the next test when it is done (the tests take from a tenth of a second to
#: half a minute). Serially the suite took 19–21 minutes on two CPUs, over CI's
#: 20-minute aim; ``--args "-n 0"`` runs it in one process.
TEST_WORKERS = ["-n", "auto", "--maxprocesses", "4", "--dist", "worksteal"]


@task(help={"args": "extra arguments for pytest, e.g. -k feeds (-n 0: in one process)"})
def test(c, args=""):
    """(Lập trình viên / developers) Run the test suite, first installing what it needs outside Python.

    Debian packages from tests/debian-packages.txt (with apt-get, when run as root), the
    npm packages of package.json (npm ci), if any, and the bench's anchors
    (requirements-bench.txt) in a venv of their own, ``.venv-bench``, which the bench and
    its tests use (``bench.builders.default_anchors_python``). The tests run in parallel
    (``TEST_WORKERS``).
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
    make_anchors_venv()
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *TEST_WORKERS, *args.split()], cwd=ROOT))


def make_anchors_venv() -> None:
    """Make ``.venv-bench``, the bench's anchors' venv, or bring it up to
    requirements-bench.txt, if need be: a stamp file holds the requirements it has."""
    from bench.builders import ANCHORS_VENV as venv

    wanted = (ROOT / "requirements-bench.txt").read_bytes()
    python, stamp = venv / "bin" / "python", venv / "installed-requirements.txt"
    if not (stamp.exists() and stamp.read_bytes() == wanted):
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "-r",
                               str(ROOT / "requirements-bench.txt")])
        stamp.write_bytes(wanted)
