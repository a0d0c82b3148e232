"""Files to download (a form, a timetable) in a post's folder: published, linked, labelled."""

from __future__ import annotations

from urllib.request import urlopen

from conftest import build_site, post_files, section_files, serve_folder, write_files


def test_a_file_named_with_accents_and_spaces_is_linked_by_an_encoded_address(tmp_path):
    """Pelican wrote a published file's name into href as it is ("Mẫu đơn đăng ký.PDF",
    spaces and accents raw); the address is now percent-encoded, as the photos' are, and a
    web server serves the file under its own name from it. A link written percent-encoded
    (copied from an address bar) named no file: Pelican reads only "%20" in it."""
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02",
                                        "body": "Tải [mẫu đơn](Mẫu đơn đăng ký.PDF) và [lịch](lich hoc.xlsx); "
                                        "[mẫu đơn](M%E1%BA%ABu%20%C4%91%C6%A1n%20%C4%91%C4%83ng%20k%C3%BD.PDF) "
                                        "as a browser's address bar gives it."})
    files["tin-tuc/bai/Mẫu đơn đăng ký.PDF"] = b"%PDF-1.4 form"
    files["tin-tuc/bai/lich hoc.xlsx"] = b"PK timetable"
    site = build_site(tmp_path, files)
    hrefs = [a["href"] for a in site.html("tin-tuc/bai/index.html").select(".post__body a")]
    form = "/tin-tuc/bai/M%E1%BA%ABu%20%C4%91%C6%A1n%20%C4%91%C4%83ng%20k%C3%BD.PDF"
    assert hrefs == [form, "/tin-tuc/bai/lich%20hoc.xlsx", form]
    with serve_folder(site.output) as base:
        assert [urlopen(base + href).read() for href in hrefs] == [b"%PDF-1.4 form", b"PK timetable", b"%PDF-1.4 form"]


def labels(site, page: str) -> list[str]:
    """The labels after the links, their no-break spaces as plain ones."""
    return [a.find_next_sibling("small").get_text().replace("\xa0", " ")
            for a in site.html(page).select(".post__body a")]


def test_each_link_to_a_file_says_its_kind_and_size_in_the_pages_language(tmp_path):
    """A reader on a slow connection is told what a tap costs: "(PDF, 1,5 MB)" after the
    link, in the page's number format; the search index leaves the label out."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02",
                                        "body": "Tải [mẫu đơn](mau-don.pdf), [lịch](lich.xlsx) và [bài giảng](bai-giang.pptx)."},
                        {"Title": "Post", "Date": "2024-01-02", "body": "Get [the form](mau-don.pdf)."})
    files["tin-tuc/bai/mau-don.pdf"] = b"%PDF" + bytes(1_572_860)  # 1.5 MiB
    files["tin-tuc/bai/lich.xlsx"] = bytes(2_049)
    files["tin-tuc/bai/bai-giang.pptx"] = bytes(10)
    site = build_site(tmp_path, files)
    assert labels(site, "tin-tuc/bai/index.html") == ["(PDF, 1,5 MB)", "(Excel, 3 KB)", "(PowerPoint, 1 KB)"]
    assert labels(site, "en/tin-tuc/bai/index.html") == ["(PDF, 1.5 MB)"]
    smalls = site.html("tin-tuc/bai/index.html").select(".post__body small")
    assert all(small.has_attr("data-pagefind-ignore") and " " not in small.get_text() for small in smalls)
    entry = site.feed("atom.xml").entries[0]
    assert "(PDF,\xa01,5\xa0MB)" in entry.content[0].value


def test_a_link_to_a_file_named_in_other_capitals_is_refused_with_the_right_name(tmp_path):
    """Windows finds "Mau-Don.PDF" when asked for "mau-don.pdf"; the web server does not.
    The build (and check) name the file that is there."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02", "body": "Tải [mẫu đơn](mau-don.pdf)."})
    files["tin-tuc/bai/Mau-Don.PDF"] = b"%PDF-1.4 form"
    site = build_site(tmp_path / "build", files, expect_ok=False)
    said = "tin-tuc/bai/index.vi.md:4: liên kết tới 'mau-don.pdf': không có tệp này (có phải 'Mau-Don.PDF'?)"
    assert site.result.returncode == 1 and said in site.log and "Traceback" not in site.log, site.log
    write_files(tmp_path / "check" / "content", files)
    lines = check(tmp_path / "check" / "content", read_settings()).lines()
    assert any("index.vi.md:4:" in ln and "(có phải 'Mau-Don.PDF'?)" in ln for ln in lines), lines


def test_a_static_pages_file_is_published_beside_the_page(tmp_path):
    """As the page's photos are: /gioi-thieu/ho-so.pdf, not /pages/gioi-thieu/ho-so.pdf."""
    files = section_files("tin-tuc", "Tin tức") | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02"})
    files["pages/gioi-thieu/index.vi.md"] = "Title: Giới thiệu\n\nTải [hồ sơ](ho-so.pdf).\n"
    files["pages/gioi-thieu/index.en.md"] = "Title: About\n\nGet [our profile](ho-so.pdf).\n"
    files["pages/gioi-thieu/ho-so.pdf"] = b"%PDF-1.4 profile"
    site = build_site(tmp_path, files)
    for page in ("gioi-thieu/index.html", "en/gioi-thieu/index.html"):
        assert [a["href"] for a in site.html(page).select("main a[href$='.pdf']")] == ["/gioi-thieu/ho-so.pdf"]
    assert [f for f in site.files() if f.endswith(".pdf")] == ["gioi-thieu/ho-so.pdf"]
    assert site.path("gioi-thieu/ho-so.pdf").read_bytes() == b"%PDF-1.4 profile"
