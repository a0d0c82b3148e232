"""Atomic output: a failed or interrupted build leaves the previous output byte-identical.

Every build here is the plain ``pelican CONTENT -s pelicanconf.py -o OUT`` (through
``run_pelican``): the safe_output plugin makes it atomic, not a wrapper script.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_site, post_files, run_pelican, write_files
from reliability_support import (TEST_PLUGINS, fingerprint, jpeg, leftovers, pelican_command,
                                 pelican_env, plugins_with, site_with_photos)


@pytest.fixture
def built(tmp_path):
    """A good site built into ``tmp_path/output``, and the fingerprint of that output."""
    site = build_site(tmp_path, site_with_photos())
    before = fingerprint(site.output)
    assert "tin-tuc/tin-hoat-dong/anh-hoat-dong/index.html" in before
    return site, before


def rebuild(site, **settings):
    return run_pelican(site.root / "content", site.output, site.root / "cache", **settings)


def assert_unchanged(site, before, result):
    assert result.returncode != 0, result.stdout + result.stderr
    assert fingerprint(site.output) == before
    assert leftovers(site.output) == []


def test_a_bad_post_leaves_the_previous_output_as_it_was(built):
    site, before = built
    write_files(site.root / "content", post_files("tin-tuc/thong-bao/khong-tieu-de",
                                                  {"Date": "2021-02-02"}))
    result = rebuild(site)
    assert_unchanged(site, before, result)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_bad_photo_leaves_the_previous_output_as_it_was(built):
    site, before = built
    folder = site.root / "content/tin-tuc/tin-hoat-dong/anh-hoat-dong"
    (folder / "hong.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    result = rebuild(site)
    assert_unchanged(site, before, result)
    assert "hong.jpg" in result.stdout + result.stderr


def test_a_template_error_leaves_the_previous_output_as_it_was(built, tmp_path):
    site, before = built
    theme = tmp_path / "broken-theme"
    shutil.copytree(ROOT / "theme", theme)
    # Section pages are written after the posts: the build fails half-way through.
    template = theme / "templates" / "section.html"
    text = template.read_text(encoding="utf-8")
    assert "{{ section.name(lang) }}" in text
    template.write_text(text.replace("{{ section.name(lang) }}",
                                     "{{ section.no_such_thing.deeper }}", 1), encoding="utf-8")
    write_files(site.root / "content", post_files("tin-tuc/thong-bao/bai-moi",
                                                  {"Title": "Bài mới", "Date": "2021-03-03"}))
    result = rebuild(site, THEME=str(theme))
    assert_unchanged(site, before, result)
    assert "no_such_thing" in result.stdout + result.stderr


def test_an_error_logged_without_fatal_still_keeps_the_old_site(built):
    """Without ``--fatal``, Pelican logs a file it cannot use and carries on without it:
    a build that logged an error is not put in place either."""
    site, before = built
    result = run_pelican(site.root / "content", site.output, site.root / "cache", fatal=False,
                         PLUGIN_PATHS=[str(ROOT / "plugins"), str(TEST_PLUGINS)],
                         PLUGINS=plugins_with("log_error"))
    assert_unchanged(site, before, result)
    assert "was not changed" in result.stdout + result.stderr


def hold_build(site, marker: Path, preexec_fn=None) -> subprocess.Popen:
    """Start a build that writes the posts, then waits (tests/reliability/plugins) until
    it is signalled or ``marker`` is deleted."""
    cmd = pelican_command(site.root / "content", site.output, site.root / "cache",
                          PLUGIN_PATHS=[str(ROOT / "plugins"), str(TEST_PLUGINS)],
                          PLUGINS=plugins_with("hold_build"), HOLD_BUILD_MARKER=str(marker))
    process = subprocess.Popen(cmd, cwd=ROOT, env=pelican_env(site.root), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=preexec_fn)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"the held build never reached its writing stage:\n{out}\n{err}")
        time.sleep(0.05)
    return process


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_build_leaves_the_previous_output_as_it_was(built, tmp_path, signum):
    site, before = built
    write_files(site.root / "content", post_files("tin-tuc/thong-bao/bai-moi",
                                                  {"Title": "Bài mới", "Date": "2021-03-03"}))
    marker = tmp_path / "writing"
    process = hold_build(site, marker)
    building = Path(marker.read_text())
    assert building.parent == site.output.parent and building != site.output
    assert (building / "tin-tuc/thong-bao/bai-moi/index.html").exists()  # mid-way, by construction
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, out + err
    assert "Traceback" not in out + err
    assert "Build interrupted" in err
    assert fingerprint(site.output) == before
    assert leftovers(site.output) == []


def as_a_terminal_starts_it() -> None:
    """(``preexec_fn``) Ctrl-C's and a closed terminal's signals as a terminal leaves them,
    whatever this test run was started with (``&`` ignores SIGINT, ``nohup`` SIGHUP)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def built_with_a_stop(site, plugin: str, signum: int, **settings) -> subprocess.CompletedProcess:
    """A build of ``site`` with one post more and the test plugin ``plugin``
    (tests/reliability/plugins), which sends the build ``signum`` at its moment: the
    signal's name is in the environment variable named as the plugin, in capitals."""
    write_files(site.root / "content", post_files("tin-tuc/thong-bao/bai-moi",
                                                  {"Title": "Bài mới", "Date": "2021-03-03"}))
    cmd = pelican_command(site.root / "content", site.output, site.root / "cache",
                          PLUGIN_PATHS=[str(ROOT / "plugins"), str(TEST_PLUGINS)],
                          PLUGINS=plugins_with(plugin), **settings)
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**pelican_env(site.root), plugin.upper(): signal.Signals(signum).name},
                          preexec_fn=as_a_terminal_starts_it)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"])
def test_a_build_stopped_just_as_its_folder_is_made_leaves_nothing_behind(built, signum):
    """A stop that came once the build had made its fresh folder, before the build
    caught the stop signals: SIGTERM and SIGHUP ended it at once (its folder left beside
    the site; the task that started it, holding it stopped, saw it gone), Ctrl-C with a
    traceback, its folder left too. They now wait the few steps until the build catches
    them, which then deletes its folder (tests/reliability/plugins/stop_at_new_folder)."""
    site, before = built
    result = built_with_a_stop(site, "stop_at_new_folder", signum)
    assert result.returncode == 128 + signum, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Build interrupted" in result.stderr
    assert fingerprint(site.output) == before
    assert leftovers(site.output) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"])
def test_a_stop_that_came_while_python_ran_a_finalizer_still_stops_the_build(built, signum):
    """A stop signal whose exception Python did not let through (it came while an
    object's ``__del__`` ran: "Exception ignored in ..."): the build ran on, put its site
    in place and exited with status 0, the stop lost (seen once as ``invoke build``
    saying "Stopped, but the build had finished" after ``kill PID`` mid-build), and Python
    printed a traceback. The build now checks, before it puts its site in place, whether
    it was asked to stop, and shows no traceback for it
    (tests/reliability/plugins/stop_in_finalizer)."""
    site, before = built
    result = built_with_a_stop(site, "stop_in_finalizer", signum)
    assert result.returncode == 128 + signum, result.stdout + result.stderr
    assert "Build interrupted" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr  # (Python's "Exception ignored in")
    assert fingerprint(site.output) == before
    assert leftovers(site.output) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"])
def test_a_stop_after_the_new_site_is_in_place_lets_the_build_end_as_it_was_going_to(built, signum):
    """Once the new site is in place the build has finished but for deleting the replaced
    site, which sits under the name of the build's fresh folder meanwhile: a stop then
    left it there half-deleted and the build ended with status 128 + signal, though its
    site was in place (tests/reliability/plugins/stop_after_swap). The stop is too late
    then: the build ends as it was going to."""
    site, before = built
    result = built_with_a_stop(site, "stop_after_swap", signum, SAFE_OUTPUT_REMOVE_OLD="now")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (site.output / "tin-tuc/thong-bao/bai-moi/index.html").is_file()
    assert leftovers(site.output) == []


def test_a_build_started_with_nohup_runs_on_when_its_terminal_is_closed(built, tmp_path):
    """``nohup`` (SIGHUP ignored) asks a build to run on after its terminal is closed:
    safe_output stops a build on SIGHUP as on SIGTERM, except then."""
    site, _ = built
    write_files(site.root / "content", post_files("tin-tuc/thong-bao/bai-moi",
                                                  {"Title": "Bài mới", "Date": "2021-03-03"}))
    marker = tmp_path / "writing"
    process = hold_build(site, marker, preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    process.send_signal(signal.SIGHUP)
    marker.unlink()  # (the build goes on)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, out + err
    assert (site.output / "tin-tuc/thong-bao/bai-moi/index.html").exists()
    assert leftovers(site.output) == []


def test_a_killed_build_leaves_the_old_site_and_the_next_build_clears_up(built, tmp_path):
    site, before = built
    marker = tmp_path / "writing"
    process = hold_build(site, marker)
    process.kill()
    process.communicate(timeout=60)
    assert fingerprint(site.output) == before
    assert leftovers(site.output) != []  # SIGKILL cannot be caught: its folder stays...
    write_files(site.root / "content", post_files("tin-tuc/thong-bao/bai-moi",
                                                  {"Title": "Bài mới", "Date": "2021-03-03"}))
    result = rebuild(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(site.output) == []  # ...until the next build of the same output
    assert (site.output / "tin-tuc/thong-bao/bai-moi/index.html").exists()


def test_a_good_build_replaces_the_whole_output(built):
    """Files of deleted posts go away; files named in OUTPUT_RETENTION are kept; the
    new folder is readable by a web server (not mkdtemp's private 0700)."""
    site, _ = built
    (site.output / "stale.html").write_text("an old page")
    (site.output / "CNAME").write_text("daotao.example.vn\n")
    (site.output / ".git").mkdir()
    (site.output / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    shutil.rmtree(site.root / "content/tin-tuc/tin-hoat-dong/hoi-thao-ocop")
    os.chmod(site.output, 0o750)
    result = rebuild(site, OUTPUT_RETENTION=[".git", "CNAME"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site.output / "stale.html").exists()
    assert not (site.output / "tin-tuc/tin-hoat-dong/hoi-thao-ocop").exists()
    assert (site.output / "CNAME").read_text() == "daotao.example.vn\n"
    assert (site.output / ".git" / "HEAD").exists()
    assert os.stat(site.output).st_mode & 0o777 == 0o750
    assert leftovers(site.output) == []


@pytest.mark.parametrize("umask", [None, 0o027, 0o077])
def test_a_first_build_makes_folders_others_can_read(tmp_path, umask):
    """The site's folder, and the folders above it the build makes (``-o
    /srv/www/site`` where ``/srv/www`` is new): under 027 they were 0750, nginx answered
    403, and later builds kept the site folder's mode."""
    write_files(tmp_path / "content", post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
                | {"tin-tuc/_index.vi.md": "Title: Tin tức\n"})
    old = os.umask(0o022)
    mask = old if umask is None else umask
    os.umask(mask)
    try:
        result = run_pelican(tmp_path / "content", tmp_path / "www" / "new" / "site", tmp_path / "cache")
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stdout + result.stderr
    for folder in ("www", "www/new", "www/new/site"):
        assert os.stat(tmp_path / folder).st_mode & 0o777 == (0o777 & ~mask) | 0o055, folder


@pytest.mark.parametrize("umask", [0o077, 0o027])
def test_every_file_and_folder_is_readable_by_the_web_server_whatever_the_umask(tmp_path, umask):
    """A hardened server's umask (077, 027) made every page 0600: nginx, reading as its
    own user, answered 403. Files in the content folder that only their owner may read
    (a form saved from a browser) are published readable too."""
    files = post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01",
                                       "body": "[Mẫu](mau.pdf)\n\n![Ảnh](anh.jpg)\n"})
    files |= {"tin-tuc/_index.vi.md": "Title: Tin tức\n", "tin-tuc/bai/mau.pdf": b"%PDF-1.4",
              "tin-tuc/bai/anh.jpg": jpeg()}
    write_files(tmp_path / "content", files)
    for name in ("mau.pdf", "anh.jpg"):
        os.chmod(tmp_path / "content/tin-tuc/bai" / name, 0o600)
    old = os.umask(umask)
    try:
        result = run_pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stdout + result.stderr
    unreadable = []
    for folder, names, files in os.walk(tmp_path / "output"):
        for name in names + files:
            path = os.path.join(folder, name)
            need = 0o005 if os.path.isdir(path) else 0o004
            if os.stat(path).st_mode & need != need:
                unreadable.append(os.path.relpath(path, tmp_path / "output"))
    assert unreadable == []
    assert (tmp_path / "output/tin-tuc/bai/mau.pdf").is_file()
    assert any(n.endswith(".webp") for n in os.listdir(tmp_path / "output/tin-tuc/bai"))


def test_a_site_left_unreadable_by_an_earlier_build_is_made_readable(tmp_path):
    """Files linked from the last site and the caches (photos, the search index) and the
    site's own folder kept the 0600/0700 of a build under umask 077, build after build."""
    files = post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01", "body": "![Ảnh](anh.jpg)\n"})
    files |= {"tin-tuc/_index.vi.md": "Title: Tin tức\n", "tin-tuc/bai/anh.jpg": jpeg()}
    write_files(tmp_path / "content", files)
    first = run_pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    assert first.returncode == 0, first.stdout + first.stderr
    for top in (tmp_path / "output", tmp_path / "cache"):
        for folder, names, files in os.walk(top):
            for name in files:
                os.chmod(os.path.join(folder, name), 0o600)
            os.chmod(folder, 0o700)
    (tmp_path / "content/tin-tuc/bai/index.vi.md").write_text(
        "Title: Bài\nDate: 2020-01-01\n\n![Ảnh](anh.jpg)\n\nMột câu nữa.\n", encoding="utf-8")
    again = run_pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    assert again.returncode == 0, again.stdout + again.stderr
    modes = {os.path.relpath(os.path.join(folder, name), tmp_path / "output"): os.stat(os.path.join(folder, name)).st_mode
             for folder, names, files in os.walk(tmp_path / "output") for name in names + files}
    assert any(rel.startswith("pagefind/") for rel in modes) and any(rel.endswith(".webp") for rel in modes)
    assert [rel for rel, mode in modes.items() if mode & 0o044 != 0o044] == []
    assert os.stat(tmp_path / "output").st_mode & 0o055 == 0o055


def test_an_output_that_is_a_link_is_replaced_where_it_points(tmp_path):
    """A deployment may point output/ at the served folder: the link stays a link."""
    served = tmp_path / "www" / "site"
    served.mkdir(parents=True)
    (tmp_path / "output").symlink_to(served)
    files = {"tin-tuc/_index.vi.md": "Title: Tin tức\n"}
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    build_site(tmp_path, files)
    assert (tmp_path / "output").is_symlink()
    assert (served / "tin-tuc/bai/index.html").exists()
    assert leftovers(served) == []


def test_leftovers_of_another_running_build_are_not_touched(built):
    site, _ = built
    mine = site.output.parent / f".{site.output.name}.building-{os.getpid()}-abcd1234"
    mine.mkdir()
    (mine / "index.html").write_text("being written")
    result = rebuild(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert mine.exists()  # this test's own process is alive: its folder is in use


def test_a_plain_photo_still_builds_after_a_failed_build(built):
    """The cache and the old site survive a failure: the next good build works."""
    site, _ = built
    folder = site.root / "content/tin-tuc/tin-hoat-dong/anh-hoat-dong"
    (folder / "hong.jpg").write_bytes(b"broken")
    assert rebuild(site).returncode != 0
    (folder / "hong.jpg").write_bytes(jpeg((640, 480)))
    result = rebuild(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(site.output) == []


def wait_for_one_spare(output: Path) -> Path:
    """The spare folder beside ``output``, once it is the only thing there."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}."))
        if len(found) == 1 and found[0].startswith(f".{output.name}.spare-"):
            return output.parent / found[0]
        time.sleep(0.05)
    raise AssertionError(f"no spare folder, only {found}")


def test_the_replaced_site_is_emptied_in_the_background_into_the_next_builds_spare(built):
    """pelicanconf.py's setting (and the live preview's): the build ends once the new
    site is in place; a detached process deletes the old site's files but keeps its folders, as a spare
    the next such build starts in. That build's output, folders too, is the same as
    one built in an empty folder."""
    site, _ = built
    (site.output / "stale.html").write_text("an old page")
    (site.output / "old-folder/deeper").mkdir(parents=True)  # a folder no build makes
    (site.output / "old-folder/deeper/page.html").write_text("an old page")
    result = rebuild(site, SAFE_OUTPUT_REMOVE_OLD="background")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site.output / "stale.html").exists() and not (site.output / "old-folder").exists()
    assert (site.output / "tin-tuc/tin-hoat-dong/anh-hoat-dong/index.html").exists()
    clean = fingerprint(site.output)
    spare = wait_for_one_spare(site.output)
    kept = fingerprint(spare)
    assert set(kept.values()) == {"dir"}  # no file, no link
    assert {"old-folder/deeper/", "tin-tuc/tin-hoat-dong/anh-hoat-dong/"} <= set(kept)

    result = rebuild(site, SAFE_OUTPUT_REMOVE_OLD="background", SKIP_UNCHANGED=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not spare.exists()  # the build started in it
    assert fingerprint(site.output) == clean  # and left out the folders it did not fill
    assert wait_for_one_spare(site.output) != spare  # the site it replaced, emptied


def test_the_replaced_site_is_never_left_named_as_a_build_in_progress(tmp_path):
    """After the swap the replaced site sits in the new site's ``building`` folder; it
    is renamed ``emptying`` before the detached process starts, so a build that has
    ended leaves no ``building`` folder behind, even for a moment (a next build seeing
    one of a finished process would delete it under the detached process's feet)."""
    from safe_output.safe_output import remove_old

    target = tmp_path / "output"
    target.mkdir()
    old = tmp_path / f".output.building-{os.getpid()}-0123abcd"
    (old / "tin-tuc").mkdir(parents=True)
    (old / "tin-tuc/index.html").write_text("the replaced site")
    remove_old(str(old), "background", str(target))
    assert not old.exists()  # at once, not when the detached process gets to it
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []
    spare = wait_for_one_spare(target)
    assert fingerprint(spare) == {"tin-tuc/": "dir"}


def test_a_first_build_leaves_a_spare_of_its_folders_for_the_next(built):
    """A build that replaced no site (the first; the one after ``invoke clean``) leaves a
    spare of empty folders like its own, made in the background, so that the next build
    too starts with its folders made; its output is still that of a clean build."""
    site, before = built
    spare = wait_for_one_spare(site.output)
    kept = fingerprint(spare)
    assert set(kept.values()) == {"dir"}  # folders only
    assert set(kept) == {rel for rel, kind in before.items() if kind == "dir"}
    result = rebuild(site, SKIP_UNCHANGED=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not spare.exists()  # the build started in it
    assert fingerprint(site.output) == before


def test_a_spare_stopped_half_way_is_cleared_by_the_next_build(built):
    site, before = built
    stopped = site.output.parent / f".{site.output.name}.emptying-4194303-0123abcd"
    (stopped / "tin-tuc").mkdir(parents=True)
    (stopped / "tin-tuc/index.html").write_text("half emptied")
    result = rebuild(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not stopped.exists()
    assert fingerprint(site.output) == before


def test_a_bad_removal_setting_is_one_line_and_changes_nothing(built):
    site, before = built
    result = rebuild(site, SAFE_OUTPUT_REMOVE_OLD="later")
    assert_unchanged(site, before, result)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "SAFE_OUTPUT_REMOVE_OLD" in line]
    assert len(lines) == 1 and "'now', 'background'" in lines[0] and "'later'" in lines[0], lines
    assert "Traceback" not in result.stdout + result.stderr
