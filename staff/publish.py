"""``invoke publish`` and ``invoke gh-pages``: a production build, deployed only if it passed.

The site is built with ``publishconf.py`` into a fresh temporary folder. Only when
that build passed is it copied out: with ``rsync`` to ``PUBLISH_TARGET`` (a folder or
``user@host:/path/``), deleting files the new site no longer has; or pushed to a git
branch with ghp-import. A failed build deploys nothing, so the live site stays as it was.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zoneinfo
from pathlib import Path

from .build import BuildStopped, pelican_build, stop_child
from .check import check
from .project import PUBLISH_SETTINGS, ROOT, read_settings
from .serve import stop_on_sigterm

FAILED = ("Xây dựng thất bại: KHÔNG đăng gì, trang đang chạy giữ nguyên. Sửa lỗi ở trên rồi "
          "chạy lại. / Build failed: nothing was deployed; the live site is unchanged.")
#: (Not a word of --no-check: staff who followed it published what check stopped, an
#: English page still titled "English title" among it. README names it for maintainers.)
CHECK_FAILED = ("Có lỗi trong nội dung (ở trên): KHÔNG đăng gì, trang đang chạy giữ nguyên. Sửa "
                "các lỗi đó rồi chạy lại. / Content errors above: nothing was deployed; the live "
                "site is unchanged.")


class PublishError(Exception):
    """Publishing cannot start or finish; the message is for people."""


#: Held while a publish to one place runs (``lock_file``): a second publish to the same
#: place (the same folder, server path or git branch), started meanwhile, is refused.
#: Two at once left the target mixed (one's search index naming files only the other
#: had), and one of them said "published". A publish to another place goes on: it builds
#: into a folder of its own, and each cache file is written whole (as with a preview
#: running beside a publish).
BUSY = ("Đang có một lần đăng khác lên cùng nơi này chạy trên máy này: đợi nó xong rồi chạy lại. / "
        "Another publish to the same place is running on this computer: wait for it to finish, then "
        "run this again.")
#: Stopped by Ctrl-C or SIGTERM (status 130), as far as it had gone: before the copy
#: (the check, the build: its folder is deleted) nothing was deployed; during rsync's
#: copy, the files it had sent may be in place (rsync deletes only its partial ones);
#: during the push to a git branch, git moved the branch or did not.
STOPPED = ("Đã dừng: KHÔNG đăng gì, trang đang chạy giữ nguyên. / Stopped: nothing was deployed; the live "
           "site is unchanged.")
STOPPED_COPYING = ("Đã dừng giữa lúc chép lên nơi đăng: trang đang chạy có thể đã đổi một phần; hãy đăng "
                   "lại. / Stopped while copying to the target: the live site may be partly updated; "
                   "publish again.")
STOPPED_PUSHING = ("Đã dừng giữa lúc đẩy lên kho git: nhánh có thể vẫn như cũ hoặc đã có trang mới; hãy đăng "
                   "lại. / Stopped while pushing: the branch is either as it was or holds the new site; "
                   "publish again.")


def lock_file(place: str) -> Path:
    """The lock of publishes to ``place`` (``publish_place``, ``remote#branch`` for
    gh-pages): a file per place in the project's ``cache/``. (It was one
    ``cache/publish.lock``: a publish to one place refused one to any other.)"""
    key = hashlib.sha256(place.encode("utf-8")).hexdigest()[:16]
    return ROOT / "cache" / f"publish-{key}.lock"


def publish_place(target: str) -> str:
    """``target`` as one place whatever way it was written: a folder's full path, a
    server's path without its last "/"."""
    return target.rstrip("/") if is_remote(target) else str(Path(target).resolve())


@contextlib.contextmanager
def one_at_a_time(place: str):
    """Hold the lock of ``place`` (``lock_file``) for the block; ``PublishError(BUSY)``
    when another publish to it holds it."""
    try:
        import fcntl
    except ImportError:  # (not on Windows: there, nothing is held)
        yield
        return
    lock_path = lock_file(place)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PublishError(BUSY) from None
        yield


def is_remote(target: str) -> bool:
    """True for rsync's ``host:path`` / ``user@host:path``, false for a local folder."""
    head = target.split("/", 1)[0]
    return ":" in head and not re.match(r"^[A-Za-z]:$", head)


def check_local_target(target: Path, content: Path) -> None:
    """Refuse a folder where ``--delete`` could destroy something that is not a site."""
    target = target.resolve()
    if target != content.resolve() and target.is_relative_to(content.resolve()):
        # (it said "holds the project or content, or is a root": none of which was the case)
        raise PublishError(
            f"Không đăng vào {target}: thư mục này nằm trong thư mục nội dung {content.resolve()}; hãy chọn "
            f"một thư mục ở ngoài nó / Refusing to publish into {target}: it is inside the content folder "
            f"{content.resolve()}; choose a folder outside it.")
    for precious in (Path("/"), Path.home().resolve(), ROOT, content.resolve()):
        if target == precious or precious.is_relative_to(target):
            raise PublishError(
                f"Không đăng vào {target}: thư mục này chứa dự án, nội dung hoặc là thư mục gốc. / "
                f"Refusing to publish into {target}: it holds the project or content, or is a root.")
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} là một tệp, không phải thư mục / {target} is a file, not a folder")
    if not target.exists() and not target.parent.is_dir():
        # (a mistyped --target made every folder of the path and "published" there)
        raise PublishError(
            f"Không có thư mục {target.parent}: gõ nhầm nơi đăng? / There is no folder {target.parent}: "
            "is the target mistyped?")
    where = target if target.exists() else target.parent
    if not os.access(where, os.W_OK | os.X_OK):
        raise PublishError(f"Không ghi được vào {where} (không có quyền ghi) / cannot write into {where} "
                           "(no permission to write)")
    if target.is_dir() and holds_files(target) and not (target / "index.html").exists():
        raise PublishError(
            f"Thư mục đích {target} có tệp nhưng không phải trang web (không có index.html); "
            "không đăng để khỏi xoá nhầm. Hãy chọn thư mục trống. / The target folder is not "
            "empty and holds no index.html: it does not look like the site; refusing to "
            "replace its files. Choose an empty folder.")


#: The folder in each folder where rsync puts the files of a copy until all are sent
#: (``--delay-updates``); a copy stopped half-way may leave them.
RSYNC_PENDING = ".~tmp~"


def holds_files(folder: Path) -> bool:
    """Whether ``folder`` holds a file, in it or below, other than what rsync had not put
    in place yet. A first publish into an empty folder stopped half-way leaves only
    folders (rsync makes them first): the next was refused as "not the site", where the
    line had said to publish again."""
    return any(not path.is_dir() for path in folder.rglob("*") if RSYNC_PENDING not in path.parts)


def rsync(site: Path, target: str, keep: list[str] = ()) -> str:
    """Copy ``site`` to ``target``, deleting what the site no longer has but the files
    ``keep`` names (rsync patterns, ``PUBLISH_KEEP``); rsync's summary."""
    if shutil.which("rsync") is None:
        raise PublishError("Cần cài rsync (sudo apt-get install rsync) / rsync is not installed")
    if not is_remote(target):
        target = str(Path(target)) + "/"  # (made by rsync, its parent checked: check_local_target)
    # Files compared by their bytes (--checksum), and only new or changed ones written:
    # without --times, an unchanged page keeps its date on the server, and so its ETag (a
    # browser's or feed reader's "not modified" after each publish, not the whole page
    # again). New files are sent as 644, folders 755 (--chmod), and rsync runs under a
    # umask of 022: under the publisher's 077, a local target's files were the
    # publisher's alone (the web server answered 403). Existing files' modes are left as
    # they are (no --perms): a shared, group-writable folder on a server stays so.
    cmd = ["rsync", "--recursive", "--links", "--checksum", "--chmod=D755,F644",
           "--delete-after", "--delay-updates", "--timeout=300", "--stats",
           *[f"--filter=protect {pattern}" for pattern in keep], f"{site}/", target]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: os.umask(0o022)) as proc:
        try:
            out, err = proc.communicate()
        except KeyboardInterrupt:  # (subprocess.run killed it at once, or left it copying)
            stop_child(proc)
            raise
    result = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if result.returncode != 0:
        hint = rsync_hint(result.returncode, result.stderr)
        raise PublishError(f"rsync thất bại / rsync failed ({result.returncode}){hint}: "
                           f"{rsync_said(result.stderr)}")
    return summary(result.stdout)


def rsync_said(stderr: str, most: int = 2) -> str:
    """rsync's first ``most`` lines of complaint, and how many more (a folder it could
    not write gave one line of 18,000 characters, an error per file)."""
    lines = [" ".join(line.split()) for line in stderr.splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith("rsync error:")] or lines
    more = len(said) - most
    return "; ".join(said[:most]) + (f" (+{more})" if more > 0 else "")


#: What rsync's exit statuses mean for staff (rsync(1), "EXIT VALUES"; 255: ssh's own).
RSYNC_HINTS = {
    255: (" — không kết nối được tới máy chủ qua ssh: kiểm tra mạng, địa chỉ máy và tên người "
          "dùng trong PUBLISH_TARGET / cannot connect to the server over ssh: check the network "
          "and the host and user in PUBLISH_TARGET"),
    23: (" — một số tệp không chép được, nên trang đang chạy có thể lẫn trang cũ và mới: kiểm tra "
         "quyền ghi vào thư mục trên máy chủ rồi đăng lại / some files were not copied, so the live "
         "site may mix old and new pages: check the permission to write into the folder on the "
         "server, then publish again"),
    11: (" — không ghi được tệp ở nơi đăng, thường do hết chỗ trống: giải phóng chỗ rồi đăng lại / "
         "files could not be written at the target, most often a full disk: make room, then "
         "publish again"),
    30: (" — máy chủ không trả lời kịp / the server did not answer in time"),
    12: (" — kết nối bị ngắt giữa chừng / the connection broke off"),
}


#: rsync's words when the remote shell ended before it heard a byte: ssh never connected.
NEVER_CONNECTED = "connection unexpectedly closed (0 bytes received so far)"


def rsync_hint(status: int, stderr: str) -> str:
    """What ``status`` means for staff. When ssh cannot connect it exits 255, but rsync
    may notice the closed pipe first and exit 12 ("the connection broke off"); with not a
    byte received, it is the same failure as 255."""
    if status == 12 and NEVER_CONNECTED in stderr:
        status = 255
    return RSYNC_HINTS.get(status, "")


def summary(stats: str) -> str:
    def number(label: str) -> str:
        match = re.search(rf"{label}:\s*([\d,.]+)", stats)
        return match.group(1).replace(",", "").replace(".", "") if match else "?"

    sent, deleted = number("Number of regular files transferred"), number("Number of deleted files")
    return f"{sent} tệp mới hoặc đã sửa, {deleted} tệp đã xoá / {sent} new or changed, {deleted} deleted"


def run_check(content: Path, settings: dict) -> bool:
    """``invoke check`` before publishing; True when there is no error."""
    report = check(content, settings)
    if report.errors or report.warnings:
        print("\n".join(report.lines()), file=sys.stderr)
    return not report.errors


def production_build(content: Path, cache: Path | None) -> Path | None:
    """Build with publishconf.py into a fresh temporary folder; None if the build failed."""
    fresh = Path(tempfile.mkdtemp(prefix="site-publish-"))
    print("Đang tạo bản chính thức... / Building the production site...", flush=True)
    try:
        if pelican_build(PUBLISH_SETTINGS, fresh, content, cache).ok:
            return fresh
    except BaseException:  # (Ctrl-C, SIGTERM: BuildStopped, once the build ended; the folder goes too)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(fresh, ignore_errors=True)
    return None


def checked_build(content: Path, settings: dict, cache: Path | None, with_check: bool) -> Path:
    """``invoke check`` (unless ``with_check`` is off), then the production build; the
    built folder, or ``PublishError`` when either failed (nothing is deployed then)."""
    if with_check and not run_check(content, settings):
        raise PublishError(CHECK_FAILED)
    site = production_build(content, cache)
    if site is None:
        raise PublishError(FAILED)
    return site


def publish(content: Path, target: str | None = None, cache: Path | None = None,
            with_check: bool = True) -> int:
    """``invoke publish``: build, then rsync to ``target`` (default ``PUBLISH_TARGET``)."""
    settings = read_settings(PUBLISH_SETTINGS, content)
    target = target or settings["PUBLISH_TARGET"]
    if not target:
        print("Chưa có nơi đăng: đặt PUBLISH_TARGET trong publishconf.py, ví dụ "
              "PUBLISH_TARGET = \"user@may-chu:/var/www/site/\", hoặc dùng --target. / "
              "No target: set PUBLISH_TARGET in publishconf.py or give --target.", file=sys.stderr)
        return 2
    stopped = STOPPED  # (what Ctrl-C or SIGTERM leaves, as far as it has gone)
    stop_on_sigterm()
    try:
        with one_at_a_time(publish_place(target)):
            if not is_remote(target):
                check_local_target(Path(target), content)
            site = checked_build(content, settings, cache, with_check)
            try:
                print(f"Đang đăng lên / publishing to {target} ..." if is_remote(target) else
                      f"Đang chép vào thư mục / copying to the folder {Path(target).resolve()}/ ...",
                      flush=True)
                stopped = STOPPED_COPYING
                done = rsync(site, target, settings["PUBLISH_KEEP"])
            finally:
                shutil.rmtree(site, ignore_errors=True)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    except (KeyboardInterrupt, BuildStopped):
        print(stopped, file=sys.stderr)
        return 130
    print(published_line(target, done, settings["SITEURL"]))
    return 0


def published_line(target: str, done: str, siteurl: str) -> str:
    """What ``invoke publish`` says last. Copied to a server, the site is online: its
    address. Written to a folder on this computer, it is online only if a web server
    serves that folder, which the task cannot know: the line named the public address
    as if the post were online, while the files were in a folder of the staff member's."""
    if is_remote(target):
        return f"Đã đăng xong / published: {done}. {siteurl}/"
    where = f"{Path(target).resolve()}/"
    return (f"Đã chép trang vào thư mục {where} / the site was written to the folder {where}: {done}.\n"
            f"Trang chỉ lên mạng khi có máy chủ web phục vụ thư mục này (hỏi người quản trị nếu chưa "
            f"rõ); khi đó địa chỉ trang là {siteurl}/ / The site is online only once a web server "
            f"serves this folder (ask your administrator if unsure); its address is then {siteurl}/")


def git(*args: str, cwd: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise PublishError(f"git {args[0]} thất bại / failed: {result.stderr.strip()}")
    return result


def default_remote() -> str:
    """The project's own ``origin``, when the site's settings name no repository."""
    result = git("remote", "get-url", "origin", cwd=ROOT, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def gh_pages(content: Path, remote: str | None = None, branch: str | None = None,
             cache: Path | None = None, with_check: bool = True) -> int:
    """``invoke gh-pages``: build, then commit the site to a branch with ghp-import and push it.

    The commit is made in a scratch repository holding only that branch (fetched first,
    so its history goes on): the project's own working copy is never touched.
    """
    settings = read_settings(PUBLISH_SETTINGS, content)
    remote = remote or settings["PUBLISH_GH_PAGES_REMOTE"] or default_remote()
    branch = branch or settings["PUBLISH_GH_PAGES_BRANCH"]
    if not remote:
        print("Chưa có kho git để đăng: đặt PUBLISH_GH_PAGES_REMOTE trong publishconf.py hoặc "
              "dùng --remote. / No repository: set PUBLISH_GH_PAGES_REMOTE or give --remote.",
              file=sys.stderr)
        return 2
    stopped = [STOPPED]  # (push says when it starts pushing)
    stop_on_sigterm()
    try:
        with one_at_a_time(f"{remote}#{branch}"):
            site = checked_build(content, settings, cache, with_check)
            try:
                with tempfile.TemporaryDirectory(prefix="site-gh-pages-") as scratch:
                    pushed = push(site, Path(scratch), remote, branch, settings, stopped)
            finally:
                shutil.rmtree(site, ignore_errors=True)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    except (KeyboardInterrupt, BuildStopped):
        print(stopped[0], file=sys.stderr)
        return 130
    if not pushed:
        print(f"Không có gì thay đổi: nhánh {branch} giữ nguyên / nothing changed: branch {branch} of "
              f"{remote} is as it was.")
        return 0
    print(f"Đã đăng lên nhánh / published to branch {branch} of {remote}.")
    return 0


def push(site: Path, repo: Path, remote: str, branch: str, settings: dict, stopped: list[str] | None = None) -> bool:
    """Commit ``site`` on ``branch`` and push it; False when the branch already holds
    these very files (a commit of the same files each time grew the history, and GitHub
    Pages deployed the site again). ``stopped[0]`` becomes what stopping it then leaves."""
    git("init", "-q", cwd=repo)
    git("remote", "add", "site", remote, cwd=repo)
    # The branch may not exist yet: then the first commit starts it.
    git("fetch", "-q", "site", f"+refs/heads/{branch}:refs/remotes/site/{branch}", cwd=repo,
        check=False)
    env = {**os.environ,
           "GIT_COMMITTER_NAME": os.environ.get("GIT_COMMITTER_NAME")
           or git("config", "user.name", cwd=repo, check=False).stdout.strip()
           or settings.get("AUTHOR", "site"),
           "GIT_COMMITTER_EMAIL": os.environ.get("GIT_COMMITTER_EMAIL")
           or git("config", "user.email", cwd=repo, check=False).stdout.strip()
           or settings.get("CONTACT_EMAIL", "site@localhost")}
    when = datetime.datetime.now(zoneinfo.ZoneInfo(settings["TIMEZONE"])).strftime("%Y-%m-%d %H:%M")
    cmd = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--remote", "site",
           "--branch", branch, "--message", f"Đăng trang / Publish site {when}"]
    if settings.get("PUBLISH_GH_PAGES_CNAME"):
        cmd += ["--cname", settings["PUBLISH_GH_PAGES_CNAME"]]
    (site / ".nojekyll").touch()  # (as ghp-import adds them: the tree compared is the branch's)
    if settings.get("PUBLISH_GH_PAGES_CNAME"):
        (site / "CNAME").write_text(settings["PUBLISH_GH_PAGES_CNAME"], encoding="utf-8")
    if same_tree(site, repo, branch):
        return False
    if stopped is not None:
        stopped[0] = STOPPED_PUSHING
    result = subprocess.run([*cmd, str(site)], cwd=repo, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        # git's own lines ("fatal: …", "! [rejected] …"), not ghp-import's traceback
        said = [line.strip() for line in (result.stderr + result.stdout).splitlines()
                if line.strip().startswith(("fatal:", "error:", "remote:", "!", "ERROR:"))]
        raise PublishError(
            "Không đẩy được lên kho git: kiểm tra địa chỉ kho, mạng và quyền ghi vào kho; trang đang chạy "
            "giữ nguyên / could not push to the git repository: check its address, the network and "
            f"your right to push to it; the live site is unchanged ({'; '.join(said[:2]) or result.returncode})")
    return True


def same_tree(site: Path, repo: Path, branch: str) -> bool:
    """Whether the fetched ``branch`` holds exactly the files of ``site``."""
    head = git("rev-parse", "-q", "--verify", f"refs/remotes/site/{branch}^{{tree}}", cwd=repo, check=False)
    if head.returncode != 0:
        return False  # (a new branch)
    env = {**os.environ, "GIT_INDEX_FILE": str(repo / ".git" / "site-index")}
    git(f"--work-tree={site}", "add", "--all", "--force", ".", cwd=repo, env=env)
    return git("write-tree", cwd=repo, env=env).stdout.strip() == head.stdout.strip()
