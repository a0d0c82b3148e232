"""``invoke livereload``: a real preview server in a subprocess, edited while it runs.

Waits are bounded polls (a generous timeout, never a fixed sleep): the test edits a
post, adds a photo copied with an old modification time (as from a phone or a USB
stick), breaks a post and fixes it, and each time polls until the served site shows it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket

import pytest
from conftest import write_files
from staff_support import PHOTO_POST, fetch, in_group, jpeg, running_preview, site_with_photo, wait_for

TIMEOUT = 180  # seconds for any one rebuild to show: generous, for a busy machine
POST = "tin-tuc/tin-hoat-dong/tham-quan-mo-hinh"


@pytest.fixture
def preview(tmp_path):
    """A running ``invoke livereload`` on a fixture site; stopped at the end."""
    with running_preview(tmp_path) as running:
        yield running


def state(base: str) -> dict:
    return json.loads(fetch(f"{base}/__preview__/state")[2])


def page(base: str, path: str) -> str:
    status, _, body = fetch(base + path)
    return body.decode("utf-8") if status == 200 else ""


def log_text(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


def test_preview_rebuilds_on_save_and_photo_and_shows_errors(preview):
    base, content, process, log = preview
    first = wait_for(lambda: state(base)["build"] >= 1 and state(base), TIMEOUT, "the first build")
    assert first["ok"], log_text(log)
    html = page(base, f"/{POST}/")
    assert "Học viên tham quan mô hình hợp tác xã" in html
    assert '<script src="/__preview__/reload.js" defer></script></body>' in html
    status, headers, script = fetch(f"{base}/__preview__/reload.js")
    assert status == 200 and b"location.reload()" in script
    assert headers["Cache-Control"] == "no-store"
    # The site's security headers, as it will be published: a frame the policy blocks
    # shows blocked here too. Never the theme's year-long caching (an edit would not show).
    status, headers, _ = fetch(f"{base}/{POST}/")
    assert "frame-src https://www.youtube-nocookie.com" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    theme_file = re.search(r'href="(/theme/css/site\.css[^"]*)"', page(base, f"/{POST}/"))[1]
    status, headers, _ = fetch(base + theme_file)
    assert status == 200 and headers.get_all("Cache-Control") == ["no-store"]
    assert "Content-Security-Policy" in headers
    # Pretty URLs as on the real server: /x redirects to /x/, a photo rendition is served.
    assert fetch(f"{base}/{POST}")[0] == 200
    # The preview builds no search index (faster rebuilds); its search page says so.
    assert "search__off" in page(base, "/tim-kiem/")
    assert fetch(f"{base}/pagefind/pagefind-entry.json")[0] == 404
    # Every setting the preview gives Pelican holds (its caches where --cache says).
    assert {"reader", "pages"} <= {p.name for p in (content.parent / "cache").iterdir()}
    rendition = re.search(r'src="(/[^"]*lop-hoc[^"]*)"', page(base, f"/{PHOTO_POST}/"))[1]
    status, headers, _ = fetch(base + rendition)
    assert status == 200 and headers["Content-Type"].startswith("image/")

    # 1. A saved edit shows without restarting anything.
    source = content / POST / "index.vi.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Học viên tham quan", "Học viên đi thực tế"), encoding="utf-8")
    wait_for(lambda: "Học viên đi thực tế mô hình" in page(base, f"/{POST}/"), TIMEOUT, "the edit")
    # ... shown by the last build's keeper before the full rebuild (staff/quick.py).
    wait_for(lambda: "Saved post shown" in log_text(log), TIMEOUT, "the quick step")
    wait_for(lambda: not state(base)["building"], TIMEOUT, "the rebuild after it")

    # 2. A photo copied in with an old modification time still triggers a rebuild.
    photo = content / POST / "anh-tham-quan.jpg"
    photo.write_bytes(jpeg((640, 480), (200, 40, 40)))
    os.utime(photo, (1_500_000_000, 1_500_000_000))  # 2017, long before the server started
    wait_for(lambda: "anh-tham-quan" in page(base, f"/{POST}/"), TIMEOUT, "the new photo")

    # 3. A broken post: the last good site stays up and the errors are on offer to the page.
    good = page(base, f"/{POST}/")
    source.write_text(source.read_text(encoding="utf-8").replace("Date: 2018-09-14 09:00",
                                                                 "Date: ngày mai"), encoding="utf-8")
    failed = wait_for(lambda: not (s := state(base))["ok"] and not s["building"] and s,
                      TIMEOUT, "the failed build")
    assert any("tham-quan-mo-hinh/index.vi.md" in line for line in failed["errors"]), failed
    assert page(base, f"/{POST}/") == good

    # 4. Fixed: the next build is good again.
    source.write_text(source.read_text(encoding="utf-8").replace("Date: ngày mai",
                                                                 "Date: 2018-09-14 09:00"), encoding="utf-8")
    wait_for(lambda: (s := state(base))["ok"] and not s["building"], TIMEOUT, "the fixed build")

    # 5. What would stop invoke publish but not the build (a link to a page that does not
    #    exist): invoke check runs after the good build, and the page is told.
    source.write_text(source.read_text(encoding="utf-8") + "\nXem [bài cũ](../bai-khong-co/).\n",
                      encoding="utf-8")
    found = wait_for(lambda: (s := state(base))["check"] and s, TIMEOUT, "invoke check's errors")
    assert found["ok"] and found["errors"] == []
    assert len(found["check"]) == 1 and found["check"][0].startswith(
        f"{POST}/index.vi.md:") and "../bai-khong-co/" in found["check"][0], found
    before = found["build"]
    source.write_text(source.read_text(encoding="utf-8").replace("Xem [bài cũ](../bai-khong-co/).", ""),
                      encoding="utf-8")
    # From the save on, the fixed link is not on offer (it stayed until the next check ended).
    after = wait_for(lambda: (s := state(base))["build"] > before and s, TIMEOUT, "the rebuild after the fix")
    assert after["check"] == [], after
    wait_for(lambda: (s := state(base))["ok"] and not s["building"] and s["check"] == [], TIMEOUT,
             "invoke check's errors to go")

    # 6. Ctrl-C stops it cleanly.
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    assert "Đã dừng xem trước. / Preview stopped." in log_text(log)
    assert "Traceback" not in log_text(log)


def test_a_saved_post_shown_at_once_then_refused_by_the_build_is_put_back(preview):
    """The quick step showed the saved text (a link to a file not copied in yet), the
    full build refused it, and the page stayed the refused version under the red box
    saying "this is the last good version"."""
    base, content, process, log = preview
    wait_for(lambda: state(base)["build"] >= 1 and state(base)["ok"], TIMEOUT, "the first build")
    source = content / POST / "index.vi.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("Học viên tham quan", "Học viên đi thực tế"), encoding="utf-8")
    wait_for(lambda: "Học viên đi thực tế mô hình" in page(base, f"/{POST}/") and state(base)["ok"]
             and not state(base)["building"], TIMEOUT, "a good edit")
    shown = page(base, f"/{POST}/")
    built = state(base)["build"]
    source.write_text(source.read_text(encoding="utf-8") + "\nTải [Mẫu đơn đăng ký](mau-don.pdf) tại đây.\n",
                      encoding="utf-8")
    failed = wait_for(lambda: (s := state(base))["build"] > built and not s["building"] and not s["ok"] and s,
                      TIMEOUT, "the failed build")
    assert any("mau-don.pdf" in line for line in failed["errors"]), failed
    assert page(base, f"/{POST}/") == shown  # the last good page, as the red box says
    assert not (content.parent / "output.quick-undo").exists()


def test_a_photo_copied_in_bursts_is_built_once_it_is_whole(preview):
    """A copy from a phone or a network folder writes in bursts, with pauses longer than
    the 50 ms a save is waited out: each build of the half-copied photo failed with
    "damaged: copy the photo again", and a writer who obeyed broke a copy that was
    going to work."""
    import threading
    import time

    base, content, process, log = preview
    wait_for(lambda: state(base)["build"] >= 1 and state(base)["ok"], TIMEOUT, "the first build")
    folder = content / POST
    source = folder / "index.vi.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n![Cả lớp](IMG_2000.JPG)\n", encoding="utf-8")
    wait_for(lambda: not state(base)["building"] and state(base)["build"] >= 2, TIMEOUT, "the missing photo")
    photo = jpeg((2400, 1800))
    missing = state(base)["build"]  # (the build that said the photo is not there yet)
    seen = []
    done = threading.Event()

    def watch_states():
        while not done.is_set():
            seen.append(state(base))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch_states)
    watcher.start()
    try:
        with open(folder / "IMG_2000.JPG", "wb") as f:
            for start in range(0, len(photo), len(photo) // 8 + 1):
                f.write(photo[start:start + len(photo) // 8 + 1])
                f.flush()
                time.sleep(0.15)
        built = wait_for(lambda: (s := state(base))["ok"] and not s["building"]
                         and "IMG_2000" in page(base, f"/{POST}/") and s, TIMEOUT, "the whole photo")
    finally:
        done.set()
        watcher.join()
    copying = [s for s in seen if missing < s["build"] < built["build"]]
    assert not any("damaged" in line for s in copying for line in s["errors"]), \
        [s["errors"] for s in copying if s["errors"]]


def test_a_post_saved_as_the_watch_begins_is_built(tmp_path, monkeypatch):
    """The preview began to watch the files after its first build: a post saved the
    moment that build was said to be done, before the system's watch had begun, was
    never built (a test waited 180 s for a build that did not come). Here the post is
    saved the moment before the watch begins, whenever that is."""
    import threading

    import watchfiles

    from staff.preview import Preview

    write_files(tmp_path / "content", site_with_photo())
    source = tmp_path / "content" / POST / "index.vi.md"
    real_watch = watchfiles.watch

    def watch(*paths, **options):
        source.write_text(source.read_text(encoding="utf-8").replace("Học viên tham quan", "Học viên đi thực tế"),
                          encoding="utf-8")
        return real_watch(*paths, **options)

    monkeypatch.setattr(watchfiles, "watch", watch)
    preview = Preview(tmp_path / "content", tmp_path / "out", tmp_path / "cache")
    watcher = threading.Thread(target=preview.watch, daemon=True)
    watcher.start()
    page = tmp_path / "out" / POST / "index.html"
    try:
        wait_for(lambda: preview.state.build >= 1 and not preview.state.building and page.is_file()
                 and "Học viên đi thực tế mô hình" in page.read_text(encoding="utf-8"), TIMEOUT, "the saved post")
    finally:
        preview.stop.set()
        watcher.join(timeout=60)
    assert preview.state.ok and not watcher.is_alive()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGHUP], ids=["ctrl-c", "sighup"])
def test_ctrl_c_during_a_build_ends_it_without_building_again(tmp_path, signum):
    """Ctrl-C reaches every process of the preview: the build forked by the warm process
    ended with it, the preview took that for a lost warm process and built again in a
    fresh one, which said "Done … updated" after "Preview stopped". Closing the terminal
    window (SIGHUP to every process) ended the preview without a word: it now stops as
    Ctrl-C stops it, and no process of it is left."""
    import subprocess
    import sys
    import time

    from conftest import ROOT
    from staff_support import as_a_terminal_starts_it, clean_env, free_port

    write_files(tmp_path / "content", site_with_photo())
    log = tmp_path / "preview.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "livereload", "--port", str(free_port()),
             "--content", str(tmp_path / "content"), "--output", str(tmp_path / "output"),
             "--cache", str(tmp_path / "cache")],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=clean_env(tmp_path), start_new_session=True,
            preexec_fn=as_a_terminal_starts_it)
        try:
            wait_for(lambda: "Đã cập nhật / updated." in log.read_text(), TIMEOUT, "the first build")
            (tmp_path / "content" / POST / "moi.jpg").write_bytes(jpeg((3000, 2000)))
            wait_for(lambda: log.read_text().count("Rebuilding...") >= 2, TIMEOUT, "the photo's build")
            time.sleep(0.3)
            os.killpg(process.pid, signum)
            process.wait(timeout=60)
            wait_for(lambda: not in_group(process.pid), 60, "the preview's processes to end")
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    said = log.read_text()
    assert "Đã dừng xem trước. / Preview stopped." in said, said
    after = said.split("Đã dừng xem trước. / Preview stopped.", 1)[1]
    assert "updated" not in after and "Done in" not in after, said
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []  # (the build's unfinished folder)


def test_a_port_in_use_is_said_in_plain_words(tmp_path):
    from staff_support import invoke

    write_files(tmp_path / "content", site_with_photo())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke("livereload", "--port", str(port), "--content", str(tmp_path / "content"),
                        "--output", str(tmp_path / "output"), home=tmp_path, timeout=120)
    assert result.returncode == 2
    assert f"Cổng {port} đang được dùng" in result.stderr and f"--port {port + 1}" in result.stderr
    assert not (tmp_path / "output").exists()


def test_an_output_folder_inside_the_content_is_refused_before_serving(tmp_path):
    """``invoke livereload --output content/ban-xem`` served an empty folder, each rebuild
    refused, with "the browser keeps the last good version" where there was none."""
    from staff_support import free_port, invoke

    content = tmp_path / "content"
    write_files(content, site_with_photo())
    before = sorted(content.rglob("*"))
    output = content / "ban-xem"
    result = invoke("livereload", "--port", str(free_port()), "--content", str(content), "--output", str(output),
                    "--cache", str(tmp_path / "cache"), home=tmp_path, timeout=60)
    assert (result.returncode, result.stdout, result.stderr.strip().split(" / ", 1)[1]) == (
        1, "", f"Refusing to use '{output}' as the output folder: it is inside the content folder (PATH); choose "
               "a folder of its own, e.g. output/"), result.stderr
    assert sorted(content.rglob("*")) == before and not (tmp_path / "cache").exists()


def test_changes_to_hidden_and_temporary_files_are_not_rebuilt(tmp_path):
    from staff.preview import watched_change

    root = tmp_path / ".local" / "site" / "content"  # a hidden folder above is fine
    roots = [root, tmp_path / "pelicanconf.py"]
    assert watched_change(roots, str(root / "tin-tuc" / "bai" / "index.vi.md"))
    assert watched_change(roots, str(root / "tin-tuc" / "bai" / "anh.jpg"))
    assert watched_change(roots, str(tmp_path / "pelicanconf.py"))
    for temporary in (".index.vi.md.swp", "index.vi.md~", "#index.vi.md#", "anh.jpg.part",
                      ".DS_Store", "4913", "Thumbs.db", "desktop.ini", "ehthumbs.db"):
        assert not watched_change(roots, str(root / "tin-tuc" / "bai" / temporary)), temporary
    assert not watched_change(roots, str(root / ".git" / "index"))
    assert not watched_change(roots, str(tmp_path / "elsewhere.md"))


def test_the_preview_polls_when_the_system_cannot_watch(tmp_path, monkeypatch, capsys):
    """Linux limits how many folders one user may watch (inotify); past it the preview
    compares the files every few tenths of a second instead of stopping to rebuild."""
    import threading

    import watchfiles

    from staff.preview import Preview

    write_files(tmp_path / "content", {"a.md": "x"})
    real_watch, calls = watchfiles.watch, []

    def watch(*paths, **options):
        calls.append(options.get("force_polling"))
        if not options.get("force_polling"):
            raise OSError("OS file watch limit reached")
        return real_watch(*paths, **options)

    monkeypatch.setattr(watchfiles, "watch", watch)
    preview = Preview(tmp_path / "content", tmp_path / "out")
    preview.roots = [tmp_path / "content"]
    found = []

    def first_change():
        for batch in preview.changes():
            if batch:  # (the first comes empty once the files are watched)
                found.append(batch)
                preview.stop.set()

    watcher = threading.Thread(target=first_change, daemon=True)
    watcher.start()
    wait_for(lambda: calls == [None, True], 30, "the fallback to polling")

    def saved() -> bool:  # saved again until seen: the poller may not have started yet
        (tmp_path / "content" / "b.md").write_text(f"new {len(calls)}", encoding="utf-8")
        watcher.join(timeout=1)
        return bool(found)

    wait_for(saved, 60, "a change seen by polling")
    assert any(path.endswith("b.md") for _, path in found[0])
    assert "polling instead" in capsys.readouterr().out


def test_template_folders_named_in_the_settings_are_watched_too(tmp_path):
    """A theme or THEME_TEMPLATES_OVERRIDES folder outside the project: saving a
    template there rebuilds the preview, as saving one in theme/ does."""
    from staff.preview import watched_change, watched_roots
    from staff.project import ROOT

    overrides = tmp_path / "overrides"
    overrides.mkdir()
    settings = tmp_path / "previewconf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"THEME_TEMPLATES_OVERRIDES = [{str(overrides)!r}]\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    roots = watched_roots(tmp_path / "content", str(settings))
    assert watched_change(roots, str(overrides / "base.html"))
    assert watched_change(roots, str(ROOT / "theme" / "templates" / "base.html"))
    assert watched_change(roots, str(settings))
    assert not watched_change(roots, str(tmp_path / "elsewhere" / "base.html"))
    # the project's own settings name no folder outside it
    assert watched_roots(tmp_path / "content", "pelicanconf.py") == [
        tmp_path / "content", ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]


def test_a_settings_file_saved_by_renaming_over_it_is_seen_every_time(tmp_path):
    """Editors such as vim and gedit save by writing a new file and renaming it over the
    old one, which ends the system's watch on that file after the first save."""
    import threading

    from staff.preview import Preview

    write_files(tmp_path / "content", {"a.md": "x"})
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'A'\n", encoding="utf-8")
    preview = Preview(tmp_path / "content", tmp_path / "out")
    preview.roots = [tmp_path / "content", settings]
    seen = []

    def collect():
        for batch in preview.changes():
            seen.append({path for _, path in batch})

    watcher = threading.Thread(target=collect, daemon=True)
    watcher.start()
    try:
        for number in range(3):
            before = len(seen)

            # saved again until seen: the watcher may not have started yet
            def saved(number: int = number, before: int = before) -> bool:
                new = tmp_path / f".pelicanconf.py.{number}"
                new.write_text(f"SITENAME = 'B{number} {len(seen)}'\n", encoding="utf-8")
                os.replace(new, settings)
                return any(str(settings) in batch for batch in seen[before:])

            wait_for(saved, 30, f"save {number + 1} of the settings file seen")
    finally:
        preview.stop.set()
        watcher.join(timeout=10)


def test_the_open_page_of_a_renamed_post_folder_gives_its_new_address(preview):
    """Renaming the open post's folder changes its address: the open page reloaded to
    "This page does not exist (yet); it reloads by itself once it is built", which it
    never was; the writer had to guess the new address."""
    base, content, process, log = preview
    wait_for(lambda: state(base)["build"] >= 1 and state(base)["ok"], TIMEOUT, "the first build")
    built = state(base)["build"]
    folder = content / POST
    folder.rename(folder.with_name("di-thuc-te-mo-hinh"))
    new = "/tin-tuc/tin-hoat-dong/di-thuc-te-mo-hinh/"
    wait_for(lambda: (s := state(base))["build"] > built and not s["building"] and s["ok"]
             and "Học viên tham quan" in page(base, new), TIMEOUT, "the renamed post")
    status, _, body = fetch(f"{base}/{POST}/")
    text = body.decode("utf-8")
    assert status == 404 and "Bài đã chuyển địa chỉ / The post has moved" in text, text
    assert f'<a href="{new}">{new}</a>' in text
    # (a published post's old address may have been shared: Aliases: keeps it working)
    assert f"<code>Aliases: /{POST}/</code>" in text
    assert "/__preview__/reload.js" in text  # (it still follows the builds)
    assert f"post moved: /{POST}/ → {new} (" in log_text(log)
    assert f"add 'Aliases: /{POST}/'" in log_text(log)
    # Renamed back: the old address is the post's again.
    built = state(base)["build"]
    folder.with_name("di-thuc-te-mo-hinh").rename(folder)
    wait_for(lambda: (s := state(base))["build"] > built and not s["building"] and s["ok"]
             and "Học viên tham quan" in page(base, f"/{POST}/"), TIMEOUT, "the post at its old address")
    status, _, body = fetch(base + new)
    assert status == 404 and "Bài đã chuyển địa chỉ" in body.decode("utf-8")
    # A post deleted has no new address: the page says it does not exist.
    built = state(base)["build"]
    import shutil

    shutil.rmtree(folder)
    wait_for(lambda: (s := state(base))["build"] > built and not s["building"], TIMEOUT, "the build without it")
    status, _, body = fetch(f"{base}/{POST}/")
    assert status == 404 and "Bài đã chuyển" not in body.decode("utf-8")
    assert "Traceback" not in log_text(log)


def test_a_missing_date_is_said_once_on_the_open_page(preview):
    """Under a failed build's errors the page lists what else invoke check finds, each
    mistake once; a post without its Date: line was said twice, "missing 'Date:' at the
    top of the file" by the build and "missing date" by check (which gave no line)."""
    base, content, process, log = preview
    wait_for(lambda: state(base)["build"] >= 1 and state(base)["ok"], TIMEOUT, "the first build")
    source = content / POST / "index.vi.md"
    text = source.read_text(encoding="utf-8")
    assert "Date: 2018-09-14 09:00\n" in text
    source.write_text(text.replace("Date: 2018-09-14 09:00\n", "") + "\nXem [bài cũ](../bai-khong-co/).\n",
                      encoding="utf-8")
    failed = wait_for(lambda: not (s := state(base))["ok"] and s["check"] and s, TIMEOUT, "check after the build")
    assert any("thiếu dòng 'Date:'" in line for line in failed["errors"]), failed
    assert len(failed["check"]) == 1 and "bai-khong-co" in failed["check"][0], failed["check"]
