"""The search tests' fixture site: words that tell the indexes apart."""

from __future__ import annotations

from conftest import post_files, section_files


def search_site() -> dict[str, str]:
    """Posts whose words tell the indexes apart: Vietnamese with diacritics, English, a
    sign-off and a static page that share the words but must not be found."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động", "School news")
    files |= section_files("tin-tuc/thong-bao", "Thông báo", "Announcements")
    files |= post_files("tin-tuc/tin-hoat-dong/khai-giang",
                        {"Title": "Khai giảng lớp bồi dưỡng cán bộ hợp tác xã", "Date": "2024-09-11 08:00",
                         "body": "Sáng nay Nhà trường khai giảng lớp bồi dưỡng cho 60 học viên."},
                        {"Title": "Course for cooperative managers opens", "Date": "2024-09-11 08:00",
                         "body": "The school opened a training course for 60 learners."})
    files |= post_files("tin-tuc/tin-hoat-dong/hoi-thao-ocop",
                        {"Title": "Hội thảo sản phẩm OCOP", "Date": "2024-10-02 14:00",
                         "body": "Hội thảo bàn về công tác đào tạo nghề cho nông dân Đông Triều."},
                        {"Title": "Workshop on OCOP products", "Date": "2024-10-02 14:00",
                         "body": "The workshop discussed vocational courses for farmers in Dong Trieu."})
    # Signed by the department whose name holds both phrases: a sign-off is not content.
    files |= post_files("tin-tuc/thong-bao/nghi-tet",
                        {"Title": "Lịch nghỉ Tết Nguyên đán", "Date": "2024-12-20",
                         "Author": "Phòng Đào tạo, bồi dưỡng",
                         "body": "Nhà trường nghỉ Tết từ ngày 25 tháng Chạp."})
    files |= post_files("pages/gioi-thieu",
                        {"Title": "Giới thiệu", "body": "Trường bồi dưỡng, đào tạo cán bộ hợp tác xã."},
                        {"Title": "About us", "body": "A training school for cooperative managers."})
    return files


#: Post pages, by the words that find them.
BOI_DUONG = ["/tin-tuc/tin-hoat-dong/khai-giang/"]
DAO_TAO = ["/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"]
POSTS = {"vi": ["/tin-tuc/tin-hoat-dong/khai-giang/", "/tin-tuc/tin-hoat-dong/hoi-thao-ocop/",
                "/tin-tuc/thong-bao/nghi-tet/"],
         "en": ["/en/tin-tuc/tin-hoat-dong/khai-giang/", "/en/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"]}

