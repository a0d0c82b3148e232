"""``invoke publish``: a production build, rsynced to a folder a real nginx serves.

nginx (Debian package ``nginx``) runs in the foreground with its own small config in
the test's folder, on a free port of 127.0.0.1; pages are fetched over HTTP. Without
nginx or rsync these tests are skipped, except in CI where that is a failure.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit
import shutil
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
import pytest
from conftest import NGINX, nginx_serving, write_files
from staff_support import PHOTO_POST, fetch, invoke, site_with_photo

if NGINX is None or shutil.which("rsync") is None:
    if os.environ.get("CI"):
        raise RuntimeError("nginx and rsync (Debian packages) are required for the publish tests in CI")
    pytest.skip("nginx or rsync is not installed (apt-get install nginx rsync)", allow_module_level=True)


@pytest.fixture
def nginx(tmp_path):
    """A real nginx serving ``tmp_path/www`` on a free port; yields the base URL and the folder."""
    www = tmp_path / "www"
    with nginx_serving(www, tmp_path / "nginx") as base:
        yield base, www


def publish(tmp_path: Path, www: Path | str, *extra: str):
    return invoke("publish", "--target", str(www), "--content", str(tmp_path / "content"),
                  "--cache", str(tmp_path / "cache"), *extra, home=tmp_path)


def served(base: str, path: str) -> tuple[int, str]:
    status, _, body = fetch(base + path)
    return status, body.decode("utf-8", "replace")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_publish_serves_the_site_and_keeps_it_when_a_build_fails(tmp_path, nginx):
    base, www = nginx
    content = tmp_path / "content"
    write_files(content, site_with_photo())

    result = publish(tmp_path, www)
    assert result.returncode == 0, result.stdout + result.stderr
    # A folder on this computer: the line names it, and the address only as where the
    # site is once a web server serves that folder (it said "published: … https://…").
    said = result.stdout.strip().splitlines()[-2:]
    assert said[0].startswith(f"Đã chép trang vào thư mục {www.resolve()}/ / the site was written to "
                              f"the folder {www.resolve()}/: "), said
    assert not re.search(r"Đã đăng xong|Đang đăng lên|published|publishing to", result.stdout), result.stdout
    assert said[1].startswith("Trang chỉ lên mạng khi có máy chủ web phục vụ thư mục này")
    assert "https://daotao.lienminhhtx.example.vn/" in said[1]

    status, home = served(base, "/")
    assert status == 200 and "Trường Bồi dưỡng cán bộ hợp tác xã" in home
    status, post = served(base, f"/{PHOTO_POST}/")
    assert status == 200 and "Lễ khai giảng lớp bồi dưỡng năm 2018" in post
    status, english = served(base, f"/en/{PHOTO_POST}/")
    assert status == 200 and "Opening of the 2018 training classes" in english
    status, headers, feed_bytes = fetch(base + "/atom.xml")
    feed = feedparser.parse(feed_bytes)
    assert status == 200 and not feed.bozo and len(feed.entries) >= 5
    # Production settings: absolute links to the public address.
    assert feed.entries[0].link.startswith("https://daotao.lienminhhtx.example.vn/")
    # Published pages are minified (attribute quotes may go): read them with a parser.
    img = next(i for i in BeautifulSoup(post, "html.parser").find_all("img") if "lop-hoc" in i["src"])
    src = urlsplit(img["src"]).path
    status, headers, photo = fetch(base + src)
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and photo[:2] == b"\xff\xd8"
    assert fetch(base + f"/{PHOTO_POST}/lop-hoc.jpg")[0] == 404  # originals are never published
    before = tree(www)

    # A post is deleted and another one broken: nothing at all is deployed.
    gone = "tin-tuc/tin-hoat-dong/tham-quan-mo-hinh"
    shutil.rmtree(content / gone)
    (content / "dao-tao" / "_index.vi.md").unlink()  # a section without a name: build error
    (content / "dao-tao" / "_index.en.md").unlink()
    result = publish(tmp_path, www)  # invoke check finds it first
    assert result.returncode == 1
    assert "dao-tao/: mục chưa có tên" in result.stderr
    assert "KHÔNG đăng gì" in result.stderr and "nothing was deployed" in result.stderr
    result = publish(tmp_path, www, "--no-check")  # then the build itself fails
    assert result.returncode == 1
    assert "dao-tao/: mục chưa có tên" in result.stdout + result.stderr
    assert "Build failed: nothing was deployed; the live site is unchanged." in result.stderr
    assert tree(www) == before
    assert served(base, f"/{gone}/")[0] == 200
    assert served(base, "/")[1] == home

    # Fixed: the good build replaces the site and only now is the deleted post removed;
    # files an administrator put on the server that the site does not make stay
    # (PUBLISH_KEEP: a search engine's ownership proof, a certificate challenge).
    write_files(www, {"google1234abcd.html": "google-site-verification: google1234abcd.html",
                      ".well-known/acme-challenge/abc": "token", "ghi-chu-cu.txt": "old"})
    write_files(content, {"dao-tao/_index.vi.md": "Title: Đào tạo\n",
                          "dao-tao/_index.en.md": "Title: Training\n"})
    (content / PHOTO_POST / "index.vi.md").write_text(
        (content / PHOTO_POST / "index.vi.md").read_text(encoding="utf-8").replace(
            "Lễ khai giảng lớp bồi dưỡng năm 2018", "Lễ khai giảng các lớp năm 2018"), encoding="utf-8")
    result = publish(tmp_path, www)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\d+ tệp đã xoá", result.stdout)
    status, body = served(base, f"/{gone}/")
    assert status == 404 and "Không tìm thấy trang" in body  # the site's own 404.html
    assert not (www / gone).exists()
    assert "Lễ khai giảng các lớp năm 2018" in served(base, f"/{PHOTO_POST}/")[1]
    assert (www / "google1234abcd.html").is_file() and (www / ".well-known/acme-challenge/abc").is_file()
    assert not (www / "ghi-chu-cu.txt").exists()
    assert served(base, f"/en/{PHOTO_POST}/")[0] == 200
    # Files nginx serves are readable by any web server user.
    assert all(p.stat().st_mode & 0o444 == 0o444 for p in www.rglob("*"))


def test_publish_refuses_a_folder_that_is_not_a_site(tmp_path):
    write_files(tmp_path / "content", site_with_photo())
    target = tmp_path / "documents"
    write_files(target, {"bao-cao.docx": b"PK", "ghi-chu.txt": "quan trọng"})
    result = publish(tmp_path, target)
    assert result.returncode == 1
    assert "không phải trang web" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["bao-cao.docx", "ghi-chu.txt"]
    inside = publish(tmp_path, tmp_path / "content" / "public")
    assert inside.returncode == 1 and not (tmp_path / "content" / "public").exists()


def test_publish_stops_at_a_content_error_without_offering_to_skip_the_check(tmp_path):
    """The line said to add --no-check "to skip the check": staff who did published what
    check had stopped (an English page still titled "English title")."""
    files = site_with_photo()
    files["tin-tuc/tin-hoat-dong/bai-loi/index.vi.md"] = "Title: Bài\nVenue: Hội trường\nDate: 2024-01-02\n\nNội dung.\n"
    write_files(tmp_path / "content", files)
    target = tmp_path / "www"
    result = publish(tmp_path, target)
    assert result.returncode == 1
    assert "tin-tuc/tin-hoat-dong/bai-loi/index.vi.md:2" in result.stdout + result.stderr
    assert "KHÔNG đăng gì, trang đang chạy giữ nguyên" in result.stderr
    assert "no-check" not in result.stdout + result.stderr
    assert not target.exists()


def test_publish_without_a_target_says_where_to_set_it(tmp_path, monkeypatch, capsys):
    import staff.publish

    real = staff.publish.read_settings
    monkeypatch.setattr(staff.publish, "read_settings",
                        lambda *a, **k: {**real(*a, **k), "PUBLISH_TARGET": ""})
    write_files(tmp_path / "content", site_with_photo())
    assert staff.publish.publish(tmp_path / "content") == 2
    err = capsys.readouterr().err
    assert "PUBLISH_TARGET" in err and "publishconf.py" in err and "--target" in err


def test_a_server_out_of_reach_is_said_in_plain_words(tmp_path, monkeypatch):
    """rsync's exit status 255 is ssh's: the line says to check the network and the
    address in PUBLISH_TARGET, then gives ssh's own words."""
    from staff.publish import PublishError, rsync

    ssh = tmp_path / "ssh"
    ssh.write_text("#!/bin/sh\necho 'ssh: Could not resolve hostname may-chu: Name or service not known' >&2\n"
                   "exit 255\n", encoding="utf-8")
    ssh.chmod(0o755)
    monkeypatch.setenv("RSYNC_RSH", str(ssh))  # rsync's remote shell, instead of ssh
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(PublishError) as raised:
        rsync(tmp_path / "site", "nguoi-dung@may-chu:/var/www/site/")
    message = str(raised.value)
    # rsync exits 255 (ssh's status) or, when it notices the closed pipe first, 12.
    assert re.match(r"rsync thất bại / rsync failed \((255|12)\) — không kết nối được tới máy chủ", message)
    assert "check the network and the host and user in PUBLISH_TARGET" in message
    assert "Could not resolve hostname may-chu" in message and "\n" not in message


def test_a_connection_closed_before_a_byte_is_no_connection():
    """rsync's status 12 is "the connection broke off" only once something came through."""
    from staff.publish import RSYNC_HINTS, rsync_hint

    never = ("ssh: Could not resolve hostname may-chu: Name or service not known rsync: "
             "connection unexpectedly closed (0 bytes received so far) [sender] rsync error: "
             "error in rsync protocol data stream (code 12) at io.c(232) [sender=3.2.7]")
    later = never.replace("(0 bytes received so far)", "(51 bytes received so far)")
    assert rsync_hint(12, never) == rsync_hint(255, "") == RSYNC_HINTS[255]
    assert rsync_hint(12, later) == RSYNC_HINTS[12]
    assert rsync_hint(23, never) == RSYNC_HINTS[23]


def test_a_publish_under_a_strict_umask_is_readable_and_an_unchanged_page_keeps_its_date(tmp_path, nginx):
    """Under umask 077 every published file was the publisher's alone (nginx: 403 for
    the whole site, and publish said it went well); and each publish gave every file
    the new build's time, so no browser or feed reader ever got a 304 after one."""
    base, www = nginx
    write_files(tmp_path / "content", site_with_photo())
    strict = {"preexec_fn": lambda: os.umask(0o077)}
    result = invoke("publish", "--target", str(www), "--content", str(tmp_path / "content"),
                    "--cache", str(tmp_path / "cache"), home=tmp_path, **strict)
    assert result.returncode == 0, result.stdout + result.stderr
    assert served(base, "/")[0] == 200 and served(base, "/theme/css/site.css")[0] == 200
    modes = {oct(p.stat().st_mode & 0o777) for p in www.rglob("*")}
    assert modes == {"0o644", "0o755"}, modes
    times = {p: p.stat().st_mtime_ns for p in www.rglob("*") if p.is_file()}
    status, headers, _ = fetch(base + "/atom.xml")
    post = tmp_path / "content" / PHOTO_POST / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("năm 2018", "khoá 2018"), encoding="utf-8")
    result = publish(tmp_path, www)
    assert result.returncode == 0, result.stdout + result.stderr
    changed = {p.relative_to(www).as_posix() for p, ns in times.items() if p.exists() and p.stat().st_mtime_ns != ns}
    assert f"{PHOTO_POST}/index.html" in changed
    assert "theme/css/site.css" not in changed and "en/index.html" not in changed, sorted(changed)
    assert fetch(base + "/en/index.html")[0] == 200


def test_only_a_server_is_said_to_be_published_to_at_the_sites_address():
    from staff.publish import published_line

    url = "https://daotao.lienminhhtx.example.vn"
    assert published_line("user@may-chu:/var/www/site/", "3 tệp", url) == f"Đã đăng xong / published: 3 tệp. {url}/"
    local = published_line("/srv/www/site", "3 tệp", url)
    assert local.startswith("Đã chép trang vào thư mục /srv/www/site/ / the site was written to the folder "
                            "/srv/www/site/: 3 tệp.\nTrang chỉ lên mạng khi có máy chủ web phục vụ thư mục này")
    assert "published" not in local


def test_a_target_that_cannot_be_one_is_said_before_the_build(tmp_path):
    """A mistyped --target made every folder of its path and "published" there; a
    target that is a file, or under a folder not writable, ended in a traceback after
    the whole build."""
    write_files(tmp_path / "content", site_with_photo())
    typo = tmp_path / "www-typo" / "a" / "site"
    result = publish(tmp_path, typo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Không có thư mục {typo.parent}: gõ nhầm nơi đăng?" in result.stderr
    assert "Building the production site" not in result.stdout  # (said first)
    assert not (tmp_path / "www-typo").exists()
    (tmp_path / "a-file").write_text("x")
    result = publish(tmp_path, tmp_path / "a-file")
    assert result.returncode == 1 and "là một tệp, không phải thư mục" in result.stderr, result.stderr


def test_a_second_publish_to_the_same_place_while_one_runs_is_refused(tmp_path):
    """Two at once left the target mixed (one's search index naming files only the
    other had), and one of them said "published". A publish to another folder goes on
    (one lock, ``cache/publish.lock``, refused it too)."""
    import fcntl

    from staff.publish import lock_file, publish_place

    write_files(tmp_path / "content", site_with_photo())
    (tmp_path / "www").mkdir()
    lock_file(publish_place(str(tmp_path / "www"))).parent.mkdir(exist_ok=True)
    with open(lock_file(publish_place(str(tmp_path / "www"))), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # (as a publish to www running holds it)
        result = publish(tmp_path, f"{tmp_path}/www/./")  # (the same folder, written otherwise)
        elsewhere = publish(tmp_path, tmp_path / "www2")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Đang có một lần đăng khác lên cùng nơi này chạy trên máy này"), \
        result.stderr
    assert list((tmp_path / "www").iterdir()) == []
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert (tmp_path / "www2" / "index.html").exists()
    assert publish(tmp_path, tmp_path / "www").returncode == 0


def test_rsyncs_complaints_are_a_few_not_thousands():
    """A folder rsync could not write gave one line of 18,000 characters, one error per file."""
    from staff.publish import rsync_said

    stderr = "".join(f'rsync: [receiver] mkstemp "/www/tin-tuc/.~tmp~/bai-{n}.html" failed: Permission denied (13)\n'
                     for n in range(120)) + "rsync error: some files/attrs were not transferred (code 23)\n"
    said = rsync_said(stderr)
    assert said.count("Permission denied") == 2 and said.endswith("(+118)") and len(said) < 300, said


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "sighup"])
def test_stopped_while_building_it_says_nothing_was_published_and_removes_the_build(tmp_path, how):
    """Ctrl-C during the build printed "Build failed … fix the errors above" (there were
    none) and left the temporary build folder behind. SIGTERM (``kill PID``, a service
    manager) ended the task at once, without a word, while its build went on into a
    temporary folder no one deleted; SIGHUP (the terminal window closed) ended the task
    and its build at once, both folders left. All now stop the build, delete its folder
    and say that nothing was published (status 130)."""
    from staff_support import stopped_while_building

    write_files(tmp_path / "content", site_with_photo())
    result, pelican, temp = stopped_while_building(tmp_path, how, "publish", "--target", str(tmp_path / "www"))
    assert (result.returncode, result.stderr.strip()) == (130, (
        "Đã dừng: KHÔNG đăng gì, trang đang chạy giữ nguyên. / Stopped: nothing was deployed; the live site is "
        "unchanged.")), result.stdout + result.stderr
    assert not os.path.exists(f"/proc/{pelican}")
    assert list(temp.iterdir()) == [] and not (tmp_path / "www").exists()
    assert publish(tmp_path, tmp_path / "www").returncode == 0  # (the lock was let go)


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "sighup"])
def test_stopped_while_copying_it_says_the_site_may_be_partly_updated_and_stops_rsync(tmp_path, how):
    """SIGTERM while rsync copied ended the task without a word, rsync copying on; the
    line for Ctrl-C said "If it was copying" where the task knew. rsync is slowed to 16
    kilobytes a second (a slow connection: the site's 2 MB take over two minutes) so that
    the copy is under way, its first folders made, when the task is stopped; at a kilobyte
    a second the list of files alone took six seconds to send."""
    import signal
    import subprocess
    import sys

    from conftest import ROOT
    from staff_support import as_a_terminal_starts_it, clean_env, stop_as, wait_for

    write_files(tmp_path / "content", site_with_photo())
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "rsync").write_text(f'#!/bin/sh\nexec {shutil.which("rsync")} --bwlimit=16 "$@"\n')
    (bin_folder / "rsync").chmod(0o755)
    env = clean_env(tmp_path)
    env["PATH"] = f"{bin_folder}:{env['PATH']}"
    www = tmp_path / "www"
    log = tmp_path / "publish.log"
    with open(log, "w") as said:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "publish", "--target", str(www),
             "--content", str(tmp_path / "content"), "--cache", str(tmp_path / "cache")],
            cwd=ROOT, stdout=said, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            preexec_fn=as_a_terminal_starts_it)

        def copying() -> list[int]:  # rsync's processes writing into www
            found = []
            for entry in Path("/proc").iterdir():
                try:
                    line = (entry / "cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if line and line[0].endswith(b"rsync") and f"{www}/".encode() in line:
                    found.append(int(entry.name))
            return found

        try:
            wait_for(lambda: "copying to the folder" in log.read_text() and www.exists() and copying()
                     or process.poll() is not None, 120, "rsync to start copying", interval=0.01)
            stop_as(process.pid, how)
            process.wait(timeout=120)
            left = copying()
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            for pid in copying():
                os.kill(pid, signal.SIGKILL)
    said = log.read_text()
    assert (process.returncode, said.strip().splitlines()[-1]) == (130, (
        "Đã dừng giữa lúc chép lên nơi đăng: trang đang chạy có thể đã đổi một phần; hãy đăng lại. / Stopped while "
        "copying to the target: the live site may be partly updated; publish again.")), said
    assert left == [] and "Traceback" not in said
    assert publish(tmp_path, www).returncode == 0 and (www / "index.html").is_file()

def test_a_shared_folders_modes_are_left_as_they_are(tmp_path):
    """A server folder several publishers share is group-writable (2775): publishing
    must not set its mode (rsync --perms did, and failed where the publisher is not
    its owner), only give new files and folders modes a web server can read."""
    write_files(tmp_path / "content", site_with_photo())
    www = tmp_path / "www"
    assert publish(tmp_path, www).returncode == 0
    www.chmod(0o2775)
    (www / "index.html").chmod(0o664)
    post = tmp_path / "content" / PHOTO_POST / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("năm 2018", "khoá 2018"), encoding="utf-8")
    result = publish(tmp_path, www)
    assert result.returncode == 0, result.stdout + result.stderr
    assert oct(www.stat().st_mode & 0o7777) == "0o2775"
    assert oct((www / PHOTO_POST / "index.html").stat().st_mode & 0o777) == "0o644"
