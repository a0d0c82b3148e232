"""The seo tests' fixture site: photos, translations, a modified post, a long section,
static pages and a title written to break out of a script element."""

from __future__ import annotations

import io

from conftest import post_files, section_files

BASE = "http://localhost:8000"
HOSTILE_TITLE = "</script><script>alert(1)</script>"

PHOTO_POST = "tin-tuc/tin-hoat-dong/khai-giang/"
PLAIN_POST = "tin-tuc/tin-hoat-dong/chi-tieng-viet/"
HOSTILE_POST = "tin-tuc/thong-bao/tieu-de-la/"


def jpeg(size=(1600, 1200), colour=(40, 90, 160)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def seo_site() -> dict[str, str | bytes]:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động", "School news")
    files |= section_files("tin-tuc/thong-bao", "Thông báo", "Announcements")
    files |= post_files(PHOTO_POST.rstrip("/"),
                        {"Title": "Khai giảng lớp bồi dưỡng", "Date": "2024-09-11 08:00",
                         "Modified": "2024-09-20 17:45", "Author": "Ban CSPTHTX",
                         "Summary": "Ba lớp bồi dưỡng khai giảng.", "Tags": "khai giảng, bồi dưỡng",
                         "body": "Lễ khai giảng.\n\n![Toàn cảnh lớp học](lop-hoc.jpg)\n"},
                        {"Title": "Training classes open", "Date": "2024-09-11 08:00",
                         "Summary": "Three classes open.",
                         "body": "The opening.\n\n![The classroom](lop-hoc.jpg)\n"})
    files[PHOTO_POST + "lop-hoc.jpg"] = jpeg()
    files[PHOTO_POST + "thao-luan.jpg"] = jpeg((1200, 1600), (160, 90, 40))
    files |= post_files(PLAIN_POST.rstrip("/"), {"Title": "Tin chỉ có tiếng Việt", "Date": "2023-05-02"})
    files |= post_files(HOSTILE_POST.rstrip("/"), {"Title": HOSTILE_TITLE, "Date": "2023-06-01 10:00"})
    for n in range(3):
        files |= post_files(f"tin-tuc/thong-bao/thong-bao-{n}",
                            {"Title": f"Thông báo số {n}", "Date": f"2022-0{n + 1}-15"})
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu", "Order": "1"},
                        {"Title": "About us", "Order": "1"})
    files |= post_files("pages/lien-he", {"Title": "Liên hệ", "Order": "2"})
    return files
