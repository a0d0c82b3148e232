"""``invoke gh-pages``: the production site committed to a branch of a (local, bare) repository."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import write_files
from staff_support import PHOTO_POST, invoke, site_with_photo


def git(repo, *args) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout


def gh_pages(tmp_path, remote, *extra):
    return invoke("gh-pages", "--remote", str(remote), "--content", str(tmp_path / "content"),
                  "--cache", str(tmp_path / "cache"), *extra, home=tmp_path)


def test_gh_pages_pushes_each_good_build_and_nothing_else(tmp_path):
    remote = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    write_files(tmp_path / "content", site_with_photo())

    result = gh_pages(tmp_path, remote)
    assert result.returncode == 0, result.stdout + result.stderr
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {"index.html", "en/index.html", ".nojekyll", "atom.xml",
            f"{PHOTO_POST}/index.html", f"en/{PHOTO_POST}/index.html"} <= set(files)
    assert not any(name.endswith("/lop-hoc.jpg") for name in files)  # renditions only
    assert "Lễ khai giảng lớp bồi dưỡng năm 2018" in git(remote, "show", f"gh-pages:{PHOTO_POST}/index.html")
    first = git(remote, "rev-parse", "gh-pages").strip()

    # The next publication is a new commit on top: the branch keeps its history.
    post = tmp_path / "content" / PHOTO_POST / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("năm 2018", "khoá 2018"), encoding="utf-8")
    result = gh_pages(tmp_path, remote)
    assert result.returncode == 0, result.stdout + result.stderr
    assert git(remote, "rev-parse", "gh-pages^").strip() == first
    assert "Lễ khai giảng lớp bồi dưỡng khoá 2018" in git(remote, "show", f"gh-pages:{PHOTO_POST}/index.html")
    second = git(remote, "rev-parse", "gh-pages").strip()

    # A failed build pushes nothing.
    post.write_text(post.read_text(encoding="utf-8").replace("Date: 2018-09-11 08:00", "Date: sai"),
                    encoding="utf-8")
    result = gh_pages(tmp_path, remote, "--no-check")
    assert result.returncode == 1
    assert "nothing was deployed" in result.stderr
    assert git(remote, "rev-parse", "gh-pages").strip() == second
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "2"


def test_gh_pages_with_nothing_changed_adds_no_commit_and_a_refused_push_is_one_line(tmp_path):
    """Each run committed the same files again (the history grew, GitHub Pages deployed
    again); a push the remote refused ended in ghp-import's traceback, in English."""
    remote = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    write_files(tmp_path / "content", site_with_photo())
    assert gh_pages(tmp_path, remote).returncode == 0
    first = git(remote, "rev-parse", "gh-pages").strip()
    result = gh_pages(tmp_path, remote)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Không có gì thay đổi: nhánh gh-pages giữ nguyên / nothing changed" in result.stdout
    assert git(remote, "rev-parse", "gh-pages").strip() == first

    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n")
    hook.chmod(0o755)
    post = tmp_path / "content" / PHOTO_POST / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("năm 2018", "khoá 2018"), encoding="utf-8")
    result = gh_pages(tmp_path, remote)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    said = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(said) == 1 and said[0].startswith("Không đẩy được lên kho git"), said
    assert "no pushes today" in said[0] or "rejected" in said[0], said
    assert git(remote, "rev-parse", "gh-pages").strip() == first


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "sighup"])
def test_stopped_while_building_it_says_nothing_was_pushed_and_removes_the_build(tmp_path, how):
    """Ctrl-C, ``kill PID`` or a closed terminal while invoke gh-pages builds: the build
    is stopped and its folder deleted (``staff.build.stop_child``), nothing is pushed, and
    the one line says so (status 130), as invoke publish does."""
    from staff_support import stopped_while_building

    remote = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    write_files(tmp_path / "content", site_with_photo())
    result, pelican, temp = stopped_while_building(tmp_path, how, "gh-pages", "--remote", str(remote))
    assert (result.returncode, result.stderr.strip()) == (130, (
        "Đã dừng: KHÔNG đăng gì, trang đang chạy giữ nguyên. / Stopped: nothing was deployed; the live site is "
        "unchanged.")), result.stdout + result.stderr
    assert "Traceback" not in result.stdout
    assert not os.path.exists(f"/proc/{pelican}")
    assert list(temp.iterdir()) == []
    assert git(remote, "for-each-ref").strip() == ""  # (no branch: nothing was pushed)
    assert gh_pages(tmp_path, remote).returncode == 0  # (the lock was let go)
    assert "index.html" in git(remote, "ls-tree", "--name-only", "gh-pages").split()


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "sighup"])
def test_stopped_while_pushing_it_says_the_branch_is_as_it_was_or_holds_the_new_site(tmp_path, how):
    """Stopped while git pushes: whether the remote took the new site depends on whether
    it had got it, which the task cannot know; its line says either may be (status 130),
    and the branch is one or the other, never a part of the site. The push is held by the
    remote's hook until the task has been stopped."""
    import signal
    import sys

    from conftest import ROOT
    from staff_support import as_a_terminal_starts_it, clean_env, in_group, stop_as, wait_for

    remote = tmp_path / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    pushing, go = tmp_path / "pushing", tmp_path / "go"
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(f"#!/bin/sh\ntouch '{pushing}'\ni=0\nwhile [ ! -e '{go}' ] && [ $i -lt 1200 ]; do\n"
                    "  sleep 0.1; i=$((i+1))\ndone\n")
    hook.chmod(0o755)
    write_files(tmp_path / "content", site_with_photo())
    task = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "gh-pages", "--remote", str(remote),
         "--content", str(tmp_path / "content"), "--cache", str(tmp_path / "cache")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(tmp_path),
        start_new_session=True, preexec_fn=as_a_terminal_starts_it)
    try:
        wait_for(lambda: pushing.exists() or task.poll() is not None, 120, "the push to reach the remote",
                 interval=0.01)
        stop_as(task.pid, how)
        out, err = task.communicate(timeout=120)
        go.touch()
        # (git's own processes: after kill PID, which reaches the task alone, they push on)
        wait_for(lambda: not in_group(task.pid), 60, "the push's processes to end")
    finally:
        go.touch()
        if task.poll() is None:
            os.killpg(task.pid, signal.SIGKILL)
            task.wait()
    assert (task.returncode, err.strip().splitlines()[-1]) == (130, (
        "Đã dừng giữa lúc đẩy lên kho git: nhánh có thể vẫn như cũ hoặc đã có trang mới; hãy đăng lại. / Stopped "
        "while pushing: the branch is either as it was or holds the new site; publish again.")), out + err
    assert "Traceback" not in out + err
    branches = git(remote, "for-each-ref", "--format=%(refname)").split()
    assert branches in ([], ["refs/heads/gh-pages"]), branches
    if branches:
        assert "index.html" in git(remote, "ls-tree", "--name-only", "gh-pages").split()
