"""``invoke build``: a failed build leaves the previous output as it was, and says why."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, write_files
from staff_support import PHOTO_POST, clean_env, invoke, site_with_photo


def test_a_failed_build_keeps_the_output_and_prints_the_error(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, site_with_photo())
    args = ("build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache"))
    result = invoke(*args, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # Pelican's English "Done: Processed …" said in both languages, then what to do next.
    lines = result.stdout.splitlines()
    assert any(line.startswith("Xong trong ") and " bài viết, " in line for line in lines), result.stdout
    assert "Done: Processed" not in result.stdout
    # invoke serve shows output/: a site built elsewhere is named to it.
    assert lines[-1] == (f"Trang web đã được tạo trong {output}/; xem thử: .venv/bin/invoke serve --output "
                         f"{output} rồi mở http://localhost:8000 / The site is in {output}/; to see it: "
                         f".venv/bin/invoke serve --output {output}"), lines
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert output / "index.html" in before

    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Date: 2019-03-02 14:00", "Date: mai")
                    + "\nXem [bài cũ](../bai-khong-co/).\n", encoding="utf-8")
    result = invoke(*args, home=tmp_path)
    assert result.returncode == 1
    log = result.stdout + result.stderr
    # The content error itself is shown, naming the file and line (not only "failed"), once.
    assert log.count("tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md:2:") == 1, log
    # ... and what else invoke check finds (the build stopped at the date): all in one go.
    also = result.stderr.split("invoke check also finds:\n")[1]
    assert also.startswith("tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md:") and "../bai-khong-co/" in also
    assert f"Build failed; the previous {output}/ is unchanged." in result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_what_check_also_finds_leaves_out_the_mistakes_the_build_said_in_its_own_words(tmp_path):
    """The build and check say a missing title in words of their own: the failed build
    listed it twice, once under "invoke check also finds"."""
    content = tmp_path / "content"
    write_files(content, site_with_photo())
    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    text = post.read_text(encoding="utf-8")
    post.write_text("\n".join(line for line in text.splitlines() if not line.startswith("Title:"))
                    + "\nXem [bài cũ](../bai-khong-co/).\n", encoding="utf-8")
    # A second mistake on the line of one the build says is still said.
    other = content / "tin-tuc" / "tin-hoat-dong" / "le-khai-giang-2018" / "index.vi.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nXem ![ảnh](file:///C:/Users/a/anh.jpg) và "
                     "[lịch](/tin-tuc/khong-co-trang-nay/).\n", encoding="utf-8")
    result = invoke("build", "--content", str(content), "--output", str(tmp_path / "output"),
                    "--cache", str(tmp_path / "cache"), home=tmp_path)
    assert result.returncode == 1
    said, also = result.stderr.split("invoke check also finds:\n")
    rel = "tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md"
    assert f"{rel}:1: thiếu dòng 'Title:'" in result.stdout + said, result.stdout + said
    assert "file:///C:/Users/a/anh.jpg" in result.stdout + said
    lines = also.splitlines()
    also = [line for line in lines if line.startswith(rel)]
    assert len(also) == 1 and "../bai-khong-co/" in also[0], also
    same_line = [line for line in lines if "le-khai-giang-2018" in line]
    assert len(same_line) == 1 and "/tin-tuc/khong-co-trang-nay/" in same_line[0], lines


def test_each_error_is_one_whole_line_in_a_terminal_80_columns_wide(tmp_path):
    """Pelican's log handler wraps a message to the terminal's width and adds the plugin's
    file and line: one error was five lines, its file's path cut in two."""
    content = tmp_path / "content"
    write_files(content, site_with_photo())
    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Date: 2019-03-02 14:00", "Date: mai"),
                    encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "build", "--content", str(content),
         "--output", str(tmp_path / "output"), "--cache", str(tmp_path / "cache")],
        cwd=ROOT, capture_output=True, text=True, env={**clean_env(tmp_path), "COLUMNS": "80"}, timeout=600)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if "ngày 'mai'" in line]
    # the line begins with the file's name, as the staff guide shows it (no English "ERROR")
    assert errors[0].startswith("tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md:2: ngày 'mai' "
                                "không đọc được"), result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith(("ERROR", "WARNING", "CRITICAL"))]
    assert errors[0].endswith("write 2020-07-14 or 2020-07-14 08:30"), result.stdout
    assert ".py:" not in result.stdout, result.stdout


def test_every_setting_given_reaches_pelican(tmp_path):
    """Pelican keeps only the last ``-e`` of a command line: the cache folder and the
    preview's settings go in one."""
    from pelican import parse_arguments

    from staff.build import pelican_command

    cmd = pelican_command("pelicanconf.py", tmp_path / "out", tmp_path / "content", tmp_path / "cache",
                          {"SEARCH_INDEX": False, "SAFE_OUTPUT_REMOVE_OLD": "background"})
    assert cmd[1:3] == ["-m", "pelican"]
    assert parse_arguments(cmd[3:]).overrides == {
        "CACHE_PATH": str(tmp_path / "cache"), "SEARCH_INDEX": False,
        "SAFE_OUTPUT_REMOVE_OLD": "background"}


def test_a_locale_the_machine_lacks_is_no_error(tmp_path):
    """``LC_CTYPE=UTF-8`` (what a Mac's terminal sends over ssh) names no locale on Linux.
    Pelican warned that it "could not set the locale" and the build stopped on that
    warning; check printed it too."""
    write_files(tmp_path / "content", site_with_photo())
    env = {**clean_env(tmp_path), "LANG": "vi_VN.UTF-8", "LC_CTYPE": "UTF-8"}
    for task in ("build", "check"):
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "--search-root", str(ROOT), task,
             "--content", str(tmp_path / "content"),
             *(("--output", str(tmp_path / "output"), "--cache", str(tmp_path / "cache"))
               if task == "build" else ())],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
        log = result.stdout + result.stderr
        assert result.returncode == 0, log
        assert "locale" not in log.replace(str(tmp_path), "").lower(), log  # (the folder is named for the test)
    assert (tmp_path / "output" / "index.html").is_file()


def test_a_locale_not_in_utf8_builds_a_site_in_a_vietnamese_folder(tmp_path):
    """Under a locale that is not UTF-8 (here ``PYTHONUTF8=0`` in the C locale, as under
    ``en_US`` in ISO-8859-1) Python read the folder "thư mục" as undecodable bytes and
    wrote Vietnamese to the terminal in ASCII: the build and check stopped with a
    traceback. The tasks start again in Python's UTF-8 mode."""
    home = tmp_path / "thư mục"
    write_files(home / "content", site_with_photo())
    env = {**clean_env(tmp_path), "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    for task in ("build", "check"):
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "--search-root", str(ROOT), task,
             "--content", str(home / "content"),
             *(("--output", str(home / "output"), "--cache", str(home / "cache"))
               if task == "build" else ())],
            cwd=ROOT, capture_output=True, env=env, timeout=600)
        log = (result.stdout + result.stderr).decode("utf-8")
        assert result.returncode == 0, log
        assert "Traceback" not in log, log
        assert ("Trang web đã được tạo" if task == "build" else "0 lỗi") in log, log
    assert (home / "output" / "index.html").is_file()


def test_a_file_or_folder_staff_cannot_read_is_one_line_each_and_the_site_is_kept(tmp_path):
    """A photo's captions, a post's text or a post's folder without permission to read
    (copied from another account, a USB stick) stopped the build with a traceback, or
    was "missing 'Title:'"; check said nothing of a folder it could not open."""
    import shutil

    content, output = tmp_path / "content", tmp_path / "output"
    files = site_with_photo()
    files[f"{PHOTO_POST}/captions.vi.txt"] = "lop-hoc.jpg: Lớp học\n"
    write_files(content, files)
    args = ("--content", str(content))
    built = ("--output", str(output), "--cache", str(tmp_path / "cache"))
    # As a staff member, not as root (who reads everything): without those capabilities.
    user = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    if user and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv (util-linux)")

    def run(task: str, *more: str):
        return subprocess.run([*user, sys.executable, "-m", "invoke", "--search-root", str(ROOT), task, *args, *more],
                              cwd=ROOT, capture_output=True, text=True, env=clean_env(tmp_path), timeout=600)

    first = run("build", *built)
    assert first.returncode == 0, first.stdout + first.stderr
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    closed = [content / PHOTO_POST / "captions.vi.txt",
              content / "tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md",
              content / "tin-tuc/thong-bao/tuyen-sinh"]
    # (and one nothing reads, which is no error: IGNORE_FILES)
    (content / "tin-tuc" / ".DS_Store").write_bytes(b"")
    for path in closed + [content / "tin-tuc" / ".DS_Store"]:
        path.chmod(0)
    try:
        for task in ("build", "check"):
            result = run(task, *built) if task == "build" else run(task)
            log = result.stdout + result.stderr
            assert result.returncode == 1 and "Traceback" not in log, log
            lines = [line for line in log.splitlines() if "permission" in line]
            assert len(lines) == 3, log
            for path in closed:
                rel = path.relative_to(content).as_posix() + ("/" if path.is_dir() else "")
                kind = "thư mục" if path.is_dir() else "tệp"
                assert any(f"{rel}: không {'mở' if kind == 'thư mục' else 'đọc'} được {kind} này" in line
                           for line in lines), (rel, lines)
            assert "Title" not in log, log
        assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    finally:
        for path in closed:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("where", ["content/ban-xem", "content", "tep.txt"])
def test_an_output_folder_refused_is_one_line_and_nothing_is_said_kept(tmp_path, where):
    """``invoke build --output content/ban-xem``: Pelican's refusal was followed by what
    invoke check finds in the content and "the previous content/ban-xem/ is unchanged", a
    folder that never was (or was the content, or a file)."""
    content = tmp_path / "content"
    write_files(content, site_with_photo())
    (tmp_path / "tep.txt").write_text("x", encoding="utf-8")
    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nXem [bài cũ](../bai-khong-co/).\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    output = tmp_path / where
    result = invoke("build", "--content", str(content), "--output", str(output), "--cache",
                    str(tmp_path / "cache"), home=tmp_path)
    reason = {"content/ban-xem": "it is inside the content folder (PATH)", "content": "it is the content folder (PATH)",
              "tep.txt": "it is a file, not a folder"}[where]
    assert (result.returncode, result.stderr.strip().splitlines()[-1].split(" / ", 1)[1]) == (
        1, f"Refusing to use '{output}' as the output folder: {reason}; choose a folder of its own, e.g. output/")
    assert len(result.stderr.strip().splitlines()) == 1 and "unchanged" not in result.stdout + result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_failed_first_build_says_no_site_was_made(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, site_with_photo())
    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Date: 2019-03-02 14:00", "Date: mai"), encoding="utf-8")
    result = invoke("build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache"),
                    home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (f"Xây dựng thất bại, chưa tạo {output}/. / Build failed; "
                                                      f"{output}/ was not made.")
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) in (["content"], ["cache", "content"])


@pytest.mark.parametrize("how", ["sigterm", "ctrl-c", "sighup"])
def test_stopped_mid_build_it_says_the_site_is_kept_and_leaves_nothing_behind(tmp_path, how):
    """SIGTERM (``kill PID``, a service manager) ended invoke build at once, without a
    word, while its Pelican process built on and put its site in place unseen; Ctrl-C
    ended it with status 1 and no word either; SIGHUP (the terminal window closed, which
    signals the task and its build) ended both at once, the build's unfinished folder
    left behind. All now stop the build, which deletes its unfinished folder, and say the
    previous site is unchanged (status 130). The build is held (SIGSTOP) while it writes
    its fresh folder, so that the signal reaches it there."""
    import signal

    from staff_support import children, held, ignores, started_as_from_a_terminal, stop_as, wait_for

    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, site_with_photo())
    args = ["build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache")]
    assert invoke(*args, home=tmp_path).returncode == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")

    def building():
        return [p for p in tmp_path.iterdir() if p.name.startswith(".output.building-")]

    # (its own process group: Ctrl-C reaches the task and its build)
    with started_as_from_a_terminal(tmp_path, *args) as task:
        wait_for(lambda: building() or task.poll() is not None, 120, "the build's fresh folder", interval=0.01)
        [pelican] = children(task.pid)
        with held(pelican):
            assert building(), "the build ended before it could be held"
            stop_as(task.pid, how)
            # (the task's SIGTERM to its build: in both cases, as kill PID reaches the task alone)
            wait_for(lambda: ignores(task.pid, signal.SIGTERM), 30, "the task to stop its build", interval=0.01)
        out, err = task.communicate(timeout=120)
    assert (task.returncode, err.strip().splitlines()[-1]) == (
        130, f"Đã dừng, trang cũ trong {output}/ được giữ nguyên. / Stopped; the previous {output}/ is unchanged."), err
    assert "Traceback" not in out + err
    assert not os.path.exists(f"/proc/{pelican}")
    assert building() == []
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_stopped_as_the_build_ends_after_putting_its_site_in_place_it_says_the_new_site_is_there(tmp_path):
    """``kill PID`` that reaches the task once its build has put the new site in place,
    before Pelican has ended: the task stops the build, which ends by that signal, and
    the task said the previous site was unchanged, from the build's status. What the
    build left is the folder's to say (tests/reliability/plugins/stop_task_after_run)."""
    import subprocess
    import sys

    from conftest import ROOT
    from staff_support import clean_env

    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, site_with_photo())
    assert invoke("build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache"),
                  home=tmp_path).returncode == 0
    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    settings = tmp_path / "stopconf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        "import pelicanconf\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}, {str(ROOT / 'tests/reliability/plugins')!r}]\n"
                        "PLUGINS = [*pelicanconf.PLUGINS, 'stop_task_after_run']\n", encoding="utf-8")
    # (the task's build step, with the test plugin in its settings)
    code = ("import sys; from pathlib import Path; import tasks; from staff.serve import stop_on_sigterm; "
            "stop_on_sigterm(); tasks.build_into_place(*sys.argv[1:2], *map(Path, sys.argv[2:]))")
    task = subprocess.run([sys.executable, "-c", code, str(settings), str(output), str(content),
                           str(tmp_path / "cache")], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env=clean_env(tmp_path))
    assert (task.returncode, task.stderr.strip().splitlines()[-1]) == (
        130, f"Đã dừng, nhưng lúc đó đã xây dựng xong: {output}/ là trang mới. / Stopped, but the build had "
             f"finished: {output}/ holds the new site."), task.stdout + task.stderr
    assert "Một đoạn mới." in (output / "tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.html").read_text(encoding="utf-8")


def test_stopped_just_after_the_build_put_its_site_in_place_it_says_the_new_site_is_there(tmp_path):
    """``kill PID`` that reaches invoke build once its Pelican process has put the new site
    in place (``safe_output``) and ended, before the task has read the end of its log: the
    task must not say the previous site is unchanged, for it is not. The task is held
    (SIGSTOP) from the moment its build writes its fresh folder until the build has ended,
    then stopped, so that the signal reaches it there."""
    from staff_support import children, held, started_as_from_a_terminal, stop_as, wait_for

    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, site_with_photo())
    args = ["build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache")]

    def building():
        return [p for p in tmp_path.iterdir() if p.name.startswith(".output.building-")]

    def ended(pid: int) -> bool:  # (a process whose parent is held is left a zombie until it is reaped)
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"

    with started_as_from_a_terminal(tmp_path, *args) as task:
        wait_for(lambda: building() or task.poll() is not None, 120, "the build's fresh folder", interval=0.01)
        [pelican] = children(task.pid)
        with held(task.pid):
            wait_for(lambda: ended(pelican), 120, "the build to end", interval=0.01)
            assert (output / "index.html").is_file() and building() == []  # (in place: the task has not said so)
            stop_as(task.pid, "sigterm")
        out, err = task.communicate(timeout=120)
    assert (task.returncode, err.strip().splitlines()[-1]) == (
        130, f"Đã dừng, nhưng lúc đó đã xây dựng xong: {output}/ là trang mới. / Stopped, but the build had finished: "
             f"{output}/ holds the new site."), out + err
    assert "Traceback" not in out + err
    assert "Trang web đã được tạo" not in out  # (the line of a build that was not stopped)
    assert (output / "index.html").is_file() and building() == []
