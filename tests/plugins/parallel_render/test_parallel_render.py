"""Pages rendered by forked workers are the same bytes as pages rendered one by one."""

from __future__ import annotations

import os
import re
import shutil
import sys

import pytest
from conftest import ROOT, build_site, post_files, run_pelican, section_files, small_site


def many_posts(n: int = 80) -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/con", "Mục con", "Sub")
    for i in range(n):
        section = "tin-tuc/con" if i % 2 else "tin-tuc"
        en = {"Title": f"Post {i}", "Date": f"2020-01-{i % 28 + 1:02d} {i % 24:02d}:00"} if i % 3 == 0 else None
        files |= post_files(f"{section}/bai-{i:03d}",
                            {"Title": f"Bài “số” {i}", "Date": f"2020-01-{i % 28 + 1:02d} {i % 24:02d}:00"}, en)
    return files


def tree(site) -> dict[str, bytes]:
    return {p: site.path(p).read_bytes() for p in site.files()}


def test_parallel_and_serial_rendering_give_identical_sites(tmp_path):
    parallel = build_site(tmp_path / "a", many_posts(), verbose=True, PARALLEL_RENDER_WORKERS=2)
    serial = build_site(tmp_path / "b", many_posts(), verbose=True, PARALLEL_RENDER_WORKERS=1)
    assert "parallel_render: 136 pages by 2 workers" in parallel.log  # every page, in one round
    assert "workers" not in serial.log
    a, b = tree(parallel), tree(serial)
    assert len(a) > 120
    assert a == b


RENDER_LOG = '''
import os
from pelican import signals
from parallel_render.parallel_render import ParallelWriter

LOG = [os.devnull]
render = ParallelWriter._render

def logged(self, job):
    with open(LOG[0], "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {job.name}\\n")
    return render(self, job)

def initialized(pelican):
    LOG[0] = pelican.settings["RENDER_LOG"]
    with open(LOG[0], "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} (the build)\\n")

def register():
    ParallelWriter._render = logged
    signals.initialized.connect(initialized)
'''


def test_post_section_and_tag_pages_are_rendered_by_one_round_of_workers(tmp_path):
    """The pages of every generator are rendered together once the generators are done:
    the build forks its workers once, and the listing pages (too few to fork for on
    their own) are rendered by them too, not one by one in the build's process; a round
    of workers per generator made again, in each round, what the last one had made."""
    from pelican.settings import read_settings

    from conftest import write_files

    write_files(tmp_path / "extra", {"render_log/__init__.py": RENDER_LOG})
    log = tmp_path / "rendered.txt"
    files = many_posts()
    files["tin-tuc/bai-000/index.vi.md"] = files["tin-tuc/bai-000/index.vi.md"].replace(
        "Date:", "Tags: bồi dưỡng, hợp tác xã\nDate:")
    site = build_site(tmp_path, files, verbose=True, PARALLEL_RENDER_WORKERS=2, RENDER_LOG=str(log),
                      PLUGIN_PATHS=[str(ROOT / "plugins"), str(tmp_path / "extra")],
                      PLUGINS=["render_log"] + read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"])
    lines = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    build = next(pid for pid, name in lines if name == "(the build)")
    by = {name: pid for pid, name in lines if name != "(the build)"}
    assert by["tin-tuc/bai-000/index.html"] != build  # a post page
    assert by["tin-tuc/index.html"] != build  # a section's listing
    assert any(name.startswith("chu-de/") for name in by), sorted(by)  # a tag's page
    assert build not in by.values()
    assert len(set(by.values())) == 2
    assert len(re.findall(r"pages by 2 workers", site.log)) == 1
    assert "tin-tuc/bai-000/" in site.text("chu-de/hop-tac-xa/index.html")


def edited_theme(tmp_path, name: str, after: str, inserted: str):
    """A copy of the theme with ``inserted`` after the first ``after`` in template
    ``name``; the theme, the template and the line it is on."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / name
    text = template.read_text(encoding="utf-8")
    at = text.index(after) + len(after)
    template.write_text(text[:at] + inserted + text[at:], encoding="utf-8")
    return theme, template, text[:at].count("\n") + 1


def test_a_template_error_in_a_worker_fails_the_build(tmp_path):
    theme, _, _ = edited_theme(tmp_path, "article.html", "{% block content %}", "{{ article.no_such_thing.oops }}")
    site = build_site(tmp_path / "site", many_posts(), expect_ok=False, THEME=str(theme),
                      PARALLEL_RENDER_WORKERS=2)
    assert site.result.returncode != 0
    assert "no_such_thing" in site.log


MISTAKES = {
    # template, text it is put after, mistake, what the one line says
    "syntax": ("article.html", "{% block content %}", "{{ article.title | }}", "expected token 'name'"),
    "undefined": ("article.html", "{% block content %}", "{{ article.no_such_thing.oops }}",
                  "UndefinedError: 'pelican.contents.Article object' has no attribute 'no_such_thing'"),
    "extended": ("base.html", "<head>", "{% for %}", "Expected an expression"),
    "included": ("partials/only_in.html", "", '{% include "partials/not-there.html" %}',
                 "TemplateNotFound: partials/not-there.html"),
}


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_mistake_in_a_template_is_one_line_naming_its_file_and_line(tmp_path, mistake, workers):
    name, after, wrong, said = MISTAKES[mistake]
    theme, template, line = edited_theme(tmp_path, name, after, wrong)
    site = build_site(tmp_path / "site", many_posts(), expect_ok=False, THEME=str(theme),
                      PARALLEL_RENDER_WORKERS=workers)
    assert site.result.returncode != 0
    assert "Traceback" not in site.log
    found = [row for row in site.log.splitlines() if "template error" in row]
    assert len(found) == 1, site.log
    assert f"{template}:{line}: lỗi trong mẫu giao diện (theme) / template error: " in found[0]
    assert said in found[0]


def test_a_plugin_function_failing_in_a_template_keeps_its_traceback(tmp_path):
    """Only the template's own mistakes are one line: a bug in the code a template calls
    is the maintainer's to see whole."""
    theme, _, _ = edited_theme(tmp_path, "article.html", "{% block content %}", "{{ search_aliases(None) }}")
    site = build_site(tmp_path / "site", many_posts(), expect_ok=False, THEME=str(theme),
                      PARALLEL_RENDER_WORKERS=2)
    assert site.result.returncode != 0
    assert "Traceback" in site.log and "search.py" in site.log
    assert "template error" not in site.log


def test_pages_rendered_by_workers_are_reused_by_the_next_build(tmp_path):
    """The workers store the pages they render in the page cache; the next build links
    them all from there (their stamps are taken in the build's own process)."""
    site = build_site(tmp_path, many_posts(), verbose=True, PARALLEL_RENDER_WORKERS=2, SKIP_UNCHANGED=False)
    assert "parallel_render: 136 pages by 2 workers" in site.log
    again = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True,
                        PARALLEL_RENDER_WORKERS=2, SKIP_UNCHANGED=False)
    log = again.stdout + again.stderr
    assert again.returncode == 0, log
    assert re.search(r"parallel_render: 0 pages rendered,\s+\d+ reused", log), log


def site_with_function_setting(tmp_path):
    """A theme printing ``ky_hieu()``, and a function writing the settings file that
    defines it (returning ``mark``)."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</body>", "<p id='ky-hieu'>{{ ky_hieu() }}</p></body>", 1), encoding="utf-8")
    conf = tmp_path / "siteconf.py"

    def write_conf(mark: str) -> None:
        conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"THEME = {str(theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                        f"def ky_hieu():\n    return {mark!r}\n"
                        "JINJA_GLOBALS = {'ky_hieu': ky_hieu}\n", encoding="utf-8")

    return conf, write_conf


def test_a_function_changed_in_the_settings_file_renders_the_pages_again(tmp_path):
    """A setting that is a function counts by its name; its code by the settings file's
    bytes: pages cached with the old code are not reused."""
    conf, write_conf = site_with_function_setting(tmp_path)
    write_conf("mot")
    site = build_site(tmp_path / "site", many_posts(20), verbose=True, settings_file=str(conf),
                      SKIP_UNCHANGED=False)
    assert site.html("tin-tuc/bai-000/").select_one("#ky-hieu").text == "mot"
    write_conf("hai")
    # saved a while after the build (a save within the same second: the next test)
    later = conf.stat().st_mtime_ns + 2_000_000_000
    os.utime(conf, ns=(later, later))
    again = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True,
                        settings_file=str(conf), SKIP_UNCHANGED=False)
    assert again.returncode == 0, again.stdout + again.stderr
    assert site.html("tin-tuc/bai-000/").select_one("#ky-hieu").text == "hai"
    assert re.search(r"parallel_render: \d+ pages rendered,\s+0 reused", again.stdout + again.stderr)


def test_a_settings_file_saved_again_within_the_second_it_was_read_stops_the_build(tmp_path):
    """Python runs a settings file from its cached bytecode when the file's time, in
    whole seconds, and its size are the ones recorded: saved again within the second a
    build read it, at the same size, it would run as it was, while the caches take it
    for the new version. The build stops instead, with a line naming the file, and the
    next build runs the file as it is."""
    conf, write_conf = site_with_function_setting(tmp_path)
    write_conf("mot")
    site = build_site(tmp_path / "site", many_posts(4), verbose=True, settings_file=str(conf))
    cached = conf.parent / "__pycache__" / f"siteconf.{sys.implementation.cache_tag}.pyc"
    assert cached.exists()
    first = conf.stat()
    write_conf("hai")  # the same size; given the same time, as a save within that second
    os.utime(conf, ns=(first.st_atime_ns, first.st_mtime_ns))
    os.utime(cached, ns=(first.st_atime_ns, first.st_mtime_ns))
    before = tree(site)
    stopped = run_pelican(site.root / "content", site.output, site.root / "cache", settings_file=str(conf))
    log = stopped.stdout + stopped.stderr
    assert stopped.returncode == 1, log
    assert re.search(r"siteconf\.py: .*saved again within the second Python had read it.*build again",
                     " ".join(log.split())), log
    assert tree(site) == before  # the site built before is left as it was
    assert not cached.exists()
    again = run_pelican(site.root / "content", site.output, site.root / "cache", settings_file=str(conf))
    assert again.returncode == 0, again.stdout + again.stderr
    assert site.html("tin-tuc/bai-000/").select_one("#ky-hieu").text == "hai"


def test_settings_that_only_steer_the_build_reuse_every_page(tmp_path):
    site = build_site(tmp_path, many_posts(20), verbose=True)
    again = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True,
                        SKIP_UNCHANGED=False, PARALLEL_RENDER_WORKERS=1, PHOTOS_WORKERS=1,
                        SAFE_OUTPUT_REMOVE_OLD="background")
    log = again.stdout + again.stderr
    assert again.returncode == 0, log
    assert re.search(r"parallel_render: 0 pages rendered,\s+\d+ reused", log), log
    changed = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True,
                          SKIP_UNCHANGED=False, SECTIONS_PER_PAGE=3)
    assert re.search(r"parallel_render: \d+ pages rendered,\s+0 reused", changed.stdout + changed.stderr)


FREEZE_REPORT = '''
import atexit, gc, sys

def report():
    sys.stderr.write(f"frozen at exit: {gc.get_freeze_count()}\\n")

def register():
    atexit.register(report)  # (registered before parallel_render's: runs after it)
'''


def test_the_builds_objects_are_left_out_of_the_last_garbage_collection(tmp_path):
    """As the build ends, its objects are frozen (``gc.freeze``): Python's last
    collection would otherwise look through all of them as the process exits."""
    from pelican.settings import read_settings

    from conftest import write_files

    write_files(tmp_path / "extra", {"freeze_report/__init__.py": FREEZE_REPORT})
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    assert plugins[0] == "safe_output"
    # After safe_output, whose exit handler (the last of the plugins') ends the process
    # at once after a good build, before parallel_render.
    site = build_site(tmp_path, many_posts(3), PLUGIN_PATHS=[str(ROOT / "plugins"), str(tmp_path / "extra")],
                      PLUGINS=[plugins[0], "freeze_report", *plugins[1:]])
    frozen = re.search(r"frozen at exit: (\d+)", site.result.stderr)
    assert frozen, site.result.stderr
    assert int(frozen.group(1)) > 10_000  # the build's objects, not a handful


def jinja_log_probe(setting: str, patch: str) -> str:
    """The source of a plugin that appends ``<pid> <template name>`` to the file the
    setting ``setting`` names each time the Jinja call ``patch`` wraps is made (calling
    ``log(name)``), in every process of the build, the rendering workers too."""
    return (
        "import os\nimport jinja2\nfrom pelican import signals\n\n"
        "LOG = [os.devnull]\n\n"
        "def log(name):\n"
        "    with open(LOG[0], 'a', encoding='utf-8') as f:\n"
        "        f.write(f'{os.getpid()} {name}\\n')\n\n"
        "def initialized(pelican):\n"
        f"    LOG[0] = pelican.settings[{setting!r}]\n\n"
        "def register():\n"
        + "".join(f"    {line}\n" for line in patch.strip().splitlines())
        + "    signals.initialized.connect(initialized)\n"
    )


PARSE_LOG = jinja_log_probe("PARSE_LOG", '''
parse = jinja2.Environment._parse
def logged(self, source, name, filename):
    log(name)
    return parse(self, source, name, filename)
jinja2.Environment._parse = logged
''')

UPTODATE_LOG = jinja_log_probe("UPTODATE_LOG", '''
looked = jinja2.Template.is_up_to_date
jinja2.Template.is_up_to_date = property(lambda self: log(self.name) or looked.fget(self))
''')


def test_a_template_file_is_not_looked_at_again_each_time_a_page_includes_it(tmp_path):
    """The project's settings turn Jinja's ``auto_reload`` off: a build's environment is
    new, so a template it loaded need not be checked against its file again at every
    include (each post card, on every listing page), in the workers as in the build's
    own process; with it on, this build checks thousands of times."""
    from pelican.settings import read_settings

    from conftest import write_files

    write_files(tmp_path / "extra", {"uptodate_log/__init__.py": UPTODATE_LOG})
    log = tmp_path / "looked.txt"
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert settings["JINJA_ENVIRONMENT"]["auto_reload"] is False
    site = build_site(tmp_path, many_posts(), PLUGIN_PATHS=[str(ROOT / "plugins"), str(tmp_path / "extra")],
                      PLUGINS=["uptodate_log"] + settings["PLUGINS"], UPTODATE_LOG=str(log),
                      PARALLEL_RENDER_WORKERS=2)
    assert "bai-000" in site.text("tin-tuc/bai-000/")
    assert not log.exists() or log.read_text(encoding="utf-8") == ""


def test_templates_are_compiled_once_not_on_every_build(tmp_path):
    """A build after an edited post parses no template, in its own process or in the
    rendering workers: their compiled code and which of them show the newest posts are
    kept with the page cache. An edited template is parsed and shows."""
    from pelican.settings import read_settings

    from conftest import write_files

    write_files(tmp_path / "extra", {"parse_log/__init__.py": PARSE_LOG})
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    log = tmp_path / "parsed.txt"
    settings = {"PLUGIN_PATHS": [str(ROOT / "plugins"), str(tmp_path / "extra")],
                "PLUGINS": ["parse_log"] + read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"],
                "PARSE_LOG": str(log), "THEME": str(theme), "PARALLEL_RENDER_WORKERS": 2,
                "SKIP_UNCHANGED": False}
    site = build_site(tmp_path, many_posts(), verbose=True, **settings)
    first = log.read_text(encoding="utf-8").split("\n")
    assert any(line.endswith(" base.html") for line in first)
    assert len({line.split()[0] for line in first if line}) >= 2  # the workers' lines too

    post = site.root / "content" / "tin-tuc" / "bai-000" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    log.unlink()
    again = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True, **settings)
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"parallel_render: [1-9]\d* pages rendered", again.stdout + again.stderr)
    assert "Một đoạn mới." in site.text("tin-tuc/bai-000/")
    assert not log.exists() or log.read_text(encoding="utf-8") == ""

    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- sửa -->\n</body>"),
                    encoding="utf-8")
    edited = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True, **settings)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    assert " base.html" in log.read_text(encoding="utf-8")
    assert "<!-- sửa -->" in site.text("tin-tuc/bai-000/")


def test_a_new_page_is_kept_by_one_link_and_a_kept_one_is_replaced_whole(tmp_path, monkeypatch):
    """``PageCache.store``: a new key is the page itself, linked in one step (no
    temporary name and rename for each of the thousands of pages of a cold build); a key
    already kept is replaced under a temporary name, never left half written."""
    from types import SimpleNamespace

    from parallel_render.page_cache import PageCache

    folder = tmp_path / "pages"
    folder.mkdir()
    cache = SimpleNamespace(folder=folder, path=lambda key: folder / f"{key}.html")
    renames = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda *a: renames.append(a) or real_replace(*a))
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>mot</p>")
    PageCache.store(cache, "k1", str(page))
    assert renames == [] and (folder / "k1.html").stat().st_ino == page.stat().st_ino
    other = tmp_path / "other.html"
    other.write_bytes(b"<p>hai</p>")
    PageCache.store(cache, "k1", str(other))
    assert len(renames) == 1 and (folder / "k1.html").read_bytes() == b"<p>hai</p>"
    assert sorted(p.name for p in folder.iterdir()) == ["k1.html"]


@pytest.mark.parametrize("setting, value, expected", [
    ("PARALLEL_RENDER_WORKERS", "four", "expected a whole number of processes (0: one per core), but received: 'four'"),
    ("PARALLEL_RENDER_WORKERS", -1, "expected a whole number of processes (0: one per core), but received: -1"),
    ("PAGE_CACHE", "off", "expected True or False, but received: 'off'"),
    ("SKIP_UNCHANGED", "no", "expected True or False, but received: 'no'"),
])
def test_a_wrong_value_of_the_builds_own_settings_is_one_line(tmp_path, setting, value, expected):
    """"four" workers stopped the build late with a traceback; "off" and "no" were
    taken for on."""
    site = build_site(tmp_path, small_site(), expect_ok=False, **{setting: value})
    assert site.result.returncode != 0
    assert f"Setting '{setting}': {expected}" in site.log, site.log
    assert "Traceback" not in site.log
    assert not (tmp_path / "output").exists()
