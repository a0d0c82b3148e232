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
