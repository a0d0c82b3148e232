"""The tasks given what they cannot use: a folder that is not there (one line naming it,
exit 2, nothing made), or a help flag where Invoke hands it to a required argument."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import post_files, section_files, write_files
from staff_support import invoke, invoke_into_closed_pipe, site_with_photo


@pytest.mark.parametrize("task", [["build"], ["check"], ["new", "Bài mới", "--section", "tin-tuc"],
                                  ["publish", "--no-check", "--target", "TARGET"],
                                  ["livereload", "--port", "0"]])
def test_a_missing_content_folder_is_one_line(tmp_path, task):
    missing = tmp_path / "khong-co"
    args = [str(tmp_path / "target") if arg == "TARGET" else arg for arg in task]
    result = invoke(*args, "--content", str(missing), home=tmp_path, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"Không có thư mục nội dung {missing} / "
                                      f"there is no content folder {missing}")
    assert not missing.exists() and not (tmp_path / "target").exists()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_after_a_task_with_a_required_argument_shows_the_help(tmp_path, flag):
    # Invoke hands the flag to the missing argument (pyinvoke/invoke#982); new is tested
    # with its folders in test_staff_new.py.
    result = invoke("import-html", flag, "--dest", str(tmp_path / "content"), home=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "import-html [--options]" in result.stdout and "--dry-run" in result.stdout
    assert "problem" not in result.stdout + result.stderr
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("args, said", [
    # A title typed without quotes: Invoke said "No idea what 'giảng' is!". The options
    # typed after it are kept (the line dropped "--section tin-tuc").
    (["new", "Khai", "giảng", "lớp", "--section", "tin-tuc"],
     "'giảng' không phải một lệnh: tiêu đề có nhiều chữ phải đặt trong ngoặc kép: "
     '.venv/bin/invoke new "Khai giảng lớp" --section tin-tuc --content {content} / \'giảng\' is not a '
     'task: a title of several words goes in quotes: .venv/bin/invoke new "Khai giảng lớp" --section '
     'tin-tuc --content {content}'),
    (["new"], 'lệnh new cần tiêu đề bài, trong ngoặc kép: .venv/bin/invoke new "Khai giảng lớp …" / '
              'invoke new needs the post\'s title, in quotes: .venv/bin/invoke new "Khai giảng lớp …"'),
    (["buidl"], "không có lệnh 'buidl' (có phải 'build'?); xem .venv/bin/invoke --list / there is no task "
                "'buidl' (did you mean 'build'?); see .venv/bin/invoke --list"),
    # the preview, as the guide calls it: no task's name is close to the word
    (["preview"], "không có lệnh 'preview' (có phải 'livereload'?); xem .venv/bin/invoke --list / there is no "
                  "task 'preview' (did you mean 'livereload'?); see .venv/bin/invoke --list"),
    (["build", "--sectoin", "x"], "không có tuỳ chọn '--sectoin'; xem .venv/bin/invoke --help build / there "
                                  "is no option '--sectoin'; see .venv/bin/invoke --help build"),
    # An option typed last without its value: "Flag <Argument: target (t)> needed value and
    # was not given one!"
    (["publish", "--target"], "tuỳ chọn '--target' cần một giá trị ngay sau nó; xem .venv/bin/invoke --help "
                              "publish / the option '--target' needs a value after it; see .venv/bin/invoke "
                              "--help publish"),
    # A word where a number goes: a traceback ending "ValueError: invalid literal for int()".
    (["serve", "--port", "tám"], "'tám' không phải một số: sau --port hãy gõ một số, ví dụ --port 8001 / "
                                 "'tám' is not a number: --port takes a number, e.g. --port 8001"),
    # A task's name after --list, which takes the name of a group of tasks: "Sub-collection
    # 'new' not found!"
    (["--list", "new"], "--list chỉ cho danh sách các lệnh; muốn xem lệnh new: .venv/bin/invoke --help new / "
                        "--list shows the list of tasks; for the task new: .venv/bin/invoke --help new"),
    (["--list", "tasks"], "--list không nhận thêm chữ nào: .venv/bin/invoke --list / --list takes no word after "
                          "it: .venv/bin/invoke --list"),
    (["livereload", "-p=x"], "'x' không phải một số: sau -p hãy gõ một số, ví dụ -p 8001 / 'x' is not a "
                             "number: -p takes a number, e.g. -p 8001"),
])
def test_a_command_line_invoke_cannot_read_is_said_in_plain_words(tmp_path, args, said):
    content = tmp_path / "content"
    content.mkdir()
    result = invoke(*args, "--content", str(content), home=tmp_path, timeout=120) if args[0] == "new" and len(
        args) > 1 else invoke(*args, home=tmp_path, timeout=120)
    assert (result.returncode, result.stderr.strip()) == (1, said.format(content=content))
    assert list(content.iterdir()) == []


@pytest.mark.parametrize("task", ["serve", "livereload"])
@pytest.mark.parametrize("port", ["99999", "-1"])
def test_a_port_that_cannot_be_is_one_line(tmp_path, task, port):
    """``invoke serve --port 99999``: an OverflowError traceback ("bind(): port must be
    0-65535")."""
    write_files(tmp_path / "content", section_files("tin-tuc", "Tin tức", "News"))
    args = ["--content", str(tmp_path / "content"), "--output", str(tmp_path / "output")] if task == "livereload" \
        else ["--output", str(tmp_path)]
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    result = invoke(task, "--port", port, *args, home=tmp_path, timeout=120)
    assert (result.returncode, result.stderr.strip()) == (2, (
        f"Không có cổng {port}: cổng là một số từ 1 đến 65535, ví dụ --port 8001 / there is no port {port}: "
        "a port is a number from 1 to 65535, e.g. --port 8001")), result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("task, option, name", [("check", "--content", "thư mục"),
                                                ("publish", "--target", "nơi đăng/trang web"),
                                                ("serve", "-o", "bản xem"),
                                                # (joined to its value: not caught)
                                                ("build", "--output=", "bản xem"),
                                                ("livereload", "-o=", "bản xem")])
def test_a_folder_name_with_spaces_typed_without_quotes_is_given_back_quoted(tmp_path, task, option, name):
    """``invoke check --content thư mục``: the option took "thư", and Invoke's "No idea
    what 'mục' is!" became "there is no task 'mục'", which did not say what to type."""
    folder = f"{tmp_path}/{name}"
    after = ["--content", str(tmp_path)] if task == "publish" else []
    first, *rest = folder.split(" ")
    typed = [option + first] if option.endswith("=") else [option, first]
    result = invoke(task, *typed, *rest, *after, home=tmp_path, timeout=120)
    word = folder.split(" ")[1]
    line = (f'.venv/bin/invoke {task} {option}{"" if option.endswith("=") else " "}"{folder}"'
            + "".join(f" {arg}" for arg in after))
    assert (result.returncode, result.stderr.strip()) == (1, (
        f"'{word}' không phải một lệnh: tên có dấu cách phải đặt trong ngoặc kép: {line} / '{word}' is not a "
        f"task: a name with spaces goes in quotes: {line}")), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("task, option", [("check", "--content"), ("build", "--content"), ("serve", "--output")])
def test_a_folder_typed_without_its_option_is_given_back_with_it(tmp_path, task, option):
    """``invoke check content``: "there is no task 'content'"; the folder is a content
    folder (it has sections) or a built site (an index.html), and the line says which
    option goes before it."""
    write_files(tmp_path / "noi dung", section_files("tin-tuc", "Tin tức", "News"))
    (tmp_path / "trang").mkdir()
    (tmp_path / "trang" / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    folder = tmp_path / ("trang" if option == "--output" else "noi dung")
    result = invoke(task, str(folder), home=tmp_path, timeout=120)
    line = f".venv/bin/invoke {task} {option} {shlex.quote(str(folder))}"
    assert (result.returncode, result.stderr.strip()) == (1, (
        f"'{folder}' là một thư mục, không phải một lệnh: ghi {option} trước nó: {line} / '{folder}' is a "
        f"folder, not a task: put {option} before it: {line}")), result.stderr


def test_other_messages_of_invokes_parser_are_given_as_they_are():
    from staff.project import explain_parse_error

    assert explain_parse_error("Flag '--port' needed value and was not given!", ["serve", "--port"], []) == (
        "Flag '--port' needed value and was not given!")


def test_invoke_list_shows_each_tasks_whole_first_sentence():
    """``invoke --list`` shows a task's docstring's first line: clean's was cut mid-sentence
    ("…but the photo renditions the last")."""
    import tasks
    from invoke import Collection

    collection = Collection.from_module(tasks)
    for name in collection.task_names:
        first = (collection[name].__doc__ or "").strip().splitlines()[0].rstrip()
        assert first.endswith((".", ")")), (name, first)


@pytest.mark.parametrize("argv, word, suggested", [
    # a word of the title equal to an option's value: it was dropped from the options
    (["new", "Lớp", "tin", "--section", "tin", "--content", "X"], "tin",
     '.venv/bin/invoke new "Lớp tin" --section tin --content X'),
    # options before the title: the title's words were mixed with them
    (["new", "--section", "tin-tuc", "Khai", "giảng", "lớp", "--content", "X"], "giảng",
     '.venv/bin/invoke new "Khai giảng lớp" --section tin-tuc --content X'),
    (["new", "-s", "tin-tuc", "--en", "Khai", "giảng", "--content=X"], "giảng",
     '.venv/bin/invoke new "Khai giảng" -s tin-tuc --en --content=X'),
])
def test_the_title_hint_is_a_command_that_works(argv, word, suggested):
    from staff.project import explain_parse_error

    said = explain_parse_error(f"No idea what '{word}' is!", argv, ["new"])
    assert said.endswith(f"quotes: {suggested}"), said


def test_the_options_the_title_hint_knows_take_a_value_are_new_s():
    import tasks
    from staff.project import NEW_VALUE_OPTIONS

    takes_value = set()
    for argument in tasks.new.get_arguments():
        if argument.kind is not bool:
            takes_value |= {("--" if len(name) > 1 else "-") + name.replace("_", "-") for name in argument.names}
    assert takes_value == NEW_VALUE_OPTIONS


def test_the_task_list_speaks_vietnamese_first_and_marks_the_developers_tasks(tmp_path):
    """The messages send staff to ``invoke --help``; the list and the help were English,
    with the developers' tasks among theirs."""
    result = invoke("--list", home=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = " ".join(result.stdout.split())
    for name, words in [("build", "Xây dựng trang"), ("check", "Tìm lỗi"), ("new", "Tạo thư mục bài"),
                        ("livereload", "Xem trước"), ("publish", "Đăng trang"), ("serve", "Mở trang"),
                        ("clean", "Xoá output/")]:
        assert f"{name} {words}" in lines, name
    for name in ("bench", "fuzz", "test"):
        assert f"{name} (Lập trình viên / developers)" in lines, name
    publish = " ".join(invoke("--help", "publish", home=tmp_path, timeout=120).stdout.split())
    assert "--no-check (người quản trị) không chạy invoke check trước: trang có lỗi vẫn được đăng" in publish


@pytest.mark.parametrize("args", [["new", "-h"], ["new", "--section", "tin-tuc", "--help"], ["--help", "build"],
                                  ["publish", "-h"], ["--list"]])
def test_help_cut_short_by_head_ends_quietly(tmp_path, args):
    """``invoke new -h | head``: once head had its lines, Invoke's next write (or Python's
    flush at exit) met the closed pipe, and a BrokenPipeError traceback followed the help."""
    result = invoke_into_closed_pipe(*args, home=tmp_path, timeout=120)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr


def test_a_task_cut_short_by_head_ends_quietly_having_done_its_work(tmp_path):
    """The tasks' own lines too (invoke new prints the file to edit last, on standard
    output): the post is made, and no traceback follows."""
    content = tmp_path / "content"
    write_files(content, section_files("tin-tuc", "Tin tức", "News"))
    result = invoke_into_closed_pipe("new", "Bài mới", "--section", "tin-tuc", "--content", str(content),
                                     home=tmp_path, timeout=120)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.returncode == 0 and "Đã tạo bài viết trong mục “Tin tức” (tin-tuc)" in result.stderr
    assert (content / "tin-tuc" / "bai-moi" / "index.vi.md").is_file()


@pytest.mark.parametrize("stderr_too", [False, True], ids=["head", "2>&1-head"])
def test_a_build_cut_short_by_head_builds_the_site_and_ends_with_its_status(tmp_path, stderr_too):
    """``invoke build | head`` (and ``2>&1 | head``): the task's first write met the
    closed pipe, the task stopped there, no longer reading Pelican's log, and exited 1
    ("failed") whatever the build did. The log is now read to its end: the build ends as
    it would in a terminal, and its status is the task's (a post dated later makes
    Pelican write a line in the middle of the build)."""
    content, output = tmp_path / "content", tmp_path / "output"
    files = site_with_photo() | post_files("tin-tuc/sau-nay", {"Title": "Sau này", "Date": "2099-01-22 08:00"})
    write_files(content, files)
    args = ("build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache"))
    result = invoke_into_closed_pipe(*args, home=tmp_path, timeout=300, stderr_too=stderr_too)
    assert result.returncode == 0 and not (result.stderr or "").strip(), result.stderr
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", string=re.compile("Hội thảo về sản phẩm OCOP")) is not None
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.building")]
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    post = content / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Date: 2019-03-02 14:00", "Date: mai"),
                    encoding="utf-8")
    result = invoke_into_closed_pipe(*args, home=tmp_path, timeout=300, stderr_too=stderr_too)
    assert result.returncode == 1 and "Traceback" not in (result.stderr or ""), result.stderr
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_a_publish_cut_short_by_head_still_publishes(tmp_path):
    """``invoke publish 2>&1 | head``: the publish stopped at its first line after head
    had its lines (between the build and the copy), nothing published, and nothing said
    so, head having gone. It now publishes as in a terminal."""
    write_files(tmp_path / "content", site_with_photo())
    www = tmp_path / "www"
    result = invoke_into_closed_pipe("publish", "--target", str(www), "--content", str(tmp_path / "content"),
                                     "--cache", str(tmp_path / "cache"), home=tmp_path, timeout=300,
                                     stderr_too=True)
    assert result.returncode == 0
    page = BeautifulSoup((www / "tin-tuc" / "tin-hoat-dong" / "hoi-thao-ocop" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert "OCOP" in page.h1.get_text()


def test_a_one_line_mistake_cut_short_keeps_its_status(tmp_path):
    """``invoke build --content khong-co 2>&1 | head``: the line itself met the closed
    pipe, and the task exited 1 instead of the 2 of a folder that is not there."""
    result = invoke_into_closed_pipe("build", "--content", str(tmp_path / "khong-co"), home=tmp_path,
                                     timeout=120, stderr_too=True)
    assert result.returncode == 2


def test_a_publish_into_the_content_folder_says_so(tmp_path):
    """``invoke publish --target ban-dang`` typed in content/: the folder inside the content
    was refused as one that "holds the project or content, or is a root", none of which it
    was; the line now says where it is and what to choose."""
    content = tmp_path / "content"
    write_files(content, section_files("tin-tuc", "Tin tức", "News"))
    result = invoke("publish", "--target", str(content / "bản đăng"), "--content", str(content),
                    home=tmp_path, timeout=120)
    assert (result.returncode, result.stderr.strip()) == (1, (
        f"Không đăng vào {content / 'bản đăng'}: thư mục này nằm trong thư mục nội dung {content}; hãy chọn "
        f"một thư mục ở ngoài nó / Refusing to publish into {content / 'bản đăng'}: it is inside the content "
        f"folder {content}; choose a folder outside it.")), result.stderr
    assert not (content / "bản đăng").exists()


@pytest.mark.parametrize("inside", ["content", "cache"])
def test_a_build_into_a_folder_it_needs_names_that_folder_in_vietnamese_too(tmp_path, inside):
    """``invoke build --output "bản xem"`` typed in content/: the refusal's Vietnamese half
    named the folder in English ("nó nằm trong content folder (PATH)")."""
    content = tmp_path / "content"
    write_files(content, section_files("tin-tuc", "Tin tức", "News"))
    output = tmp_path / inside / "bản xem"
    result = invoke("build", "--content", str(content), "--output", str(output), "--cache", str(tmp_path / "cache"),
                    home=tmp_path, timeout=300)
    refused = [line for line in (result.stdout + result.stderr).splitlines() if "Refusing to use" in line]
    assert result.returncode == 1 and len(refused) == 1, result.stdout + result.stderr
    vietnamese = refused[0].split(" / Refusing")[0].split("làm thư mục kết quả: ")[1]  # (after the path)
    named = {"content": "thư mục nội dung (PATH)", "cache": "thư mục bộ nhớ đệm (CACHE_PATH)"}[inside]
    assert f"nó nằm trong {named};" in vietnamese and "folder" not in vietnamese, refused[0]
    assert not output.exists()


@pytest.mark.parametrize("args, said", [
    (["--posts", "x"], "bench: --posts takes a number of posts, or several with commas (2000,20000), not 'x'"),
    (["--posts", "2000,nhiều"], "bench: --posts takes a number of posts, or several with commas (2000,20000), "
                                "not '2000,nhiều'"),
    (["--rounds", "0"], "bench: --posts and --rounds must be at least 1, --photos and --preview at least 0"),
])
def test_the_bench_refuses_what_it_cannot_use_in_one_line(tmp_path, args, said):
    """``invoke bench --posts x`` ended in a ValueError traceback; argparse's refusals
    (``--rounds 0``) put the usage, a screenful, before their line."""
    result = invoke("bench", *args, home=tmp_path, timeout=120)
    assert (result.returncode, result.stderr.strip()) == (2, f"{said} (see invoke --help bench)"), result.stderr
    assert result.stdout == ""
